import type { AttributionEvidence } from '../port.js';

// How a quote came by its speaker in one document, read back from the SAID and QUOTED_IN
// relationships the same way on every store: the columns below are what each adapter selects.
// A quote a curator marked unattributed has no SAID; its QUOTED_IN carries the curator's word.

/** The columns, as `said` (the SAID relationship, may be null) and `qi` (QUOTED_IN) name them. */
export const ATTRIBUTION_COLUMNS = [
  'coalesce(said.confidence, qi.confidence) AS aConfidence', 'said.sieve AS aSieve', 'coalesce(said.resolvedBy, qi.resolvedBy) AS aResolvedBy',
  'said.cueStart AS aCueStart', 'said.cueEnd AS aCueEnd', 'said.startOffset AS aMentionStart', 'said.endOffset AS aMentionEnd',
  'qi.candidates AS aCandidates', 'qi.candidateScores AS aCandidateScores',
].join(', ');

/** A plain number, a bigint or a Neo4j Integer (which has toNumber) as a number. */
const asNumber = (v: unknown): number => (typeof v === 'object' && v !== null && 'toNumber' in v ? (v as { toNumber(): number }).toNumber() : Number(v));
const numberOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : asNumber(v));
const span = (start: unknown, end: unknown) => {
  const s = numberOrNull(start), e = numberOrNull(end);
  return s === null || e === null ? null : { start: s, end: e };
};

export function attributionOf(row: Record<string, unknown>): AttributionEvidence {
  const names = Array.isArray(row.aCandidates) ? (row.aCandidates as unknown[]).map(String) : [];
  const scores = Array.isArray(row.aCandidateScores) ? (row.aCandidateScores as unknown[]).map(asNumber) : [];
  return {
    confidence: numberOrNull(row.aConfidence),
    sieve: (row.aSieve as string | null) ?? null,
    resolvedBy: (row.aResolvedBy as string | null) ?? null,
    cue: span(row.aCueStart, row.aCueEnd),
    mention: span(row.aMentionStart, row.aMentionEnd),
    candidates: names.map((name, i) => ({ name, score: (scores[i] ?? 0) / 100 })),
  };
}
