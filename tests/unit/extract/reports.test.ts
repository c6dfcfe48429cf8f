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

  it('names an untitled survey after the body that carried it out when the text gives its year', () => {
    const r = reportsOf('A 2031 survey carried out by the Police Federation found low morale. The survey had 3,000 replies.');
    expect(r.map((x) => [x.title, x.publisher, x.kind, x.year])).toEqual([['Police Federation of England and Wales survey (2031)', 'Police Federation of England and Wales', 'survey', 2031]]);
    // with no year it is a mention of a survey, not a report one could find
    expect(reportsOf('A survey carried out by the Police Federation found low morale. The survey had 3,000 replies.')).toEqual([]);
  });

  it('keeps a report of another year apart from the main one', () => {
    const r = reportsOf('HMICFRS published its report, Time to Listen: victims and the police, this week. To read the 2019 report, click here.');
    expect(r.map((x) => x.year)).toEqual([null, 2019]);
  });

  it('takes an unquoted "Title: subtitle" after the report it names, with an apostrophe inside', () => {
    const r = reportsOf('I write after the publication of HMICFRS’s report Safe in Every Community: an inspection of Essex Police’s response to stalking, and ahead of the settlement.');
    expect(r.map((x) => [x.title, x.publisher])).toEqual([
      ['Safe in Every Community: an inspection of Essex Police’s response to stalking', 'HM Inspectorate of Constabulary and Fire & Rescue Services'],
    ]);
    const after = reportsOf('The charity welcomes today’s report from the IOPC, Behind Closed Doors: how forces respond to abuse by their own officers. It is overdue.');
    expect(after.map((x) => [x.title, x.publisher])).toEqual([['Behind Closed Doors: how forces respond to abuse by their own officers', 'Independent Office for Police Conduct']]);
  });

  it('leaves a heading or a subject line in the "Body: topic" shape alone', () => {
    expect(reportsOf('Dear Home Secretary,\n\nEssex Police: funding of rural policing\n\nI am writing about money.').map((x) => x.title)).toEqual([]);
  });

  it('takes guidance and codes by their names, after a possessive', () => {
    const r = reportsOf("The Home Office's Vetting Code of Practice requires renewals. The Tackling Violence Against Women and Girls Strategy was published in 2021.");
    expect(r.map((x) => [x.title, x.publisher])).toEqual([['Vetting Code of Practice', 'Home Office'], ['Tackling Violence Against Women and Girls Strategy', null]]);
  });

  it('takes a quoted title set before its report noun, and a quoted title with a lower-case subtitle', () => {
    expect(reportsOf('HMICFRS published ‘Off the Record’, its inspection of messaging apps, on Tuesday.').map((x) => x.title)).toEqual(['Off the Record']);
    expect(reportsOf('The report by HMICFRS, “Fixated: the police response to stalking”, found gaps.').map((x) => x.title)).toEqual(['Fixated: the police response to stalking']);
  });

  it('treats a letter answering an FOI request as an FOI response', () => {
    const text = 'Essex Police\n\n3rd March 2021\n\nOur Ref: FOI-21/0456\n\nFreedom of Information request in relation to stop and search figures.\n\nThe information is below.';
    expect(reportsOf(text)[0]).toMatchObject({ title: 'FOI response FOI-21/0456: stop and search figures', publisher: 'Essex Police', year: 2021, kind: 'foi' });
  });
});

describe('report titles in more shapes', () => {
  it('takes a subtitle holding a list, a title of two parts around a comma, and a regulation with a bracketed word', () => {
    expect(reportsOf('HMICFRS published its report, Open Doors: an inspection of recruitment, training and supervision in the police service, today.').map((r) => r.title))
      .toEqual(['Open Doors: an inspection of recruitment, training and supervision in the police service']);
    expect(reportsOf('The survey, Speak Up, Stay Safe, was completed by 1,142 staff.').map((r) => r.title)).toEqual(['Speak Up, Stay Safe']);
    expect(reportsOf('The Police (Conduct) Regulations 2020 define gross misconduct.').map((r) => r.title)).toEqual(['Police (Conduct) Regulations 2020']);
  });
});

describe('reports named in wire copy and features', () => {
  it('takes a title after ", titled", and a named bulletin or digest', () => {
    const titled = reportsOf('The College of Policing published a review, titled Safer Hands in Every Force, on Monday.');
    expect(titled.map((r) => r.title)).toContain('Safer Hands in Every Force');
    const bulletin = reportsOf('The figures were compiled by the Home Office in its annual Police Conduct Outcomes Bulletin, published on Tuesday.');
    expect(bulletin.map((r) => r.title)).toContain('Police Conduct Outcomes Bulletin');
  });

  it('takes no person in apposition after "the review" for a title', () => {
    const r = reportsOf('Speaking after the review, Deborah Quinlan from Bootle said she had waited two years.');
    expect(r.map((x) => x.title)).not.toContain('Deborah Quinlan from Bootle');
  });
});

describe('report titles with a possessive in the subtitle', () => {
  it('keeps "Title: X’s Response to Y" whole and stops before a clause of its own', () => {
    const r = reportsOf('The inspection, Trust Betrayed: Essex Police’s Response to Abuse of Position, examined 186 cases recorded between April 2022 and March 2025.');
    expect(r.map((x) => x.title)).toContain('Trust Betrayed: Essex Police’s Response to Abuse of Position');
  });
});

describe('a title followed by its own clause', () => {
  it('ends a title before ", found that …"', () => {
    const r = reportsOf('Its report, Standards in the Balance, found that misconduct cases took an average of 411 days and March was the worst month.');
    expect(r.map((x) => x.title)).toContain('Standards in the Balance');
  });
});


describe('a title holding a list of capitalised words', () => {
  it('keeps "Managing New Recruits: Training, Tutoring and Assessment" whole', () => {
    const r = reportsOf('The College of Policing’s guidance, Managing New Recruits: Training, Tutoring and Assessment, published last year, is plain on this.');
    expect(r.map((x) => x.title)).toContain('Managing New Recruits: Training, Tutoring and Assessment');
  });
});
