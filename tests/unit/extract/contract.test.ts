import { describe, expect, it } from 'vitest';
import { ExtractionContractSchema, extractDocument, toContract } from '../../../seed/extract/index.js';
import { testGazetteer } from './fixture-gazetteer.js';

describe('contract', () => {
  it('projects an extraction onto the contract shape, extras stripped', () => {
    const x = extractDocument('Chief Constable Rachel Moore said: “We will publish the data.”', { docName: 'a.txt', gazetteer: testGazetteer });
    const c = ExtractionContractSchema.parse(toContract(x));
    expect(Object.keys(c).sort()).toEqual(['doc', 'organizations', 'people', 'quotes', 'reports']);
    expect(c.quotes[0]).toMatchObject({ text: 'We will publish the data.', start: 36, end: 61, speaker: 'Rachel Moore', speakerKind: 'person' });
    expect(c.quotes[0]!.evidence).toMatchObject({ cue: null, mention: { start: expect.any(Number), end: expect.any(Number) } });
    expect(c.quotes[0]!.evidence.sieve).toBeTruthy();
    expect(c.quotes[0]!.confidence).toBeGreaterThanOrEqual(0.8);
    expect(c.people[0]).toEqual({ name: 'Rachel Moore', roles: [{ title: 'Chief Constable', organization: null }] });
  });
});
