// `npm run eval`: runs the extraction on the documents of a gold set and scores it with the
// port of the reference scorer, printing the same per-document lines, JSON line and summary
// line as shared/corpus/score.mjs. With no --gold it scores the development set and, when it
// exists, the held-out news set (tests/fixtures/news), each reported separately.
//
//   npm run eval -- [--gold DIR --docs DIR] [--per-doc] [--json] [--out PRED.json]
//   --json  one JSON object per set (summary and per-document counts) instead of text
//   --out   also write the predictions (the contract array) for score.mjs to check

import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadGazetteer } from '../gazetteer/index.js';
import { type ScoreResult, docLine, type GoldDoc, score, summaryLines } from '../eval/score.js';
import { extractDocument, toContract, type ExtractionContract } from '../extract/index.js';
import { readDocumentText } from './read.js';

interface GoldSet {
  name: string;
  gold: string;
  docs: string;
}

const DEV: GoldSet = { name: 'development (seed/corpus)', gold: 'seed/corpus/gold', docs: 'seed/corpus/docs' };
const HELD_OUT_DIR = 'tests/fixtures/news';

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** A set's folder may hold gold/ and docs/ side by side, or gold JSON next to the documents. */
function heldOutSet(): GoldSet | null {
  if (!existsSync(HELD_OUT_DIR) || !statSync(HELD_OUT_DIR).isDirectory()) return null;
  const gold = existsSync(join(HELD_OUT_DIR, 'gold')) ? join(HELD_OUT_DIR, 'gold') : HELD_OUT_DIR;
  const docs = existsSync(join(HELD_OUT_DIR, 'docs')) ? join(HELD_OUT_DIR, 'docs') : HELD_OUT_DIR;
  const hasGold = readdirSync(gold).some((f) => f.endsWith('.json'));
  return hasGold ? { name: `held-out (${HELD_OUT_DIR})`, gold, docs } : null;
}

export function loadGold(dir: string): GoldDoc[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as GoldDoc);
}

/** Extraction for every document a gold set names; unreadable ones are reported and left out. */
export function predictSet(set: GoldSet, golds: GoldDoc[]): ExtractionContract[] {
  const gazetteer = loadGazetteer();
  const preds: ExtractionContract[] = [];
  for (const g of golds) {
    const path = join(set.docs, g.doc);
    try {
      preds.push(toContract(extractDocument(readDocumentText(path), { docName: g.doc, gazetteer })));
    } catch (error) {
      console.error(`${path}: skipped: ${(error as Error).message}`);
    }
  }
  return preds;
}

export function evaluateSet(set: GoldSet): { result: ScoreResult; preds: ExtractionContract[] } {
  const golds = loadGold(set.gold);
  const preds = predictSet(set, golds);
  return { result: score(golds, preds), preds };
}

function printText(set: GoldSet, result: ScoreResult, perDoc: boolean, labelled: boolean): void {
  if (labelled) console.log(`# ${set.name}`);
  if (perDoc) for (const d of result.docs) console.log(docLine(d));
  if (result.totals.missingDocs) console.log(`documents with no prediction: ${result.totals.missingDocs}`);
  for (const line of summaryLines(result.summary)) console.log(line);
}

export function runEval(argv: string[]): number {
  const goldDir = option(argv, '--gold');
  const docsDir = option(argv, '--docs');
  const out = option(argv, '--out');
  const perDoc = argv.includes('--per-doc');
  const asJson = argv.includes('--json');
  const sets: GoldSet[] = goldDir
    ? [{ name: goldDir, gold: goldDir, docs: docsDir ?? goldDir }]
    : [DEV, ...[heldOutSet()].filter((s): s is GoldSet => s !== null)];
  const allPreds: ExtractionContract[] = [];
  sets.forEach((set, i) => {
    const { result, preds } = evaluateSet(set);
    allPreds.push(...preds);
    if (asJson) console.log(JSON.stringify({ set: set.name, summary: result.summary, totals: result.totals, docs: result.docs }));
    else {
      if (i > 0) console.log('');
      printText(set, result, perDoc, sets.length > 1);
    }
  });
  if (out) writeFileSync(out, `${JSON.stringify(allPreds, null, 2)}\n`);
  return 0;
}

process.exitCode = runEval(process.argv.slice(2));
