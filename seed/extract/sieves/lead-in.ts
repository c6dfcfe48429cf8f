import { fromLeadIn } from '../speakers.js';
import type { Sieve } from './sieve.js';

export const leadIn: Sieve = {
  id: 'lead-in',
  summary: 'A quote opened by its speaker and a colon or verb: name–verb–quote ("Ms Tarn said: …").',
  examples: ["Councillor Pym Ardley told the panel: 'The figures do not add up.'", "The trust wrote: 'We accept every finding.'"],
  find: ({ r, q }) => fromLeadIn(r, q),
};
