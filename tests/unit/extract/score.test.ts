import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docLine, type GoldDoc, nameMatch, overlapF, score, summaryLines } from '../../../seed/eval/score.js';

// The reference scorer lives in shared/ beside the repository.
const REFERENCE = [resolve('../shared/corpus/score.mjs'), '/work/shared/corpus/score.mjs'].find((p) => existsSync(p));
const GOLD = 'seed/corpus/gold';
const golds = readdirSync(GOLD)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(GOLD, f), 'utf8')) as GoldDoc);

/** Predictions made from the gold itself, damaged in ways that exercise every rule. */
function variants(): unknown[][] {
  const exact = golds.map((g) => ({ ...g }));
  const damaged = golds.map((g, i) => ({
    doc: g.doc,
    quotes: (g.quotes ?? []).slice(i % 2).map((q, j) => ({
      text: j % 3 === 0 ? `${q.text} and some more words here` : q.text.split(' ').slice(0, 4).join(' '),
      speaker: j % 2 === 0 ? (q.speaker?.split(' ').pop() ?? null) : 'Somebody Else',
      speakerKind: j % 4 === 0 ? 'report' : q.speakerKind,
    })),
    people: (g.people ?? []).map((p, k) => ({ name: `Mr ${p.name.split(' ').pop()}`, roles: (p.roles ?? []).slice(k % 2).map((r) => ({ title: r.title.split(' ').slice(1).join(' ') || r.title, organization: k % 3 === 0 ? null : (r.organization ?? null) })) })),
    reports: (g.reports ?? []).slice(i % 2).map((r, k) => ({ title: k % 2 === 0 ? r.title : 'Some Other Inspection', publisher: r.publisher ?? null, year: r.year ?? null })),
    organizations: (g.organizations ?? []).map((o) => ({ name: o.aliases?.[0] ?? o.name, aliases: [] })).concat([{ name: 'Nobody Council', aliases: [] }]),
  }));
  return [exact, damaged, damaged.slice(1)];
}

describe('score (port of the reference scorer)', () => {
  it('matches names with honorifics ignored and a surname alone accepted', () => {
    expect(nameMatch('Mr Scott', 'Matthew Scott')).toBe(true);
    expect(nameMatch('Zoe Billingham', 'Zoë Billingham')).toBe(true);
    expect(nameMatch('Scott Matthews', 'Matthew Scott')).toBe(false);
    expect(overlapF('a b c', 'a b d')).toBeCloseTo(2 / 3);
  });

  it.skipIf(!REFERENCE)('prints the same figures as score.mjs on the same predictions', () => {
    const dir = mkdtempSync(join(tmpdir(), 'score-'));
    for (const [i, preds] of variants().entries()) {
      const file = join(dir, `pred-${i}.json`);
      writeFileSync(file, JSON.stringify(preds));
      const reference = execFileSync('node', [REFERENCE!, GOLD, file, '--per-doc'], { encoding: 'utf8' }).trim().split('\n');
      const result = score(golds, preds as never);
      const ours = [...result.docs.map(docLine), ...(result.totals.missingDocs ? [`documents with no prediction: ${result.totals.missingDocs}`] : []), ...summaryLines(result.summary)];
      expect(ours).toEqual(reference);
    }
  });
});

describe('unnamed speakers', () => {
  it('counts a null prediction as right where the gold speaker is "unknown", and a wrong name apart', () => {
    const gold = { doc: 'a.txt', quotes: [{ text: 'we were never told why', speaker: 'unknown', speakerKind: 'person' }, { text: 'the force has failed them', speaker: 'Jane Smith', speakerKind: 'person' }] };
    const pred = { doc: 'a.txt', quotes: [{ text: 'we were never told why', speaker: null, speakerKind: null }, { text: 'the force has failed them', speaker: 'Smith', speakerKind: 'person' }] };
    const result = score([gold as never], [pred as never]);
    expect(result.summary.attribution).toBe(1);
    expect(result.summary.wrongSpeakers).toBe(0);
    expect(result.summary.namedSpeakers).toBe(1);
    const named = score([gold as never], [{ ...pred, quotes: [{ ...pred.quotes[0]!, speaker: 'Someone Else' }, pred.quotes[1]!] } as never]);
    expect(named.summary.attribution).toBe(0.5);
    expect(named.summary.wrongSpeakers).toBe(1);
    expect(named.summary.wrongSpeakerRate).toBe(0.5);
    const silent = score([gold as never], [{ ...pred, quotes: [pred.quotes[0]!, { ...pred.quotes[1]!, speaker: null }] } as never]);
    expect(silent.summary.unattributed).toBe(1);
    expect(silent.summary.wrongSpeakers).toBe(0);
  });
});
