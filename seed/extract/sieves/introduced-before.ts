import { introducedBefore } from '../speakers.js';
import type { Sieve } from './sieve.js';

export const introducedBeforeSieve: Sieve = {
  id: 'introduced-before',
  summary: 'A block paragraph after a paragraph whose subject speaks or is introduced (closest mention before).',
  examples: ["Tamsin Orr has run the helpline for a decade.\n\n'We hear the same story every week.'"],
  find: ({ r, q, prev }) => (q.shape === 'block' && !(prev && prev.paragraph === q.paragraph - 1) ? introducedBefore(r, q) : null),
};
