import { fromPartial } from '../speakers.js';
import type { Sieve } from './sieve.js';

export const partialSubject: Sieve = {
  id: 'partial-subject',
  summary: "A phrase quoted inside a sentence belongs to the sentence's subject before its verb of saying.",
  examples: ["Dr Okafor described the backlog as 'a slow-motion collapse' of the unit."],
  find: ({ r, q }) => fromPartial(r, q),
};
