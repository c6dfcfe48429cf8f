import { subjectOf } from '../speakers.js';
import type { Sieve } from './sieve.js';

export const narratedSubject: Sieve = {
  id: 'narrated-subject',
  summary: "A block quote after narration in its paragraph belongs to the person the narration is about.",
  examples: ["Asked again, Wendell Prior shrugs. 'I told them twice and nobody wrote it down.'"],
  find: ({ r, q, prev }) => {
    const paragraph = r.ctx.paragraphs[q.paragraph];
    if (q.shape !== 'block' || !paragraph) return null;
    if (r.ctx.masked.slice(paragraph.start, q.open).trim() === '' || (prev && prev.paragraph === q.paragraph)) return null;
    return subjectOf(r, { start: paragraph.start, end: q.open });
  },
};
