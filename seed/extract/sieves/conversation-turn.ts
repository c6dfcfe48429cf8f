import type { Sieve } from './sieve.js';

export const conversationTurn: Sieve = {
  id: 'continuation',
  summary: 'A later quote of the same paragraph, or a block opening the next one, goes on with the speaker before.',
  examples: ["'It was late,' said Mira Haddon. 'Nobody answered the phone.'", "Ms Haddon said: 'We waited.' [next paragraph] 'Then we went home.'"],
  find: ({ q, prev, prevA }) => {
    if (!prev || !prevA?.speaker) return null;
    const standsAlone = q.shape === 'block' || q.shape === 'lead';
    return prev.paragraph === q.paragraph || (standsAlone && prev.paragraph === q.paragraph - 1) ? { ...prevA, speakerSpan: prevA.speakerSpan } : null;
  },
};
