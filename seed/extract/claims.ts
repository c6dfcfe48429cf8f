// Figures and what they count ("436 allegations of abuse of authority for sexual gain",
// "48 per cent", "one in five"), tied to the report the sentence draws on when it says so.

import type { DocContext } from './context.js';
import type { ReportResult } from './reports.js';
import { sentenceEnd, sentenceStart } from './sentences.js';
import type { ClaimUnit, ExtractedClaim } from './types.js';

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
  thirty: 30, forty: 40, fifty: 50, hundred: 100, dozen: 12,
};
const FRACTIONS: Record<string, number> = { 'two-thirds': 2 / 3, 'one-third': 1 / 3, 'a third': 1 / 3, 'three-quarters': 0.75, 'a quarter': 0.25, 'one-quarter': 0.25, half: 0.5 };
const WORD_NUM = Object.keys(NUMBER_WORDS).join('|');
// "one" counts nothing in "one force" or "one too many": only plural-taking words make counts
const COUNT_WORD_NUM = Object.keys(NUMBER_WORDS).filter((w) => w !== 'one').join('|');
const NUM = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;

const PATTERNS: ReadonlyArray<{ re: RegExp; unit: ClaimUnit }> = [
  { re: new RegExp(String.raw`£\s?(${NUM})\s*(million|bn|billion|m|k)?\b`, 'gi'), unit: 'money' },
  { re: new RegExp(String.raw`\b(${NUM})\s*(%|per\s?cent\b|percent\b)`, 'gi'), unit: 'percent' },
  { re: new RegExp(String.raw`\b(${WORD_NUM}|\d+)\s+in\s+(?:every\s+)?(${WORD_NUM}|\d+)\b`, 'gi'), unit: 'ratio' },
  // "a third of", "half of": a fraction needs what it is a fraction of ("a third party" is not one)
  { re: new RegExp(String.raw`\b(${Object.keys(FRACTIONS).join('|')})(?=\s+of\b)`, 'gi'), unit: 'ratio' },
  { re: new RegExp(String.raw`(?<![\w/.£-])(${NUM}|${COUNT_WORD_NUM})(?![\w/%])(?!\s*(?:%|per\s?cent|in\s+(?:every\s+)?(?:${WORD_NUM}|\d)))`, 'gi'), unit: 'count' },
];

// A measure stops where the noun phrase ends: at a verb, a clause word or punctuation.
const STOP = new Set(
  'were was is are had have has been be being who which that between from in during since to by when after before over across within than and or but as at on if said says told would could will may might can did do does not with while where'.split(' '),
);
const MONTHS = /^(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)$/i;
const FINDING = /\b(report|review|survey|inspection|study|found|finds|revealed|reveals|showed|shows|identified|data|figures|findings)\b/i;

function toNumber(s: string): number {
  const w = NUMBER_WORDS[s.toLowerCase()];
  return w ?? Number(s.replace(/,/g, ''));
}

export function findClaims(ctx: DocContext, reports: ReportResult): ExtractedClaim[] {
  const t = ctx.masked;
  const taken: { start: number; end: number }[] = [];
  const out: ExtractedClaim[] = [];
  for (const { re, unit } of PATTERNS) {
    re.lastIndex = ctx.body.start;
    for (let m = re.exec(t); m && m.index < ctx.body.end; m = re.exec(t)) {
      const start = m.index;
      const end = m.index + m[0].length;
      if (taken.some((s) => start < s.end && s.start < end)) continue;
      const value = figureValue(unit, m);
      if (value === null || !Number.isFinite(value)) continue;
      const measure = measureAfter(t, end, unit);
      if (unit === 'count' && !isCount(t, m[1] ?? '', start, end, measure)) continue;
      taken.push({ start, end });
      const sStart = sentenceStart(t, start, ctx.body.start);
      const sEnd = sentenceEnd(t, end, ctx.body.end);
      const sentence = t.slice(sStart, sEnd);
      // the figure with what it counts, as the document words it ("48 per cent of the 436 allegations")
      const lastWord = measure.split(' ').pop() ?? '';
      // looked for in the next 200 characters only: lower-casing the whole text per figure made long reports slow
      const near = lastWord ? t.slice(end, end + 200 + lastWord.length).toLowerCase().indexOf(lastWord) : -1;
      const textEnd = near >= 0 && near < 200 ? end + near + lastWord.length : end;
      out.push({
        text: ctx.text.slice(start, textEnd).replace(/\s+/g, ' '),
        value,
        unit,
        measure: measureKey(measure, unit),
        start,
        end,
        report: FINDING.test(sentence) || reports.entities.length === 1 ? (reports.main?.title ?? null) : null,
      });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function figureValue(unit: ClaimUnit, m: RegExpExecArray): number | null {
  const a = m[1] ?? '';
  if (unit === 'ratio') {
    const frac = FRACTIONS[a.toLowerCase()];
    if (frac !== undefined) return frac;
    const b = toNumber(m[2] ?? '');
    return b > 0 ? toNumber(a) / b : null;
  }
  if (unit === 'money') {
    const scale = { million: 1e6, m: 1e6, bn: 1e9, billion: 1e9, k: 1e3 }[(m[2] ?? '').toLowerCase()] ?? 1;
    return toNumber(a) * scale;
  }
  return toNumber(a);
}

/** The noun phrase after a figure: "allegations of abuse of authority for sexual gain". */
function measureAfter(t: string, pos: number, unit: ClaimUnit): string {
  const lineEnd = t.indexOf('\n', pos);
  let rest = t.slice(pos, Math.min(pos + 160, lineEnd < 0 ? t.length : lineEnd)).replace(/^\s*\)?\s*/, '');
  // "48 per cent) of the 436 reported allegations had been referred": the counted thing follows
  if (unit !== 'count') rest = rest.replace(/^of\s+(?:the\s+|all\s+|these\s+|those\s+)?(?:[\d,]+\s+)?/i, '').replace(/\b(?:had been|have been|has been|were|was|had)\s+/gi, '');
  const words = rest.split(/\s+/);
  const out: string[] = [];
  for (const raw of words) {
    const w = raw.replace(/[),.;:!?"”’]+$/, '');
    if (!w || !/^[\p{L}'’-]+$/u.test(w)) break;
    // a share or ratio takes its predicate too ("referred to the IPCC"), up to the clause's end
    if (STOP.has(w.toLowerCase()) && !(unit !== 'count' && /^(to|from|by|that|in|with)$/i.test(w) && out.length > 0)) break;
    out.push(w);
    if (w !== raw || out.length >= 9) break;
  }
  let measure = out.join(' ');
  // a figure ending a phrase of "of ... for ..." keeps its whole head; trailing joiners go
  measure = measure.replace(/\s+(of|for|the|a|an)$/i, '');
  return measure.toLowerCase();
}

const MODIFIERS = new Set('reported recorded total new more fewer additional further separate individual serving current former alleged confirmed such all the these those'.split(' '));
const CHUNK_END = /^(of|for|to|from|by|in|on|at|with|about|into|who|which|that|over|under|between|across|within|per)$/;

/**
 * What a figure counts, as a short key for comparing figures across documents: the head noun
 * of the measure, singular ("436 allegations of abuse" and "436 reported allegations" → "allegation");
 * a share keeps the verb that qualifies it ("48 per cent … referred to the IPCC" → "allegation referred").
 */
export function measureKey(measure: string, unit: ClaimUnit): string {
  const words = measure.toLowerCase().split(/\s+/).filter(Boolean);
  const chunk: string[] = [];
  let verb: string | null = null;
  for (const w of words) {
    if (CHUNK_END.test(w)) break;
    if (chunk.length && /(ed|ing)$/.test(w) && !/(ing)s$/.test(w)) {
      verb = w;
      break;
    }
    chunk.push(w);
  }
  const nouns = chunk.filter((w) => !MODIFIERS.has(w));
  const head = (nouns[nouns.length - 1] ?? words[0] ?? '').replace(/^(.*[^s])s$/, '$1');
  return unit !== 'count' && verb ? `${head} ${verb}` : head;
}

/** Counts need a noun after them; years, dates, references and phone numbers are not counts. */
function isCount(t: string, num: string, start: number, end: number, measure: string): boolean {
  if (!measure) return false;
  const first = measure.split(' ')[0] ?? '';
  if (MONTHS.test(first) || /^(am|pm|years?|months?|weeks?|days?|hours?|minutes?|per|st|nd|rd|th)$/i.test(first)) return false;
  const value = toNumber(num);
  if (/^\d{4}$/.test(num) && value >= 1900 && value <= 2099) return false;
  if (/\d[/:]$|[/:]\d/.test(t.slice(start - 2, end + 2))) return false;
  if (/^\p{Lu}/u.test(t.slice(end).trim())) return false;
  return !/[A-Za-z]$/.test(t.slice(start - 1, start));
}
