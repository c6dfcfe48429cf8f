// Confidence of an attribution, read from the calibration table (./calibration.json, written by
// `npx tsx scripts/calibrate-attribution.ts` from eval accounting on the invented sets): for the
// pair (sieve, resolver) that decided, the share of its firings that named the right speaker,
// smoothed towards the sieve's own share. Below SPEAKER_THRESHOLD the speaker is withheld.

import table from './calibration.json' with { type: 'json' };

/**
 * THE threshold, the one place it is set: an attribution whose confidence is below it names no
 * speaker; its name goes to `candidates` instead. Chosen from the trade-off curve that the
 * calibration script prints (leave-one-set-out): see docs/attribution-confidence.md.
 */
export const SPEAKER_THRESHOLD = 0.8;

interface Row {
  fired: number;
  right: number;
}
export interface CalibrationTable {
  overall: Row;
  sieves: Record<string, Row>;
  pairs: Record<string, Row>;
}
const TABLE: CalibrationTable = table;
/** pseudo-counts pulling a rarely seen pair towards its sieve's rate, and a sieve towards the overall rate */
const PRIOR = 4;

export const pairKey = (sieve: string | null, resolvedBy: string | null | undefined): string => `${sieve ?? 'none'}/${resolvedBy ?? 'none'}`;

export function confidenceOf(sieve: string | null, resolvedBy: string | null | undefined, t: CalibrationTable = TABLE): number {
  const overall = t.overall.fired ? t.overall.right / t.overall.fired : 0.5;
  const s = t.sieves[sieve ?? 'none'];
  const sieveRate = s ? (s.right + PRIOR * overall) / (s.fired + PRIOR) : overall;
  const p = t.pairs[pairKey(sieve, resolvedBy ?? undefined)];
  const rate = p ? (p.right + PRIOR * sieveRate) / (p.fired + PRIOR) : sieveRate;
  return Math.round(rate * 1000) / 1000;
}
