import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../../seed/extract/index.js';
import { testGazetteer } from './fixture-gazetteer.js';

const claimsOf = (text: string) =>
  extractDocument(text, { docName: 't.txt', gazetteer: testGazetteer }).claims.map((c) => [c.text, c.value, c.unit, c.measure]);

describe('claims', () => {
  it('reads counts with the noun phrase they count', () => {
    expect(claimsOf('The inspection found 1,204 complaints of racial discrimination were made last year.')).toEqual([
      ['1,204 complaints of racial discrimination', 1204, 'count', 'complaint'],
    ]);
  });

  it('keys a figure by what it counts, so two documents citing it differently give one claim', () => {
    const a = claimsOf('There were 436 allegations of abuse of authority for sexual gain.');
    const b = claimsOf('The watchdog counted 436 reported allegations.');
    expect(a[0]?.[3]).toBe('allegation');
    expect(b[0]?.[3]).toBe('allegation');
    expect(claimsOf('Some 48 per cent of the reported allegations were referred to the IOPC.')[0]).toEqual([
      '48 per cent of the reported allegations were referred to the IOPC', 48, 'percent', 'allegation referred',
    ]);
  });

  it('reads percentages, ratios and money', () => {
    const c = claimsOf('Some 27 per cent of officers were not vetted, one in four staff had left, and £3.5 million was spent.');
    expect(c.map(([t, v, u]) => [t, v, u])).toEqual([
      ['27 per cent of officers', 27, 'percent'],
      ['one in four staff had left', 0.25, 'ratio'],
      ['£3.5 million was spent', 3_500_000, 'money'],
    ]);
  });

  it('ignores years, dates, times and reference numbers', () => {
    expect(claimsOf('On 4 May 2021 at 10:30 the force replied to request 2021/778 about the 2019 figures.')).toEqual([]);
  });

  it('ties a figure to the report its sentence draws on', () => {
    const x = extractDocument('HMICFRS published its report, Time to Listen: victims and the police, today. It found 88 forces had backlogs.', {
      docName: 't.txt',
      gazetteer: testGazetteer,
    });
    expect(x.claims[0]?.report).toBe('Time to Listen: victims and the police');
  });
});
