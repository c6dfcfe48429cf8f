import { fromTag } from '../speakers.js';
import type { Sieve } from './sieve.js';

export const trigramTag: Sieve = {
  id: 'trigram-tag',
  summary: 'An attribution right after the closing mark: quote–verb–name, quote–name–verb, "according to".',
  examples: ["'The rota was never published,' said Harriet Quill.", "'We will appeal,' the ombudsman added.", "'Nothing changed,' according to Mr Voss."],
  find: ({ r, q }) => fromTag(r, q),
};
