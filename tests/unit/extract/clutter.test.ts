import { describe, expect, it } from 'vitest';
import { detectClutter } from '../../../seed/extract/clutter.js';

const reasonsOf = (text: string) => detectClutter(text).clutter.map((c) => [c.reason, text.slice(c.start, c.end)]);

describe('clutter', () => {
  it('drops cookie banners, advert markers and share bars', () => {
    const text = [
      'Council tax rise approved',
      'Share  Tweet  Email',
      'Members voted for the rise on Tuesday evening after a long debate.',
      'Advertisement',
      'We use cookies to improve your experience. By continuing you accept our cookie policy.',
    ].join('\n\n');
    const reasons = reasonsOf(text).map(([r]) => r);
    expect(reasons).toEqual(['share bar', 'advert', 'cookie notice']);
  });

  it('drops breadcrumb navigation made of short words set apart by gaps', () => {
    const text = 'Home \u00a0 Essex \u00a0 News\n\nA long article sentence follows here with enough words in it.';
    expect(reasonsOf(text)[0]).toEqual(['navigation', 'Home \u00a0 Essex \u00a0 News']);
  });

  it('drops photo captions with credits and captions scraped twice', () => {
    const text = [
      'The chief constable spoke at the launch event on Friday morning.',
      'Officers at the launch. Picture: Jo Bloggs (PA)',
      'A patrol car outside the stationA patrol car outside the station',
      'A patrol car outside the station',
      'The force said it would publish its plan next month.',
    ].join('\n');
    const captions = reasonsOf(text).filter(([r]) => r === 'photo caption');
    expect(captions).toHaveLength(3);
  });

  it('cuts everything from a comment form onwards as the page tail', () => {
    const article = 'The watchdog published its findings today. It said forces must improve.\n\n';
    const tail = 'Add your comment\n\nName\n\nEmail\n\nCouncil opens new library\n\n12/01/2020Mayor praises volunteers';
    const text = article + tail;
    const r = detectClutter(text);
    const cut = r.clutter.find((c) => c.reason === 'comments and other stories');
    expect(cut?.start).toBe(article.length);
    expect(cut?.end).toBe(text.length);
    expect(r.body.end).toBeLessThanOrEqual(article.length);
  });

  it('cuts a trailing run of short headline-like lines with no marker before them', () => {
    const lines = Array.from({ length: 6 }, (_, i) => `Other story number ${i} about council budgets`);
    const text = `${'The inquiry heard evidence from officers over several weeks of hearings. '.repeat(5)}\n\n${lines.join('\n\n')}`;
    const cut = detectClutter(text).clutter.find((c) => c.reason === 'comments and other stories');
    expect(text.slice(cut?.start ?? 0)).toContain('Other story number 0');
  });

  it("keeps a letter's signature block and copy list, however many short lines they make", () => {
    const letter = `Dear Minister,\n\n${'I write about the funding of rural policing and the distances involved in every response. '.repeat(5)}\n\nYours sincerely,\n\n`;
    const block = 'Ann Rees\nPolice and Crime Commissioner for Wessex\nComisiynydd Heddlu\n\ncc: HM Chief Inspector of Constabulary\n    Chief Constable Tom Bell, Wessex Police\n    Cllr Jo Lane, Chair, Wessex Police and Crime Panel';
    expect(detectClutter(letter + block).clutter).toEqual([]);
  });

  it('keeps a letter whose address lines are short', () => {
    const text = 'Jane Doe\nInformation Rights\nPolice HQ\n\nDear Sir,\n\nThank you for your request. We hold the information.\n\nYours sincerely\n\nJane Doe\nInformation Rights\n\nYou may ask for a review of this response within two months.';
    expect(detectClutter(text).clutter).toEqual([]);
  });
});

describe('clutter on bilingual pages', () => {
  it('reads "Darllen mwy / Read more" as the start of the page tail', () => {
    const text = ['Station to close', 'The station on the high street will close in May, the force said.', 'Darllen mwy / Read more', 'Council approves budget'].join('\n\n');
    const reasons = reasonsOf(text);
    expect(reasons.some(([, s]) => !!s?.includes('Council approves budget'))).toBe(true);
    expect(reasons.some(([, s]) => !!s?.includes('The station on the high street'))).toBe(false);
  });
});

describe('broadcaster labels', () => {
  it('reads "Media caption, …" and "Image source, …" lines as captions', () => {
    const text = ['Force criticised over waits', 'Media caption, Gareth Lloyd said callers had been “left hanging”', 'Image source, Getty Images', 'The commissioner has criticised the force.'].join('\n\n');
    const reasons = reasonsOf(text);
    expect(reasons.filter(([r]) => r === 'photo caption').map(([, s]) => s)).toEqual(['Media caption, Gareth Lloyd said callers had been “left hanging”', 'Image source, Getty Images']);
  });
});

