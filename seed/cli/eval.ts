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
import { parseArgs } from 'node:util';
import { attributionRecords, bySieveLines, calibrationLines } from '../eval/attribution-accounting.js';
import { DEVELOPMENT_SET, evaluateSet, evaluationSets, isHeldOut, loadGold, realSets, type GoldSet } from '../eval/gold-sets.js';
import { docLine, score, summaryLines, type ScoreResult, wrongSpeakerLine } from '../eval/score.js';
import type { ExtractionContract } from '../extract/index.js';
import { type CalibrationTable, SPEAKER_THRESHOLD } from '../extract/sieves/confidence.js';
import calibration from '../extract/sieves/calibration.json' with { type: 'json' };

const USAGE = 'usage: npm run eval -- [--gold DIR --docs DIR] [--per-doc] [--json] [--out PRED.json] [--calibration] [--by-sieve]';

function options(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      gold: { type: 'string' }, docs: { type: 'string' }, out: { type: 'string' },
      'per-doc': { type: 'boolean' }, json: { type: 'boolean' }, calibration: { type: 'boolean' }, 'by-sieve': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
}

function printText(name: string, result: ScoreResult, perDoc: boolean): void {
  console.log(`# ${name}`);
  console.log(wrongSpeakerLine(result.summary));
  if (perDoc) for (const d of result.docs) console.log(docLine(d));
  if (result.totals.missingDocs) console.log(`documents with no prediction: ${result.totals.missingDocs}`);
  for (const line of summaryLines(result.summary)) console.log(line);
}

async function runEval(argv: string[]): Promise<number> {
  let opts: ReturnType<typeof options>;
  try {
    opts = options(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (opts.help) {
    console.log(USAGE);
    return 0;
  }
  if (opts.docs && !opts.gold) {
    console.error(`--docs needs --gold\n${USAGE}`);
    return 2;
  }
  const goldDir = opts.gold;
  const out = opts.out;
  const perDoc = opts['per-doc'] === true;
  const asJson = opts.json === true;
  const evaluation = evaluationSets();
  const real = realSets();
  const sets: GoldSet[] = goldDir ? [{ name: goldDir, gold: goldDir, docs: opts.docs ?? goldDir }] : [DEVELOPMENT_SET, ...evaluation, ...real];
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
  if (opts.calibration || opts['by-sieve']) {
    // accounting before the threshold: every speaker the sieves named, right or wrong
    const records = await attributionRecords(goldDir ? sets : [...evaluation, ...real.filter((s) => !isHeldOut(s))]);
    if (opts.calibration) {
      console.log(`\n# calibration (threshold ${SPEAKER_THRESHOLD}: below it the speaker is withheld)`);
      for (const line of calibrationLines(records, calibration as CalibrationTable)) console.log(line);
    }
    if (opts['by-sieve']) {
      console.log('\n# by sieve (before the threshold)');
      for (const line of bySieveLines(records)) console.log(line);
    }
  }
  return 0;
}

process.exitCode = await runEval(process.argv.slice(2));
