import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../../seed/extract/index.js';
import { testGazetteer } from './fixture-gazetteer.js';

const quotesOf = (text: string) => extractDocument(text, { docName: 't.txt', gazetteer: testGazetteer }).quotes;
const textsOf = (text: string) => quotesOf(text).map((q) => q.text);

describe('quotes', () => {
  it('finds quotes in straight, curly double, curly single and straight single marks', () => {
    expect(textsOf('Alan Birch said: "The budget is not enough to keep stations open."')).toEqual(['The budget is not enough to keep stations open.']);
    expect(textsOf('Alan Birch said: “The budget is not enough to keep stations open.”')).toEqual(['The budget is not enough to keep stations open.']);
    expect(textsOf('Alan Birch said: ‘The budget is not enough to keep stations open.’')).toEqual(['The budget is not enough to keep stations open.']);
    expect(textsOf("Alan Birch said: 'The budget is not enough to keep stations open.'")).toEqual(['The budget is not enough to keep stations open.']);
  });

  it('tells an apostrophe from a closing single quote', () => {
    const text = 'Karen Pike said: ‘We don’t accept that officers’ welfare comes second to the force’s targets.’';
    expect(textsOf(text)).toEqual(['We don’t accept that officers’ welfare comes second to the force’s targets.']);
  });

  it('reads a plural possessive at the end of a quote as its closing mark', () => {
    const text = "Karen Pike said: 'The review was fair to all the officers'";
    expect(textsOf(text)).toEqual(['The review was fair to all the officers']);
  });

  it('leaves quoted category names in a table alone', () => {
    const text = 'Primary reason (as recorded)          | 2021 | 2022\n"Adverse financial information"       |   41 |   52\n"Association with persons of concern" |   63 |   70';
    expect(textsOf(text)).toEqual([]);
  });

  it('ends the sentence at a full stop inside the marks, so the next sentence is no attribution tag', () => {
    const q = quotesOf('Helen Porter said: “We warned them all.” Helen Porter added that the force had not replied.');
    expect(q.map((x) => [x.text, x.speaker])).toEqual([['We warned them all.', 'Helen Porter']]);
    expect(quotesOf('“We warned them all.” she said, before Alan Birch spoke.').map((x) => x.text)).toEqual(['We warned them all.']);
  });

  it('leaves the comma before an attribution outside the quote and keeps a full stop inside', () => {
    const q = quotesOf('“We will appeal the ruling,” Karen Pike said. “It is wrong.”');
    expect(q.map((x) => x.text)).toEqual(['We will appeal the ruling', 'It is wrong.']);
  });

  it('gives one entry per paragraph to a quote running over paragraphs, UK style', () => {
    const text = 'Alan Birch said: “The first point is about money.\n\n“The second point is about time.\n\n“The last point is about trust.”';
    const q = quotesOf(text);
    expect(q.map((x) => x.text)).toEqual(['The first point is about money.', 'The second point is about time.', 'The last point is about trust.']);
    expect(new Set(q.map((x) => x.speaker))).toEqual(new Set(['Alan Birch']));
  });

  it('keeps a partial quote inside a sentence when someone is saying it', () => {
    expect(textsOf('Karen Pike described the findings as “deeply troubling for everyone”.')).toEqual(['deeply troubling for everyone']);
  });

  it('keeps a two-word phrase a verb of saying governs, not one used as a noun', () => {
    expect(textsOf('Tom Reeve said the audit made “grim reading” for the board.')).toEqual(['grim reading']);
    expect(textsOf('Tom Reeve said the ‘canteen culture’ of the past had gone.')).toEqual([]);
    expect(textsOf('Cases ended with nothing beyond “words of advice” in most forces, the audit found.')).toEqual([]);
  });

  it('drops scare quotes, quoted terms and titles', () => {
    expect(textsOf('Officers relied on ‘gut feeling’ when they made the decision.')).toEqual([]);
    expect(textsOf('The plan, called "Safer Streets Now", was launched in spring.')).toEqual([]);
    const term = 'Forces must tackle ‘misuse of police systems’ faster, the inspectorate said. Misuse of police systems is rising.';
    expect(textsOf(term)).toEqual([]);
  });

  it('does not crash on broken characters and still drops the scare quote they sit in', () => {
    expect(textsOf("Staff left over '˜gross misconduct' in the past year.")).toEqual([]);
    expect(() => quotesOf('â€œHalf a quote \uFFFD and a lone surrogate \uD800 “ ‘ \' "')).not.toThrow();
  });

  it('gives offsets that slice the original text to the quote text (property)', () => {
    const word = fc.stringMatching(/^[A-Za-z]{1,8}$/);
    const sentence = fc.array(word, { minLength: 3, maxLength: 12 }).map((w) => w.join(' '));
    const marks = fc.constantFrom(['“', '”'], ['"', '"'], ['‘', '’'], ["'", "'"]);
    const filler = fc.array(fc.oneof(sentence, fc.constantFrom('Hide Ad', 'don’t', "it's", '£5', '\n\n', 'Zoë said:')), { maxLength: 6 });
    fc.assert(
      fc.property(filler, sentence, marks, filler, (pre, quote, [o, c], post) => {
        const text = `${pre.join(' ')} Jo Bell said: ${o}${quote}.${c} ${post.join(' ')}`;
        for (const q of quotesOf(text)) expect(text.slice(q.start, q.end)).toBe(q.text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('a phrase quoted again in full', () => {
  it('keeps a headline phrase the speaker also says within a longer quote', () => {
    const text = 'The commissioner, Rhun Maddocks, told councillors he is \'not remotely satisfied\' with waiting times.\n\nMr Maddocks said: \'I am not remotely satisfied with where we are, and I have said so.\'';
    expect(textsOf(text)).toEqual(['not remotely satisfied', 'I am not remotely satisfied with where we are, and I have said so.']);
  });
});

describe('questions nobody asks', () => {
  it('drops a survey question in quote marks that no one is found to ask, and keeps one a speaker asks', () => {
    const survey = 'Members were asked:\n\n"Have you witnessed sexist behaviour at work in the last 12 months?"\n\nTwo in five said yes.';
    expect(quotesOf(survey)).toEqual([]);
    expect(textsOf('"How many more women have to come forward?" asked Jane Smith.')).toEqual(['How many more women have to come forward?']);
  });
});

describe('headline quotes', () => {
  it('reads "Label: “…”" at a headline as a lead, but not when the label names what is quoted', () => {
    const lead = quotesOf('Chief constable: “We got this badly wrong”\n\nThe force apologised on Monday.');
    expect(lead.map((q) => q.text)).toEqual(['We got this badly wrong']);
    const named = quotesOf('Committee inquiry: “Police misconduct and the public”\n\nThe committee met on Monday.');
    expect(named.every((q) => q.speaker === null)).toBe(true);
  });

  it('gives a headline repeating words of an attributed quote that quote’s speaker', () => {
    const text = '“Nobody called me back”\n\nDeborah Quinlan reported the assault in 2021. She said: “Nobody called me back, not once in two years.”';
    const q = quotesOf(text);
    expect(q.map((x) => x.speaker)).toEqual(['Deborah Quinlan', 'Deborah Quinlan']);
  });
});
