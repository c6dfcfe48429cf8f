// Writes seed/extract/sieves/calibration.json from the evaluation sets (tests/fixtures, invented
// documents): per sieve and per (sieve, resolver), how often it fired and how often it was right.
// Prints the threshold's trade-off curve, each set scored with a table built without it.
//   npx tsx scripts/calibrate-attribution.ts

import { writeFileSync } from 'node:fs';
import { atThreshold, atThresholdHeldOut, attributionRecords, buildTable } from '../seed/eval/attribution-accounting.js';
import { evaluationSets } from '../seed/eval/gold-sets.js';

const records = await attributionRecords(evaluationSets());
const table = buildTable(records);
writeFileSync('seed/extract/sieves/calibration.json', `${JSON.stringify(table, null, 2)}\n`);
console.log(`calibration.json: ${table.overall.fired} named attributions, ${table.overall.right} right`);
console.log('threshold | held-out wrong rate | held-out attribution | in-sample wrong rate | in-sample attribution');
for (const t of [0, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.92, 0.95]) {
  const h = atThresholdHeldOut(records, t);
  const i = atThreshold(records, t, table);
  console.log(`${t.toFixed(2)} | ${h.wrong}/${h.named} (${h.wrongRate.toFixed(3)}) | ${h.attribution.toFixed(3)} | ${i.wrong}/${i.named} (${i.wrongRate.toFixed(3)}) | ${i.attribution.toFixed(3)}`);
}
