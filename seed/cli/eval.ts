// `npm run eval`: runs the extraction on the documents of a gold set and scores it with the
// port of the reference scorer, printing the same per-document lines, JSON line and summary
// line as shared/corpus/score.mjs. With no --gold it scores the development set and every
// evaluation set under tests/fixtures/, each reported separately, then all of them together.
//
//   npm run eval -- [--gold DIR --docs DIR] [--per-doc] [--json] [--out PRED.json]
//   --json  one JSON object per set (summary and per-document counts) instead of text
//   --out   also write the predictions (the contract array) for score.mjs to check
//   --calibration  the confidence calibration table (predicted against observed, by bin)
//   --by-sieve     per sieve and resolver: fired, right, wrong, documents, sources, flags

import { writeFileSync } from 'node:fs';
import { attributionRecords, bySieveLines, calibrationLines } from '../eval/attribution-accounting.js';
import { DEVELOPMENT_SET, evaluateSet, evaluationSets, isHeldOut, loadGold, realSets, type GoldSet } from '../eval/gold-sets.js';
import { docLine, score, summaryLines, type ScoreResult, wrongSpeakerLine } from '../eval/score.js';
import type { ExtractionContract } from '../extract/index.js';
import { type CalibrationTable, SPEAKER_THRESHOLD } from '../extract/sieves/confidence.js';
import calibration from '../extract/sieves/calibration.json' with { type: 'json' };

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

function printText(name: string, result: ScoreResult, perDoc: boolean): void {
  console.log(`# ${name}`);
  console.log(wrongSpeakerLine(result.summary));
  if (perDoc) for (const d of result.docs) console.log(docLine(d));
  if (result.totals.missingDocs) console.log(`documents with no prediction: ${result.totals.missingDocs}`);
  for (const line of summaryLines(result.summary)) console.log(line);
}

async function runEval(argv: string[]): Promise<number> {
  const goldDir = option(argv, '--gold');
  const out = option(argv, '--out');
  const perDoc = argv.includes('--per-doc');
  const asJson = argv.includes('--json');
  const evaluation = evaluationSets();
  const real = realSets();
  const sets: GoldSet[] = goldDir ? [{ name: goldDir, gold: goldDir, docs: option(argv, '--docs') ?? goldDir }] : [DEVELOPMENT_SET, ...evaluation, ...real];
  const allPreds: ExtractionContract[] = [];
  const predsOf = new Map<GoldSet, ExtractionContract[]>();
  for (const [i, set] of sets.entries()) {
    const { result, preds } = await evaluateSet(set);
    allPreds.push(...preds);
    predsOf.set(set, preds);
    if (asJson) console.log(JSON.stringify({ set: set.name, summary: result.summary, totals: result.totals, docs: result.docs }));
    else {
      if (i > 0) console.log('');
      printText(set.name, result, perDoc);
    }
  }
  const together = (name: string, group: GoldSet[]) => {
    if (group.length < 2) return;
    const all = score(group.flatMap((s) => loadGold(s.gold)), group.flatMap((s) => predsOf.get(s) ?? []));
    if (asJson) console.log(JSON.stringify({ set: name, summary: all.summary, totals: all.totals }));
    else {
      console.log('');
      printText(name, all, false);
    }
  };
  if (!goldDir) {
    together('invented evaluation sets together', evaluation);
    together('real documents together', real);
    together('real documents, held-out part', real.filter(isHeldOut));
  }
  if (out) writeFileSync(out, `${JSON.stringify(allPreds, null, 2)}\n`);
  if (argv.includes('--calibration') || argv.includes('--by-sieve')) {
    // accounting before the threshold: every speaker the sieves named, right or wrong
    const records = await attributionRecords(goldDir ? sets : [...evaluation, ...real.filter((s) => !isHeldOut(s))]);
    if (argv.includes('--calibration')) {
      console.log(`\n# calibration (threshold ${SPEAKER_THRESHOLD}: below it the speaker is withheld)`);
      for (const line of calibrationLines(records, calibration as CalibrationTable)) console.log(line);
    }
    if (argv.includes('--by-sieve')) {
      console.log('\n# by sieve (before the threshold)');
      for (const line of bySieveLines(records)) console.log(line);
    }
  }
  return 0;
}

process.exitCode = await runEval(process.argv.slice(2));
