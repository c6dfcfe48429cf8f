// Who said each quote: an attribution after it ("…,” she said), a lead-in before it
// ("Mr Scott said: “…"), the subject of the sentence for a phrase quoted inside it, the
// introduction ending the previous paragraph, or the speaker of the quote it continues.

import type { DocContext } from './context.js';
import { CHARACTERISING_VERBS, ROLE_NOUNS, SPEECH_ALTERNATION, SPEECH_NOUN_SOURCE, TAG_WORD_CHAR } from './lexicon.js';
import type { OrgEntity, OrgMention, OrgResult } from './organizations.js';
import type { Gender, PeopleResult, PersonEntity, PersonMention } from './people.js';
import { isUnattributedTerm, type QuoteCandidate } from './quotes.js';
import type { ReportEntity, ReportResult } from './reports.js';
import { sentenceStart } from './sentences.js';
import { confidenceOf } from './sieves/confidence.js';
import type { ExtractedQuote, Span, SpeakerKind } from './types.js';

export interface Attribution {
  speaker: string | null;
  speakerKind: SpeakerKind | null;
  speakerSpan: Span | null;
  /** the resolver that turned the mention into an entity (the innermost one that decided) */
  resolvedBy?: string;
}

/** Marks what a resolver returns with its id, unless a resolver it called has already. */
function tagged<A extends unknown[]>(id: string, f: (...args: A) => Attribution | null): (...args: A) => Attribution | null {
  return (...args: A) => {
    const a = f(...args);
    return a && !a.resolvedBy ? { ...a, resolvedBy: id } : a;
  };
}

export const NONE: Attribution = { speaker: null, speakerKind: null, speakerSpan: null };
const SPEECH = SPEECH_ALTERNATION;
const VERB_FIRST_TAG = new RegExp(`^[\\s,–—-]*(?:${SPEECH})\\s+`, 'i');
const WHO_THEN_VERB = new RegExp(`^[\\s,–—-]*((?:${TAG_WORD_CHAR}){1,120}?)\\s(?:has\\s+|had\\s+|also\\s+|then\\s+)?(?:${SPEECH})\\b`, 'iu');
const ACCORDING_TO = /^[\s,–—-]*according\s+to\s+/i;
const VERB_GLOBAL = new RegExp(
  `\\b(?:(?:${SPEECH}|${CHARACTERISING_VERBS.filter((v) => !v.startsWith('call')).join('|')}|found|finds)\\b|call(?:s|ed)?\\b(?!\\s+(?:on|for|off|in|up)\\b))|${SPEECH_NOUN_SOURCE}`,
  'gi',
);
const PRONOUN_AT_END = /\b(he|she|they|it|you|I|we)\s*(?:,\s*)?(?:also\s+|later\s+|then\s+|once\s+|never\s+|always\s+|has\s+|had\s+|have\s+)?$/i;
const PRONOUN_ONLY = /^\s*(?:[,–—-]\s*)?(he|she|they|it|you|I|we)\s*$/i;
/** "Your request read as follows:", "In your reply you clarified:": a letter quoting its addressee. */
const ADDRESSEE_LEAD = /\byour\s+(?:request|email|e-mail|letter|message|application|complaint|question|reply|response|submission|words)\b/i;
const SALUTATION = /^[ \t]*Dear[ \t]+([^,\n]{2,60}),?[ \t]*$/m;
/** "the chief constable", "the force's chief executive": a title standing in for its holder. */
const TITLE_AS_NAME = /\bthe\s+(?:[\p{L}-]+['’]s\s+)?((?:[\p{L}-]+\s+){0,3}[\p{L}-]+)\s*$/iu;
const ROLE_NOUN_RE = new RegExp(`\\b(?:${ROLE_NOUNS.join('|')})\\b`, 'i');
/** "the inspection report itself, which states:": the relative clause speaks for its antecedent */
const WHICH_CLAUSE = /,\s*which\s*$/i;
/** a subject the text leaves unnamed: "my mother", "one sergeant", "a call handler in the Midlands", "the woman, who cannot be named,", "PC A" */
const UNNAMED_SUBJECT = /^\s*(?:[\s\S]*(?:\b(?:[Ww]hat|[Tt]hat|[Ww]hen|[Aa]nd|[Tt]hen)|,)\s+)?(?:(?:[Mm]y|[Oo]ur|[Hh]is|[Hh]er|[Tt]heir|[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:\p{Ll}[\p{Ll}-]*\s+){0,2}(?!(?:is|was|are|were|be|been|has|had|have|also)\s*$)\p{Ll}[\p{Ll}-]*(?:\s+(?:in|at|from|with)\s+(?:the\s+)?\p{Lu}[\p{L}-]*)?|[Tt]he\s+(?:woman|man|victim|complainant|survivor|girl|boy|teenager|caller|witness|mother|father)(?:,\s+(?:who|whose)\s[^,]*,?)?|(?:PC|DC|DS|Sgt|Officer|Witness|Person|Mr|Mrs|Ms|Miss)\s+[A-Z])\s*$/u;
/** "The Commission has": the auxiliary between a subject and its verb of saying */
const TRAILING_AUXILIARY = /\s+(?:has|have|had|is|was|also)$/;
/** a clause put before the sentence's subject: "After hearing from Mr Sowerby, the judge …" */
const FRONTED_CLAUSE = /^\s*(?:After|When|Having|Before|Following|Despite|Although|As|While|Once)\b[^,]*,\s*\S/;
/** after a quote inside a sentence: a conjunction carrying the sentence's own subject on */
const CLAUSE_GOES_ON = /^\s*(?:but|and|or|yet|while|whereas|although|though|because)\s/i;
/** "the officer", "the judge": a common noun standing for whoever the document gives a title of that kind */
const GENERIC_TITLES: ReadonlyArray<readonly [RegExp, RegExp]> = [
  [/^(?:police\s+)?(?:officer|constable|policeman|policewoman)$/, /\b(?:PC|DC|DS|DI|DCI|Sgt|Sergeant|Constable|Detective|Inspector|Superintendent|Officer)\b/i],
  [/^judge$/, /\b(?:Judge|Recorder|Justice|Magistrate)\b/i],
];
const SPOKESPERSON = /\bspokes(?:person|man|woman)\b/i;
const REPORT_WORD = /\b(report|reports|bulletin|review|survey|study|inspection|findings|document|research|inquiry|audit|overview|analysis|guidance|code|practice|strategy|framework|regulations)\b/i;
const DEFINITION_LEAD = /\b(defined|defines|states?|stated|reads?|says?|said|conclu\w*|found|recommend\w*|describ\w*|explain\w*|wrote|writes)\b[^.!?]*:\s*$/i;

export interface Resolver {
  ctx: DocContext;
  people: PeopleResult;
  orgs: OrgResult;
  reports: ReportResult;
  /** people already given quotes, in document order */
  recentSpeakers: readonly { name: string; at: number }[];
  /** the last quote given to a body, for "It added:" */
  lastBodyQuote?: { a: Attribution; paragraph: number };
  /** an interview transcript's speaker label by paragraph, once looked for (see interviewTurn): a per-document memo */
  memo: { turnLabels?: Map<number, string> };
}

/**
 * A headline or standfirst repeating words the body quotes ("Nobody called me back" over the
 * paragraph where Mrs Quinlan says it) is the speaker of the quote that holds them. Applies to
 * quotes left without a speaker and to headline-like blocks (no closing full stop), which would
 * otherwise inherit the speaker of the paragraph before.
 */
export function repeatedQuotes<A extends Attribution>(quotes: QuoteCandidate[], decided: readonly A[]): A[] {
  const out = [...decided];
  const norm = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const texts = quotes.map((q) => norm(q.text));
  quotes.forEach((q, i) => {
    const headlineLike = q.shape === 'block' && !/[.!?…]$/.test(q.text.trim());
    if ((out[i]?.speaker && !headlineLike) || texts[i]!.split(' ').length < 3) return;
    const holder = quotes.findIndex((other, j) => j !== i && out[j]?.speaker && texts[j]!.length > texts[i]!.length && ` ${texts[j]} `.includes(` ${texts[i]} `) && other.shape !== 'block');
    if (holder >= 0) out[i] = out[holder]!;
  });
  return out;
}

/** An attribution right after the closing mark: `, she said`, `said Mr Scott`, `the report said`. */
export function fromTag(r: Resolver, q: QuoteCandidate): Attribution | null {
  if (q.unclosed) return null;
  const t = r.ctx.masked;
  const after = t.slice(q.after.start, q.after.end);
  const standsAlone = t.slice(q.before.start, q.before.end).trim() === '';
  const verbFirst = VERB_FIRST_TAG.exec(after) ?? ACCORDING_TO.exec(after);
  if (verbFirst) {
    const start = q.after.start + verbFirst[0].length;
    return resolveWho(r, { start, end: Math.min(q.after.end, start + 120) }, q.open, false);
  }
  // "“…” — Jane Smith, Refuge": a speaker signed after a dash
  const signed = standsAlone ? /^[ \t]*[—–-][ \t]*(?=\p{Lu})/u.exec(t.slice(q.close, q.close + 4)) : null;
  if (signed) {
    const start = q.close + signed[0].length;
    const person = r.people.mentions.find((p) => p.start === start) ?? null;
    if (person) return { speaker: person.entity.name, speakerKind: 'person', speakerSpan: { start: person.start, end: person.end } };
    const org = r.orgs.mentions.find((o) => o.start === start);
    if (org) return orgAttribution(org.entity, { start: org.start, end: org.end });
  }
  // a headline "‘Nobody should mark their own homework’: Jane Smith on …": the person after the colon
  const headline = standsAlone ? /^:[ \t]+(?=\p{Lu})/u.exec(t.slice(q.close, q.close + 4)) : null;
  if (headline) {
    const person = r.people.mentions.find((p) => p.start === q.close + headline[0].length);
    if (person) return { speaker: person.entity.name, speakerKind: 'person', speakerSpan: { start: person.start, end: person.end } };
  }
  const m = WHO_THEN_VERB.exec(after);
  if (!m?.[1]) return null;
  // inside a sentence only a short subject can be the tag ("…”, she said), never a clause, nor
  // the sentence going on ("… “wholly inappropriate” but denied that they …")
  if (!standsAlone && (m[1].split(/\s+/).length > 6 || m[1].includes(',') || CLAUSE_GOES_ON.test(m[1]))) return null;
  const start = q.after.start + m[0].indexOf(m[1]);
  return resolveWho(r, { start, end: start + m[1].length }, q.open, true);
}

/** `X said: “…` / `According to X, “…`: the subject before the last verb of saying. */
export function fromLeadIn(r: Resolver, q: QuoteCandidate): Attribution | null {
  if (q.shape !== 'lead') return null;
  return subjectOfVerb(r, q.before, q.open, true);
}

/** A phrase quoted inside a sentence belongs to the subject of its verb of saying. */
export function fromPartial(r: Resolver, q: QuoteCandidate): Attribution | null {
  if (q.shape !== 'partial') return null;
  return subjectOfVerb(r, q.before, q.open, false);
}

function subjectOfVerb(r: Resolver, before: Span, anchor: number, requireNearEnd: boolean): Attribution | null {
  const t = r.ctx.masked;
  const text = t.slice(before.start, before.end);
  // "According to Dr X, a criminologist at Y, '…'" and "In the inspectorate's own words, '…'"
  // ("in its words," and "in his own words," leave the clause's subject to speak)
  const acc = /\baccording\s+to\s+/i.exec(text) ?? /\bin\s+(?!(?:its|his|her|their|our|my)\s)(?=[^,]{1,80}\bwords\s*,\s*$)/i.exec(text);
  if (acc) {
    const start = before.start + acc.index + acc[0].length;
    return resolveWho(r, { start, end: before.end }, anchor, false);
  }
  const verbs: RegExpExecArray[] = [];
  VERB_GLOBAL.lastIndex = 0;
  for (let m = VERB_GLOBAL.exec(text); m; m = VERB_GLOBAL.exec(text)) verbs.push(m);
  const last = verbs[verbs.length - 1];
  // "… and I will read a line of her letter: '…'": the words are the letter writer's when the
  // letter is what the last verb reads out, not a detail before it ("who took her statement, added:")
  const writing = /:\s*$/.test(text) ? /\b(his|her)\s+(?:own\s+)?(?:letter|email|e-mail|message|note|text|diary|post|statement|testimony)\b(?![^:]*\b(?:to|from)\s)/i.exec(text) : null;
  if (writing?.[1] && (!last || writing.index > last.index)) {
    const writer = resolvePronoun(r, writing[1].toLowerCase() === 'his' ? 'he' : 'she', { start: before.start + writing.index, end: before.start + writing.index + writing[1].length }, anchor);
    if (writer) return writer;
  }
  if (!last) {
    if (ADDRESSEE_LEAD.test(text)) return addressee(r, before);
    if (/:\s*$/.test(text) && DEFINITION_LEAD.test(text)) return reportSpeaker(r, before, anchor);
    // "Tadhg Ó Briain, Unison's head of police staff, was blunter: '…'": the clause's subject
    return /:\s*$/.test(text) ? resolveWho(r, before, anchor, false) : null;
  }
  if (requireNearEnd && text.length - (last.index + last[0].length) > 70) return null;
  // '"…," said Mr Hale, "and …"': the speaker named after the verb, before the quote reopens
  const afterVerb = { start: before.start + last.index + last[0].length, end: before.end };
  const verbFirst = /^(?:said|says|added|adds|wrote|writes|asked|asks|continued|continues|explained|explains|insisted|insists)$/i.test(last[0]) &&
    /(?:^|["”’'],?)\s*$/.test(text.slice(0, last.index));
  if (verbFirst && /^\s+\S/.test(text.slice(last.index + last[0].length)) && /[,:]\s*$/.test(text)) {
    const inverted = r.people.mentions.find((m) => m.start >= afterVerb.start && m.end <= afterVerb.end) ??
      r.orgs.mentions.find((m) => m.start >= afterVerb.start && m.end <= afterVerb.end && /^\s*(?:the\s+)?$/i.test(t.slice(afterVerb.start, m.start)));
    if (inverted && 'entity' in inverted && /^\s*(?:the\s+)?(?:\p{Lu}|[A-Z])/u.test(t.slice(afterVerb.start, inverted.start + 1))) {
      return r.people.mentions.includes(inverted as PersonMention)
        ? { speaker: (inverted as PersonMention).entity.name, speakerKind: 'person', speakerSpan: { start: inverted.start, end: inverted.end } }
        : orgAttribution((inverted as OrgMention).entity, { start: inverted.start, end: inverted.end });
    }
  }
  // a lead ending in a colon quotes the last verb's subject; words quoted inside reported speech
  // are the outermost speaker's: in "X said the watchdog had found '…'" they are X's
  const lastIsParticiple = /ing$/i.test(last[0]) && verbs.length > 1;
  // "X said it would respond, but its vice-chair, Y, told reporters '…'": a new main clause
  // after ", but" or ";" has its own subject, and the words are its verb's
  const boundary = [...text.slice(0, last.index).matchAll(/(?:,\s+(?:but|while|whereas)|;)\s+/g)].pop();
  const fromBoundary = boundary ? verbs.findIndex((v) => v.index >= boundary.index! + boundary[0].length) : -1;
  if (boundary && fromBoundary > 0) {
    const who = resolveWho(r, { start: before.start + boundary.index! + boundary[0].length, end: before.start + verbs[fromBoundary]!.index }, anchor, true);
    if (who) return who;
  }
  const order = /:\s*$/.test(text) && !lastIsParticiple ? verbs.map((_, i) => verbs.length - 1 - i) : verbs.map((_, i) => i);
  for (const i of order) {
    const subject = { start: before.start + (i > 0 ? verbs[i - 1]!.index + verbs[i - 1]![0].length : 0), end: before.start + verbs[i]!.index };
    const who = resolveWho(r, subject, anchor, true);
    if (who) return who;
    // "what my mother told me: '…'", "One sergeant wrote:": someone the text does not name, and
    // no one else's words (the quote does not go to the speaker before it either)
    // (the whole clause before the verb: "A call handler wrote:" reads "call" as a verb too)
    const clause = t.slice(before.start, subject.end);
    if (order[0] === i && /:\s*$/.test(text) && (UNNAMED_SUBJECT.test(t.slice(subject.start, subject.end)) || UNNAMED_SUBJECT.test(clause)) && !SPOKESPERSON.test(clause)) return { ...NONE, speakerSpan: subject };
  }
  // "Abuse of position is defined as: '…'": a definition no one is named for is the report's
  return /:\s*$/.test(text) && DEFINITION_LEAD.test(text) ? reportSpeaker(r, before, anchor) : null;
}

/** A quote standing alone after a paragraph that ends with a colon: that paragraph introduces it. */
export function fromPreviousParagraph(r: Resolver, q: QuoteCandidate): Attribution | null {
  const prev = r.ctx.paragraphs[q.paragraph - 1];
  if (!prev) return null;
  const t = r.ctx.masked;
  if (!/:\s*$/.test(t.slice(prev.start, prev.end))) return null;
  const s = { start: sentenceStart(t, prev.end - 1, prev.start), end: prev.end };
  // "The force issued a statement. Here it is in full:": the paragraph, when its last sentence names no one
  return subjectOfVerb(r, s, q.open, true) ?? (s.start > prev.start ? subjectOfVerb(r, prev, q.open, false) : null);
}

/**
 * A quote standing alone with no tag, after a paragraph that introduces someone ("Owen Hale,
 * the federation's chair, was scathing.", "X said the findings would be acted on."): the
 * subject of that paragraph's verb of saying, else the person it names as its subject.
 */
export function introducedBefore(r: Resolver, q: QuoteCandidate): Attribution | null {
  const prev = r.ctx.paragraphs[q.paragraph - 1];
  if (!prev) return null;
  return subjectOfVerb(r, prev, q.open, false) ?? subjectOf(r, prev);
}

/** The first person a stretch names who is neither a possessor ("O’Neill’s comments") nor a preposition's object. */
export const subjectOf = tagged('subject-name', subjectOfRaw);
function subjectOfRaw(r: Resolver, span: Span): Attribution | null {
  const t = r.ctx.masked;
  const subject = r.people.mentions.find((m) => m.start >= span.start && m.end <= span.end && !isPossessor(t, m) &&
    !isPrepositionObject(t, m, span.start));
  return subject ? { speaker: subject.entity.name, speakerKind: 'person', speakerSpan: { start: subject.start, end: subject.end } } : null;
}

/** A letter's addressee: the person named last before its "Dear …" line (the address block), else the one it names. */
const addressee = tagged('addressee', addresseeRaw);
function addresseeRaw(r: Resolver, span: Span): Attribution | null {
  const t = r.ctx.masked;
  const dear = SALUTATION.exec(t);
  if (!dear) return null;
  const before = r.people.mentions.filter((m) => m.end <= dear.index);
  const named = r.people.mentions.find((m) => m.start >= dear.index && m.end <= dear.index + dear[0].length);
  const who = named ?? before[before.length - 1];
  const surname = named?.entity.name.split(' ').pop();
  // "Dear Ms O'Hanlon" after an address block naming "Ms Aoife O'Hanlon": the full name
  const full = surname ? before.filter((m) => m.entity.name.endsWith(` ${surname}`)).pop() : undefined;
  const pick = full ?? who;
  return pick ? { speaker: pick.entity.name, speakerKind: 'person', speakerSpan: span } : null;
}

/**
 * "In that response we also cautioned that …": the body a document speaks for — the force an
 * FOI response comes from, else the body its signatory holds a role at.
 */
const ownBody = tagged('own-body', ownBodyRaw);
function ownBodyRaw(r: Resolver, span: Span): Attribution | null {
  const foi = r.reports.entities.find((e) => e.kind === 'foi' && e.publisher);
  const name = foi?.publisher ?? r.people.author?.roles.find((role) => role.organization)?.organization ?? null;
  const org = name ? r.orgs.entities.find((o) => o.name === name) : undefined;
  return org ? orgAttribution(org, span) : null;
}

const TURN_LABEL = /^[ \t]*(\p{Lu}[\p{Lu}'’.]{0,5}|\p{Lu}\p{Ll}+(?:\s\p{Lu}[\p{L}'’-]+)?):[ \t]/u;
const initialsOf = (name: string): string => name.replace(/[^\p{Lu}]/gu, '');

/**
 * A question-and-answer transcript: paragraphs opening with their speaker's label ("TW:",
 * "NO’R:", "Smith:"), two people taking turns. The turn holding `pos` gives who is speaking
 * and who is spoken to; a label is a person's initials or surname.
 */
function interviewTurn(r: Resolver, pos: number): { speaker: PersonEntity | null; other: PersonEntity | null } | null {
  let labels = r.memo.turnLabels;
  if (!labels) {
    labels = new Map<number, string>();
    for (const [i, p] of r.ctx.paragraphs.entries()) {
      const m = TURN_LABEL.exec(r.ctx.masked.slice(p.start, Math.min(p.end, p.start + 40)));
      if (m?.[1]) labels.set(i, m[1]);
    }
    // a transcript has turns: two labels, each used at least twice (a stray "Note:" line is no turn)
    const uses = new Map<string, number>();
    for (const l of labels.values()) uses.set(l, (uses.get(l) ?? 0) + 1);
    const turns = [...uses].filter(([, n]) => n >= 2).map(([l]) => l);
    for (const [i, l] of labels) if (turns.length !== 2 || !turns.includes(l)) labels.delete(i);
    r.memo.turnLabels = labels;
  }
  if (!labels.size) return null;
  const paragraph = r.ctx.paragraphs.findIndex((p) => p.start <= pos && pos <= p.end);
  const label = labels.get(paragraph);
  if (!label) return null;
  const other = [...new Set(labels.values())].find((l) => l !== label)!;
  const person = (l: string) => {
    const key = l.replace(/[^\p{L}]/gu, '');
    const named = r.people.entities.filter((e) => initialsOf(e.name) === key || e.name.split(' ').pop() === l);
    return named.length === 1 ? named[0]! : null;
  };
  return { speaker: person(label), other: person(other) };
}

/** "the Chief Constable said": the person the document gave that title, latest first. */
const titleHolder = tagged('title-holder', titleHolderRaw);
function titleHolderRaw(r: Resolver, text: string, span: Span, anchor: number): Attribution | null {
  // "The commissioner, who sets the force's budget, said": the title before its relative clause
  // and "The commissioner for Wessex has": the title before its place and auxiliary
  const core = text.replace(/,\s+(?:who|whose)\s[\s\S]*$/, '').replace(/[\s,.;:!?]+$/, '')
    .replace(TRAILING_AUXILIARY, '').replace(/\s+(?:for|of)\s+(?:the\s+)?\p{Lu}[\p{L}\s,’'-]*$/u, '');
  const m = TITLE_AS_NAME.exec(core);
  const title = m?.[1]?.toLowerCase();
  // a title names a role ("the chief constable"), not a body ("the Panel")
  if (!title || !ROLE_NOUN_RE.test(title)) return null;
  const phrase = new RegExp(`(?:^|\\s)${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')}(?:\\s|$)`);
  const kindOf = GENERIC_TITLES.find(([noun]) => noun.test(title))?.[1];
  const holds = (role: { title: string }) => phrase.test(role.title.toLowerCase()) || !!kindOf?.test(role.title);
  // the title's head first: "Chief Executive, Office of the Police and Crime Commissioner" is no commissioner
  const head = (role: { title: string }) => ({ title: role.title.split(/,|\s+(?:of|for|at|to)\s+/)[0]! });
  const before = r.people.mentions.filter((p) => p.start < anchor);
  const byHead = before.filter((p) => p.entity.roles.some((role) => holds(head(role))));
  const holders = byHead.length ? byHead : before.filter((p) => p.entity.roles.some(holds));
  // a lede naming the office before the person ("The commissioner for Dorset has accused …"):
  // whoever that very title was given to
  const pick = holders[holders.length - 1] ??
    r.people.mentions.find((p) => p.entity.roles.some((role) => holds(role) && role.start >= span.start && role.end <= span.end));
  return pick ? { speaker: pick.entity.name, speakerKind: 'person', speakerSpan: span } : null;
}

/** "The spokesperson added": the body whose spokesperson the document quoted before. */
const spokespersonBody = tagged('spokesperson-body', spokespersonBodyRaw);
function spokespersonBodyRaw(r: Resolver, span: Span): Attribution | null {
  const t = r.ctx.masked;
  let best: OrgMention | null = null;
  for (const m of r.orgs.mentions) {
    if (m.end > span.start) break;
    const around = t.slice(Math.max(0, m.start - 32), Math.min(t.length, m.end + 20));
    if (SPOKESPERSON.test(around)) best = m;
  }
  return best ? orgAttribution(best.entity, span) : null;
}

/** "the Committee concluded": the body named before whose name begins or ends with that word. */
const headNounBody = tagged('head-noun-body', headNounBodyRaw);
function headNounBodyRaw(r: Resolver, text: string, span: Span, anchor: number): Attribution | null {
  const m = /\b[Tt]he\s+(\p{Lu}\p{Ll}+)\s*$/u.exec(text.replace(/[\s,]+$/, '').replace(TRAILING_AUXILIARY, '')) ?? /^\s*[Tt]he\s+(\p{Lu}\p{Ll}+)['’]s\s/u.exec(text);
  const word = m?.[1]?.toLowerCase();
  if (!word) return null;
  const prior = r.orgs.mentions.filter((o) => o.start < anchor && new RegExp(`^${word}\\b|\\b${word}$`, 'i').test(o.entity.name));
  const pick = prior[prior.length - 1];
  return pick ? orgAttribution(pick.entity, span) : null;
}

/**
 * Who a stretch of text names: a pronoun next to the verb, else the first person in it, a
 * report noun, the first organisation, or a descriptor ("the watchdog", "the force").
 */
const resolveWho = tagged('name', resolveWhoRaw);
function resolveWhoRaw(r: Resolver, span: Span, anchor: number, pronounAtEnd: boolean): Attribution | null {
  const t = r.ctx.masked;
  const text = t.slice(span.start, span.end);
  // "Unison, which represented the two officers, said": the subject is what the clause is about
  const relative = /,\s+(?:which|who|whose)\s[^,]*,\s*$/.exec(text);
  if (relative && relative.index > 0) return resolveWho(r, { start: span.start, end: span.start + relative.index }, anchor, false);
  // "The Chair thanked the Chief Constable and said …": the second verb shares the first one's subject
  const shared = /^(\s*(?:[Tt]he\s+)?(?:\p{Lu}[\p{L}’'-]*\s*){1,4}?)\s+\p{Ll}+(?:ed|s)\b[^,;]*\band\s*$/u.exec(text);
  if (shared?.[1]) {
    const who = resolveWho(r, { start: span.start, end: span.start + shared[1].length }, anchor, false);
    if (who) return who;
  }
  const pron = (pronounAtEnd ? PRONOUN_AT_END : PRONOUN_ONLY).exec(text) ?? PRONOUN_ONLY.exec(text);
  if (pron?.[1]) {
    const pSpan = { start: span.start + text.lastIndexOf(pron[1]), end: 0 };
    pSpan.end = pSpan.start + pron[1].length;
    const word = pron[1].toLowerCase();
    // in an interview's transcript "I" is whoever's turn it is, "you" the other party
    const turn = interviewTurn(r, pSpan.start);
    if (turn && (word === 'you' || pron[1] === 'I')) {
      const who = word === 'you' ? turn.other : turn.speaker;
      return who ? { speaker: who.name, speakerKind: 'person', speakerSpan: pSpan, resolvedBy: 'transcript-turn' } : null;
    }
    if (word === 'you') return addressee(r, pSpan);
    // "Speaking at the launch, I said: '…'": the document's own author
    if (word === 'i') return pron[1] === 'I' && r.people.author ? { speaker: r.people.author.name, speakerKind: 'person', speakerSpan: pSpan, resolvedBy: 'author' } : null;
    // "In our 2020 report, we said:" is the report speaking; plain "we" is the document's own body
    if (word === 'we') {
      if (!REPORT_WORD.test(text)) return ownBody(r, pSpan);
    } else return resolvePronoun(r, word, pSpan, anchor);
  }
  if (WHICH_CLAUSE.test(text)) {
    const antecedent = text.replace(WHICH_CLAUSE, '');
    const near = { start: span.start + Math.max(0, antecedent.length - 60), end: span.start + antecedent.length };
    const nearText = t.slice(near.start, near.end);
    const org = r.orgs.mentions.filter((o) => o.start >= near.start && o.end <= near.end).pop();
    const rep = REPORT_WORD.exec(nearText);
    if (rep && (!org || near.start + rep.index > org.end)) return reportSpeaker(r, { start: near.start + rep.index, end: near.start + rep.index + rep[0].length }, anchor);
    if (org) return orgAttribution(org.entity, { start: org.start, end: org.end });
  }
  // "“…,” the statement said": whoever the statement was read or issued for
  const person = subjectPerson(r, span);
  if (person) return { speaker: person.entity.name, speakerKind: 'person', speakerSpan: { start: person.start, end: person.end } };
  if (ADDRESSEE_LEAD.test(text)) return addressee(r, span);
  const holder = titleHolder(r, text, span, anchor);
  if (holder) return holder;
  if (SPOKESPERSON.test(text) && !r.orgs.mentions.some((m) => m.start >= span.start && m.end <= span.end)) {
    // "a College spokesperson": the body named before whose name has that word
    const head = /\b(\p{Lu}\p{Ll}+)\s+spokes(?:person|man|woman)\b/u.exec(text)?.[1];
    const named = head ? r.orgs.mentions.filter((o) => o.start < anchor && new RegExp(`^${head}\\b|\\b${head}$`).test(o.entity.name)).pop() : undefined;
    if (named) return orgAttribution(named.entity, span);
    // "The IOPC confirmed it had the referral. A spokesperson said:": the body the sentence before opens with
    const body = sentenceLeadBody(r, span) ?? spokespersonBody(r, span);
    if (body) return body;
  }
  const org = r.orgs.mentions.find((m) => m.start >= span.start && m.end <= span.end);
  const reportWord = REPORT_WORD.exec(text);
  // "HMIC's report said" is the report; "a Home Office spokesperson said" the body
  if (reportWord && (!org || reportWord.index > org.end - span.start)) {
    return reportSpeaker(r, { start: span.start + reportWord.index, end: span.start + reportWord.index + reportWord[0].length }, anchor);
  }
  if (org) return orgAttribution(org.entity, { start: org.start, end: org.end });
  return headNounBody(r, text, span, anchor) ?? descriptor(r, text, span, anchor);
}

/**
 * The person a stretch names as subject: the last one in it that is not the object of a
 * preposition ("In a letter to Ms Lytton, Mr Penrose wrote" → Penrose).
 */
function subjectPerson(r: Resolver, span: Span) {
  const inSpan = r.people.mentions.filter((m) => m.start >= span.start && m.end <= span.end);
  // "Gareth Llewellyn, representing Mr Hartley, said": a name opening the clause is its subject
  const opening = inSpan[0];
  if (opening && /^[\s"“”‘’',]*(?:(?:[Aa]nd|[Bb]ut|[Ss]o|[Tt]hen|[Yy]et)\s+)?(?:\p{Lu}[\p{L}.]*\s+){0,4}$/u.test(r.ctx.masked.slice(span.start, opening.start)) &&
    !isPossessor(r.ctx.masked, opening)) {
    const rest = r.ctx.masked.slice(opening.end, span.end);
    // …unless the clause goes on to a new subject after the appositive ("X, a friend of Y, and Z")
    if (!/\band\s+(?:\p{Lu}\p{L}+\s+){1,3}$/u.test(rest)) return opening;
  }
  // nor a possessor ("shared Mr Grange's post with the comment:")
  const free = inSpan.filter((m) => !isPrepositionObject(r.ctx.masked, m, span.start) && !isPossessor(r.ctx.masked, m));
  return free[free.length - 1] ?? inSpan[0];
}

/** "O’Neill’s comments", "the Chiefs’ view": a name followed by a possessive owns something; it does not act. */
function isPossessor(t: string, m: Span): boolean {
  return /^['’]s?\b/.test(t.slice(m.end, m.end + 3));
}

const PREPOSITION_BEFORE = /\b(?:[Tt]o|[Ww]ith|[Bb]y|[Ff]rom|[Ff]or|[Oo]f|[Aa]t|[Aa]bout|[Aa]gainst|[Tt]han|[Ll]ike|[Aa]nd|[Oo]n|[Ii]n)\s+(?:\p{Lu}\p{L}*\.?\s+){0,3}$/u;

/** "a letter to Ms Lytton", "with Chief Constable Ann Bell": a name that is the object of a preposition. */
function isPrepositionObject(t: string, m: Span, floor: number): boolean {
  return PREPOSITION_BEFORE.test(t.slice(Math.max(floor, m.start - 40), m.start));
}

/** a preposition (not "and": a name after it may be a second subject) right before a name, up to three capitalised words between */
const OBLIQUE_BEFORE = /\b(?:[Tt]o|[Ww]ith|[Bb]y|[Ff]rom|[Ff]or|[Oo]f|[Aa]t|[Aa]bout|[Aa]gainst|[Tt]han|[Ll]ike|[Oo]n|[Ii]n)\s+(?:\p{Lu}\p{L}*\.?\s+){0,3}$/u;

/** "by Tom Hale", "the MP for Low Bent", "Hale's letter": a name in no position to be the subject. */
function isOblique(t: string, m: Span, floor: number): boolean {
  return isPossessor(t, m) || OBLIQUE_BEFORE.test(t.slice(Math.max(floor, m.start - 40), m.start));
}

function orgAttribution(e: OrgEntity, span: Span): Attribution {
  return { speaker: e.name, speakerKind: 'organization', speakerSpan: span, resolvedBy: 'organization' };
}

const DESCRIPTORS: ReadonlyArray<readonly [RegExp, readonly string[]]> = [
  [/\b(watchdog|inspectorate|inspectors)\b/i, ['inspectorate', 'regulator']],
  [/\b(force|constabulary)\b/i, ['force']],
  [/\bcharity\b/i, ['charity']],
  [/\bunion\b/i, ['union']],
  [/\b(department|government|ministry|home office)\b/i, ['government']],
  [/\b(commission|regulator|ombudsman)\b/i, ['regulator']],
  [/\b(university|researchers|academics)\b/i, ['academic']],
];

/** "the watchdog said" → the inspectorate the document names, latest mention first. */
const descriptor = tagged('descriptor', descriptorRaw);
function descriptorRaw(r: Resolver, text: string, span: Span, anchor: number): Attribution | null {
  for (const [re, kinds] of DESCRIPTORS) {
    const m = re.exec(text);
    if (!m) continue;
    const prior = r.orgs.mentions.filter((o) => kinds.includes(o.entity.kind) && o.start < anchor);
    const pick = prior[prior.length - 1] ?? r.orgs.mentions.find((o) => kinds.includes(o.entity.kind));
    if (pick) return { ...orgAttribution(pick.entity, { start: span.start + m.index, end: span.start + m.index + m[0].length }) };
  }
  return null;
}

const reportSpeaker = tagged('report', reportSpeakerRaw);
function reportSpeakerRaw(r: Resolver, span: Span, anchor: number): Attribution | null {
  // the report the attribution itself names ("…," the 2021 report said), else one named just before
  const within = r.reports.entities.find((e) => e.mentions.some((m) => m.start >= span.start && m.end <= span.end)) ??
    r.reports.entities.find((e) => e.mentions.some((m) => m.start >= span.start && m.end <= span.end + 200 && m.start < anchor));
  const rep = within ?? latestReport(r.reports.entities, anchor) ?? r.reports.main;
  if (!rep) return null;
  return { speaker: rep.title, speakerKind: 'report', speakerSpan: span };
}

function latestReport(entities: ReportEntity[], anchor: number): ReportEntity | null {
  let best: ReportEntity | null = null;
  let pos = -1;
  for (const e of entities) {
    for (const m of e.mentions) {
      if (m.start < anchor && m.start > pos) {
        pos = m.start;
        best = e;
      }
    }
  }
  return best;
}

/** he/she: the latest person of a compatible gender before the quote; it/they: the latest body. */
const resolvePronoun = tagged('pronoun', (r: Resolver, pronoun: string, span: Span, anchor: number) => unknownBetween(r, resolvePronounRaw(r, pronoun, span, anchor), span, anchor));

/**
 * "Tomasz Ekwueme is a neighbour of the family. He said: …", where the extractor knows no person
 * "Tomasz Ekwueme": "he" most likely means the name it could not confirm, not the person named
 * before it. When a name-shaped run the people finder left unconfirmed stands between the
 * pronoun and the last mention of the person it was resolved to, the speaker is withheld.
 */
function unknownBetween(r: Resolver, a: Attribution | null, span: Span, anchor: number): Attribution | null {
  if (a?.speakerKind !== 'person' || !a.speaker) return a;
  const at = Math.min(span.start, anchor);
  const last = r.people.mentions.filter((m) => m.entity.name === a.speaker && m.end <= at).pop();
  if (!last) return a;
  const want = /^she$/i.test(r.ctx.masked.slice(span.start, span.end)) ? 'f' : 'm';
  const hit = r.people.unconfirmed.find((u) => u.gender === want && u.start >= last.end && u.end <= at);
  return hit ? { ...NONE, speakerSpan: span, resolvedBy: 'pronoun' } : a;
}
function resolvePronounRaw(r: Resolver, pronoun: string, span: Span, anchor: number): Attribution | null {
  if (pronoun === 'he' || pronoun === 'she') {
    const want: Gender = pronoun === 'he' ? 'm' : 'f';
    const fits = (e: PersonMention['entity']) => e.gender === null || e.gender === want;
    const before = r.people.mentions.filter((m) => m.start < anchor && fits(m.entity));
    const latest = before[before.length - 1];
    // "Mr Kemble asked him whether … He replied:": the one asked, not the one asking
    const answer = /^\s+(?:replied|replies|answered|answers|responded|responds)\b/.test(r.ctx.masked.slice(span.end, span.end + 12));
    if (answer) {
      const from = previousSentenceStart(r.ctx, span.start);
      const asked = /^([\s\S]*?)\basked\s+(?:him|her)\b/.exec(r.ctx.masked.slice(from, span.start));
      const asker = asked ? r.people.mentions.find((m) => m.start >= from && m.end <= from + asked[1]!.length) : undefined;
      const other = asker ? before.filter((m) => m.entity !== asker.entity).pop() : undefined;
      if (other) return { speaker: other.entity.name, speakerKind: 'person', speakerSpan: span };
    }
    // someone named in this sentence or the one before is who "she" means; further back, the
    // person the story keeps quoting is likelier than the last one it named in passing
    const recentFrom = previousSentenceStart(r.ctx, Math.min(span.start, anchor));
    // "Sgt Marsh thanked Kelly Armitage for the rota. She said: …": the sentence's subject before its object
    const opener = r.people.mentions.find((m) => m.start >= recentFrom && m.start < Math.min(span.start, anchor) &&
      /^\s*(?:(?:\p{Lu}[\p{L}.]*|the|a)\s+){0,4}$/u.test(r.ctx.masked.slice(recentFrom, m.start)) && !isPossessor(r.ctx.masked, m));
    if (opener && opener !== latest && latest && latest.start > opener.start && opener.entity.gender === want && fits(latest.entity)) {
      return { speaker: opener.entity.name, speakerKind: 'person', speakerSpan: span };
    }
    // "Dana Frew, answering a letter from Tom Hale, said … He said:", "Ivo Marr, the MP for Low Bent, …":
    // the name last before is a preposition's object or a possessor; the subject the sentence
    // before opens with is the one "he" carries on
    if (latest && latest.start >= recentFrom && isOblique(r.ctx.masked, latest, recentFrom)) {
      const subject = r.people.mentions.find((m) => m.start >= recentFrom && m.start < latest.start && m.entity !== latest.entity && fits(m.entity) &&
        !isOblique(r.ctx.masked, m, recentFrom));
      if (subject) return { speaker: subject.entity.name, speakerKind: 'person', speakerSpan: span, resolvedBy: 'sentence-subject' };
    }
    const recent = r.ctx.masked.slice(recentFrom, Math.min(span.start, anchor));
    // the name is no subject when the sentence's own "he" comes before it ("he and a colleague,
    // Danny O'Hare, spent …") or it sits in a clause fronted before the subject ("After hearing
    // from Mr Sowerby, the judge turned …")
    const beforeLatest = latest && latest.start >= recentFrom ? r.ctx.masked.slice(recentFrom, latest.start) : '';
    const sidelined = !!beforeLatest && (new RegExp(`\\b${pronoun}\\b`, 'i').test(beforeLatest) || (FRONTED_CLAUSE.test(recent) && !beforeLatest.includes(',')));
    if (latest && latest.start >= recentFrom && !sidelined) return { speaker: latest.entity.name, speakerKind: 'person', speakerSpan: span };
    // "The Commissioner replied that … She said:": a title opening the sentence before
    const opening = /^\s*(?:(?:After|When|Having|Before|Following|Despite|Although|As|While|Once)\b[^,]*,\s*)?((?:[Tt]he\s+)(?:[\p{L}-]+\s+){0,3}?[\p{L}-]+?)\s+(?:[\p{Ll}]+ed|said|says|told|asked|replied)\b/u.exec(recent);
    const holder = opening?.[1] ? titleHolder(r, opening[1], span, anchor) : null;
    if (holder && r.people.entities.some((e) => e.name === holder.speaker && fits(e))) return holder;
    // the woman just quoted in the paragraph before ("…" — then "She said the argument had been '…'")
    const at = Math.min(span.start, anchor);
    const lastQuoted = r.recentSpeakers[r.recentSpeakers.length - 1];
    const lastQuotedEntity = lastQuoted && lastQuoted.at < at && r.people.entities.find((e) => e.name === lastQuoted.name);
    if (lastQuotedEntity && fits(lastQuotedEntity) && lastQuoted.at >= (r.ctx.paragraphs[Math.max(0, r.ctx.paragraphs.findIndex((p) => p.start <= at && at <= p.end) - 1)]?.start ?? 0)) {
      return { speaker: lastQuotedEntity.name, speakerKind: 'person', speakerSpan: span };
    }
    // named in this paragraph or the one before
    const paragraph = r.ctx.paragraphs.findIndex((p) => p.start <= at && at <= p.end);
    const nearFrom = r.ctx.paragraphs[Math.max(0, paragraph - 1)]?.start ?? 0;
    if (latest && latest.start >= nearFrom && !sidelined) return { speaker: latest.entity.name, speakerKind: 'person', speakerSpan: span };
    // further back: the person of that sex the document has quoted most so far (an interview's subject)
    const quoted = new Map<string, number>();
    for (const s of r.recentSpeakers) if (s.at < anchor) quoted.set(s.name, (quoted.get(s.name) ?? 0) + 1);
    const mostQuoted = [...quoted].filter(([name]) => r.people.entities.some((e) => e.name === name && fits(e))).sort((a, b) => b[1] - a[1])[0];
    if (mostQuoted && !(latest && latest.entity.gender === want && r.people.entities.find((e) => e.name === mostQuoted[0])?.gender !== want)) {
      return { speaker: mostQuoted[0], speakerKind: 'person', speakerSpan: span };
    }
    return latest ? { speaker: latest.entity.name, speakerKind: 'person', speakerSpan: span } : null;
  }
  // "A spokesperson for the force said: '…' / It added: '…'": the body just quoted goes on
  const paragraph = r.ctx.paragraphs.findIndex((p) => p.start <= span.start && span.start <= p.end);
  if (pronoun === 'it' && r.lastBodyQuote && paragraph - r.lastBodyQuote.paragraph <= 1 &&
    /^\s+(?:added|adds|continued|continues|went\s+on)\b/.test(r.ctx.masked.slice(span.end, span.end + 12))) {
    return { ...r.lastBodyQuote.a, speakerSpan: span };
  }
  // "The Federation supported the aim of the guidance. It said: '…'": the body opening the sentence before
  const lead = sentenceLeadBody(r, span);
  if (lead) return lead;
  // "The bulletin found that … It said this '…'": the report it opens with
  const t = r.ctx.masked;
  const prevStart = previousSentenceStart(r.ctx, span.start);
  if (/^\s*the\s+(?:[\p{L}-]+\s+){0,2}?/iu.test(t.slice(prevStart, span.start))) {
    const opening = /^\s*the\s+(?:[\p{L}-]+\s+){0,2}?([\p{L}-]+)\s+(?:found|said|says|finds|concluded|concludes|showed|shows|stated|states|noted|notes|warned|warns|recommended|recommends)\b/iu.exec(t.slice(prevStart, span.start));
    if (opening?.[1] && REPORT_WORD.test(opening[1])) {
      const word = new RegExp(`\\b${opening[1]}\\b`, 'i');
      const titled = r.reports.entities.filter((e) => word.test(e.title) && e.mentions.some((m) => m.start < anchor));
      if (titled.length === 1) return { speaker: titled[0]!.title, speakerKind: 'report', speakerSpan: span };
      const report = reportSpeaker(r, span, anchor);
      if (report) return report;
    }
  }
  const orgs = r.orgs.mentions.filter((m) => m.start < anchor);
  const org = orgs[orgs.length - 1];
  const rep = latestReport(r.reports.entities, anchor);
  const repPos = rep ? Math.max(...rep.mentions.filter((m) => m.start < anchor).map((m) => m.start)) : -1;
  if (rep && (!org || repPos > org.start)) return { speaker: rep.title, speakerKind: 'report', speakerSpan: span };
  return org ? orgAttribution(org.entity, span) : null;
}

/** The body the sentence before `span`'s opens with ("The Federation supported …"). */
const sentenceLeadBody = tagged('sentence-lead-body', sentenceLeadBodyRaw);
function sentenceLeadBodyRaw(r: Resolver, span: Span): Attribution | null {
  const t = r.ctx.masked;
  const here = sentenceStart(t, span.start, r.ctx.body.start);
  const prevStart = previousSentenceStart(r.ctx, span.start);
  const lead = r.orgs.mentions.find((m) => m.start >= prevStart && m.start < here && /^\s*(?:the\s+)?$/i.test(t.slice(prevStart, m.start)));
  return lead ? orgAttribution(lead.entity, span) : null;
}

/** Where the sentence before the one holding `pos` starts (across a paragraph break). */
function previousSentenceStart(ctx: DocContext, pos: number): number {
  const t = ctx.masked;
  const here = sentenceStart(t, pos, ctx.body.start);
  let p = here - 1;
  while (p > ctx.body.start && /\s/.test(t.charAt(p))) p--;
  return p > ctx.body.start ? sentenceStart(t, p, ctx.body.start) : here;
}

export function toExtractedQuotes(quotes: QuoteCandidate[], attributions: (Attribution & { sieve: string | null })[], threshold: number): ExtractedQuote[] {
  return quotes
    .map((q, i) => ({ q, a: attributions[i] ?? { ...NONE, sieve: null } }))
    .filter(({ q, a }) => !isUnattributedTerm(q, a.speaker))
    .map(({ q, a }) => {
      const evidence = { sieve: a.speaker ? a.sieve : null, cue: null, mention: a.speakerSpan, resolvedBy: a.speaker ? (a.resolvedBy ?? null) : null };
      const base = { text: q.text, start: q.start, end: q.end, speakerSpan: a.speakerSpan, evidence };
      if (!a.speaker) return { ...base, speaker: null, speakerKind: null, confidence: 0 };
      const confidence = confidenceOf(a.sieve, a.resolvedBy);
      if (confidence >= threshold) return { ...base, speaker: a.speaker, speakerKind: a.speakerKind, confidence };
      return { ...base, speaker: null, speakerKind: null, confidence, candidates: [{ name: a.speaker, score: confidence }] };
    });
}
