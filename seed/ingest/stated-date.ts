// The date a document says it was published, read from its own text when no sidecar or page
// metadata gives it. Only where pages put it: after "Published", "Posted" or "First published"
// (anywhere), or a line near the top that is a date and little else (a dateline, a byline with
// its date, "Tue 9 Jul 2024 19.30 BST"). A date inside a sentence is what the text is about, not
// when it was written, and is never taken. "Updated" is taken only when nothing says published.

export interface StatedDate {
  /** YYYY-MM-DD */
  date: string;
  /** what gave it, for the record: "published line", "dateline" or "updated line" */
  how: 'published line' | 'dateline' | 'updated line';
  start: number;
  end: number;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = String.raw`(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?`;
const DAY_NAME = String.raw`(?:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday)?,?\s+)?`;
const monthOf = (name: string): number => MONTHS.findIndex((m) => m.startsWith(name.toLowerCase().slice(0, 3))) + 1;

/** One date written out: "9 December 2016", "December 9, 2016", "2016-12-09", "09.12.16", "09/12/2016". */
const DATE_FORMS: { re: string; parse(m: string[]): [number, number, number] }[] = [
  { re: String.raw`${DAY_NAME}(\d{1,2})(?:st|nd|rd|th)?\s+${MONTH},?\s+((?:19|20)\d\d)`, parse: (m) => [Number(m[3]), monthOf(m[2]!), Number(m[1])] },
  { re: String.raw`${DAY_NAME}${MONTH}\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)`, parse: (m) => [Number(m[3]), monthOf(m[1]!), Number(m[2])] },
  { re: String.raw`((?:19|20)\d\d)-(\d\d)-(\d\d)`, parse: (m) => [Number(m[1]), Number(m[2]), Number(m[3])] },
  // day first, as British pages write it; a two-digit year is this century's
  { re: String.raw`(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d\d|\d\d)`, parse: (m) => [m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]), Number(m[2]), Number(m[1])] },
];

function valid(year: number, month: number, day: number): string | null {
  if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1) return null;
  return d.toISOString().slice(0, 10);
}

/** The first date of any form at the start of `s` (after spaces), with its length. */
function dateAt(s: string): { date: string; length: number } | null {
  for (const form of DATE_FORMS) {
    const m = new RegExp(String.raw`^\s*${form.re}(?![\d/.]\d)`, 'i').exec(s);
    if (!m) continue;
    const date = valid(...form.parse(m as unknown as string[]));
    if (date) return { date, length: m[0].length };
  }
  return null;
}

/** How far from the start a dateline may stand: the headline, a standfirst, a byline. */
const HEAD_CHARS = 1500;
const LABEL = /\b(First published|Published|Posted|Last updated|Updated)(?:\s+on)?\s*:?\s*/gi;

export function statedDate(text: string): StatedDate | null {
  let updated: StatedDate | null = null;
  for (const m of text.matchAll(LABEL)) {
    const after = m.index + m[0].length;
    const found = dateAt(text.slice(after, after + 60));
    if (!found) continue;
    const start = after + (text.slice(after).length - text.slice(after).trimStart().length);
    const hit: StatedDate = { date: found.date, how: /updated/i.test(m[1]!) ? 'updated line' : 'published line', start, end: after + found.length };
    if (hit.how === 'published line') return hit;
    updated ??= hit;
  }
  if (updated) return updated;
  let offset = 0;
  for (const line of text.slice(0, HEAD_CHARS).split('\n')) {
    const start = offset;
    offset += line.length + 1;
    const trimmed = line.trim();
    if (!trimmed || trimmed.length > 80) continue;
    // the date and at most a byline or a time beside it: "By Sam Field | 9 December 2016", "19.30 BST"
    const parts = trimmed.replace(/^By\s+[^,|]{2,40},\s*/i, '').split(/\s*[|•·–—]\s*|\s{2,}/);
    for (const part of parts) {
      const found = dateAt(part);
      if (!found) continue;
      const rest = part.slice(found.length).trim();
      if (rest && !/^(,?\s*\d{1,2}[.:]\d\d(\s*(am|pm))?(\s*(BST|GMT|UTC))?)$/i.test(rest)) continue;
      const at = start + line.indexOf(part);
      return { date: found.date, how: 'dateline', start: at, end: at + found.length };
    }
  }
  return null;
}
