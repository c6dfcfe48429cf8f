// Text helpers that never change string length, so that every offset found on a derived
// string is an offset into the original document.

import type { Span } from './types.js';

const foldCache = new Map<string, string>();

/** One character folded: accents dropped, curly quotes and odd spaces made plain. */
function foldChar(ch: string): string {
  const cached = foldCache.get(ch);
  if (cached !== undefined) return cached;
  let out = ch;
  if (/[‘’‚‛′`´]/.test(ch)) out = "'";
  else if (/[“”„‟″]/.test(ch)) out = '"';
  else if (/[\u00a0\u2000-\u200b\u202f\u205f\u3000]/.test(ch)) out = ' ';
  else {
    const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    // only a one-unit base keeps the length (ß, æ, ligatures stay as they are)
    if (base.length === 1) out = base;
  }
  foldCache.set(ch, out);
  return out;
}

/** Same length as `text`: accents removed, quotes/apostrophes straightened, nbsp → space. */
export function foldPreservingLength(text: string): string {
  return text.replace(/[^\x00-\x7f]/g, foldChar);
}

/** Folding for comparing names: accents, case, apostrophes and spacing ignored. */
export function foldName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[‘’‚‛′`´]/g, "'")
    .toLowerCase()
    .replace(/[^a-z0-9'& ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Blank out spans (keeping newlines) so later rules cannot see them but offsets hold. */
export function maskSpans(text: string, spans: readonly Span[]): string {
  if (spans.length === 0) return text;
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  for (const s of sorted) {
    if (s.start > pos) out += text.slice(pos, s.start);
    const from = Math.max(pos, s.start);
    if (s.end > from) out += text.slice(from, s.end).replace(/[^\n]/g, ' ');
    pos = Math.max(pos, s.end);
  }
  return out + text.slice(pos);
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Levenshtein distance with an early exit once `max` is exceeded. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length] ?? max + 1;
}

/** Words, a hyphenated compound ("officer-facing", "tick-box") counting as one. */
export function wordCount(s: string): number {
  const m = s.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+|-[\p{L}\p{N}]+)*/gu);
  return m ? m.length : 0;
}

export function isUpperInitial(s: string): boolean {
  const c = s.charAt(0);
  return c !== c.toLowerCase() && c === c.toUpperCase();
}
