import { describe, expect, it } from 'vitest';
import { SIEVES } from '../../../seed/extract/sieves/index.js';
import { testGazetteer } from './fixture-gazetteer.js';

describe('attribution sieves', () => {
  it('each sieve has a unique id, a one-line summary and at least one invented example', () => {
    expect(new Set(SIEVES.map((s) => s.id)).size).toBe(SIEVES.length);
    for (const s of SIEVES) {
      expect(s.summary).not.toContain('\n');
      expect(s.examples.length).toBeGreaterThan(0);
    }
  });
});

describe('confidence and the threshold', () => {
  it('withholds a speaker below the threshold and lists it as a candidate', async () => {
    const { extractDocument } = await import('../../../seed/extract/index.js');
    const { SPEAKER_THRESHOLD } = await import('../../../seed/extract/sieves/confidence.js');
    const text = 'Councillor Bryony Tallis opened the session.\n\nShe said: "The budget is gone and nobody will say where."\n';
    const all = extractDocument(text, { docName: 't.txt', gazetteer: testGazetteer, speakerThreshold: 0 }).quotes[0]!;
    expect(all.speaker).toBe('Bryony Tallis');
    expect(all.evidence.sieve).toBe('lead-in');
    const strict = extractDocument(text, { docName: 't.txt', gazetteer: testGazetteer, speakerThreshold: 1 }).quotes[0]!;
    expect(strict.speaker).toBeNull();
    expect(strict.candidates).toEqual([{ name: 'Bryony Tallis', score: all.confidence }]);
    expect(all.confidence >= SPEAKER_THRESHOLD).toBe(extractDocument(text, { docName: 't.txt', gazetteer: testGazetteer }).quotes[0]!.speaker !== null);
  });
});
