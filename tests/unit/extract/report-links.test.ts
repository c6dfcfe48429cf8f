import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../../seed/extract/index.js';
import { documentDate } from '../../../seed/extract/report-links.js';
import { loadGazetteer } from '../../../seed/gazetteer/index.js';

// Invented sentences, linked against the shipped catalogue of real reports.
const gazetteer = loadGazetteer();
const reportsOf = (text: string, publishedAt: string | null = null) => extractDocument(text, { docName: 't.txt', gazetteer, publishedAt }).reports;

describe('linking report mentions to the catalogue', () => {
  it('links "the inspectorate’s 2016 legitimacy report" in a 2016 document to the legitimacy overview, with its cues', () => {
    const [r, ...rest] = reportsOf('Chief constables were told to act, HM Inspectorate of Constabulary said. The inspectorate’s 2016 legitimacy report found that some officers preyed on victims.', '2016-12-14');
    expect(rest).toEqual([]);
    expect(r).toMatchObject({ catalogueId: 'report:hmic-2016-peel-legitimacy-national-overview', title: 'PEEL: Police legitimacy 2016 – A national overview', publisher: 'HM Inspectorate of Constabulary', year: 2016 });
    expect(r?.url).toMatch(/^https:\/\//);
    expect(r?.evidence).toEqual(expect.arrayContaining(['publisher', 'year']));
    expect(r?.confidence).toBeGreaterThan(0.5);
  });

  it('links "HMIC’s report published last week" by its publisher, its date against the document’s and its words', () => {
    const [r] = reportsOf('HMIC’s report published last week looked at legitimacy and fairness in every force.', '2016-12-14');
    expect(r?.catalogueId).toBe('report:hmic-2016-peel-legitimacy-national-overview');
    expect(r?.evidence).toContain('published this week');
  });

  it('abstains between two close PEEL entries of one force and year, keeping the publisher and year', () => {
    const r = reportsOf('Kent Police welcomed the HMICFRS PEEL report published in 2017 about the force.', '2017-12-20');
    expect(r.map((x) => [x.catalogueId, x.publisher, x.year])).toEqual([[null, 'HM Inspectorate of Constabulary and Fire & Rescue Services', 2017]]);
  });

  it('never takes a report published after the document for the one it speaks of', () => {
    const r = reportsOf('HMICFRS’s report published last week looked at legitimacy and fairness in every force.', '2012-03-01');
    expect(r.every((x) => x.catalogueId === null || x.year! <= 2012)).toBe(true);
  });

  it('links a title the text gives to the entry of that title, and refuses a look-alike with another main title', () => {
    expect(reportsOf('The inspectorate published its report, Shining a light on betrayal, to little notice.')[0]?.catalogueId).toBe('report:hmicfrs-2019-shining-a-light-on-betrayal');
    const lookAlike = reportsOf('HMICFRS published its report, Quiet Doors: an inspection of vetting, misconduct and misogyny in the police service, on Monday.');
    expect(lookAlike.map((x) => [x.title, x.catalogueId])).toEqual([['Quiet Doors: an inspection of vetting, misconduct and misogyny in the police service', null]]);
  });

  it('refuses a quoted phrase someone calls the report as its title', () => {
    const r = reportsOf('The minister read the review, which she called ‘Deeply Troubling News For Us All’, on Monday.');
    expect(r.map((x) => x.title)).toEqual([]);
  });

  it('makes a report of a publisher and a year the catalogue does not have', () => {
    const r = reportsOf('A 2031 survey by UNISON found that staff felt unsafe on night shifts.');
    expect(r.map((x) => [x.publisher, x.year, x.catalogueId, x.kind])).toEqual([['Unison', 2031, null, 'survey']]);
    expect(r[0]?.evidence).toEqual(['publisher and year']);
  });

  it('leaves a bare "the report" with no cues a mention, with no report of its own', () => {
    expect(reportsOf('The report said more work was needed. Nobody disagreed with it.')).toEqual([]);
  });

  it('keeps "the report said" speaking when the report stays a mere mention', () => {
    const x = extractDocument('The report said: “Forces must do better at recording complaints.”', { docName: 't.txt', gazetteer, speakerThreshold: 0 });
    expect(x.reports).toEqual([]);
    expect(x.quotes[0]?.speakerKind).toBe('report');
  });
});

describe('the document’s date', () => {
  it('is read from the metadata first, else from a date in the opening lines', () => {
    expect(documentDate('2019-05-02', 'no date here')).toEqual({ year: 2019, month: 5, day: 2 });
    expect(documentDate(null, 'News desk\n\n14 March 2022\n\nA report…')).toEqual({ year: 2022, month: 3, day: 14 });
    expect(documentDate(null, 'Crime\n\n07.11.18\n\nHeadline')).toEqual({ year: 2018, month: 11, day: 7 });
    expect(documentDate(null, 'No date at all in this text.')).toBeNull();
  });
});
