// Printed pages back into running text: lines (from a PDF's text layer or from OCR, with
// their position on the page) become paragraphs separated by blank lines, words broken with a
// hyphen at a line end are joined, and running headers, footers and page numbers are found
// as page furniture. The furniture stays in the text (so the reader shows the page as it was)
// but is reported as spans to mask, and a paragraph that runs over a page break stays one
// paragraph, with the furniture of the break moved after it: quotes reopen at each paragraph,
// so a false paragraph break would cut a quote in two. Pure: no I/O.

export interface LayoutLine {
  text: string;
  /** left and right edges, points from the page's left */
  left: number;
  right: number;
  /** top and bottom of the line, points from the page's top */
  top: number;
  bottom: number;
}

export interface LayoutPage {
  width: number;
  height: number;
  /** in reading order */
  lines: LayoutLine[];
}

export interface PageText {
  text: string;
  /** character offset where each page starts in `text`, page 1 first */
  pageStarts: number[];
  /** running headers, footers and page numbers: spans of `text` to mask */
  furniture: { start: number; end: number }[];
}

/** How far from the top or bottom edge a line can sit and still be a running header or footer. */
const FURNITURE_BAND = 0.14;
const PAGE_NUMBER = /^(?:[-–—]\s*)?(?:page\s+)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:of|\/)\s*\d{1,4})?(?:\s*[-–—])?$/i;
const TERMINAL = /[.!?:;"”’')\]]$/;
/** Left halves that are words in their own right: "self-\nassessment" keeps its hyphen. */
const COMPOUND_HEADS = new Set([
  'self', 'non', 'well', 'cross', 'anti', 'multi', 'counter', 'cyber', 'long', 'short', 'high', 'low', 'full', 'part',
  'semi', 'ex', 'co', 'mid', 'half', 'all', 'front', 'wide', 'one', 'two', 'three', 'four', 'five', 'ten', 'first',
  'second', 'third', 'senior', 'junior', 'so', 'vice', 'cost', 'risk', 'life', 'child', 'officer', 'victim', 'force',
]);
const COMPOUND_TAILS = new Set([
  'based', 'led', 'related', 'wide', 'term', 'level', 'facing', 'up', 'off', 'out', 'free', 'style', 'scale', 'making',
  'focused', 'centred', 'centered', 'specific', 'owned', 'funded', 'run', 'time', 'year', 'old', 'like', 'known',
]);

const furnitureKey = (t: string) => t.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();

/** Pages further apart than this do not carry one running header between them (alternate pages may carry another). */
const RUN_GAP = 2;

/**
 * For each page, which of its lines are furniture: bare page numbers, and lines that run, the
 * same words at the same edge (top or bottom) of pages close together. A sentence that line breaks
 * happen to leave at the top of a few pages scattered through a long report does not run.
 */
export function findFurniture(pages: readonly LayoutPage[]): boolean[][] {
  const band = (page: LayoutPage, line: LayoutLine): 'top' | 'bottom' | null =>
    line.bottom <= page.height * FURNITURE_BAND ? 'top' : line.top >= page.height * (1 - FURNITURE_BAND) ? 'bottom' : null;
  const keyOf = (page: LayoutPage, line: LayoutLine) => {
    const where = band(page, line);
    return where && line.text.trim() ? `${where}:${furnitureKey(line.text)}` : null;
  };
  // the pages each key is on, in order; a key counts once per page: a line repeated within one page is not running
  const pagesWithKey = new Map<string, number[]>();
  pages.forEach((page, p) => {
    for (const line of page.lines) {
      const k = keyOf(page, line);
      if (k === null) continue;
      const on = pagesWithKey.get(k) ?? [];
      if (on.at(-1) !== p) on.push(p);
      pagesWithKey.set(k, on);
    }
  });
  // a short document shows a header twice at most; a longer one runs it over three pages close together
  const needed = pages.length <= 4 ? 2 : 3;
  const running = new Map<string, Set<number>>();
  for (const [k, on] of pagesWithKey) {
    const yes = new Set<number>();
    for (let i = 0, j = 0; i < on.length; i = j) {
      for (j = i + 1; j < on.length && (pages.length <= 4 || on[j]! - on[j - 1]! <= RUN_GAP); j++);
      if (j - i >= needed) for (const p of on.slice(i, j)) yes.add(p);
    }
    running.set(k, yes);
  }
  return pages.map((page, p) =>
    page.lines.map((line) => {
      const k = keyOf(page, line);
      if (k === null) return false;
      if (PAGE_NUMBER.test(line.text.trim())) return true;
      return running.get(k)?.has(p) ?? false;
    }),
  );
}

interface Para {
  lines: { line: LayoutLine; page: number }[];
}

function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** The page's body lines as paragraphs: a wide gap, a change of size, a short closing line or a step back up the page starts a new one. */
function paragraphsOf(pageIndex: number, body: LayoutLine[], spacing: number): Para[] {
  const out: Para[] = [];
  const columnRight = Math.max(...body.map((l) => l.right));
  const columnLeft = Math.min(...body.map((l) => l.left));
  const columnWidth = Math.max(1, columnRight - columnLeft);
  let current: Para | null = null;
  let prev: LayoutLine | null = null;
  for (const line of body) {
    let fresh = !current || !prev;
    if (prev && current) {
      const gap = line.top - prev.bottom;
      const height = line.bottom - line.top;
      const prevHeight = prev.bottom - prev.top;
      const pitch = line.top - prev.top;
      if (pitch <= 0 || pitch > spacing * 1.4) fresh = true;
      else if (Math.abs(height - prevHeight) > 0.2 * Math.max(height, prevHeight)) fresh = true;
      else if (TERMINAL.test(prev.text.trim()) && prev.right < columnRight - 0.2 * columnWidth) fresh = true;
      else if (gap > Math.max(height, prevHeight) * 1.2) fresh = true;
    }
    if (fresh) {
      current = { lines: [] };
      out.push(current);
    }
    current!.lines.push({ line, page: pageIndex });
    prev = line;
  }
  return out;
}

/** The usual distance from one line's top to the next, over the whole document. */
function lineSpacing(pages: readonly LayoutPage[], isFurniture: boolean[][]): number {
  const pitches: number[] = [];
  pages.forEach((page, p) => {
    let prev: LayoutLine | null = null;
    page.lines.forEach((line, i) => {
      if (isFurniture[p]?.[i]) return;
      if (prev) {
        const pitch = line.top - prev.top;
        if (pitch > 0) pitches.push(pitch);
      }
      prev = line;
    });
  });
  return median(pitches) || 14;
}

/** Every word of the document, so a line-end hyphen can be judged against how the text spells the word elsewhere. */
function vocabulary(pages: readonly LayoutPage[]): Set<string> {
  const words = new Set<string>();
  for (const page of pages) {
    for (const line of page.lines) {
      for (const w of line.text.toLowerCase().match(/[\p{L}]+(?:-[\p{L}]+)*/gu) ?? []) words.add(w);
    }
  }
  return words;
}

/** How two lines of one paragraph join: a line-end break of one word loses its hyphen, a compound keeps it, other lines meet at a space. */
export function joinLines(a: string, b: string, words: ReadonlySet<string> = new Set()): string {
  // a spaced dash at the line end ("found –") is punctuation: the space after it stays
  if (/\s[-–—]$/.test(a)) return `${a} ${b}`;
  // the whole word before the hyphen ("Stop-", not "top-"); a capitalised one is a sentence's first word, an all-capitals one an acronym
  const left = /(?<!\p{L})(\p{L}*\p{Ll}\p{L}*)-$/u.exec(a);
  const right = /^(\p{Ll}[\p{L}]*)/u.exec(b);
  if (left && right) {
    const lastHead = left[1]!.toLowerCase();
    const tail = right[1]!.toLowerCase();
    const keep =
      words.has(`${lastHead}-${tail}`) ||
      (!words.has(`${lastHead}${tail}`) && (COMPOUND_HEADS.has(lastHead) || COMPOUND_TAILS.has(tail)));
    return keep ? a + b : a.slice(0, -1) + b;
  }
  // "officer-" at a line end before a capital or a figure is a compound, never a broken word
  if (/[\p{L}\p{N}]-$/u.test(a) || /[—–/]$/.test(a)) return a + b;
  return `${a} ${b}`;
}

/** Whether the last paragraph of one page goes on at the top of the next. */
function continues(last: Para, next: Para, columnWidth: number): boolean {
  const end = last.lines.at(-1)!.line;
  const start = next.lines[0]!.line;
  const t = end.text.trim();
  if (TERMINAL.test(t)) return false;
  if (/^\p{Ll}/u.test(start.text.trim())) return true;
  // a full line without a stop runs on; a short one is a heading
  return end.right - end.left >= 0.7 * columnWidth;
}

type Block = { kind: 'para'; para: Para } | { kind: 'furniture'; line: LayoutLine; page: number };

/** How many of a page's paragraphs are running text: footnotes (smaller type, in the lower half, after the text) are not. */
function runningTextCount(paras: readonly Para[], page: LayoutPage): number {
  const height = (ps: readonly Para[]) => median(ps.flatMap((p) => p.lines.map(({ line }) => line.bottom - line.top)));
  let n = paras.length;
  while (n > 1) {
    const last = paras[n - 1]!;
    if (last.lines[0]!.line.top < page.height / 2 || height([last]) >= 0.85 * height(paras.slice(0, n - 1))) break;
    n--;
  }
  return n;
}

export function pagesToText(pages: readonly LayoutPage[]): PageText {
  const isFurniture = findFurniture(pages);
  const spacing = lineSpacing(pages, isFurniture);
  const words = vocabulary(pages);
  const blocks: Block[] = [];
  let lastPara: Para | null = null;
  pages.forEach((page, p) => {
    const flags = isFurniture[p] ?? [];
    const body = page.lines.filter((l, i) => !flags[i] && l.text.trim());
    const furniture = page.lines.filter((_l, i) => flags[i]);
    const top = furniture.filter((l) => l.bottom <= page.height * FURNITURE_BAND);
    const bottom = furniture.filter((l) => !top.includes(l));
    for (const line of top) blocks.push({ kind: 'furniture', line, page: p });
    const paras = body.length ? paragraphsOf(p, body, spacing) : [];
    const width = body.length ? Math.max(...body.map((l) => l.right)) - Math.min(...body.map((l) => l.left)) : page.width;
    const first = paras[0];
    // a paragraph broken by the page end goes on past the page's footnotes
    const running = paras.length ? paras[runningTextCount(paras, page) - 1]! : null;
    const carriesOn = first !== undefined && lastPara !== null && continues(lastPara, first, width);
    if (carriesOn) {
      // the paragraph carries on: this page's lines join it, and the furniture between stays after it
      lastPara!.lines.push(...first.lines);
      paras.shift();
    }
    for (const para of paras) blocks.push({ kind: 'para', para });
    // (when the carried-on paragraph is all the page's running text, it may carry on again)
    if (running && !(carriesOn && running === first)) lastPara = running;
    for (const line of bottom) blocks.push({ kind: 'furniture', line, page: p });
  });

  let text = '';
  const firstOffset: (number | null)[] = pages.map(() => null);
  const furniture: PageText['furniture'] = [];
  const mark = (page: number, offset: number) => {
    const known = firstOffset[page];
    if (known === null || known === undefined || offset < known) firstOffset[page] = offset;
  };
  for (const block of blocks) {
    if (text) text += '\n\n';
    if (block.kind === 'furniture') {
      mark(block.page, text.length);
      const t = block.line.text.trim();
      furniture.push({ start: text.length, end: text.length + t.length });
      text += t;
      continue;
    }
    let para = '';
    for (const { line, page } of block.para.lines) {
      const t = line.text.replace(/\s+/g, ' ').trim();
      if (!para) {
        mark(page, text.length);
        para = t;
        continue;
      }
      const joined = joinLines(para, t, words);
      // where the line's own text begins in the joined paragraph
      mark(page, text.length + joined.length - t.length);
      para = joined;
    }
    text += para;
  }
  const pageStarts: number[] = [];
  for (let p = pages.length - 1, next = text.length; p >= 0; p--) {
    next = Math.min(firstOffset[p] ?? next, next);
    pageStarts[p] = next;
  }
  return { text, pageStarts, furniture };
}
