// People: capitalised name sequences accepted only with evidence that they name a person
// (the gazetteer, a known first name, a title before, a role or a verb of saying after, a
// letter's signature block), then their second references ("Mr Scott", "Watson") and roles.

import { type DocContext, overlaps } from './context.js';
import {
  CHARACTERISING_VERBS,
  FEMALE_HONORIFICS,
  FIRST_NAME_GENDER,
  HONORIFICS,
  KIN_WORDS,
  MALE_HONORIFICS,
  NOT_NAME_WORDS,
  PLACE_WORDS,
  ROLE_NOUNS,
  SPEECH_ALTERNATION,
  TITLES_BEFORE_NAME,
} from './lexicon.js';
import type { OrgMention, OrgResult } from './organizations.js';
import { sentenceEnd, sentenceStart } from './sentences.js';
import { escapeRegExp, foldName } from './text.js';
import type { ExtractedPerson, ExtractedRole, GazetteerPerson, PersonKind, Span } from './types.js';

export type Gender = 'm' | 'f' | null;

export interface PersonEntity {
  key: string;
  name: string;
  aliases: Set<string>;
  gender: Gender;
  gazetteerId: string | null;
  gazetteerKind: string | null;
  roles: ExtractedRole[];
  mentions: Span[];
  /** honorifics and titles written before the name ("dr", "cllr"), which tell two namesakes apart */
  styles: Set<string>;
}

export interface PersonMention extends Span {
  entity: PersonEntity;
}

export interface PeopleResult {
  entities: PersonEntity[];
  mentions: PersonMention[];
  /** who wrote the document, as it says: the person signing it, else its byline */
  author: PersonEntity | null;
  /**
   * Names the extractor could not confirm but the text takes up as "he" or "she": a run of two or
   * more capitalised words that no evidence made a person, in a sentence naming no known person,
   * whose next sentence opens with the pronoun ("We spoke to Tomasz Ekwueme. He runs the
   * café…"). Someone is speaking whom the extractor does not know; see speakers.ts.
   */
  unconfirmed: (Span & { gender: 'm' | 'f' })[];
}

const NAME_TOKEN = String.raw`(?:Mc|Mac|O['’]|D['’])?\p{Lu}[\p{Ll}\p{M}]+(?:-(?:Mc|Mac|O['’])?\p{Lu}[\p{Ll}\p{M}]+)?`;
/** Lower-case particles inside a name: "Dafydd ap Rhys", "Anne van der Berg", "Ali bin Hassan". */
const NAME_PARTICLE = '(?:ap|ab|van|von|der|den|de|da|di|du|le|la|bin|binti|al|el)';
const NAME_RUN = new RegExp(String.raw`(?<![\p{L}\p{N}'’-])${NAME_TOKEN}(?:[ \t]+(?:${NAME_TOKEN}|${NAME_PARTICLE}(?=(?:[ \t]+${NAME_PARTICLE})*[ \t]+\p{Lu})|\p{Lu}\.?(?=[ \t]+\p{Lu})))*`, 'gu');
const sortedTitles = [...TITLES_BEFORE_NAME].sort((a, b) => b.length - a.length).map((t) => escapeRegExp(t).replace(/ /g, '\\s+').replace(/'/g, "['’]"));
/** A title ending right where a name begins ("... Chief Constable ", "HM Inspector of Constabulary, "). */
/** A line that is a title: one of the titles written before names, possibly followed by "of/for …". */
const TITLE_LINE = new RegExp(`^(?:${sortedTitles.join('|')})\\b`, 'iu');
const TITLE_BEFORE = new RegExp(`(?<![\\p{L}])(${sortedTitles.join('|')})\\s*,?\\s*$`, 'iu');
const HONORIFIC_BEFORE = new RegExp(`(?<![\\p{L}])(${HONORIFICS.join('|')})\\.?\\s+$`, 'u');
const VERBS = [SPEECH_ALTERNATION, ...CHARACTERISING_VERBS].join('|');
const VERB_AFTER = new RegExp(`^,?\\s+(?:has\\s+|had\\s+|have\\s+|also\\s+|later\\s+|then\\s+)?(?:${VERBS}|called|urged|welcomed|criticised|praised|attacked)\\b`, 'i');
/** "Lior Ganz, speaking at the launch, said" / "…, in a letter to the board, wrote": a verb of saying after a parenthetical */
const VERB_AFTER_ASIDE = new RegExp(`^,\\s+(?:\\p{Ll}+ing|in|during|at)\\s[^.;:!?"“”\\n,]{2,160},\\s+(?:has\\s+|had\\s+|also\\s+|then\\s+)?(?:${VERBS})\\b`, 'u');
const ROLE_NOUN_RE = new RegExp(`\\b(${ROLE_NOUNS.map(escapeRegExp).join('|')})\\b`, 'i');
const APPOSITIVE_AFTER = /^,\s+((?:the\s+|a\s+|an\s+)?[^,.;:"“”\n]{3,160}?)(?=,|;|\s+(?:said|says|told|added|commented|argued|warned|explained|wrote|called|urged)\b|\.\s|\.$|:|\n)/u;
/**
 * A role or relation written before the name and closed by a comma: "its director general,
 * Anand Sethi," / "Director of Standards at the College of Policing, Nkechi Reid," / "Ms
 * Quinn's sister, Róisín Quinn,". The phrase starts after a sentence or clause break or a
 * determiner, so only it, not the sentence around it, is the role.
 */
const PHRASE_BREAK = /(?:^|[.;:!?]\s+|,\s+|\n|\b(?:the|its|their|his|her|our|a|an)\s+)/giu;

/** The shortest phrase closing `before` with a comma that `test` accepts, and where it starts. */
function appositiveBefore(before: string, test: (phrase: string) => boolean): { text: string; start: number } | null {
  const close = /,\s*$/.exec(before);
  if (!close) return null;
  const starts = [...before.matchAll(PHRASE_BREAK)].map((b) => b.index + b[0].length).filter((s) => s < close.index).reverse();
  for (const start of starts) {
    const text = before.slice(start, close.index);
    if (text.length > 110 || /[,;:!?"“”\n]|\.(?!\w)/.test(text)) return null;
    if (text.length >= 3 && test(text)) return { text, start };
  }
  return null;
}
const KIN_NOUN_RE = /\b(mother|father|parents?|sister|brother|daughter|son|wife|husband|partner|widow|widower|aunt|uncle|cousin|niece|nephew|grandmother|grandfather|friend|neighbour|colleague|victim|survivor)\b/i;
/** Lines that name a contact: "Media contacts: Jo Bell, 07950 …", "Press office: …". */
const CONTACT_BEFORE = /\b(?:media|press)\s+(?:contacts?|enquiries|office)\s*:\s*$|\bcontacts?\s*:\s*$/i;
/** A telephone number or an email address right after a name. */
const CONTACT_AFTER = /^,?\s*(?:tel(?:ephone)?:?\s*)?(?:\+?\d[\d ]{8,}\d|[\w.+-]+@[\w-]+\.)/i;
const PARTY_AFTER = /^\s*\((?:Lab|Con|LD|Lib Dem|SNP|Green|Reform|Plaid|PC|DUP|SDLP|Ind|Labour|Conservative|Liberal Democrat)\b[^)]{0,60}\)/;
const SIGN_OFF = /\b(yours sincerely|yours faithfully|kind regards|best regards|best wishes|regards|many thanks)\b/i;
const MONTHS = /^(january|february|march|april|may|june|july|august|september|october|november|december)$/i;

interface Candidate extends Span {
  surface: string;
  tokens: string[];
  title: { text: string; start: number } | null;
  honorific: string | null;
}

export function findPeople(ctx: DocContext, orgs: OrgResult): PeopleResult {
  const entities = new Map<string, PersonEntity>();
  const mentions: PersonMention[] = [];
  const add = (entity: PersonEntity, span: Span) => {
    if (mentions.some((m) => overlaps(m, span))) return;
    mentions.push({ ...span, entity });
    entity.mentions.push(span);
  };

  for (const h of ctx.gaz.findPeople(ctx.folded, ctx.text)) {
    if (orgs.mentions.some((o) => overlaps(o, h))) continue;
    const e = entityFor(entities, h.person.name, h.person, genderOf(h.person.name, null));
    if (foldName(h.surface) !== foldName(e.name)) e.aliases.add(h.surface);
    add(e, h);
  }

  const singles: Candidate[] = [];
  const unconfirmed: Span[] = [];
  // "Mr Prytherch-Owen" anywhere makes "Aled Prytherch-Owen" a person
  const honoured = honouredSurnames(ctx);
  for (const c of candidates(ctx, orgs.mentions)) {
    if (c.tokens.length === 1) {
      singles.push(c);
      continue;
    }
    if (mentions.some((m) => overlaps(m, c))) continue;
    const exact = ctx.gaz.personByName(c.surface);
    const gaz = exact ?? (hasEvidence(ctx, c) || isFirstName(c.tokens[0]) ? ctx.gaz.personBySpelling(c.surface) : null);
    if (!gaz && !isFirstName(c.tokens[0]) && !honoured.has(foldName(c.tokens[c.tokens.length - 1] ?? '')) && !hasEvidence(ctx, c)) {
      unconfirmed.push({ start: c.start, end: c.end });
      continue;
    }
    const name = gaz ? gaz.name : c.surface;
    const e = entityFor(entities, name, gaz, genderOf(c.surface, c.honorific));
    if (foldName(c.surface) !== foldName(e.name)) e.aliases.add(c.surface);
    for (const style of [c.honorific, c.title?.text]) if (style) e.styles.add(styleKey(style));
    add(e, c);
  }

  const bylines = addHeaderNames(ctx, orgs.mentions, entities, add);
  addSecondReferences(ctx, entities, singles, add);
  addSalutations(ctx, entities, mentions, add);
  addFirstNameOnly(ctx, entities, mentions, add);
  const list = [...entities.values()].filter((e) => e.mentions.length > 0);
  for (const e of list) e.mentions.sort((a, b) => a.start - b.start);
  mentions.sort((a, b) => a.start - b.start);
  releaseOfficesUsedAsTitles(ctx, mentions, orgs);
  const signatures = addRoles(ctx, mentions, orgs);
  addLedeTitles(ctx, mentions, orgs);
  attachInspectorate(list, orgs);
  list.sort((a, b) => (a.mentions[0]?.start ?? 0) - (b.mentions[0]?.start ?? 0));
  const signedOff = signatures.filter((m) => SIGN_OFF.test(ctx.masked.slice(Math.max(ctx.body.start, m.start - 120), m.start)));
  const author = (signedOff.pop() ?? signatures.pop())?.entity ?? bylines[0] ?? null;
  return { entities: list, mentions, author, unconfirmed: takenUpByPronoun(ctx, unconfirmed, mentions) };
}

const PRONOUN_OPENING = /^\s*(He|She)\s/;

/** The unconfirmed names whose sentence names no known person and is followed by one opening with "He" or "She". */
function takenUpByPronoun(ctx: DocContext, runs: Span[], mentions: PersonMention[]): (Span & { gender: 'm' | 'f' })[] {
  const t = ctx.masked;
  const out: (Span & { gender: 'm' | 'f' })[] = [];
  for (const u of runs) {
    if (mentions.some((m) => overlaps(m, u))) continue;
    const from = sentenceStart(t, u.start, ctx.body.start);
    const end = sentenceEnd(t, u.end, ctx.body.end);
    if (mentions.some((m) => m.start >= from && m.end <= end)) continue;
    const next = PRONOUN_OPENING.exec(t.slice(end, Math.min(ctx.body.end, end + 40)));
    if (next?.[1]) out.push({ ...u, gender: next[1] === 'He' ? 'm' : 'f' });
  }
  return out;
}

const HONOURED = new RegExp(String.raw`(?<![\p{L}])(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+(${NAME_TOKEN})(?![\p{L}])`, 'gu');

function honouredSurnames(ctx: DocContext): Set<string> {
  const out = new Set<string>();
  for (const m of ctx.masked.matchAll(HONOURED)) if (m[1]) out.add(foldName(m[1]));
  return out;
}

const RANK_WORDS: Record<string, string> = {
  det: 'detective', supt: 'superintendent', insp: 'inspector', ch: 'chief', sgt: 'sergeant', con: 'constable', asst: 'assistant',
  cmdr: 'commander', pc: 'police constable', dc: 'detective constable', ds: 'detective sergeant', di: 'detective inspector',
  dci: 'detective chief inspector', dcs: 'detective chief superintendent', acc: 'assistant chief constable', dcc: 'deputy chief constable',
  cllr: 'councillor', prof: 'professor',
};

/** A style written any way ("Det Supt", "Detective Superintendent") as one key. */
function styleKey(style: string): string {
  return style.toLowerCase().split(/\s+/).map((w) => RANK_WORDS[w.replace(/\.$/, '')] ?? w).join(' ');
}

function isFirstName(token: string | undefined): boolean {
  return !!token && FIRST_NAME_GENDER.has(foldName(token));
}

function genderOf(name: string, honorific: string | null): Gender {
  const h = honorific?.toLowerCase() ?? '';
  if (MALE_HONORIFICS.has(h)) return 'm';
  if (FEMALE_HONORIFICS.has(h)) return 'f';
  return FIRST_NAME_GENDER.get(foldName(name).split(' ')[0] ?? '') ?? null;
}

function entityFor(map: Map<string, PersonEntity>, name: string, gaz: GazetteerPerson | null, gender: Gender): PersonEntity {
  const key = gaz ? `gaz:${gaz.id}` : sameNameKey(map, name);
  let e = map.get(key);
  if (!e) {
    e = {
      key,
      name,
      aliases: new Set(),
      gender,
      gazetteerId: gaz?.id ?? null,
      gazetteerKind: gaz?.kind ?? null,
      roles: [],
      mentions: [],
      styles: new Set(),
    };
    map.set(key, e);
  }
  e.gender ??= gender;
  return e;
}

/** "Sara Thornton" and "Sara J Thornton" are one person: same first and last token. */
function sameNameKey(map: Map<string, PersonEntity>, name: string): string {
  const toks = foldName(name).split(' ');
  for (const [key, e] of map) {
    const other = foldName(e.name).split(' ');
    if (other[0] === toks[0] && other[other.length - 1] === toks[toks.length - 1]) return key;
  }
  return `new:${foldName(name)}`;
}

/** Runs of capitalised name tokens, split at words that cannot be part of a name. */
function* candidates(ctx: DocContext, orgMentions: OrgMention[]): Generator<Candidate> {
  const t = ctx.masked;
  NAME_RUN.lastIndex = 0;
  for (let m = NAME_RUN.exec(t); m; m = NAME_RUN.exec(t)) {
    const runStart = m.index;
    const parts: { text: string; start: number }[] = [];
    const tokRe = /\S+/g;
    for (let p = tokRe.exec(m[0]); p; p = tokRe.exec(m[0])) parts.push({ text: p[0], start: runStart + p.index });
    let group: { text: string; start: number }[] = [];
    const found: Candidate[] = [];
    const flush = () => {
      while (group.length > 0 && isNotNameEnd(group[group.length - 1]!.text)) group.pop();
      if (group.length > 0 && group.length <= 4) {
        const first = group[0]!;
        const last = group[group.length - 1]!;
        const span = { start: first.start, end: last.start + last.text.length };
        if (!orgMentions.some((o) => overlaps(o, span))) {
          const before = t.slice(Math.max(0, span.start - 80), span.start);
          const title = TITLE_BEFORE.exec(before);
          const hon = HONORIFIC_BEFORE.exec(before);
          found.push({
            ...span,
            surface: ctx.text.slice(span.start, span.end),
            tokens: group.map((g) => g.text),
            title: title?.[1] ? { text: title[1], start: span.start - before.length + title.index } : null,
            honorific: hon?.[1] ?? null,
          });
        }
      }
      group = [];
    };
    for (const part of parts) {
      // "Theresa May": a month after a name, with no date figure after it, is a surname
      const surnameMonth = group.length > 0 && MONTHS.test(part.text) && !/^\s*\d/.test(t.slice(part.start + part.text.length, part.start + part.text.length + 4));
      if (isNotNameWord(part.text) && !surnameMonth) flush();
      else group.push(part);
    }
    flush();
    yield* found;
  }
}

function isNotNameWord(w: string): boolean {
  const f = foldName(w);
  return NOT_NAME_WORDS.has(f) || MONTHS.test(f) || /^\p{Lu}{2,}$/u.test(w);
}

function isNotNameEnd(w: string): boolean {
  return PLACE_WORDS.has(foldName(w)) || /^\p{Lu}\.?$/u.test(w);
}

/** Context that makes a capitalised sequence a person: title, role, verb of saying, signature. */
function hasEvidence(ctx: DocContext, c: Candidate): boolean {
  if (c.title || c.honorific) return true;
  const after = ctx.masked.slice(c.end, c.end + 200);
  if (VERB_AFTER.test(after) || VERB_AFTER_ASIDE.test(after)) return true;
  const app = APPOSITIVE_AFTER.exec(after);
  if (app?.[1] && ROLE_NOUN_RE.test(app[1])) return true;
  const before = ctx.masked.slice(Math.max(ctx.body.start, c.start - 140), c.start);
  if (/according\s+to\s+$/i.test(before)) return true;
  if (/^,/.test(after) && appositiveBefore(before, (p) => ROLE_NOUN_RE.test(p) || KIN_NOUN_RE.test(p))) return true;
  // "Beryl Ash, of Cilycwm," / "Carys Jenkins (Lab, Cardiff East)": a person's home or party and seat
  if (/^,\s+(?:of|from|at)\s+(?:the\s+)?\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,2}\s*,/u.test(after) || PARTY_AFTER.test(after)) return true;
  // "Kerry Bell, who leads …" (a body takes "which"), "Kerry Bell, 41," and "a 41-year-old nurse"
  if (/^,\s+(?:who|whose)\b|^,\s*(?:aged\s+)?\d{1,3}\s*[,.]|^,\s+(?:a|an|the)\s+(?:[\p{L}-]+\s+){0,2}\d{1,3}-year-old\b/iu.test(after)) return true;
  if (CONTACT_BEFORE.test(before) || CONTACT_AFTER.test(after)) return true;
  return isSignature(ctx, c);
}

/**
 * A name alone on its line, followed by a short title line: after a sign-off, as a letterhead,
 * or anywhere when the title line names a role ("Mairéad Kelly\nHis Majesty's Inspector of
 * Constabulary" closing a foreword).
 */
function isSignature(ctx: DocContext, c: Span): boolean {
  const t = ctx.masked;
  const lineStart = t.lastIndexOf('\n', c.start - 1) + 1;
  const lineEnd = t.indexOf('\n', c.end);
  if (t.slice(lineStart, c.start).trim() || t.slice(c.end, lineEnd < 0 ? t.length : lineEnd).trim()) return false;
  const next = /^\n[ \t]*([^\n]{2,80})/.exec(t.slice(lineEnd < 0 ? t.length : lineEnd));
  const titleLine = next?.[1]?.trim();
  if (!titleLine || /[.!?]$/.test(titleLine)) return false;
  const before = t.slice(Math.max(ctx.body.start, c.start - 120), lineStart);
  if (SIGN_OFF.test(before) || !t.slice(ctx.body.start, lineStart).trim()) return titleLine.length <= 60;
  return /\n[ \t]*\n[ \t]*$|^\s*$/.test(t.slice(Math.max(0, lineStart - 4), lineStart)) && (ROLE_NOUN_RE.test(titleLine) || TITLE_LINE.test(titleLine));
}

const BYLINE = /^[ \t]*By[ \t]+(\p{Lu}[\p{L}'’-]+(?:[ \t]+\p{Lu}[\p{L}'’-]+){1,2})[ \t]*(?:,[ \t]*([^\n,]{2,60}))?[ \t]*$/u;
const NAME_LINE = /^[ \t]*(\p{Lu}\p{Ll}+(?:[ \t]+\p{Lu}\p{Ll}+){1,2})[ \t]*$/u;
const titleCase = (s: string): string => (/\p{Ll}/u.test(s) ? s : s.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase()));

/**
 * The header of an article names its writer: "By Jo Bell, Crime Reporter" (also in capitals),
 * or a name alone on its line before the first paragraph of prose.
 */
function addHeaderNames(ctx: DocContext, orgMentions: OrgMention[], entities: Map<string, PersonEntity>, add: (e: PersonEntity, s: Span) => void): PersonEntity[] {
  const found: PersonEntity[] = [];
  const t = ctx.masked;
  const head = ctx.paragraphs.slice(0, 8);
  head.forEach((p, i) => {
    const line = t.slice(p.start, p.end);
    const by = BYLINE.exec(line);
    // a bare name line is a byline when a dateline follows it ("Tue 9 Jul 2024 19.30 BST")
    const next = head[i + 1];
    const dateline = next !== undefined && next.end - next.start < 60 && /\d/.test(t.slice(next.start, next.end));
    const bare = by || !dateline ? null : NAME_LINE.exec(line);
    const m = by ?? bare;
    if (!m?.[1]) return;
    const tokens = m[1].split(/[ \t]+/);
    if (tokens.some((w) => NOT_NAME_WORDS.has(foldName(w)) || MONTHS.test(w))) return;
    const start = p.start + line.indexOf(m[1]);
    const span = { start, end: start + m[1].length };
    if (orgMentions.some((o) => overlaps(o, span))) return;
    const name = titleCase(m[1]);
    const e = entityFor(entities, name, ctx.gaz.personByName(name), genderOf(name, null));
    if (name !== m[1]) e.aliases.add(m[1]);
    add(e, span);
    found.push(e);
    const role = by?.[2]?.trim();
    if (role) addRole(e, { title: /\p{Ll}/u.test(role) ? role : role.toLowerCase(), organization: null, start: span.end, end: p.end });
  });
  return found;
}

/**
 * A person the text names by a first name alone: "a woman whom we are calling Hannah", "who I
 * will call Jess", "known only as Sam", "Hannah, 34, said", "Sam (not her real name)". Later
 * bare uses of that name are the same person.
 */
function addFirstNameOnly(ctx: DocContext, entities: Map<string, PersonEntity>, mentions: PersonMention[], add: (e: PersonEntity, s: Span) => void): void {
  const re = /(?:\b(?:we are|we're|we’re|I am|I'm|I’m|we have|is being|are)\s+calling|\b(?:I|we)\s+(?:will|shall|'ll|’ll)\s+call|\bknown\s+(?:only\s+)?as|\bcalled)\s+(\p{Lu}\p{Ll}+)\b|(?<![\p{L}.]\s|[\p{L}'’-])(\p{Lu}\p{Ll}+)(?:,\s+(?:aged\s+)?\d{1,3},|\s+\(not\s+(?:her|his|their)\s+real\s+name\))/gu;
  const names = new Map<string, PersonEntity>();
  for (const m of ctx.masked.matchAll(re)) {
    const first = m[1] ?? m[2];
    if (!first || !isFirstName(first)) continue;
    const start = m.index + m[0].indexOf(first, m[1] ? m[0].length - first.length - 1 : 0);
    const span = { start, end: start + first.length };
    if (mentions.some((x) => overlaps(x, span))) continue;
    const e = names.get(first) ?? entityFor(entities, first, null, genderOf(first, null));
    names.set(first, e);
    add(e, span);
  }
  // "Kayleigh's dad Gary, 50,": a relative named by first name takes the family's surname
  for (const m of ctx.masked.matchAll(KIN_FIRST_NAME)) {
    const [, possessor, first] = m;
    if (!possessor || !first || !isFirstName(first) || names.has(first)) continue;
    const family = [...entities.values()].find((e) => e.mentions.length && /\s/.test(e.name) && (e.name.split(/\s+/)[0] === possessor || e.name.split(/\s+/).pop() === possessor));
    if (!family) continue;
    const start = m.index + m[0].length - first.length;
    const span = { start, end: start + first.length };
    if (mentions.some((x) => overlaps(x, span))) continue;
    const full = `${first} ${family.name.split(/\s+/).pop()}`;
    const e = entityFor(entities, full, null, genderOf(first, null));
    names.set(first, e);
    add(e, span);
  }
  // "His wife, Bernadette, …" in a piece about one man: his family name, when the piece names
  // one person of that sex more than any other so far
  for (const m of ctx.masked.matchAll(PRONOUN_KIN_FIRST_NAME)) {
    const [, pronoun, first] = m;
    if (!pronoun || !first || !isFirstName(first) || names.has(first)) continue;
    const start = m.index + m[0].lastIndexOf(first);
    const span = { start, end: start + first.length };
    if (mentions.some((x) => overlaps(x, span))) continue;
    const sex = /^his$/i.test(pronoun) ? 'm' : 'f';
    const counts = [...entities.values()]
      .filter((e) => e.gender === sex && /\s/.test(e.name))
      .map((e) => [e, e.mentions.filter((x) => x.start < start).length] as const)
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1]);
    if (!counts.length || (counts[1] && counts[1][1] === counts[0]![1])) continue;
    const e = entityFor(entities, `${first} ${counts[0]![0].name.split(/\s+/).pop()}`, null, genderOf(first, null));
    names.set(first, e);
    add(e, span);
  }
  for (const [first, e] of names) {
    for (const m of ctx.masked.matchAll(new RegExp(`(?<![\\p{L}'’-])${first}(?![\\p{L}'’-])`, 'gu'))) {
      const span = { start: m.index, end: m.index + first.length };
      if (!mentions.some((x) => overlaps(x, span))) add(e, span);
    }
  }
}

const KIN = KIN_WORDS.join('|');
const PRONOUN_KIN_FIRST_NAME = new RegExp(String.raw`\b([Hh]is|[Hh]er)\s+(?:${KIN}),?\s+(\p{Lu}\p{Ll}+)(?![\p{L}'’-])`, 'gu');
const KIN_FIRST_NAME = new RegExp(String.raw`(?<![\p{L}'’-])(\p{Lu}[\p{L}'’-]+)['’]s\s+(?:${KIN})\s+(\p{Lu}\p{Ll}+)(?![\p{L}'’-])`, 'gu');

/** "Dear Mr Hollis": the person a letter is written to, named the only way the letter names them. */
function addSalutations(ctx: DocContext, entities: Map<string, PersonEntity>, mentions: PersonMention[], add: (e: PersonEntity, s: Span) => void): void {
  const re = /\bDear[ \t]+(Mr|Mrs|Ms|Miss|Dr)\.?[ \t]+(\p{Lu}[\p{L}'’-]+)/gu;
  for (let m = re.exec(ctx.masked); m; m = re.exec(ctx.masked)) {
    const start = m.index + m[0].length - (m[2] ?? '').length;
    const span = { start, end: start + (m[2] ?? '').length };
    if (mentions.some((x) => overlaps(x, span))) continue;
    const name = `${m[1]} ${m[2]}`;
    add(entityFor(entities, name, null, genderOf(name, m[1] ?? null)), { start: m.index + 5, end: span.end });
  }
}

/** Surnames and "Mr Scott" of people already introduced; a surname shared by two is left alone. */
function addSecondReferences(
  ctx: DocContext,
  entities: Map<string, PersonEntity>,
  singles: Candidate[],
  add: (e: PersonEntity, s: Span) => void,
): void {
  // a surname is the last word as written, so "Prytherch-Owen" stays one word
  const lastWord = (name: string) => foldName(name.trim().split(/\s+/).pop() ?? '');
  const bySurname = new Map<string, PersonEntity[]>();
  const byFirstName = new Map<string, PersonEntity[]>();
  for (const e of entities.values()) {
    const forms = [lastWord(e.name), ...[...e.aliases].map(lastWord)];
    for (const s of new Set(forms)) {
      if (!s) continue;
      const list = bySurname.get(s) ?? [];
      list.push(e);
      bySurname.set(s, list);
    }
    const first = foldName(e.name.split(/\s+/)[0] ?? '');
    if (first) byFirstName.set(first, [...(byFirstName.get(first) ?? []), e]);
  }
  const firstNameOnly = new Set<Span>();
  for (const c of singles) {
    // "Dame Felicity", "Sir Keir": a title of honour goes with the first name
    const byFirst = c.honorific && /^(dame|sir|lord|lady)$/i.test(c.honorific) ? byFirstName.get(foldName(c.tokens[0] ?? '')) : undefined;
    const list = byFirst?.length === 1 ? byFirst : bySurname.get(foldName(c.tokens[0] ?? ''));
    let prior = list?.filter((e) => e.mentions.some((m) => m.start < c.start)) ?? [];
    // "Ms Dunphy" beside Kayleigh and Connor Dunphy: the honorific says which
    const sex = genderOf('', c.honorific);
    if (prior.length > 1 && sex) prior = prior.filter((e) => e.gender === sex || (e.gender === null && prior.every((o) => o === e || o.gender !== null)));
    // "Dr Bowen" beside Dr Tomás Bowen and Cllr Eirlys Bowen: the one styled the same way
    const styleText = c.honorific ?? c.title?.text;
    const style = styleText ? styleKey(styleText) : undefined;
    if (prior.length > 1 && style && prior.filter((e) => e.styles.has(style)).length === 1) prior = prior.filter((e) => e.styles.has(style));
    // "Sgt Morgan" beside Ch Insp Bethan Morgan and an unstyled Gareth Morgan: not the chief inspector
    if (prior.length > 1 && style) {
      const unstyled = prior.filter((e) => e.styles.size === 0 || e.styles.has(style));
      if (unstyled.length === 1) prior = unstyled;
    }
    // still two of them: the one the text named last is the likelier
    // (a first name alone does not count: a story calls a victim "Aoife" and her sister "Ms Brennan-Walsh")
    if (prior.length > 1) {
      const latestOf = (e: PersonEntity) => Math.max(-1, ...e.mentions.filter((m) => m.start < c.start && !firstNameOnly.has(m)).map((m) => m.start));
      prior = [prior.reduce((a, b) => (latestOf(b) > latestOf(a) ? b : a))];
    }
    // "Deborah said she felt …": a feature's first-name second reference, when one person has that first name
    const byFirstOnly = !list && !c.honorific ? byFirstName.get(foldName(c.tokens[0] ?? ''))?.filter((e) => /\s/.test(e.name.trim())) : undefined;
    if (prior.length === 1) add(prior[0]!, c);
    else if (list?.length === 1) add(list[0]!, c);
    else if (byFirstOnly?.length === 1 && byFirstOnly[0]!.mentions.some((m) => m.start < c.start)) {
      add(byFirstOnly[0]!, c);
      firstNameOnly.add(c);
    }
    else if (!list && c.honorific && hasSpeechAfter(ctx, c)) {
      // "Mr Smith said" with no full name anywhere: the honorific form is the best name there is
      const name = `${c.honorific} ${c.surface}`;
      const e = entityFor(entities, name, null, genderOf(name, c.honorific));
      add(e, { start: c.start, end: c.end });
      bySurname.set(foldName(c.surface), [e]);
    }
  }
}

function hasSpeechAfter(ctx: DocContext, c: Span): boolean {
  return VERB_AFTER.test(ctx.masked.slice(c.end, c.end + 60));
}

/** Roles from a title before the name, an appositive after it, or a signature's title line; returns the signatures. */
function addRoles(ctx: DocContext, mentions: PersonMention[], orgs: OrgResult): PersonMention[] {
  const t = ctx.masked;
  const signatures: PersonMention[] = [];
  for (const m of mentions) {
    const e = m.entity;
    const before = t.slice(Math.max(ctx.body.start, m.start - 100), m.start);
    const title = TITLE_BEFORE.exec(before);
    const titleStart = title ? m.start - before.length + title.index : m.start;
    if (title?.[1]) {
      const org = orgEndingAt(orgs.mentions, titleStart) ?? orgInside(orgs.mentions, { start: titleStart, end: m.start });
      addRole(e, { title: title[1].replace(/\s+/g, ' '), organization: org, start: titleStart, end: titleStart + title[1].length });
    }
    const after = t.slice(m.end, m.end + 220);
    // "Cllr Eirlys Bowen (Chair)", "Tom Reeve (Director of Finance)": a role in brackets
    const bracketed = /^\s*\(([^()\n]{2,60})\)/.exec(after);
    if (bracketed?.[1] && ROLE_NOUN_RE.test(bracketed[1]) && !PARTY_AFTER.test(after)) {
      const start = m.end + after.indexOf(bracketed[1]);
      addRole(e, roleFromAppositive(ctx, bracketed[1], { start, end: start + bracketed[1].length }, orgs.mentions));
    }
    // "the IOPC's regional director, Jo Bell," and "Director of Standards at the College, Jo Bell,"
    const lead = t.slice(Math.max(ctx.body.start, titleStart - 140), titleStart);
    const roleBefore = /^(?:,|[ \t]*(?:\n|$))/.test(after) ? appositiveBefore(lead, (p) => ROLE_NOUN_RE.test(p) && !/^(?:according|who|which|whose|when|while|as)\b/i.test(p)) : null;
    if (roleBefore) {
      const start = titleStart - lead.length + roleBefore.start;
      addRole(e, roleFromAppositive(ctx, roleBefore.text, { start, end: start + roleBefore.text.length }, orgs.mentions));
    }
    const app = APPOSITIVE_AFTER.exec(after);
    // "Mr Sowerby, the judge turned to the defendant": a new clause, not an appositive
    const clause = app?.[1] ? /\s\p{Ll}+ed\s+(?:to|the|a|an|on|in|at|by|with|from|his|her|their)\b/u.test(app[1]) : false;
    if (app?.[1] && ROLE_NOUN_RE.test(app[1]) && !/^(?:who|which|whose)\b/i.test(app[1]) && !clause) {
      const start = m.end + after.indexOf(app[1]);
      const span = { start, end: start + app[1].length };
      addRole(e, roleFromAppositive(ctx, app[1], span, orgs.mentions));
    }
    if (isSignature(ctx, m)) {
      signatures.push(m);
      const lineEnd = t.indexOf('\n', m.end);
      const next = /^\n[ \t]*([^\n]{2,60})/.exec(t.slice(lineEnd));
      const titleText = next?.[1]?.trim();
      if (titleText) {
        const start = t.indexOf(titleText, lineEnd);
        addRole(e, { title: titleText, organization: mostMentionedOrg(orgs), start, end: start + titleText.length });
      }
    }
  }
  return signatures;
}

/**
 * "the Police and Crime Commissioner for Dorset, David Penrose": an office written as a person's
 * title is their role, not a mention of the office as a body.
 */
function releaseOfficesUsedAsTitles(ctx: DocContext, mentions: PersonMention[], orgs: OrgResult): void {
  for (const o of [...orgs.mentions]) {
    const surface = ctx.text.slice(o.start, o.end);
    if (!/\b(commissioner|pcc|mayor)\b/i.test(surface) || /^office\b/i.test(surface)) continue;
    const gap = (p: PersonMention) => ctx.masked.slice(o.end, p.start);
    const person = mentions.find((p) => p.start >= o.end && p.start - o.end <= 3 && /^,?\s*$/.test(gap(p)));
    if (!person) continue;
    orgs.mentions.splice(orgs.mentions.indexOf(o), 1);
    o.entity.mentions = o.entity.mentions.filter((s) => s.start !== o.start);
    addRole(person.entity, { title: ctx.text.slice(o.start, o.end), organization: o.entity.name, start: o.start, end: o.end });
  }
  orgs.entities.splice(0, orgs.entities.length, ...orgs.entities.filter((e) => e.mentions.length > 0));
}

/** "The police and crime commissioner for Dorset has accused …": a sentence led by an office, not a name */
const LEDE_TITLE = /^[ \t]*The[ \t]+((?:[\p{L}’'-]+[ \t]+){0,5}?[\p{L}’'-]+(?:[ \t]+(?:for|of)[ \t]+(?:the[ \t]+)?\p{Lu}[^.;:!?\n]{0,80}?)?)[ \t]+(?:has|have|had|is|was|says|said|told|accused|called|warned|criticised|criticized|wrote|announced|admitted|defended|welcomed|condemned)\b/u;

/**
 * A news lede names the office and the next sentence the person ("The police and crime
 * commissioner for Dorset has accused the force of … / Gregory Tremayne said he had written …"):
 * the person opening the sentence after, named there for the first time, holds that office.
 */
function addLedeTitles(ctx: DocContext, mentions: PersonMention[], orgs: OrgResult): void {
  const t = ctx.masked;
  for (const p of ctx.paragraphs) {
    const end = sentenceEnd(t, p.start, p.end);
    const lede = LEDE_TITLE.exec(t.slice(p.start, end));
    const title = lede?.[1];
    if (!title || !ROLE_NOUN_RE.test(title.split(/[ \t]+(?:for|of)[ \t]+/)[0]!) || mentions.some((m) => m.start >= p.start && m.end <= end)) continue;
    // the next sentence, in this paragraph or the next, must open with a name
    const next = mentions.find((m) => m.start >= end && /^[\s"“‘']*$/.test(t.slice(end, m.start)));
    if (!next || next.entity.mentions.some((m) => m.start < p.start)) continue;
    const start = p.start + lede.index + lede[0].indexOf(title);
    const span = { start, end: start + title.length };
    addRole(next.entity, { title: title.replace(/\s+/g, ' '), organization: orgInside(orgs.mentions, span), ...span });
  }
}

/** "HM Inspector of Constabulary" with no body named belongs to the inspectorate the text names. */
function attachInspectorate(entities: PersonEntity[], orgs: OrgResult): void {
  const inspectorate = orgs.entities.find((o) => o.kind === 'inspectorate');
  if (!inspectorate) return;
  for (const e of entities) {
    for (const r of e.roles) if (r.organization === null && /inspector of constabulary|hm (chief )?inspector/i.test(r.title)) r.organization = inspectorate.name;
  }
}

function addRole(e: PersonEntity, role: ExtractedRole): void {
  if (!role.title) return;
  const k = foldName(role.title);
  if (e.roles.some((r) => foldName(r.title) === k && r.organization === role.organization)) return;
  e.roles.push(role);
}

/** The body named just before `pos` (at most three characters between, as in "Kent Police's"). */
function orgEndingAt(mentions: OrgMention[], pos: number): string | null {
  const m = mentions.find((o) => o.end <= pos && pos - o.end <= 3);
  return m ? m.entity.name : null;
}

function orgInside(mentions: OrgMention[], span: Span): string | null {
  const m = mentions.filter((o) => o.start >= span.start && o.end <= span.end);
  return m.length > 0 ? m[m.length - 1]!.entity.name : null;
}

/**
 * "chief executive of domestic violence charity Refuge" → chief executive @ Refuge;
 * "the National Police Chiefs' Council (NPCC) lead for counter-corruption" → lead for ... @ NPCC.
 */
function roleFromAppositive(ctx: DocContext, text: string, span: Span, orgMentions: OrgMention[]): ExtractedRole {
  const inner = orgMentions.filter((o) => o.start >= span.start && o.end <= span.end);
  const cleaned = text.replace(/^(?:the|a|an)\s+/i, '');
  const first = inner[0];
  if (!first) return { title: cleaned.trim(), organization: null, ...span };
  const org = first.entity.name;
  const relStart = first.start - span.start;
  const head = ctx.masked.slice(span.start, first.start);
  // "Director of Standards at the College": the title runs to the preposition before the body
  const ofMatch = /^(?:the\s+|a\s+|an\s+)?(.*?)\s+(?:of|at|for|with|from|in)\s+(?:the\s+)?$/i.exec(head) ??
    /^(?:the\s+|a\s+|an\s+)?(.*?)\s+(?:of|at|for|with|from)\s+(?:the\s+)?/i.exec(head);
  if (ofMatch?.[1] && ROLE_NOUN_RE.test(ofMatch[1])) return { title: ofMatch[1].trim(), organization: org, ...span };
  // the body named first: the title is what follows it (and its bracketed acronym)
  const lastInner = inner[inner.length - 1]!;
  const tail = ctx.masked
    .slice(lastInner.end, span.end)
    .replace(/^[\s)]*(?:\([^)]*\))?/, '')
    .replace(/^['’]s?\s+/, '')
    .trim();
  if (relStart <= 5 && tail && ROLE_NOUN_RE.test(tail)) return { title: tail, organization: org, ...span };
  return { title: cleaned.trim(), organization: org, ...span };
}

function mostMentionedOrg(orgs: OrgResult): string | null {
  let best: string | null = null;
  let n = 0;
  for (const e of orgs.entities) {
    if (e.mentions.length > n) {
      n = e.mentions.length;
      best = e.name;
    }
  }
  return best;
}

/** A person's kind follows from the roles the text gives them, else from the gazetteer. */
export function personKind(e: PersonEntity): PersonKind {
  const titles = e.roles.map((r) => r.title.toLowerCase()).join(' | ');
  if (/inspector of constabulary|hm (chief )?inspector|chief inspector of/.test(titles)) return 'inspector';
  if (/police(,)? (fire )?and crime commissioner|\bpcc\b/.test(titles)) return 'commissioner';
  if (/chief constable|\bcommissioner of (the )?metropolitan|met(ropolitan)? (police )?commissioner|chief officer|\b(acc|dcc)\b/.test(titles)) {
    return 'chief-officer';
  }
  if (/home secretary|prime minister|\bminister\b|\bmp\b|secretary of state|justice secretary|shadow|mayor|councillor|\bcllr\b|chancellor/.test(titles)) {
    return 'politician';
  }
  if (/chief executive|\bceo\b|managing director|executive director/.test(titles)) return 'executive';
  const gk = e.gazetteerKind;
  const allowed: PersonKind[] = ['inspector', 'commissioner', 'chief-officer', 'official', 'politician', 'executive', 'other'];
  if (e.roles.length === 0 && gk && (allowed as string[]).includes(gk)) return gk as PersonKind;
  return e.roles.length > 0 ? 'official' : 'other';
}

export function toExtractedPeople(entities: PersonEntity[]): ExtractedPerson[] {
  return entities.map((e) => ({
    name: e.name,
    aliases: [...e.aliases],
    kind: personKind(e),
    gazetteerId: e.gazetteerId,
    roles: e.roles,
    mentions: e.mentions,
  }));
}
