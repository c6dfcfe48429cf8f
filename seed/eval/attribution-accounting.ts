// Per-quote accounting of the attribution sieves on the evaluation sets: for every matched quote
// to which the sieves gave a speaker (before any threshold), which sieve and resolver decided it,
// whether it was right, and where it came from. The calibration table, the by-sieve table and the
// threshold's trade-off curve are all read from these records.

import { type CalibrationTable, confidenceOf, pairKey } from '../extract/sieves/confidence.js';
import type { ExtractionContract } from '../extract/index.js';
import { type GoldSet, loadGold, predictSet } from './gold-sets.js';
import { norm, quoteOutcomes } from './score.js';

export interface AttributionRecord {
  set: string;
  doc: string;
  sieve: string | null;
  resolvedBy: string | null;
  /** the sieves named a speaker (before the threshold) */
  named: boolean;
  ok: boolean;
  /** the gold speaker is null or "unknown": withholding the speaker is right */
  goldUnnamed: boolean;
}

const setLabel = (s: GoldSet) => s.gold.split(/[\\/]/).slice(-2, -1)[0] ?? s.name;

export async function attributionRecords(sets: GoldSet[]): Promise<AttributionRecord[]> {
  const out: AttributionRecord[] = [];
  for (const set of sets) {
    const golds = loadGold(set.gold);
    const preds: ExtractionContract[] = await predictSet(set, golds, undefined, 0);
    const byDoc = new Map(preds.map((p) => [p.doc, p]));
    for (const g of golds) {
      const p = byDoc.get(g.doc);
      if (!p) continue;
      const pq = p.quotes.filter((q) => q?.text);
      for (const o of quoteOutcomes(g, p)) {
        const q = pq[o.pred]!;
        const gs = g.quotes?.[o.gold]?.speaker;
        out.push({ set: setLabel(set), doc: g.doc, sieve: q.evidence.sieve, resolvedBy: q.evidence.resolvedBy, named: o.named, ok: o.ok, goldUnnamed: !gs || norm(gs) === 'unknown' });
      }
    }
  }
  return out;
}

export function buildTable(records: AttributionRecord[]): CalibrationTable {
  const t: CalibrationTable = { overall: { fired: 0, right: 0 }, sieves: {}, pairs: {} };
  for (const r of records.filter((x) => x.named)) {
    const add = (row: { fired: number; right: number }) => {
      row.fired++;
      if (r.ok) row.right++;
    };
    add(t.overall);
    const sk = r.sieve ?? 'none';
    const pk = pairKey(r.sieve, r.resolvedBy);
    t.sieves[sk] = t.sieves[sk] ?? { fired: 0, right: 0 };
    t.pairs[pk] = t.pairs[pk] ?? { fired: 0, right: 0 };
    add(t.sieves[sk]);
    add(t.pairs[pk]);
  }
  return t;
}

/** Wrong-speaker rate and attribution when speakers below `threshold` are withheld, confidence from `table`. */
export function atThreshold(records: AttributionRecord[], threshold: number, table: CalibrationTable) {
  let named = 0;
  let wrong = 0;
  let right = 0;
  for (const r of records) {
    if (!r.named) {
      if (r.ok) right++;
      continue;
    }
    if (confidenceOf(r.sieve, r.resolvedBy, table) >= threshold) {
      named++;
      if (r.ok) right++;
      else wrong++;
    } else if (r.goldUnnamed) right++;
  }
  return { named, wrong, wrongRate: named ? wrong / named : 0, attribution: records.length ? right / records.length : 0 };
}

/** The same, each set scored with a table built from the other sets only (leave one set out). */
export function atThresholdHeldOut(records: AttributionRecord[], threshold: number) {
  const sets = [...new Set(records.map((r) => r.set))];
  let named = 0;
  let wrong = 0;
  let right = 0;
  for (const s of sets) {
    const table = buildTable(records.filter((r) => r.set !== s));
    const x = atThreshold(
      records.filter((r) => r.set === s),
      threshold,
      table,
    );
    named += x.named;
    wrong += x.wrong;
    right += x.attribution * records.filter((r) => r.set === s).length;
  }
  return { named, wrong, wrongRate: named ? wrong / named : 0, attribution: records.length ? right / records.length : 0 };
}

/** Predicted confidence against observed accuracy, in bins; `heldOut` scores each set with a table built without it. */
export function calibrationLines(records: AttributionRecord[], table: CalibrationTable): string[] {
  const named = records.filter((r) => r.named);
  const sets = [...new Set(named.map((r) => r.set))];
  const heldTables = new Map(sets.map((s) => [s, buildTable(records.filter((r) => r.set !== s))]));
  const edges = [0, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 1.0001];
  const lines = ['confidence bin | quotes | mean predicted | observed right | held-out: quotes | mean predicted | observed right'];
  for (let b = 0; b < edges.length - 1; b++) {
    const lo = edges[b]!;
    const hi = edges[b + 1]!;
    const cell = (conf: (r: AttributionRecord) => number) => {
      const inBin = named.filter((r) => conf(r) >= lo && conf(r) < hi);
      if (!inBin.length) return '0 | - | -';
      const mean = inBin.reduce((a, r) => a + conf(r), 0) / inBin.length;
      return `${inBin.length} | ${mean.toFixed(3)} | ${(inBin.filter((r) => r.ok).length / inBin.length).toFixed(3)}`;
    };
    lines.push(`[${lo.toFixed(2)}, ${Math.min(hi, 1).toFixed(2)}${hi > 1 ? ']' : ')'} | ${cell((r) => confidenceOf(r.sieve, r.resolvedBy, table))} | ${cell((r) => confidenceOf(r.sieve, r.resolvedBy, heldTables.get(r.set)!))}`);
  }
  return lines;
}

/** Per sieve and per resolver: fired, right, wrong, documents, sources; flags a rule whose right firings all come from one document. */
export function bySieveLines(records: AttributionRecord[]): string[] {
  const named = records.filter((r) => r.named);
  const lines: string[] = [];
  for (const [label, keyOf] of [
    ['sieve', (r: AttributionRecord) => r.sieve ?? 'none'],
    ['resolver', (r: AttributionRecord) => r.resolvedBy ?? 'none'],
    ['sieve/resolver', (r: AttributionRecord) => pairKey(r.sieve, r.resolvedBy)],
  ] as const) {
    lines.push('', `${label} | fired | right | wrong | documents | sources (set folders) | flag`);
    const keys = [...new Set(named.map(keyOf))].sort();
    for (const k of keys) {
      const rs = named.filter((r) => keyOf(r) === k);
      const right = rs.filter((r) => r.ok);
      const docs = new Set(rs.map((r) => `${r.set}/${r.doc}`));
      const sources = new Set(rs.map((r) => r.set));
      const rightDocs = new Set(right.map((r) => `${r.set}/${r.doc}`));
      const rightSets = new Set(right.map((r) => r.set));
      const flags = [
        rightDocs.size === 1 ? 'right firings from one document' : '',
        right.length > 0 && rightSets.size < 2 ? 'right in one set only' : '',
        rs.length - right.length >= right.length ? 'wrong as often as right' : '',
      ].filter(Boolean);
      lines.push(`${k} | ${rs.length} | ${right.length} | ${rs.length - right.length} | ${docs.size} | ${sources.size} | ${flags.join('; ')}`);
    }
  }
  return lines;
}
