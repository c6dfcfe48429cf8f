import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldText, searchTextOf } from '../../server/model/search-text.js';
import { RANK, compareHits, rankNames } from '../../server/store/shared/search-rank.js';
import { MemorySearchIndex } from '../../server/store/ladybug/memory-search.js';
import { indexEntry, linesMatch } from '../../server/store/ladybug/search-keys.js';

describe('search folding and ranking', () => {
  it('folds case, accents and apostrophes so that a typed query meets the printed name', () => {
    expect(foldText('Zoë Billingham')).toBe('zoe billingham');
    expect(foldText('Her Majesty’s Inspectorate')).toBe('her majestys inspectorate');
    expect(foldText('  FIRE & Rescue  ')).toBe('fire rescue');
  });

  it('is idempotent on any text', () => {
    fc.assert(fc.property(fc.string(), (s) => foldText(foldText(s)) === foldText(s)));
  });

  it('ranks an exact name above an exact alias above a word prefix above a substring', () => {
    expect(rankNames('refuge', 'Refuge', [])?.rank).toBe(RANK.exactName);
    expect(rankNames('hmicfrs', 'HM Inspectorate of Constabulary and Fire & Rescue Services', ['HMICFRS'])?.rank).toBe(RANK.exactAlias);
    expect(rankNames('zoe bill', 'Zoë Billingham', [])?.rank).toBe(RANK.prefix);
    expect(rankNames('lling', 'Zoë Billingham', [])?.rank).toBe(RANK.contains);
    expect(rankNames('nobody', 'Zoë Billingham', [])).toBeNull();
  });

  it('keeps every name as its own word-bounded line', () => {
    expect(searchTextOf(['Kent Police', null, 'KP'])).toBe(' kent police | kp ');
  });

  it('orders hits by rank, then the shorter name, then the id, whatever order they arrive in', () => {
    const hit = (id: string, name: string, rank: number) => ({ rank, node: { id, name } });
    const hits = [hit('b', 'Kent Police', 2), hit('a', 'Kent Police', 2), hit('c', 'Kent', 4), hit('d', 'Police', 2)];
    fc.assert(fc.property(fc.shuffledSubarray(hits, { minLength: hits.length }), (shuffled) => {
      expect([...shuffled].sort(compareHits).map((h) => h.node.id)).toEqual(['c', 'd', 'a', 'b']);
    }));
  });
});

describe('the in-memory search index of the embedded store', () => {
  const index = () => {
    const ix = new MemorySearchIndex();
    ix.load([
      indexEntry('person:zoe', 'Person', { name: 'Zoë Billingham', aliases: ['Ms Billingham'] }),
      indexEntry('person:bill', 'Person', { name: 'Bill Zoeller', aliases: [] }),
      indexEntry('org:hmic', 'Organization', { name: 'HM Inspectorate of Constabulary', aliases: ['HMIC'] }),
      indexEntry('org:hmicfrs', 'Organization', { name: 'HMICFRS', aliases: [] }),
      indexEntry('doc:1', 'Document', { title: 'Forces slow to act' }),
      indexEntry('quote:1', 'Quote', { text: 'Forces must act now on vetting.' }),
      indexEntry('quote:2', 'Quote', { text: 'Vetting is weak.' }),
    ]);
    return ix;
  };
  const ids = (r: { hits: { id: string; rank: number }[] }) => r.hits.map((h) => [h.id, h.rank]);
  const ALL = ['Person', 'Organization', 'Report', 'Quote', 'Claim'] as const;

  it('finds exact names, aliases, word-run prefixes, words in any order, and fragments, in that order', () => {
    const ix = index();
    expect(ids(ix.search('hmic', [...ALL], 0, 10))).toEqual([['org:hmic', RANK.exactAlias], ['org:hmicfrs', RANK.prefix]]);
    expect(ids(ix.search('HMICFRS', [...ALL], 0, 10))).toEqual([['org:hmicfrs', RANK.exactName]]);
    // every word starts a word of the name, in any order: Bill Zoeller is a match too, shorter so first
    expect(ids(ix.search('zoe bill', [...ALL], 0, 10))).toEqual([['person:bill', RANK.prefix], ['person:zoe', RANK.prefix]]);
    expect(ids(ix.search('billingham zo', [...ALL], 0, 10))).toEqual([['person:zoe', RANK.prefix]]);
    expect(ids(ix.search('constab', [...ALL], 0, 10))).toEqual([['org:hmic', RANK.prefix]]);
    expect(ids(ix.search('onstab', [...ALL], 0, 10))).toEqual([['org:hmic', RANK.contains]]);
    expect(ix.search('zzz', [...ALL], 0, 10).total).toBe(0);
  });

  it('finds quotes by whole words, the last one perhaps unfinished, within the kinds asked for', () => {
    const ix = index();
    expect(ids(ix.search('vetting', ['Quote'], 0, 10)).map(([id]) => id).sort()).toEqual(['quote:1', 'quote:2']);
    // whole words then an unfinished one: probable matches, marked for the store to check against the text
    const probable = ix.search('vetting we', ['Quote'], 0, 10).hits;
    expect(probable.map((h) => h.id)).toContain('quote:2');
    expect(probable.every((h) => h.unsure)).toBe(true);
    expect(ix.search('must act', ['Quote'], 0, 10).hits.map((h) => h.id)).toEqual(['quote:1']);
    expect(ix.search('must weak', ['Quote'], 0, 10).hits.map((h) => h.id)).not.toContain('quote:2');
    expect(ix.search('forces', ['Person'], 0, 10).total).toBe(0);
    expect(ids(ix.search('forces', ['Document', 'Quote'], 0, 10)).map(([id]) => id).sort()).toEqual(['doc:1', 'quote:1']);
  });

  it('follows writes: a renamed node is found by its new name only, a removed one not at all', () => {
    const ix = index();
    ix.apply([indexEntry('person:bill', 'Person', { name: 'William Zoeller', aliases: [] })], ['quote:2']);
    expect(ix.search('bill', ['Person'], 0, 10).hits.map((h) => h.id)).toEqual(['person:zoe']);
    expect(ix.search('william', ['Person'], 0, 10).hits.map((h) => h.id)).toEqual(['person:bill']);
    expect(ix.search('weak', ['Quote'], 0, 10).total).toBe(0);
    expect(ix.counts().get('Quote')).toBe(1);
  });

  it('finds any typed word-run prefix of a name, and pages without losing or repeating a hit (property)', () => {
    fc.assert(fc.property(fc.array(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 1, maxLength: 4 }), fc.nat(), fc.nat(), (words, w, cut) => {
      const name = words.join(' ');
      const start = name.split(' ').slice(0, w % words.length).join(' ').length + (w % words.length ? 1 : 0);
      const typed = name.slice(start, start + 1 + (cut % 40)).trimEnd();
      const ix = new MemorySearchIndex();
      ix.load([indexEntry('org:x', 'Organization', { name, aliases: [] }), indexEntry('org:y', 'Organization', { name: `${name} y`, aliases: [] })]);
      expect(ix.search(typed, ['Organization'], 0, 10).hits.map((h) => h.id)).toContain('org:x');
      expect(linesMatch(name, typed.split(' '), false)).toBe(true);
      const all = ix.search(typed, ['Organization'], 0, 10).hits.map((h) => h.id);
      const paged = [0, 1].flatMap((o) => ix.search(typed, ['Organization'], o, 1).hits.map((h) => h.id));
      expect(paged).toEqual(all.slice(0, 2));
    }));
  });
});
