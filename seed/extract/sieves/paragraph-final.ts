import { fromPreviousParagraph } from '../speakers.js';
import type { Sieve } from './sieve.js';

export const paragraphFinal: Sieve = {
  id: 'paragraph-final',
  summary: 'A paragraph ending in a colon introduces the quote that opens the next paragraph.',
  examples: ["In her evidence to the committee, Inspector Jo Brannagh said:\n\n'The cells were full every weekend.'"],
  find: ({ r, q }) => (q.shape === 'block' || q.shape === 'tagged' ? fromPreviousParagraph(r, q) : null),
};
