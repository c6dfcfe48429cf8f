// Paragraphs and sentence boundaries on the masked text (offsets are the document's).

import type { Span } from './types.js';

// Words whose trailing full stop does not end a sentence.
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'st', 'no', 'prof', 'rev', 'sgt', 'insp', 'supt', 'det', 'cllr', 'gen', 'col', 'lt', 'capt',
  'vs', 'etc', 'e.g', 'i.e', 'approx', 'inc', 'ltd', 'co', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept',
  'oct', 'nov', 'dec',
]);

/**
 * Paragraphs: one per non-blank line, except that a hard-wrapped line (no closing punctuation,
 * next line starting in lower case) is joined to the next.
 */
export function splitParagraphs(text: string, within: Span = { start: 0, end: text.length }): Span[] {
  const out: Span[] = [];
  let current: Span | null = null;
  let pos = within.start;
  while (pos < within.end) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0 || nl > within.end) nl = within.end;
    const raw = text.slice(pos, nl);
    const trimmed = raw.trim();
    if (!trimmed) {
      // a blank line always ends the paragraph
      if (current) out.push(current);
      current = null;
    } else {
      const lead = raw.length - raw.trimStart().length;
      const span = { start: pos + lead, end: pos + lead + trimmed.length };
      if (current && isHardWrapped(text, current, span)) current = { start: current.start, end: span.end };
      else {
        if (current) out.push(current);
        current = span;
      }
    }
    pos = nl + 1;
  }
  if (current) out.push(current);
  return out;
}

function isHardWrapped(text: string, prev: Span, next: Span): boolean {
  const last = text.charAt(prev.end - 1);
  if (/[.!?:;"”’'»)]/.test(last)) return false;
  return /\p{Ll}/u.test(text.charAt(next.start));
}

/** True when the full stop at `i` ends a sentence (not an abbreviation, initial or decimal). */
function isSentenceStop(text: string, i: number): boolean {
  const ch = text.charAt(i);
  if (ch === '!' || ch === '?') return true;
  if (ch !== '.') return false;
  if (/\d/.test(text.charAt(i + 1))) return false;
  const before = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, i - 12), i));
  const word = before?.[1] ?? '';
  if (word.length === 1 && /\p{Lu}/u.test(word)) return false; // an initial: "J. Smith"
  return !ABBREVIATIONS.has(word.toLowerCase());
}

/** Start of the sentence containing `pos`, not before `floor`. */
export function sentenceStart(text: string, pos: number, floor: number): number {
  for (let i = pos - 1; i >= floor; i--) {
    const ch = text.charAt(i);
    if (ch === '\n') return i + 1;
    if ((ch === '.' || ch === '!' || ch === '?') && /\s/.test(text.charAt(i + 1)) && isSentenceStop(text, i)) {
      return i + 1;
    }
  }
  return floor;
}

/** End of the sentence containing `pos` (after its stop and any closing quote), not past `ceil`. */
export function sentenceEnd(text: string, pos: number, ceil: number): number {
  for (let i = pos; i < ceil; i++) {
    const ch = text.charAt(i);
    if (ch === '\n') return i;
    if ((ch === '.' || ch === '!' || ch === '?') && isSentenceStop(text, i)) {
      let j = i + 1;
      while (j < ceil && /["”’')\]]/.test(text.charAt(j))) j++;
      if (j >= ceil || /\s/.test(text.charAt(j))) return j;
    }
  }
  return ceil;
}

/** Sentences of a span (a paragraph), as spans. */
export function splitSentences(text: string, span: Span): Span[] {
  const out: Span[] = [];
  let start = span.start;
  while (start < span.end) {
    while (start < span.end && /\s/.test(text.charAt(start))) start++;
    if (start >= span.end) break;
    const end = sentenceEnd(text, start, span.end);
    out.push({ start, end: Math.max(end, start + 1) });
    start = Math.max(end, start + 1);
  }
  return out;
}
