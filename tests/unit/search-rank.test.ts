import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldText, searchTextOf } from '../../server/model/search-text.js';
import { RANK, rankNames } from '../../server/store/shared/search-rank.js';

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
});
