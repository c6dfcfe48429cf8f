// What every rule module reads about one document: the original text, the same text with
// clutter blanked out (same length), a folded copy for matching, and its paragraphs.

import type { CompiledGazetteer } from './matcher.js';
import type { Span } from './types.js';

export interface DocContext {
  text: string;
  /** `text` with clutter replaced by spaces: offsets unchanged, clutter invisible */
  masked: string;
  /** `masked` folded (accents off, quotes straight), same length */
  folded: string;
  body: Span;
  paragraphs: Span[];
  gaz: CompiledGazetteer;
}

export const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

export const inside = (inner: Span, outer: Span): boolean => inner.start >= outer.start && inner.end <= outer.end;
