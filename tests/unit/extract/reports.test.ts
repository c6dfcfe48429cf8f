import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../../seed/extract/index.js';
import { testGazetteer } from './fixture-gazetteer.js';

const reportsOf = (text: string) => extractDocument(text, { docName: 't.txt', gazetteer: testGazetteer }).reports;

describe('reports', () => {
  it('takes a titled report with its publisher', () => {
    const r = reportsOf('HMICFRS published its report, Time to Listen: victims and the police, on Monday. The report said forces must do better.');
    expect(r[0]).toMatchObject({ title: 'Time to Listen: victims and the police', publisher: 'HM Inspectorate of Constabulary and Fire & Rescue Services', kind: 'report' });
    expect(r[0]?.mentions.length).toBeGreaterThan(1);
  });

  it('names an untitled survey after the body that carried it out', () => {
    const r = reportsOf('A survey carried out by the Police Federation found low morale. The survey had 3,000 replies.');
    expect(r.map((x) => [x.title, x.publisher, x.kind])).toEqual([['Police Federation of England and Wales survey', 'Police Federation of England and Wales', 'survey']]);
  });

  it('keeps a report of another year apart from the main one', () => {
    const r = reportsOf('HMICFRS published its report, Time to Listen: victims and the police, this week. To read the 2019 report, click here.');
    expect(r.map((x) => x.year)).toEqual([null, 2019]);
  });

  it('treats a letter answering an FOI request as an FOI response', () => {
    const text = 'Essex Police\n\n3rd March 2021\n\nOur Ref: FOI-21/0456\n\nFreedom of Information request in relation to stop and search figures.\n\nThe information is below.';
    expect(reportsOf(text)[0]).toMatchObject({ title: 'FOI response FOI-21/0456: stop and search figures', publisher: 'Essex Police', year: 2021, kind: 'foi' });
  });
});
