import { describe, expect, it } from 'vitest';
import { sentenceEnd, sentenceStart, splitParagraphs, splitSentences } from '../../../seed/extract/sentences.js';

describe('sentences', () => {
  it('gives one paragraph per line and joins hard-wrapped lines', () => {
    const text = 'First line ends here.\nSecond line starts and\ncontinues on the next line.\n\nThird.';
    const paras = splitParagraphs(text).map((s) => text.slice(s.start, s.end));
    expect(paras).toEqual(['First line ends here.', 'Second line starts and\ncontinues on the next line.', 'Third.']);
  });

  it('does not end a sentence at Mr, Dr or an initial', () => {
    const text = 'Mr. Jones met Dr. Khan and J. Smith today. They talked.';
    const s = splitSentences(text, { start: 0, end: text.length }).map((x) => text.slice(x.start, x.end));
    expect(s).toEqual(['Mr. Jones met Dr. Khan and J. Smith today.', 'They talked.']);
  });

  it('finds the sentence around a position, closing quote included', () => {
    const text = 'One. He said “Two.” Three.';
    const pos = text.indexOf('Two');
    expect(text.slice(sentenceStart(text, pos, 0), sentenceEnd(text, pos, text.length))).toBe(' He said “Two.”');
  });
});
