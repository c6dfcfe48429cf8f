import { describe, expect, it } from 'vitest';
import { compileGazetteer } from '../../../seed/extract/matcher.js';
import { foldPreservingLength } from '../../../seed/extract/text.js';
import { testGazetteer } from './fixture-gazetteer.js';

describe('matcher', () => {
  it('compiles a gazetteer once and reuses it', () => {
    expect(compileGazetteer(testGazetteer)).toBe(compileGazetteer(testGazetteer));
  });

  it('matches accent-, apostrophe- and spacing-insensitively with offsets into the original', () => {
    const text = 'Staff at Women’s  Aid and Womens Aid.';
    const hits = compileGazetteer(testGazetteer).findOrgs(foldPreservingLength(text), text);
    expect(hits.map((h) => text.slice(h.start, h.end))).toEqual(['Women’s  Aid']);
  });

  it('matches a committee of three words or more written in lower case, and no other body', () => {
    const g = compileGazetteer({
      organizations: [
        { id: 'wac', name: 'Welsh Affairs Committee', kind: 'other', aliases: ['Welsh Affairs Select Committee'] },
        { id: 'refuge', name: 'Refuge', kind: 'charity', aliases: [] },
        { id: 'audit', name: 'Audit Committee', kind: 'other', aliases: [] },
      ],
      people: [],
    });
    const text = 'The welsh affairs select committee heard that the refuge was full, and the audit committee met later.';
    const hits = g.findOrgs(foldPreservingLength(text), text);
    expect(hits.map((h) => [text.slice(h.start, h.end), h.org.id])).toEqual([['welsh affairs select committee', 'wac']]);
  });

  it('finds a misspelt person within two edits', () => {
    const g = compileGazetteer(testGazetteer);
    expect(g.personBySpelling('Andy Cook')?.id).toBe('andy-cooke');
    expect(g.personBySpelling('Andrew Brooks')).toBeNull();
  });
});
