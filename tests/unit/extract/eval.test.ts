import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEVELOPMENT_SET, evaluationSets, loadGold, predictSet, realSets } from '../../../seed/eval/gold-sets.js';
import { type GoldDoc, score } from '../../../seed/eval/score.js';
import { extractDocument } from '../../../seed/extract/index.js';
import { loadGazetteer } from '../../../seed/gazetteer/index.js';

/**
 * The real documents together as they score today (README, Extraction quality): 29/405 wrong
 * once the press and inquiry sets joined at their first contact. Lower it as rules improve.
 */
const REAL_FLOORS = { wrongSpeakerRate: 0.062, quoteF1: 0.89, attribution: 0.85 };

const GOLD = 'seed/corpus/gold';
const DOCS = 'seed/corpus/docs';
const golds = readdirSync(GOLD)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(GOLD, f), 'utf8')) as GoldDoc);
const gazetteer = loadGazetteer();
const extract = (doc: string) => extractDocument(readFileSync(join(DOCS, doc), 'utf8'), { docName: doc, gazetteer });

describe('evaluation on the development set', () => {
  it('meets the quote bars: F1 at least 0.95 and attribution at least 0.92', async () => {
    const { summary } = score(golds, await predictSet(DEVELOPMENT_SET, golds));
    expect(summary.quoteF1).toBeGreaterThanOrEqual(0.95);
    expect(summary.attribution).toBeGreaterThanOrEqual(0.92);
    expect(summary.orgP).toBeGreaterThanOrEqual(0.9);
    expect(summary.peopleR).toBeGreaterThanOrEqual(0.9);
  });

  // The reference scorer counts a null speaker as right where the gold one is null or "unknown".
  // A wrong speaker named is the worst error: its rate over the invented sets may not rise above
  // the figure recorded before the attribution rules became sieves (68/1439 = 0.047).
  it('meets the same bars on every invented evaluation set of tests/fixtures, and names no more wrong speakers', async () => {
    const sets = evaluationSets();
    expect(sets.length).toBeGreaterThan(0);
    const heldGold = sets.flatMap((s) => loadGold(s.gold));
    const preds = (await Promise.all(sets.map((s) => predictSet(s, loadGold(s.gold))))).flat();
    const { summary } = score(heldGold, preds);
    expect(preds).toHaveLength(heldGold.length);
    expect(summary.quoteF1).toBeGreaterThanOrEqual(0.95);
    expect(summary.attribution).toBeGreaterThanOrEqual(0.92);
    expect(summary.wrongSpeakerRate).toBeLessThanOrEqual(0.047);
  });

  // Real documents: floors at the first-contact figures, so a change that names more wrong
  // speakers on real text fails here, whatever it does elsewhere.
  it('names no more wrong speakers on the real documents than at first contact', async () => {
    const sets = realSets();
    if (!sets.length) return;
    const gold = sets.flatMap((s) => loadGold(s.gold));
    const preds = (await Promise.all(sets.map((s) => predictSet(s, loadGold(s.gold))))).flat();
    const { summary } = score(gold, preds);
    expect(preds).toHaveLength(gold.length);
    expect(summary.wrongSpeakerRate).toBeLessThanOrEqual(REAL_FLOORS.wrongSpeakerRate);
    expect(summary.quoteF1).toBeGreaterThanOrEqual(REAL_FLOORS.quoteF1);
    expect(summary.attribution).toBeGreaterThanOrEqual(REAL_FLOORS.attribution);
  });

  it('finds no quote, person or organisation in document 001 after its comment form', () => {
    const doc = golds.find((g) => g.doc.startsWith('001_'))!.doc;
    const text = readFileSync(join(DOCS, doc), 'utf8');
    const formAt = text.indexOf('Add your comment');
    expect(formAt).toBeGreaterThan(0);
    const x = extract(doc);
    expect(x.quotes.filter((q) => q.end > formAt)).toEqual([]);
    expect(x.people.flatMap((p) => p.mentions).filter((m) => m.end > formAt)).toEqual([]);
    expect(x.organizations.flatMap((o) => o.mentions).filter((m) => m.end > formAt)).toEqual([]);
    expect(x.body.end).toBeLessThan(formAt);
  });

  it('gives every quote offsets that slice its document to its text', () => {
    for (const g of golds) {
      const text = readFileSync(join(DOCS, g.doc), 'utf8');
      for (const q of extract(g.doc).quotes) expect(text.slice(q.start, q.end)).toBe(q.text);
    }
  });
});
