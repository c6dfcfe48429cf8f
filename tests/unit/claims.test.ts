import { describe, expect, it } from 'vitest';
import { findDisagreements, sentenceAround } from '../../server/http/claims.js';
import type { ClaimView } from '../../server/store/port.js';

const claim = (id: string, value: number, docs: string[], report: string | null, measure = 'police personnel'): ClaimView => ({
  id, text: String(value), value, unit: 'count', measure,
  sources: docs.map((d) => ({ documentId: d, title: d.toUpperCase(), publisher: null, start: 0, end: 3 })),
  reports: report ? [{ id: report, title: report }] : [],
});

describe('disagreements between documents', () => {
  it('finds two documents giving different values for one measure of one report', () => {
    const found = findDisagreements([claim('a', 334, ['doc:1', 'doc:2'], 'report:r'), claim('b', 340, ['doc:3'], 'report:r')]);
    expect(found).toEqual([{
      measure: 'police personnel', unit: 'count', reportId: 'report:r',
      values: [
        { value: 334, claimId: 'a', documents: [{ documentId: 'doc:1', title: 'DOC:1' }, { documentId: 'doc:2', title: 'DOC:2' }] },
        { value: 340, claimId: 'b', documents: [{ documentId: 'doc:3', title: 'DOC:3' }] },
      ],
    }]);
  });

  it('does not count one document giving two figures, nor figures from different reports, nor one value', () => {
    expect(findDisagreements([claim('a', 18, ['doc:1'], 'report:r'), claim('b', 1000, ['doc:1'], 'report:r')])).toEqual([]);
    expect(findDisagreements([claim('a', 306, ['doc:1'], 'report:r'), claim('b', 20000, ['doc:2'], 'report:s')])).toEqual([]);
    expect(findDisagreements([claim('a', 334, ['doc:1'], 'report:r'), claim('b', 334, ['doc:2'], 'report:r')])).toEqual([]);
  });
});

describe('the sentence around a quote', () => {
  const text = 'Intro line.\nHM Inspector Jane Marsh said: “Forces must act now.” The report said: “Vetting is weak.” Refuge agreed';

  it('ends where a quote ends its own sentence, closing mark included', () => {
    const start = text.indexOf('Forces'), end = start + 'Forces must act now.'.length;
    const s = sentenceAround(text, start, end);
    expect(s.text).toBe('HM Inspector Jane Marsh said: “Forces must act now.”');
    expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('runs to the next full stop otherwise, and to the end of the text when there is none', () => {
    const start = text.indexOf('Vetting'), end = start + 'Vetting is weak'.length;
    expect(sentenceAround(text, start, end).text).toBe('The report said: “Vetting is weak.”');
    const last = text.indexOf('Refuge');
    expect(sentenceAround(text, last, last + 6).text).toBe('Refuge agreed');
  });
});
