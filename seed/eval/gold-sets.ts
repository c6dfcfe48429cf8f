// The gold sets the extraction is scored on: the development set beside the sample corpus,
// and every evaluation set under tests/fixtures/ (a folder holding gold/ and docs/). Documents
// are read by the same ingest as the seed, so an HTML page is scored on its readable text.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { extractDocument, toContract, type ExtractionContract } from '../extract/index.js';
import { loadGazetteer } from '../gazetteer/index.js';
import { readDocument } from '../ingest/read-document.js';
import { type GoldDoc, type ScoreResult, score } from './score.js';

export interface GoldSet {
  name: string;
  gold: string;
  docs: string;
}

export const DEVELOPMENT_SET: GoldSet = { name: 'development (seed/corpus)', gold: 'seed/corpus/gold', docs: 'seed/corpus/docs' };
const HELD_OUT_ROOT = 'tests/fixtures';

/** Folders of tests/fixtures that hold a gold/ and a docs/ folder, by name. */
function fixtureSets(root: string): GoldSet[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .sort()
    .map((name) => ({ name: `evaluation set (${join(root, name)})`, gold: join(root, name, 'gold'), docs: join(root, name, 'docs') }))
    .filter((s) => existsSync(s.gold) && statSync(s.gold).isDirectory() && existsSync(s.docs));
}

/** Real public documents (folders named real-*): the figures that say how the rules carry over. */
const REAL = /[\\/]real-[^\\/]+[\\/]gold$/;

/** The invented evaluation sets: regression tests, never tuned to. */
export function evaluationSets(root = HELD_OUT_ROOT): GoldSet[] {
  return fixtureSets(root).filter((s) => !REAL.test(s.gold));
}

/** The sets of real documents; those whose folder ends in -holdout have never had a rule written against them. */
export function realSets(root = HELD_OUT_ROOT): GoldSet[] {
  return fixtureSets(root).filter((s) => REAL.test(s.gold)).map((s) => ({ ...s, name: s.name.replace('evaluation set', 'real documents') }));
}

export const isHeldOut = (set: GoldSet): boolean => /-holdout[\\/]gold$/.test(set.gold);

export function loadGold(dir: string): GoldDoc[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as GoldDoc);
}

/** The extraction of every document a gold set names; an unreadable one is reported and left out. */
export async function predictSet(set: GoldSet, golds: GoldDoc[], onSkip: (line: string) => void = console.error, speakerThreshold?: number): Promise<ExtractionContract[]> {
  const gazetteer = loadGazetteer();
  const preds: ExtractionContract[] = [];
  for (const g of golds) {
    const path = join(set.docs, g.doc);
    const read = await readDocument(path);
    if (read.ok) preds.push(toContract(extractDocument(read.document.text, { docName: g.doc, gazetteer, publishedAt: read.document.meta.publishedAt, ...(speakerThreshold === undefined ? {} : { speakerThreshold }) })));
    else onSkip(`${path}: skipped: ${read.reason}`);
  }
  return preds;
}

export async function evaluateSet(set: GoldSet): Promise<{ result: ScoreResult; preds: ExtractionContract[] }> {
  const golds = loadGold(set.gold);
  const preds = await predictSet(set, golds);
  return { result: score(golds, preds), preds };
}
