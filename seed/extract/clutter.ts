// Page clutter: what a scraped page carries besides the article (cookie notices, adverts,
// navigation, share bars, photo captions, comment forms, lists of other stories). It is found
// line by line from general signals, then masked so no later rule can see it.

import type { Span } from './types.js';

export type ClutterSpan = Span & { reason: string };

export interface ClutterResult {
  body: Span;
  clutter: ClutterSpan[];
}

interface Line extends Span {
  text: string;
}

const COOKIE = /\bcookies?\b/i;
const COOKIE_CONTEXT = /\b(use|uses|using|accept|agree|agreeing|continu\w*|consent|brows\w*|policy|settings)\b/i;
const AD_LINE = /^(hide ad|advertisement|advert|ad|sponsored( content)?|skip ad|promoted( content)?|paid content|story continues below( advertisement)?)$/i;
const NAV_WORD_LINE =
  /^(home|menu|search|skip to (main )?content|sign in|sign up|log in|logout|register|subscribe|newsletter|back to top|print|share( this( article| story| page)?)?|follow us|tweet|email|e-mail|facebook|twitter|x|whatsapp|linkedin|pinterest|reddit|copy link|view all( \w+)?|more videos >?|close|open menu|toggle navigation|previous|next)$/i;
const SHARE_WORDS = /^(share|tweet|email|facebook|twitter|whatsapp|linkedin|pinterest|reddit|print|copy link|messenger|comments?)$/i;
const CAPTION_CREDIT =
  /(\b(picture|photo|photograph|image|pic|credit|photography)s?\s*(:|by\s+\p{Lu})|\((pa|getty( images)?|reuters|afp|alamy|shutterstock|ap)(\s[^)]*)?\)\s*$|©)/iu;
/** A broadcaster's labels on its pictures and players: "Media caption, …", "Image source, Getty Images" */
const MEDIA_LABEL = /^(?:media|image|video|photo|picture|audio)[ \t]+(?:caption|source|credit)\b[ \t]*[,:]?/i;
// Markers after which a page carries comment forms or other stories, never the article.
// A bilingual page gives the marker twice ("Darllen mwy / Read more"): the other language's words come first.
const TAIL_MARKER =
  /^(?:[\p{L}'’ ]{2,30}\/\s*)?(add (your|a) comment|leave a (reply|comment)|post a comment|comments?( \(\d+\))?|\d+ comments?|there are no comments\b.*|be the first to comment\b.*|join the (conversation|discussion)|have your say|related( articles| stories| news| content| posts| links| topics)?|read more( stories)?|more stories|more (news|articles) from\b.*|more from\b.*|most (read|popular|viewed)|you may also like|recommended( for you| stories)?|latest( [\p{L}-]+){0,3} news|latest stories|trending( now)?|top stories|other stories|also on\b.*|what others are reading|in other news|you might also like)\s*[:>»]*$/iu;
const SIGN_OFF = /^(yours (sincerely|faithfully|truly)|kind regards|best regards|best wishes|regards|many thanks)\b/i;
/** A signature: a name alone on its line, then a job title ("Gwen Pryce" / "Police and Crime Commissioner for X"). */
const NAME_LINE = /^(?:(?:Dr|Cllr|Sir|Dame|Prof|Professor)\.?\s+)?\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,3}$/u;
const JOB_TITLE_LINE = /\b(commissioner|constable|chief|director|officer|secretary|chair|chairman|chairwoman|inspector|manager|head|executive|president|minister|councillor|lead|adviser|advisor|clerk|editor|correspondent|reporter|superintendent|sergeant|coordinator|co-ordinator|governor|mayor|founder)\b/i;
const TERMINAL = /[.!?"”’'):;]$/;

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let pos = 0;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const raw = text.slice(pos, nl);
    const lead = raw.length - raw.trimStart().length;
    const t = raw.trim();
    lines.push({ start: pos + lead, end: pos + lead + t.length, text: t });
    pos = nl + 1;
  }
  return lines;
}

/** A breadcrumb or menu: a short line of a few words set apart by separators or wide gaps. */
function isNavigation(t: string): boolean {
  if (NAV_WORD_LINE.test(t)) return true;
  if (t.length > 90) return false;
  const parts = t.split(/\s*[|»›•·]\s*|\s{2,}|[\u00a0]\s*|\s>\s/).filter(Boolean);
  if (parts.length >= 3 && parts.every((p) => p.split(/\s+/).length <= 3) && !TERMINAL.test(t)) return true;
  return /^[\p{L} ]{2,20}:\s*\p{L}+(\s*\|\s*\p{L}+)+$/u.test(t); // "subscribe: Posts | Comments"
}

function isShareBar(t: string): boolean {
  const words = t.split(/[\s|,•·]+/).filter(Boolean);
  return words.length >= 2 && words.length <= 8 && words.every((w) => SHARE_WORDS.test(w));
}

/** "A caption textA caption text": scraped captions are often the same string twice. */
function isDoubled(t: string): boolean {
  if (t.length < 20 || t.length % 2 !== 0) return false;
  const half = t.length / 2;
  return t.slice(0, half) === t.slice(half);
}

function lineReason(t: string): string | null {
  if (!t) return null;
  if (COOKIE.test(t) && COOKIE_CONTEXT.test(t) && t.length < 500) return 'cookie notice';
  if (AD_LINE.test(t)) return 'advert';
  if (isShareBar(t)) return 'share bar';
  if (isNavigation(t)) return 'navigation';
  if ((CAPTION_CREDIT.test(t) || MEDIA_LABEL.test(t)) && t.length < 400) return 'photo caption';
  if (isDoubled(t)) return 'photo caption';
  return null;
}

/** A line that reads like a link to another story: short, unpunctuated, or dated/"more >". */
function isHeadlineLike(t: string): boolean {
  if (/(more|read more|see more)\s*>\s*$|\.\.\.\s*more\b/i.test(t)) return true;
  if (/^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}/.test(t)) return true;
  return t.length < 110 && !TERMINAL.test(t);
}

export function detectClutter(text: string): ClutterResult {
  const lines = splitLines(text);
  const reasons: (string | null)[] = lines.map((l) => lineReason(l.text));
  markDuplicates(lines, reasons);
  markCaptionNeighbours(lines, reasons);
  const tailFrom = findTail(lines, reasons, text.length);

  const clutter: ClutterSpan[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const reason = reasons[i];
    if (!line || !reason || i >= tailFrom || line.end <= line.start) continue;
    clutter.push({ start: line.start, end: line.end, reason });
  }
  const tailLine = lines[tailFrom];
  if (tailLine) clutter.push({ start: tailLine.start, end: text.length, reason: 'comments and other stories' });

  let bodyStart = text.length;
  let bodyEnd = 0;
  for (let i = 0; i < Math.min(tailFrom, lines.length); i++) {
    const line = lines[i];
    if (!line?.text || reasons[i]) continue;
    bodyStart = Math.min(bodyStart, line.start);
    bodyEnd = Math.max(bodyEnd, line.end);
  }
  if (bodyEnd < bodyStart) bodyStart = bodyEnd = 0;
  return { body: { start: bodyStart, end: bodyEnd }, clutter };
}

/** The second copy of a line is clutter; a pair of unpunctuated copies is a caption. */
function markDuplicates(lines: Line[], reasons: (string | null)[]): void {
  const seen = new Map<string, number>();
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]?.text ?? '';
    if (t.length < 20) continue;
    const first = seen.get(t);
    if (first === undefined) {
      seen.set(t, i);
      continue;
    }
    reasons[i] ??= 'duplicate line';
    if (!TERMINAL.test(t) && i - first <= 2) {
      reasons[first] ??= 'photo caption';
      reasons[i] = 'photo caption';
    }
  }
}

/** An unpunctuated line next to a caption, repeating part of it, is the same caption. */
function markCaptionNeighbours(lines: Line[], reasons: (string | null)[]): void {
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]?.text ?? '';
    if (!t || reasons[i] || TERMINAL.test(t) || t.length < 15) continue;
    for (const j of [i - 1, i + 1]) {
      const n = lines[j];
      if (n && reasons[j] === 'photo caption' && n.text.includes(t)) reasons[i] = 'photo caption';
    }
  }
}

/** Index of the first line of the page's tail (comment form, other stories), or lines.length. */
function findTail(lines: Line[], reasons: (string | null)[], textLength: number): number {
  const minStart = textLength * 0.25;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line || line.start < minStart || line.text.length > 70) continue;
    if (TAIL_MARKER.test(line.text)) return i;
  }
  return headlineRunStart(lines, reasons);
}

function nextText(lines: Line[], reasons: (string | null)[], i: number): string {
  for (let j = i + 1; j < lines.length; j++) if (lines[j]?.text && !reasons[j]) return lines[j]!.text;
  return '';
}

/**
 * A page ending in a list of other stories: walking back from the end, a run of at least four
 * headline-like lines that make up most of the lines there.
 */
function headlineRunStart(lines: Line[], reasons: (string | null)[]): number {
  let start = lines.length;
  let headlines = 0;
  let prose = 0;
  let bestStart = lines.length;
  for (let i = lines.length - 1; i >= 0; i--) {
    const t = lines[i]?.text ?? '';
    if (!t || reasons[i]) continue;
    // a letter's signature block and copy list are short lines too, and they belong to the letter
    if (SIGN_OFF.test(t) || (NAME_LINE.test(t) && JOB_TITLE_LINE.test(nextText(lines, reasons, i)))) {
      bestStart = lines.length;
      break;
    }
    if (isHeadlineLike(t)) headlines++;
    else prose++;
    start = i;
    if (headlines >= 4 && headlines >= 2 * prose) bestStart = start;
    if (prose > 2 && prose > headlines) break;
  }
  // a tail follows an article: enough prose must come before it
  const proseBefore = lines.slice(0, bestStart).reduce((n, l, i) => n + (reasons[i] || isHeadlineLike(l.text) ? 0 : l.text.length), 0);
  return proseBefore >= 300 ? bestStart : lines.length;
}
