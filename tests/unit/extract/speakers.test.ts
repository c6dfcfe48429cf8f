import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../../seed/extract/index.js';
import { testGazetteer } from './fixture-gazetteer.js';

const said = (text: string) =>
  extractDocument(text, { docName: 't.txt', gazetteer: testGazetteer }).quotes.map((q) => [q.speaker, q.speakerKind]);

describe('speakers', () => {
  it('attributes "X said:" before and "said X" or "X said" after a quote', () => {
    expect(said('Gareth Lloyd said: “Every call will be answered.”')).toEqual([['Gareth Lloyd', 'person']]);
    expect(said('“Every call will be answered,” said Gareth Lloyd.')).toEqual([['Gareth Lloyd', 'person']]);
    expect(said('“Every call will be answered,” Gareth Lloyd told the committee.')).toEqual([['Gareth Lloyd', 'person']]);
  });

  it('resolves he and she to the latest person of that gender', () => {
    const text = 'Helen Porter chaired the meeting. Gareth Lloyd spoke next.\n\n“We were not told,” she said.\n\n“Nor were we,” he added.';
    expect(said(text)).toEqual([
      ['Helen Porter', 'person'],
      ['Gareth Lloyd', 'person'],
    ]);
  });

  it('resolves a second reference to the full name first introduced', () => {
    const text = 'Detective Superintendent Gareth Lloyd led the inquiry.\n\nMr Lloyd said: “The evidence was overwhelming.”\n\n“We followed every lead,” Lloyd added.';
    expect(said(text)).toEqual([
      ['Gareth Lloyd', 'person'],
      ['Gareth Lloyd', 'person'],
    ]);
  });

  it('attributes a quote to a report, the watchdog or a spokesperson body', () => {
    const text = [
      'HMICFRS published its report on Essex Police on Tuesday.',
      '“The force does not understand demand,” the report said.',
      '“Leaders must act quickly,” the watchdog said.',
      'A Home Office spokesperson said: “We will study the findings carefully.”',
    ].join('\n\n');
    const [report, ...rest] = said(text);
    expect(report?.[1]).toBe('report');
    expect(report?.[0]).toMatch(/report/);
    expect(rest).toEqual([
      ['HM Inspectorate of Constabulary and Fire & Rescue Services', 'organization'],
      ['Home Office', 'organization'],
    ]);
  });

  it('gives a partial quote to the subject of its sentence', () => {
    const text = 'Priti Patel met the chiefs on Monday. She called the delays “simply unacceptable to victims”.';
    expect(said(text)).toEqual([['Priti Patel', 'person']]);
  });

  it('gives an unattributed quote after another in the same paragraph the same speaker', () => {
    const text = '“The figures are stark,” said Priti Patel. “Every force must now respond.”';
    expect(said(text)).toEqual([
      ['Priti Patel', 'person'],
      ['Priti Patel', 'person'],
    ]);
  });

  it('resolves "according to X"', () => {
    expect(said('According to Helen Porter, “nobody checked the vetting records at all”.')).toEqual([['Helen Porter', 'person']]);
  });
});
