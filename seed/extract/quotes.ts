// Direct quotations: quote marks paired paragraph by paragraph (straight, curly, UK single),
// apostrophes told apart from closing marks, UK-style multi-paragraph quotes kept one entry
// per paragraph, and scare quotes, quoted terms and titles left out.

import type { DocContext } from './context.js';
import { CHARACTERISING_VERBS, SPEECH_ALTERNATION, SPEECH_NOUN_SOURCE, TAG_WORD_CHAR } from './lexicon.js';
import { sentenceEnd, sentenceStart } from './sentences.js';
import { foldPreservingLength, wordCount } from './text.js';
import type { Span } from './types.js';

export type QuoteShape = 'block' | 'lead' | 'tagged' | 'partial';

export interface QuoteCandidate extends Span {
  text: string;
  /** position of the opening mark and just after the closing mark (paragraph end if unclosed) */
  open: number;
  close: number;
  unclosed: boolean;
  paragraph: number;
  shape: QuoteShape;
  /** the sentence text before the opening mark and after the closing mark */
  before: Span;
  after: Span;
}

type Family = 'd' | 's';

interface Mark {
  pos: number;
  len: number;
  family: Family;
  canOpen: boolean;
  canClose: boolean;
  /** "officers’ " — a closing mark or a plural possessive */
  possessive: boolean;
  /** a mark that can only open (“ ‘): an earlier unclosed quote was mistyped */
  strictOpen: boolean;
}

const VERB_ALT = [SPEECH_ALTERNATION, ...CHARACTERISING_VERBS].join('|');
// "called on forces" urges, it does not quote; "found" reports a finding ("It found that ... 'X'")
const ANY_VERB_RE = new RegExp(`\\b(?:(?:${VERB_ALT}|found|finds)\\b(?<!\\bcall(?:s|ed)?)|call(?:s|ed)?\\b(?!\\s+(?:on|for|off|in|up)\\b))|\\baccording\\s+to\\b|\\bwords\\s*,\\s*$|${SPEECH_NOUN_SOURCE}`, 'i');
/** `, she said` / `said Mr Scott` / `the report, published today, said` right after a quote */
export const TAG_AFTER = new RegExp(
  `^[\\s,–—-]*(?:(?:${SPEECH_ALTERNATION})\\s+\\S|(?:${TAG_WORD_CHAR}){1,120}?\\s(?:has\\s+|had\\s+|also\\s+|then\\s+)?(?:${SPEECH_ALTERNATION})\\b|according\\s+to\\b)`,
  'iu',
);
const SHORT_TAG_AFTER = new RegExp(
  `^[\\s,–—-]*(?:(?:${SPEECH_ALTERNATION})\\s+\\S|(?:[\\p{L}’'.-]+\\s+){1,5}?(?:has\\s+|had\\s+|also\\s+)?(?:${SPEECH_ALTERNATION})\\b)`,
  'iu',
);
// "said: “", "told the BBC: “", "said “": a lead-in ends at its verb or at a colon or comma;
// "said the research made “…”" is a phrase quoted inside the sentence instead
const LEAD_IN = new RegExp(`(?:\\b(?:${SPEECH_ALTERNATION})\\b(?:[^.!?"“”‘’:]{0,60}?[:,])?|according to [^.!?"“”]{2,80}?,)\\s*$`, 'i');
/** A colon introduces a quotation only after a verb: "is defined as:", "wrote:", not "the following definition:" */
const COLON_LEAD = new RegExp(`\\b(?:${SPEECH_ALTERNATION}|defined|defines|reads|found|concluded|recommended|described|put it|words)\\b[^.!?]*:\\s*$`, 'i');
/** a line's first few words and a colon: who a headline quotes */
const HEADLINE_SPEAKER = /^[ \t]*\p{Lu}[\p{L}'’.-]*(?:[ \t]+[\p{L}'’.-]+){0,4}:[ \t]*$/u;
/** …unless the label names what the quote is: "Committee inquiry: “Police misconduct …”" */
const HEADLINE_NAMING = /\b(?:inquiry|report|review|consultation|survey|campaign|title|subject|topic|theme|motion|petition|terms?|category|question|slogan|headline|strategy|plan|programme|scheme|bill|act|debate|session|agenda|item|re|ref|reference)[ \t]*:[ \t]*$/i;
const NAMING_BEFORE = /\b(so-called|term|terms|phrase|word|words|known as|dubbed|labelled|headline|entitled|titled|slogan|hashtag|motto|banner)\s*$|\b(?:report|review|inspection|study|survey|guidance|strategy|book|film|programme|documentary|campaign|group|chat|scheme|operation)\b,?\s+(?:also\s+)?(?:called|named)\s*$/i;

const isWord = (c: string): boolean => /[\p{L}\p{N}]/u.test(c);
const isSpace = (c: string): boolean => c === '' || /\s/.test(c);
const OPEN_CONTEXT = /[\s([{—–\-:;,/"“‘'˜]/;
const CLOSE_CONTEXT = /[\s.,;:!?)\]}—–\-"”’'…]/;

/** Mojibake of curly quotes (UTF-8 read as Windows-1252) counted as the marks they were. */
const MOJIBAKE: ReadonlyArray<readonly [string, Family, 'open' | 'close']> = [
  ['â€œ', 'd', 'open'],
  ['â€\u009d', 'd', 'close'],
  ['â€˜', 's', 'open'],
  ['â€™', 's', 'close'],
];

function marksOf(t: string, para: Span): Mark[] {
  const marks: Mark[] = [];
  for (let i = para.start; i < para.end; i++) {
    const ch = t.charAt(i);
    if (ch === 'â') {
      const moj = MOJIBAKE.find(([s]) => t.startsWith(s, i));
      if (moj) {
        const [s, family, role] = moj;
        marks.push({ pos: i, len: s.length, family, canOpen: role === 'open', canClose: role === 'close', possessive: false, strictOpen: role === 'open' });
        i += s.length - 1;
      }
      continue;
    }
    if (!/["“”„«»'‘’‛˜]/.test(ch)) continue;
    const prev = i > para.start ? t.charAt(i - 1) : '';
    let len = 1;
    // a broken character glued to a mark ('˜) belongs to it
    while (t.charAt(i + len) === '˜') len++;
    const next = i + len < para.end ? t.charAt(i + len) : '';
    const mark = classify(ch, prev, next, i, len);
    if (mark) marks.push(mark);
    i += len - 1;
  }
  return marks;
}

function classify(ch: string, prev: string, next: string, pos: number, len: number): Mark | null {
  const openCtx = isSpace(prev) || OPEN_CONTEXT.test(prev);
  const closeCtx = next === '' || CLOSE_CONTEXT.test(next);
  const base = { pos, len, possessive: false, strictOpen: false };
  switch (ch) {
    case '“':
    case '„':
    case '«':
      return { ...base, family: 'd', canOpen: !isSpace(next), canClose: false, strictOpen: true };
    case '”':
    case '»':
      return { ...base, family: 'd', canOpen: isSpace(prev) && /\p{Lu}/u.test(next), canClose: !isSpace(prev) };
    case '"':
      return { ...base, family: 'd', canOpen: openCtx && !isSpace(next), canClose: !isSpace(prev) && closeCtx };
    case '‘':
    case '‛':
    case '˜':
      if (isWord(prev) && isWord(next)) return null;
      return { ...base, family: 's', canOpen: !isSpace(next) && !/\d/.test(next), canClose: false, strictOpen: true };
    case '’':
    case "'": {
      // don’t, It’s, O'Brien: a mark between letters is an apostrophe
      if (isWord(prev) && isWord(next)) return null;
      // ’90s, 'em: elisions
      if (isSpace(prev) && /\d/.test(next)) return null;
      const canOpen = ch === "'" ? openCtx && (isWord(next) || /["“]/.test(next)) : isSpace(prev) && /\p{Lu}/u.test(next);
      const canClose = !isSpace(prev) && closeCtx;
      return { ...base, family: 's', canOpen, canClose, possessive: canClose && /s/i.test(prev) && isSpace(next) };
    }
    default:
      return null;
  }
}

interface RawQuote {
  open: Mark;
  close: Mark | null;
}

/** Pair the marks of one paragraph; a quote of the other family inside a quote is nested text. */
// Plain loops, no closures: this runs for every paragraph of every document.
function pair(marks: Mark[]): RawQuote[] {
  const out: RawQuote[] = [];
  let open: Mark | null = null;
  let inner: Mark | null = null;
  for (let i = 0; i < marks.length; i++) {
    const mk = marks[i]!;
    if (!open) {
      if (mk.canOpen) open = mk;
    } else if (mk.family === open.family) {
      if (mk.canClose && !(mk.possessive && hasLaterCloser(marks, i, mk.family))) {
        out.push({ open, close: mk });
        open = null;
        inner = null;
      } else if (mk.strictOpen) {
        open = mk; // the earlier opener had no closer: start again from this one
      }
    } else if (!inner) {
      if (mk.canOpen) inner = mk;
    } else if (mk.canClose) inner = null;
  }
  if (open) out.push({ open, close: null });
  return out;
}

function hasLaterCloser(marks: Mark[], i: number, family: Family): boolean {
  for (let j = i + 1; j < marks.length; j++) {
    const m = marks[j]!;
    if (m.family === family && m.canClose && !m.possessive) return true;
  }
  return false;
}

export function findQuotes(ctx: DocContext): QuoteCandidate[] {
  const t = ctx.masked;
  const paras = ctx.paragraphs;
  const all: { cand: QuoteCandidate; next: Span | null }[] = [];
  for (let p = 0; p < paras.length; p++) {
    const para = paras[p]!;
    for (const raw of pair(marksOf(t, para))) {
      const cand = toCandidate(ctx, raw, para, p);
      if (cand) all.push({ cand, next: paras[p + 1] ?? null });
    }
  }
  // whatever stands between quote marks anywhere, so a phrase said in full elsewhere is no term in use
  const quoted = all.map(({ cand }) => ({ start: cand.start, end: cand.end }));
  return all.filter(({ cand, next }) => accept(ctx, cand, next, quoted)).map(({ cand }) => cand);
}

function toCandidate(ctx: DocContext, raw: RawQuote, para: Span, paragraph: number): QuoteCandidate | null {
  const t = ctx.masked;
  let start = raw.open.pos + raw.open.len;
  let end = raw.close ? raw.close.pos : para.end;
  while (start < end && /[\s˜]/.test(t.charAt(start))) start++;
  // the comma before an attribution stays outside the quote; a full stop stays inside
  while (end > start && /[\s,]/.test(t.charAt(end - 1))) end--;
  if (end <= start) return null;
  const close = raw.close ? raw.close.pos + raw.close.len : para.end;
  const beforeStart = sentenceStart(t, raw.open.pos, para.start);
  // a full stop inside the marks ends the sentence: capitalised words after it start the next
  // one ("…them.” Helen Porter added that …"), only a lower-case tag still belongs ("…them.” she said)
  const sentenceEnded = /\.$/.test(t.slice(start, end)) && /^\s*\p{Lu}/u.test(t.slice(close, close + 3));
  const afterEnd = raw.close && !sentenceEnded ? sentenceEnd(t, close, para.end) : close;
  const cand: QuoteCandidate = {
    start,
    end,
    text: ctx.text.slice(start, end),
    open: raw.open.pos,
    close,
    unclosed: raw.close === null,
    paragraph,
    shape: 'partial',
    before: { start: beforeStart, end: raw.open.pos },
    after: { start: close, end: Math.max(close, afterEnd) },
  };
  cand.shape = shapeOf(t, cand);
  return cand;
}

function shapeOf(t: string, q: QuoteCandidate): QuoteShape {
  const before = t.slice(q.before.start, q.before.end);
  const after = t.slice(q.after.start, q.after.end);
  const standsAlone = before.trim() === '';
  if (!q.unclosed && (standsAlone ? TAG_AFTER : SHORT_TAG_AFTER).test(after)) return standsAlone ? 'tagged' : 'partial';
  if (standsAlone) return 'block';
  if (LEAD_IN.test(before) || (/:\s*$/.test(before) && COLON_LEAD.test(before))) return 'lead';
  // a headline giving the speaker before a colon: "Chief constable: “We got this wrong”"
  if (HEADLINE_SPEAKER.test(before) && !HEADLINE_NAMING.test(before) && /^\n|^$/.test(t.slice(q.close, q.close + 1)) && /(?:^|\n)[ \t]*$/.test(t.slice(Math.max(0, q.before.start - 2), q.before.start)) && !isTitleCase(q.text) && wordCount(q.text) >= 2) return 'lead';
  // "X, Unison's head of police staff, was blunter: '…'": a whole sentence after a clause and a colon
  if (/:\s*$/.test(before) && isWholeSentence(t.slice(q.start, q.end))) return 'lead';
  return 'partial';
}

function isWholeSentence(text: string): boolean {
  return /^\p{Lu}/u.test(text) && /[.!?]$/.test(text.trim()) && wordCount(text) >= 6;
}

function isTitleCase(text: string): boolean {
  const words = text.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (words.length < 2 || words.length > 12) return false;
  const content = words.filter((w) => !/^(of|the|and|for|a|an|in|on|to|at|by|with|&)$/i.test(w));
  return content.length > 0 && content.every((w) => /^\P{L}*\p{Lu}/u.test(w));
}

/** Whether a candidate is a quotation rather than a scare quote, a quoted term or a title. */
function accept(ctx: DocContext, q: QuoteCandidate, nextPara: Span | null, quoted: readonly Span[]): boolean {
  const t = ctx.masked;
  const words = wordCount(q.text);
  if (words === 0) return false;
  if (q.unclosed) {
    // UK style: a quote running on reopens the next paragraph with a mark and no close here
    const reopens = nextPara !== null && /^["“'‘]|^â€/.test(t.slice(nextPara.start, nextPara.start + 3));
    return words >= 3 && (reopens || q.shape === 'lead' || q.shape === 'block');
  }
  const before = t.slice(q.before.start, q.before.end);
  if (isTableCell(t, q)) return false;
  if (isTitleCase(q.text) && !/:\s*$/.test(before)) return false;
  // a quote opening on a bare colon with no verb of saying is a quoted definition or label
  if (q.shape === 'partial' && /:\s*$/.test(before)) return false;
  if (q.shape === 'block' || q.shape === 'lead') return words >= 3 || (q.shape === 'lead' && /:\s*$/.test(before));
  if (q.shape === 'tagged') return words >= 1;
  // a phrase inside a sentence: someone must be saying it, and it must not be a term in use
  if (words < 2 || NAMING_BEFORE.test(before)) return false;
  const after = t.slice(q.after.start, q.after.end);
  const saidBefore = ANY_VERB_RE.test(before);
  if (!saidBefore && !SHORT_TAG_AFTER.test(after)) return false;
  // a few words in a noun's place far from the verb name a thing ("said the force had
  // introduced a quarterly 'learning review'"); next to a verb they are words someone used
  if (words <= 3 && wordsAfterLastVerb(before) > 4 && /\b(?:a|an)\s+(?:[\p{L}-]+\s+)?$/iu.test(before) && !SHORT_TAG_AFTER.test(after)) return false;
  // two words pass only as the object of a verb of saying before them ('said it made "grim reading"')
  if (words === 2 && !saidBefore) return false;
  // a short phrase after a determiner or preposition is a noun in use: the 'canteen culture' of ...
  // ("described a 'culture of fear'" still characterises: only definite determiners mark a term)
  if (words <= 3 && /\b(the|this|that|these|those|its|their|his|her|our|your)\s*$/i.test(before)) return false;
  if (words === 2 && /\b(beyond|of|for|into|about|on|in|with|from|under|like|over|by|at|to)\s*$/i.test(before)) return false;
  return !isTermInUse(ctx, q, quoted);
}

/** A quoted label in a table row ("Adverse financial information" | 41 | 52): a category, not a quotation. */
function isTableCell(t: string, q: QuoteCandidate): boolean {
  const lineStart = t.lastIndexOf('\n', q.open - 1) + 1;
  const nl = t.indexOf('\n', q.close);
  const line = t.slice(lineStart, nl < 0 ? t.length : nl);
  return (line.match(/\|/g) ?? []).length >= 2 || line.includes('\t') || /^[ \t]*\S.*?\S {3,}\S/.test(t.slice(q.close, nl < 0 ? t.length : nl));
}

function wordsAfterLastVerb(before: string): number {
  let end = -1;
  const re = new RegExp(ANY_VERB_RE.source, 'gi');
  for (let m = re.exec(before); m; m = re.exec(before)) end = m.index + m[0].length;
  return end < 0 ? Number.POSITIVE_INFINITY : wordCount(before.slice(end));
}

/**
 * A phrase of a few words quoted inside a sentence that no one can be found to have said is a
 * term in use, not a quotation ("it is not about a few 'bad apples'").
 */
export function isUnattributedTerm(q: QuoteCandidate, speaker: string | null): boolean {
  if (speaker !== null) return false;
  // a question in quote marks that no one is found to ask is a survey's or a form's question
  return (q.shape === 'partial' && wordCount(q.text) <= 4) || (/\?$/.test(q.text.trim()) && wordCount(q.text) <= 25);
}

/** A quoted phrase the document also uses without quote marks is a term, not a quotation. */
function isTermInUse(ctx: DocContext, q: QuoteCandidate, quoted: readonly Span[]): boolean {
  if (wordCount(q.text) > 10) return false;
  const needle = foldPreservingLength(q.text).toLowerCase();
  const hay = ctx.folded.toLowerCase();
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) {
    // the same phrase quoted again (a headline repeating it, a full quote holding it) is still a quotation
    if (i !== q.start && !/['"˜]/.test(hay.charAt(i - 1)) && !quoted.some((s) => s.start <= i && i < s.end)) return true;
  }
  return false;
}
