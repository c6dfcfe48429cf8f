import { describe, expect, it } from 'vitest';
import { statedDate } from '../../seed/ingest/stated-date.js';

// Invented pages, one per way a page states its date, and the sentences that only mention one.

describe('the date a document states', () => {
  it.each([
    ['a published line', 'Force sets out new vetting rules\n\nPublished 14 March 2024\n\nThe force said today…', '2024-03-14', 'published line'],
    ['a published line with a colon and "on"', 'Report welcomed\nPublished on: 3 February 2021\nText.', '2021-02-03', 'published line'],
    ['a posted line, month first', 'Posted March 4, 2019 by the press office\nText.', '2019-03-04', 'published line'],
    ['a dateline of its own, day first with dots', 'Watchdog names failings\n\n09.12.16\n\nThe watchdog said…', '2016-12-09', 'dateline'],
    ['a dateline with the weekday and time', 'Chief constable answers critics\nTue 9 Jul 2024 19.30 BST\nThe chief constable…', '2024-07-09', 'dateline'],
    ['a byline with its date', 'Commissioner backs review\nBy Sam Field | 21 November 2018\nThe commissioner…', '2018-11-21', 'dateline'],
    ['a byline, comma, date', 'Union survey\nBy Ana Price, 2 October 2019\nThe union…', '2019-10-02', 'dateline'],
    ['an ISO date line', 'Statement\n2022-10-17\nWe note…', '2022-10-17', 'dateline'],
    ['a day-first slashed date', 'Update on misconduct hearing\n05/06/2020\nThe panel…', '2020-06-05', 'dateline'],
  ])('reads %s', (_name, text, date, how) => {
    expect(statedDate(text)).toMatchObject({ date, how });
  });

  it('gives the span that states it', () => {
    const text = 'Headline\nPublished 14 March 2024\nBody.';
    const found = statedDate(text)!;
    expect(text.slice(found.start, found.end)).toBe('14 March 2024');
  });

  it('prefers the published line to an updated one, and takes updated when it is all there is', () => {
    expect(statedDate('Updated 2 May 2023\nPublished 30 April 2023\nText')).toMatchObject({ date: '2023-04-30', how: 'published line' });
    expect(statedDate('Headline\nLast updated: 2 May 2023\nText')).toMatchObject({ date: '2023-05-02', how: 'updated line' });
  });

  it.each([
    ['a date inside a sentence', 'Inspectors visited the force on 2 October 2019 and found delays in vetting.'],
    ['years in running text', 'HMICFRS inspected forces in 2015, 2016 and 2017.'],
    ['a reference number that looks like a date', 'Ref 12.34.56\nText.'],
    ['an impossible day', 'Headline\n31.02.2020\nText'],
    ['a dateline too far down to be one', `${'A paragraph of the article body that runs on. '.repeat(40)}\n9 December 2016\n`],
    ['a table of dates in a sentence-long line', 'Hearings were held on 3 May 2021, 4 May 2021 and 9 June 2021 before the panel chair.'],
  ])('takes nothing from %s', (_name, text) => {
    expect(statedDate(text)).toBeNull();
  });
});
