import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findFurniture, joinLines, type LayoutLine, type LayoutPage, pagesToText } from '../../seed/ingest/layout.js';

// Pages built by hand the way pdf.ts and ocr.ts hand them over: lines in reading order, with
// their edges in points from the page's top left. An A4 page, 11-point type on a 15-point pitch.

const WIDTH = 595;
const HEIGHT = 842;
const LEFT = 64;
const RIGHT = 531;
const SIZE = 11;
const PITCH = 15;
/** where the body starts and stops: clear of the header and footer bands */
const BODY_TOP = 130;
const BODY_BOTTOM = 700;

interface Spec {
  text: string;
  /** right edge; a full line by default */
  right?: number;
  size?: number;
  /** extra space above the line, points */
  space?: number;
}

const line = (text: string, top: number, opts: { right?: number; size?: number } = {}): LayoutLine => ({
  text,
  left: LEFT,
  right: opts.right ?? RIGHT,
  top,
  bottom: top + (opts.size ?? SIZE),
});

/** Body lines set one under the other from `top`; a paragraph's last line is short unless told. */
function setLines(specs: readonly (string | Spec)[], top = BODY_TOP): LayoutLine[] {
  const out: LayoutLine[] = [];
  let y = top;
  for (const s of specs) {
    const spec = typeof s === 'string' ? { text: s } : s;
    y += spec.space ?? 0;
    out.push(line(spec.text, y, { ...(spec.right !== undefined ? { right: spec.right } : {}), ...(spec.size !== undefined ? { size: spec.size } : {}) }));
    y += Math.max(PITCH, (spec.size ?? SIZE) * 1.35);
  }
  return out;
}

/** Paragraphs of lines, a short closing line and a blank half-line between them. */
function paragraphs(paras: readonly (readonly string[])[], top = BODY_TOP): LayoutLine[] {
  const specs: Spec[] = [];
  paras.forEach((lines, p) => {
    lines.forEach((text, i) => {
      const last = i === lines.length - 1;
      specs.push({ text, ...(last ? { right: LEFT + 200 } : {}), ...(i === 0 && p > 0 ? { space: 12 } : {}) });
    });
  });
  return setLines(specs, top);
}

const header = (text: string) => line(text, 40, { size: 9, right: LEFT + 250 });
const footer = (text: string) => line(text, 790, { size: 9, right: LEFT + 250 });
const page = (lines: LayoutLine[]): LayoutPage => ({ width: WIDTH, height: HEIGHT, lines });
const onePage = (lines: LayoutLine[]) => pagesToText([page(lines)]).text;

describe('lines into paragraphs', () => {
  it('joins the lines of a paragraph with a space and puts a blank line between paragraphs', () => {
    const text = onePage(
      paragraphs([
        ['The inspectors spent four nights in the custody suite at', 'Eastwick and checked every detainee record kept there', 'during that time.'],
        ['They found that most checks were made on time, but the', 'records of the checks were often written up hours later.'],
      ]),
    );
    expect(text).toBe(
      'The inspectors spent four nights in the custody suite at Eastwick and checked every detainee record kept there during that time.\n\n' +
        'They found that most checks were made on time, but the records of the checks were often written up hours later.',
    );
  });

  it('starts a new paragraph after a short line that ends a sentence, even with no space before the next', () => {
    const text = onePage(
      setLines([
        'The review team read two hundred case files from the public',
        { text: 'protection unit.', right: LEFT + 90 },
        'Fewer than half of them recorded what the victim had asked for.',
      ]),
    );
    expect(text).toBe('The review team read two hundred case files from the public protection unit.\n\nFewer than half of them recorded what the victim had asked for.');
  });

  it('keeps a full line that ends a sentence in the same paragraph as the next', () => {
    const text = onePage(setLines(['The force had no plan for training its new sergeants in 2023.', { text: 'It has one now.', right: LEFT + 80 }]));
    expect(text).toBe('The force had no plan for training its new sergeants in 2023. It has one now.');
  });

  it('sets a heading in larger type apart from the paragraph under it', () => {
    const text = onePage(
      setLines([
        { text: 'Summary of findings', size: 16, right: LEFT + 180 },
        'The inspection found that the force answers emergency calls',
        { text: 'quickly but loses track of the callers who wait longest.', right: LEFT + 300 },
      ]),
    );
    expect(text).toBe('Summary of findings\n\nThe inspection found that the force answers emergency calls quickly but loses track of the callers who wait longest.');
  });

  it('starts a new paragraph where the text steps back up the page (a second column)', () => {
    const first = setLines(['Vetting checks in the left-hand column were up to date for', { text: 'almost every officer.', right: LEFT + 120 }]);
    const second = setLines(['Checks of police staff in the right-hand column were not'], BODY_TOP).map((l) => ({ ...l, left: 320, right: 531 }));
    const text = onePage([...first, ...second]);
    expect(text.split('\n\n')).toEqual(['Vetting checks in the left-hand column were up to date for almost every officer.', 'Checks of police staff in the right-hand column were not']);
  });
});

describe('hyphens at line ends', () => {
  it('joins a word a typesetter broke with a hyphen at the end of a line', () => {
    const text = onePage(
      paragraphs([['The inspec-', 'tors asked each custody sergeant how often the cell super-', 'vision rota was reviewed.']]),
    );
    expect(text).toBe('The inspectors asked each custody sergeant how often the cell supervision rota was reviewed.');
  });

  it('keeps the hyphens of compounds that sit mid-line, whatever the line breaks do', () => {
    const text = onePage(
      paragraphs([['It is a well-known weakness that follow-up visits to high-risk detainees', 'are missed when the suite is busy, and the inspec-', 'tors saw it happen on a well-staffed night too.']]),
    );
    expect(text).toBe(
      'It is a well-known weakness that follow-up visits to high-risk detainees are missed when the suite is busy, and the inspectors saw it happen on a well-staffed night too.',
    );
  });

  it('keeps the hyphen of a compound broken at its hyphen: a known head or tail, or the spelling used elsewhere in the document', () => {
    expect(joinLines('the problem was well-', 'known to the custody inspectors')).toBe('the problem was well-known to the custody inspectors');
    expect(joinLines('a force-', 'wide review of vetting')).toBe('a force-wide review of vetting');
    expect(joinLines('the use of stop-', 'search in the town centre', new Set(['stop-search']))).toBe('the use of stop-search in the town centre');
  });

  it('joins a word broken after a compound head when the document spells the word solid elsewhere', () => {
    expect(joinLines('the report was counter-', 'signed by the chief', new Set(['countersigned']))).toBe('the report was countersigned by the chief');
  });

  it('reads the whole head word of a capitalised line-end break', () => {
    // "Stop-" opens a sentence: the word is "stop", not "top"
    expect(joinLines('the town centre. Stop-', 'search was used twice as often', new Set(['stop-search']))).toBe('the town centre. Stop-search was used twice as often');
    expect(joinLines('officers. Inspec-', 'tors found the same', new Set(['inspectors']))).toBe('officers. Inspectors found the same');
  });

  it('keeps a hyphen before a capital or a figure, and never opens a space after it', () => {
    expect(joinLines('the plan for 2023-', '24 was late')).toBe('the plan for 2023-24 was late');
    expect(joinLines('the changes made since the pre-', '2020 inspection')).toBe('the changes made since the pre-2020 inspection');
    expect(joinLines('a joint HMICFRS-', 'Ofsted visit')).toBe('a joint HMICFRS-Ofsted visit');
  });

  it('keeps the space around a spaced dash at a line end, and none after an unspaced one', () => {
    expect(joinLines('the inspectors found one thing –', 'the rota was never checked')).toBe('the inspectors found one thing – the rota was never checked');
    expect(joinLines('the inspectors found one thing—', 'the rota was never checked')).toBe('the inspectors found one thing—the rota was never checked');
    expect(joinLines('the figures for 2019–', '20 were missing')).toBe('the figures for 2019–20 were missing');
  });

  it('joins a line break in a word across a page break', () => {
    const first = page([header('Inspection of custody'), ...setLines(['The inspectors looked at the arrangements for detainees under'], BODY_BOTTOM - PITCH), footer('Page 1')]);
    const second = page([header('Inspection of custody'), ...setLines(['eighteen and for their appropriate adults, and at the super-', { text: 'vision of both.', right: LEFT + 80 }]), footer('Page 2')]);
    const { text } = pagesToText([first, second]);
    expect(text).toContain('The inspectors looked at the arrangements for detainees under eighteen and for their appropriate adults, and at the supervision of both.');
  });
});

describe('page furniture', () => {
  const report = (n: number, body: (i: number) => LayoutLine[]) =>
    Array.from({ length: n }, (_, i) => page([header('Inspection of Eastwick custody suites'), ...body(i), footer('Official sensitive'), line(`Page ${i + 1} of ${n}`, 790, { size: 9, right: RIGHT })]));

  it('finds a running header, a running footer and the page numbers repeated across pages', () => {
    const pages = report(5, (i) => paragraphs([[`The inspectors visited suite number ${i + 1} on a weekday night and checked`, 'the detainee records.']]));
    const flags = findFurniture(pages);
    for (const [p, pg] of pages.entries()) {
      expect(pg.lines.filter((_l, i) => flags[p]![i]).map((l) => l.text)).toEqual(['Inspection of Eastwick custody suites', 'Official sensitive', `Page ${p + 1} of 5`]);
    }
    const { text, furniture } = pagesToText(pages);
    const masked = furniture.map((f) => text.slice(f.start, f.end));
    expect(masked.filter((t) => t === 'Inspection of Eastwick custody suites')).toHaveLength(5);
    expect(masked.filter((t) => t === 'Official sensitive')).toHaveLength(5);
    expect(masked.filter((t) => /^Page \d of 5$/.test(t))).toHaveLength(5);
    expect(masked.some((t) => /visited/.test(t))).toBe(false);
  });

  it('needs only two pages to see a header run in a short document, but not one', () => {
    const two = [0, 1].map((i) => page([header('Custody inspection: summary'), ...paragraphs([[`Finding ${i + 1} is about the checks made on detainees at night.`]])]));
    expect(findFurniture(two).map((f) => f[0])).toEqual([true, true]);
    const one = [page([header('Custody inspection: summary'), ...paragraphs([['The only finding is about the checks made on detainees.']])])];
    expect(findFurniture(one)[0]![0]).toBe(false);
  });

  it('takes a bare page number at the foot of a page for furniture even on a single page', () => {
    const single = page([...paragraphs([['One page on its own, about the cell checks in a custody suite.']]), line('7', 790, { size: 9, right: 300 })]);
    const { text, furniture } = pagesToText([single]);
    expect(furniture.map((f) => text.slice(f.start, f.end))).toEqual(['7']);
  });

  it('takes only lines that run for furniture: on pages close together, at the same edge', () => {
    // a 30-page report: the report title on even pages, the chapter on odd pages of chapter 2 (pages 11 to 19),
    // and one sentence that a line break happens to leave at the top of pages 4, 16 and 27
    const title = 'Eastwick custody inspection 2024';
    const chapter = 'Chapter 2: the care of detainees';
    const pages = Array.from({ length: 30 }, (_, i) => {
      const n = i + 1;
      const run = n % 2 === 0 ? [header(title)] : n >= 11 && n <= 19 ? [header(chapter)] : [];
      const top = [4, 16, 27].includes(n) ? setLines(['were checked at least once an hour.'], 80) : [];
      return page([...run, ...top, ...paragraphs([[`Page ${n} says more about the cell checks made during the night.`]]), line(String(n), 790, { size: 9, right: 300 })]);
    });
    const flags = findFurniture(pages);
    const furnitureOf = (n: number) => pages[n - 1]!.lines.filter((_l, i) => flags[n - 1]![i]).map((l) => l.text);
    expect(furnitureOf(4)).toEqual([title, '4']);
    expect(furnitureOf(13)).toEqual([chapter, '13']);
    expect(furnitureOf(16)).toEqual([title, '16']);
    expect(furnitureOf(27)).toEqual(['27']);
  });

  it('does not count a line at the foot of some pages with the same words at the head of others', () => {
    const words = 'Annex A: the inspection method';
    // the words close page 1 (a note on what follows), then head pages 2, 4 and 6
    const pages = Array.from({ length: 6 }, (_, i) =>
      page([...(i % 2 ? [header(words)] : []), ...paragraphs([[`Section ${i + 1} on the inspection method.`]]), ...(i === 0 ? [footer(words)] : [])]),
    );
    const flags = findFurniture(pages);
    expect(pages.map((pg, i) => pg.lines.filter((_l, j) => flags[i]![j]).map((l) => l.text))).toEqual([[], [words], [], [words], [], [words]]);
  });

  it('keeps a line repeated in the body of every page: it is not at the top or the bottom', () => {
    const pages = report(5, () => [...paragraphs([['The inspectors made one recommendation on this subject.']]), ...setLines([{ text: 'Recommendation', size: 13, right: LEFT + 100 }], 400)]);
    const flags = findFurniture(pages);
    for (const [p, pg] of pages.entries()) expect(flags[p]![pg.lines.findIndex((l) => l.text === 'Recommendation')]).toBe(false);
  });

  it('keeps footnotes as text: a note at the foot of one page is not running furniture', () => {
    const pages = report(5, (i) => [
      ...paragraphs([[`The force said it had re-vetted ${100 + i} officers by the end of the year.${i === 2 ? '¹' : ''}`]]),
      ...(i === 2 ? [line('¹ The figure was given to the inspectors in a letter and was not checked.', 760, { size: 8, right: RIGHT - 40 })] : []),
    ]);
    const { text, furniture } = pagesToText(pages);
    expect(text).toContain('\n\n¹ The figure was given to the inspectors in a letter and was not checked.\n\n');
    expect(furniture.some((f) => text.slice(f.start, f.end).includes('letter'))).toBe(false);
  });

  it('keeps a paragraph that runs over a page break in one piece, with the furniture of the break after it', () => {
    const first = page([header('Inspection of Eastwick custody suites'), ...setLines(['The inspectors found that the force had not reviewed its custody'], BODY_BOTTOM - PITCH), footer('Official sensitive'), line('1', 790, { size: 9, right: RIGHT })]);
    const second = page([header('Inspection of Eastwick custody suites'), ...paragraphs([['policy since 2021, and that nobody could say who owned it.'], ['The next paragraph is about training.']]), footer('Official sensitive'), line('2', 790, { size: 9, right: RIGHT })]);
    const { text, furniture } = pagesToText([first, second]);
    expect(text.split('\n\n')).toEqual([
      'Inspection of Eastwick custody suites',
      'The inspectors found that the force had not reviewed its custody policy since 2021, and that nobody could say who owned it.',
      'Official sensitive',
      '1',
      'Inspection of Eastwick custody suites',
      'The next paragraph is about training.',
      'Official sensitive',
      '2',
    ]);
    expect(furniture).toHaveLength(6);
  });

  it('keeps a paragraph in one piece over a page break even when the page ends with a footnote', () => {
    const first = page([
      header('Inspection of Eastwick custody suites'),
      ...setLines(['The inspectors found that the custody policy¹ had not been reviewed'], BODY_BOTTOM - PITCH),
      line('¹ Custody policy, version 4, issued in 2019.', 760, { size: 8, right: LEFT + 200 }),
      footer('Official sensitive'),
    ]);
    const second = page([header('Inspection of Eastwick custody suites'), ...paragraphs([['since 2021, and that nobody could say who owned it.']]), footer('Official sensitive')]);
    const { text } = pagesToText([first, second]);
    expect(text).toContain('The inspectors found that the custody policy¹ had not been reviewed since 2021, and that nobody could say who owned it.');
    expect(text).toContain('\n\n¹ Custody policy, version 4, issued in 2019.\n\n');
  });

  it('carries a paragraph on over a page that holds nothing else but a footnote', () => {
    const note = line('² The rota in force on the night of the visit.', 760, { size: 8, right: LEFT + 220 });
    const pages = [
      page([...setLines(['The inspectors asked each sergeant to show them the rota and'], BODY_BOTTOM - PITCH), line('1', 790, { size: 9, right: 300 })]),
      page([...setLines(['compared it² with the staff who were on duty, and found that on'], BODY_BOTTOM - PITCH), note, line('2', 790, { size: 9, right: 300 })]),
      page([...paragraphs([['most nights the two did not match.']]), line('3', 790, { size: 9, right: 300 })]),
    ];
    const { text } = pagesToText(pages);
    expect(text.split('\n\n')).toEqual([
      'The inspectors asked each sergeant to show them the rota and compared it² with the staff who were on duty, and found that on most nights the two did not match.',
      '1',
      '² The rota in force on the night of the visit.',
      '2',
      '3',
    ]);
  });
});

describe('page starts', () => {
  it('points each page start at the first thing printed on that page', () => {
    const pages = [1, 2, 3].map((n) =>
      page([header(`Eastwick inspection, part ${n}`), ...paragraphs([[`Page ${n} opens with a paragraph about the custody records that`, 'the inspectors read.']]), line(String(n), 790, { size: 9, right: 300 })]),
    );
    const { text, pageStarts } = pagesToText(pages);
    expect(pageStarts).toHaveLength(3);
    expect(pageStarts[0]).toBe(0);
    for (const [i, start] of pageStarts.entries()) expect(text.slice(start)).toMatch(new RegExp(`^Eastwick inspection, part ${i + 1}\\n\\nPage ${i + 1} opens`));
  });

  it('points the start of a page that carries on a paragraph at its first line inside that paragraph', () => {
    const first = page([...setLines(['The inspectors found that the force had not reviewed its custody'], BODY_BOTTOM - PITCH), line('1', 790, { size: 9, right: 300 })]);
    const second = page([...paragraphs([['policy since 2021, and that nobody could say who owned it.']]), line('2', 790, { size: 9, right: 300 })]);
    const { text, pageStarts } = pagesToText([first, second]);
    expect(text.slice(pageStarts[1])).toMatch(/^policy since 2021/);
    expect(text.slice(0, pageStarts[1])).toBe('The inspectors found that the force had not reviewed its custody ');
  });

  it('gives an empty page the start of the page after it', () => {
    const pages = [page(paragraphs([['First page about the custody suite.']])), page([]), page(paragraphs([['Third page about the cells.']]))];
    const { text, pageStarts } = pagesToText(pages);
    expect(pageStarts[1]).toBe(pageStarts[2]);
    expect(text.slice(pageStarts[2])).toBe('Third page about the cells.');
  });

  const eightWordLines = (t: string) => {
    const words = t.split(' ');
    return Array.from({ length: Math.ceil(words.length / 8) }, (_, i) => words.slice(8 * i, 8 * i + 8).join(' '));
  };

  it('keeps every paragraph and orders the page starts, for any words over any number of pages', () => {
    const word = fc.stringMatching(/^[a-z]{1,9}$/);
    const para = fc.array(word, { minLength: 1, maxLength: 40 }).map((ws) => `${ws.join(' ')}.`);
    fc.assert(
      fc.property(fc.array(fc.array(para, { minLength: 1, maxLength: 4 }), { minLength: 2, maxLength: 6 }), (doc) => {
        // each paragraph set as lines of at most 8 words
        const pages = doc.map((paras, p) => {
          const lines = paragraphs(paras.map((t) => eightWordLines(t)));
          return page([header('Eastwick custody inspection'), ...lines, line(String(p + 1), 790, { size: 9, right: 300 })]);
        });
        const { text, pageStarts, furniture } = pagesToText(pages);
        const kept = text.split('\n\n').filter((_b, i, blocks) => {
          const at = blocks.slice(0, i).reduce((n, b) => n + b.length + 2, 0);
          return !furniture.some((f) => f.start === at);
        });
        // every paragraph ends with a stop, so none carries on over a page break
        expect(kept).toEqual(doc.flat());
        expect(pageStarts).toHaveLength(pages.length);
        for (let i = 1; i < pageStarts.length; i++) expect(pageStarts[i]!).toBeGreaterThanOrEqual(pageStarts[i - 1]!);
        for (const f of furniture) expect(['Eastwick custody inspection', ...pages.map((_p, i) => String(i + 1))]).toContain(text.slice(f.start, f.end));
      }),
      { numRuns: 150 },
    );
  });
});
