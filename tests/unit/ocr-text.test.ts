import { describe, expect, it } from 'vitest';
import { correctOcrLine } from '../../seed/ingest/ocr.js';

describe('OCR text corrections', () => {
  it('reads a bar before a lower-case word or a contraction as the pronoun I', () => {
    expect(correctOcrLine('promise, and | will publish what | find.')).toBe('promise, and I will publish what I find.');
    expect(correctOcrLine('| have asked the chief constable, and |’m told |\'ll hear by May.')).toBe('I have asked the chief constable, and I’m told I\'ll hear by May.');
  });

  it('leaves a bar between capitals or figures: a menu or a table row', () => {
    expect(correctOcrLine('Home | News | Policing')).toBe('Home | News | Policing');
    expect(correctOcrLine('Northmoor | 41 | 52')).toBe('Northmoor | 41 | 52');
    expect(correctOcrLine('a||b and x|y')).toBe('a||b and x|y');
  });
});
