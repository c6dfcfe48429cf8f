// Organisations: gazetteer names and aliases, acronyms defined in brackets, and unknown bodies
// found by their shape ("the charity X", "X Police", "University of X"), all canonicalised
// through the gazetteer so that one body is one entity however the text spells it.

import { type DocContext, overlaps } from './context.js';
import { ORG_HEADWORDS, ORG_TYPE_NOUNS, PLACE_WORDS, TITLES_BEFORE_NAME, UNIT_FUNCTION_WORDS, UNIT_WORDS } from './lexicon.js';
import { editDistance, foldName } from './text.js';
import type { ExtractedOrganization, GazetteerOrganization, Span } from './types.js';

export interface OrgEntity {
  key: string;
  name: string;
  kind: string;
  aliases: Set<string>;
  gazetteerId: string | null;
  mentions: Span[];
}

export interface OrgMention extends Span {
  entity: OrgEntity;
}

export interface OrgResult {
  entities: OrgEntity[];
  mentions: OrgMention[];
}

const HEADWORD_KIND = new Map(ORG_HEADWORDS.map(([w, k]) => [w.toLowerCase(), k]));
// Headwords that can open a name: "University of Kent", "College of Policing", "Office for ..."
const LEADING_HEADWORDS = new Set(['university', 'college', 'office', 'department', 'ministry', 'institute', 'school', 'commission', 'council', 'federation', 'association', 'society', 'inspectorate', 'police', 'centre', 'center', 'daily', 'sunday', 'evening']);
/** what a name led by "Police" ends with when it is a law, a list or a scheme, not a body */
const NOT_A_BODY_LAST = new Set('act acts list standards line proceedings statistics vetting insight regulations guidance code framework reform data figures powers scheme'.split(' '));
const TITLE_WORDS = new Set(
  TITLES_BEFORE_NAME.flatMap((t) => t.split(/\s+/)).map((w) => w.toLowerCase()).filter((w) => !HEADWORD_KIND.has(w) && w.length > 2),
);
const CAP_RUN = /(?<![\p{L}\p{N}'’])\p{Lu}[\p{L}\p{M}'’-]*(?:[ \t\u00a0]+(?:(?:of|for|and|the|on|&)[ \t\u00a0]+)*\p{Lu}[\p{L}\p{M}'’-]*)*/gu;
const TYPE_NOUN_RE = new RegExp(
  `\\b(${ORG_TYPE_NOUNS.filter(([n]) => !['force', 'group', 'organisation', 'organization', 'watchdog'].includes(n)).map(([n]) => n).join('|')})[ \\t]+((?:\\p{Lu}[\\p{L}\\p{M}'’-]*)(?:[ \\t]+(?:(?:of|for|&)[ \\t]+)?\\p{Lu}[\\p{L}\\p{M}'’-]*){0,4})`,
  'gu',
);
const TYPE_KIND = new Map(ORG_TYPE_NOUNS.map(([n, k]) => [n, k]));
// Capitalised only because they open a sentence: never the first word of a body's name.
const SENTENCE_WORDS = new Set(
  'the a an and but or in on at from by with of for to as however also while when after before if it its this that these those there their our he she they we new latest'.split(' '),
);
const ACRONYM_DEF = /\(([A-Z][A-Za-z&]{1,9})\)/g;

class Registry {
  readonly byKey = new Map<string, OrgEntity>();
  readonly mentions: OrgMention[] = [];

  fromGazetteer(org: GazetteerOrganization): OrgEntity {
    const key = `gaz:${org.id}`;
    let e = this.byKey.get(key);
    if (!e) {
      e = { key, name: org.name, kind: org.kind, aliases: new Set(), gazetteerId: org.id, mentions: [] };
      this.byKey.set(key, e);
    }
    return e;
  }

  unknown(name: string, kind: string): OrgEntity {
    const key = `new:${foldName(name)}`;
    let e = this.byKey.get(key);
    if (!e) {
      e = { key, name, kind, aliases: new Set(), gazetteerId: null, mentions: [] };
      this.byKey.set(key, e);
    }
    return e;
  }

  mention(entity: OrgEntity, span: Span, surface: string): void {
    if (this.mentions.some((m) => overlaps(m, span))) return;
    if (foldName(surface) !== foldName(entity.name)) entity.aliases.add(surface);
    const m = { ...span, entity };
    this.mentions.push(m);
    entity.mentions.push(span);
  }

  unmention(m: OrgMention): void {
    this.mentions.splice(this.mentions.indexOf(m), 1);
    m.entity.mentions = m.entity.mentions.filter((s) => s.start !== m.start || s.end !== m.end);
  }

  covered(span: Span): boolean {
    return this.mentions.some((m) => overlaps(m, span));
  }
}

export function findOrganizations(ctx: DocContext): OrgResult {
  const reg = new Registry();
  addGazetteerHits(ctx, reg);
  addAcronymDefinitions(ctx, reg);
  addTypedNames(ctx, reg);
  addHeadwordNames(ctx, reg);
  mergeForcesByArea(reg);
  addAcronymTypos(ctx, reg);
  const entities = [...reg.byKey.values()].filter((e) => e.mentions.length > 0);
  for (const e of entities) e.mentions.sort((a, b) => a.start - b.start);
  entities.sort((a, b) => (a.mentions[0]?.start ?? 0) - (b.mentions[0]?.start ?? 0));
  reg.mentions.sort((a, b) => a.start - b.start);
  return { entities, mentions: reg.mentions };
}

/**
 * Gazetteer names. A one-word name that is also an ordinary word (Respect, Mind, Liberty) opening
 * a sentence is capitalised for the sentence's sake: it counts only if the body is named elsewhere.
 */
function addGazetteerHits(ctx: DocContext, reg: Registry): void {
  const hits = ctx.gaz.findOrgs(ctx.folded, ctx.text);
  const oneWord = (h: (typeof hits)[number]) => !/\s/.test(h.surface) && /\p{Ll}/u.test(h.surface);
  // …unless what follows makes it a name: "Unison, which represented them, said", "Refuge said"
  const named = (h: (typeof hits)[number]) => /^(?:,\s+(?:which|who)\b|\s+(?:said|says|told|added|warned|called|has|have)\b)/.test(ctx.masked.slice(h.end, h.end + 16));
  const risky = (h: (typeof hits)[number]) =>
    oneWord(h) && ((/(?:^|[.!?:"”’]\s*|\n\s*)$/.test(ctx.masked.slice(Math.max(0, h.start - 4), h.start)) && !named(h)) || insideQuotedLabel(ctx.masked, h));
  const confirmed = new Set(hits.filter((h) => !risky(h)).map((h) => h.org.id));
  for (const h of hits) {
    if (risky(h) && !confirmed.has(h.org.id)) continue;
    reg.mention(reg.fromGazetteer(h.org), h, h.surface);
  }
}

/** "Professional Standards Department", "People Services": a unit named for what it does. */
function isUnitName(words: string[]): boolean {
  const lower = words.map((w) => w.toLowerCase());
  return lower.length > 1 && UNIT_WORDS.includes(lower[lower.length - 1]!) && lower.slice(0, -1).every((w) => UNIT_FUNCTION_WORDS.includes(w));
}

/** "‘Authority, Respect and Courtesy’", "its “Respect the Role” charter": a word of a quoted title-cased label. */
function insideQuotedLabel(t: string, span: Span): boolean {
  const open = /[‘“"'][^‘’“”"'\n]{0,60}$/.exec(t.slice(Math.max(0, span.start - 60), span.start));
  const close = /^[^‘’“”"\n]{0,60}?[’”"']/.exec(t.slice(span.end, span.end + 61));
  if (!open || !close) return false;
  const label = open[0].slice(1) + t.slice(span.start, span.end) + close[0].slice(0, -1);
  const words = label.split(/[\s,]+/).filter(Boolean);
  return words.length >= 2 && words.length <= 8 && words.every((w) => /^\p{Lu}/u.test(w) || /^(?:and|or|the|of|for|to|&)$/.test(w));
}

/** Resolve a name through the gazetteer, else keep it as an unknown body of the given kind. */
function resolve(ctx: DocContext, reg: Registry, name: string, kind: string): OrgEntity {
  const known = ctx.gaz.orgByName(name);
  return known ? reg.fromGazetteer(known) : reg.unknown(name, kind);
}

function anyHeadwordKind(words: string[]): string | null {
  for (let i = words.length - 1; i >= 0; i--) {
    const k = HEADWORD_KIND.get((words[i] ?? '').toLowerCase());
    if (k) return k;
  }
  return null;
}

function kindOfPhrase(words: string[]): string | null {
  const last = words[words.length - 1]?.toLowerCase() ?? '';
  const lastKind = HEADWORD_KIND.get(last);
  if (lastKind) return lastKind;
  for (const w of words) {
    const k = HEADWORD_KIND.get(w.toLowerCase());
    if (k && LEADING_HEADWORDS.has(w.toLowerCase())) return k;
  }
  return null;
}

/** "Full Name (FN)": the long form ending right before the bracket whose capitals spell FN. */
function addAcronymDefinitions(ctx: DocContext, reg: Registry): void {
  const t = ctx.masked;
  ACRONYM_DEF.lastIndex = 0;
  for (let m = ACRONYM_DEF.exec(t); m; m = ACRONYM_DEF.exec(t)) {
    const acr = m[1] ?? '';
    if (!/^[A-Z&]+$/.test(acr.replace(/[a-z]/g, ''))) continue;
    const before = t.slice(Math.max(0, m.index - 160), m.index);
    const long = longFormFor(acr, before);
    if (!long) continue;
    const longStart = m.index - before.length + long.offset;
    const longSpan = { start: longStart, end: longStart + long.text.length };
    const acrSpan = { start: m.index + 1, end: m.index + 1 + acr.length };
    const existing = reg.mentions.find((x) => overlaps(x, longSpan));
    const known = ctx.gaz.orgByName(acr) ?? ctx.gaz.orgByName(long.text);
    const kind = anyHeadwordKind(long.text.split(/\s+/));
    // "Retail Price Index (RPI)" is no body: an unknown long form needs an organisation word
    if (!existing && !known && !kind) continue;
    const entity = existing?.entity ?? (known ? reg.fromGazetteer(known) : reg.unknown(long.text, kind ?? 'other'));
    if (!existing) reg.mention(entity, longSpan, long.text);
    entity.aliases.add(acr);
    // every later use of the acronym is a mention of the same body
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${acr.replace(/&/g, '\\&')}(?![\\p{L}\\p{N}])`, 'gu');
    for (let a = re.exec(t); a; a = re.exec(t)) reg.mention(entity, { start: a.index, end: a.index + acr.length }, acr);
    if (!reg.covered(acrSpan)) reg.mention(entity, acrSpan, acr);
  }
}

function longFormFor(acr: string, before: string): { text: string; offset: number } | null {
  const m = /((?:\p{Lu}[\p{L}\p{M}'’-]*|&)(?:[ \t]+(?:\p{Lu}[\p{L}\p{M}'’-]*|of|for|and|the|on|&))*)[ \t]*,?[ \t]*$/u.exec(before);
  if (!m?.[1]) return null;
  const words = m[1].split(/[ \t]+/);
  const letters = acr.toUpperCase().replace(/[^A-Z]/g, '');
  // drop leading words until the capitals spell the acronym from its first letter
  for (let i = 0; i < words.length; i++) {
    const first = words[i] ?? '';
    if (!/^\p{Lu}/u.test(first) || SENTENCE_WORDS.has(first.toLowerCase())) continue;
    const phrase = words.slice(i).join(' ');
    const caps = (phrase.match(/\p{Lu}/gu) ?? []).join('');
    if (caps.charAt(0) !== letters.charAt(0)) continue;
    if (isSubsequence(letters, caps) && caps.endsWith(letters.charAt(letters.length - 1))) {
      const text = m[1].split(/[ \t]+/).slice(i).join(' ');
      const offset = before.lastIndexOf(text);
      return offset >= 0 ? { text, offset } : null;
    }
  }
  return null;
}

function isSubsequence(needle: string, hay: string): boolean {
  let j = 0;
  for (const c of hay) if (c === needle[j]) j++;
  return j === needle.length;
}

/** "domestic violence charity Refuge", "trade union Unison". */
function addTypedNames(ctx: DocContext, reg: Registry): void {
  TYPE_NOUN_RE.lastIndex = 0;
  for (let m = TYPE_NOUN_RE.exec(ctx.masked); m; m = TYPE_NOUN_RE.exec(ctx.masked)) {
    const noun = m[1] ?? '';
    const name = trimName(m[2] ?? '');
    if (!name) continue;
    const start = m.index + m[0].length - (m[2] ?? '').length;
    const span = { start, end: start + name.length };
    if (reg.covered(span)) continue;
    reg.mention(resolve(ctx, reg, name, TYPE_KIND.get(noun) ?? 'other'), span, name);
  }
}

/** Drop trailing words that cannot end a name (a place word, a title, a joiner). */
function trimName(name: string): string {
  const words = name.split(/[ \t]+/);
  while (words.length > 0) {
    const last = (words[words.length - 1] ?? '').toLowerCase();
    // "Kingsley Court" is an address, "Teesside Crown Court" a court
    const court = last === 'court' && /^(?:crown|magistrates['’]?|county|high|supreme|family|youth|coroners['’]?|coroner['’]s)$/i.test(words[words.length - 2] ?? '');
    if ((PLACE_WORDS.has(last) && !court) || ['of', 'for', 'and', 'the', 'on', '&'].includes(last)) words.pop();
    else break;
  }
  return words.join(' ').replace(/['’]s$/, '');
}

/** Capitalised phrases holding an organisation headword: "Kent Police", "University of Kent". */
function addHeadwordNames(ctx: DocContext, reg: Registry): void {
  CAP_RUN.lastIndex = 0;
  for (let m = CAP_RUN.exec(ctx.masked); m; m = CAP_RUN.exec(ctx.masked)) {
    for (const part of splitAtAnd(m[0])) addHeadwordName(ctx, reg, part.text, m.index + part.offset);
  }
}

/** "Police and Crime Panel", "Fire and Rescue Service": an "and" inside one body's name. */
const COMPOUND_AND = /\b(?:Police(?:,[ \t]+Fire)?[ \t]+(?:and|&)[ \t]+Crime|Fire[ \t]+(?:and|&)[ \t]+Rescue|Equality[ \t]+(?:and|&)[ \t]+Human)\b/;

/**
 * "Kent Police and Medway Council" is two bodies; "Avon and Somerset Constabulary" one; so is
 * "Essex Police and Crime Panel", whose "and" belongs to a compound, while the "and the" in
 * "Essex Police Federation and the Essex Police and Crime Panel" joins two bodies.
 */
function splitAtAnd(run: string): { text: string; offset: number }[] {
  const compounds = [...run.matchAll(new RegExp(COMPOUND_AND.source, 'g'))].map((c) => ({ start: c.index, end: c.index + c[0].length }));
  const re = /[ \t\u00a0]+(?:and|&)(?:[ \t\u00a0]+the)?[ \t\u00a0]+/g;
  for (let a = re.exec(run); a; a = re.exec(run)) {
    if (compounds.some((c) => a!.index >= c.start && a!.index < c.end)) continue;
    const left = run.slice(0, a.index);
    const right = run.slice(a.index + a[0].length);
    if (kindOfPhrase(left.split(/\s+/)) && left.split(/\s+/).length >= 2 && kindOfPhrase(right.split(/\s+/))) {
      return [{ text: left, offset: 0 }, ...splitAtAnd(right).map((p) => ({ text: p.text, offset: p.offset + a!.index + a![0].length }))];
    }
  }
  return [{ text: run, offset: 0 }];
}

const ON_A_DAY = /[ \t\u00a0]+on[ \t\u00a0]+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)\b/;

function addHeadwordName(ctx: DocContext, reg: Registry, run: string, runStart: number): void {
  // "told the Wessex Courier on Monday": a date after "on" is no part of the name before it
  const day = ON_A_DAY.exec(run);
  if (day) {
    addHeadwordName(ctx, reg, run.slice(0, day.index), runStart);
    return;
  }
  // "The Devon and Cornwall Police Federation": a sentence's opening word is no part of a name
  const opener = /^(\S+)[ \t\u00a0]+/.exec(run);
  if (opener?.[1] && SENTENCE_WORDS.has(opener[1].toLowerCase()) && run.length > opener[0].length) {
    addHeadwordName(ctx, reg, run.slice(opener[0].length), runStart + opener[0].length);
    return;
  }
  // "Professor Ngozi Hart of the University of Manchester": a body's name opening with its
  // headword ("University of", "College of") starts there; what comes before is looked at alone
  const opens = /[ \t\u00a0]+(?:of|at|from)[ \t\u00a0]+(?:the[ \t\u00a0]+)?(?=(?:University|College|Institute|School|Office|Department|Ministry|Commission|Council)[ \t\u00a0]+(?:of|for)\b)/.exec(run);
  if (opens && opens.index > 0) {
    addHeadwordName(ctx, reg, run.slice(0, opens.index), runStart);
    addHeadwordName(ctx, reg, run.slice(opens.index + opens[0].length), runStart + opens.index + opens[0].length);
    return;
  }
  // "Members of the Essex Police Federation": a known body inside the run, after a joiner,
  // begins a name of its own; the words before it are looked at on their own
  const inner = reg.mentions.find((x) => x.start > runStart && x.end < runStart + run.length);
  const joined = inner && /[ \t\u00a0]+(?:of|for|the|on)[ \t\u00a0]+$/.exec(run.slice(0, inner.start - runStart));
  if (inner && joined) {
    addHeadwordName(ctx, reg, run.slice(0, joined.index), runStart);
    addHeadwordName(ctx, reg, run.slice(inner.start - runStart), inner.start);
    return;
  }
  // a run opening with a body already found ("Safe Homes Now and Lakeland Constabulary"):
  // what follows the joiner is looked at on its own
  const known = reg.mentions.find((x) => x.start === runStart && x.end < runStart + run.length);
  const whole = trimName(run).split(/\s+/);
  const wholeLast = (whole[whole.length - 1] ?? '').toLowerCase();
  const restWords = known ? run.slice(known.end - runStart).trim().split(/\s+/) : [];
  const extendsKnown =
    known !== undefined && HEADWORD_KIND.has(wholeLast) && !['police', 'constabulary'].includes(wholeLast) &&
    (restWords[0] !== 'and' || COMPOUND_AND.test(run));
  if (known && extendsKnown) {
    // "Lancashire Police Federation", "Lancashire Police and Crime Panel": one body that merely
    // begins with a force's name
    reg.unmention(known);
    addHeadwordName(ctx, reg, run, runStart);
    return;
  }
  if (known) {
    const rest = /^[ \t\u00a0]+(?:and|&)[ \t\u00a0]+/.exec(run.slice(known.end - runStart));
    if (rest) addHeadwordName(ctx, reg, run.slice(known.end - runStart + rest[0].length), known.end + rest[0].length);
    return;
  }
  {
    const m = { 0: run, index: runStart };
    let words = m[0].split(/[ \t\u00a0]+/);
    let offset = 0;
    // leading sentence words ("But", "The") are not part of a name
    while (words.length > 1 && SENTENCE_WORDS.has((words[0] ?? '').toLowerCase())) {
      offset += (words[0] ?? '').length;
      offset += /^[ \t\u00a0]+/.exec(m[0].slice(offset))?.[0].length ?? 0;
      words = words.slice(1);
    }
    // "College of Policing's Authorised Professional Practice": a name ends at its possessive,
    // unless a body's headword follows ("National Police Chiefs' Council")
    const possessive = words.findIndex((w, i) => i < words.length - 1 && /['’]s?$/.test(w) && /s['’]$|['’]s$/.test(w));
    // (or a unit of it follows: "Cumbria Constabulary's Professional Standards Department" is the force speaking)
    if (possessive >= 0 && kindOfPhrase(words.slice(0, possessive + 1).map((w) => w.replace(/['’]s?$/, ''))) && (!anyHeadwordKind(words.slice(possessive + 1)) || isUnitName(words.slice(possessive + 1)))) {
      words = [...words.slice(0, possessive), words[possessive]!.replace(/['’]s?$/, '')];
    }
    const name = trimName(words.join(' '));
    const nameWords = name.split(' ');
    if (nameWords.length < 2) return;
    let kind = kindOfPhrase(nameWords);
    if (!kind) return;
    const lastWord = (nameWords[nameWords.length - 1] ?? '').toLowerCase();
    // "Police Appeals Tribunal" is a body but no force; "Police Act", "Police Barred List" no body at all
    if (/^police$/i.test(nameWords[0] ?? '') && !HEADWORD_KIND.has(lastWord)) {
      if (NOT_A_BODY_LAST.has(lastWord)) return;
      kind = 'other';
    }
    // "Police and Crime Commissioner", "Chief Constable": a title, not a body
    // ("College of Policing", "Office for Standards": a leading headword names a body whatever follows)
    const ledByHeadword = LEADING_HEADWORDS.has((nameWords[0] ?? '').toLowerCase()) && /^(of|for)$/i.test(nameWords[1] ?? '');
    if (nameWords.some((w) => TITLE_WORDS.has(w.toLowerCase())) && !HEADWORD_KIND.has(lastWord) && !ledByHeadword) return;
    if (nameWords.some((w) => /^(commissioner|constable|inspector|secretary|minister|superintendent|officers?|staff)$/i.test(w))) return;
    const start = m.index + offset;
    const surface = ctx.text.slice(start, start + name.length);
    const span = { start, end: start + name.length };
    if (reg.covered(span)) return;
    const entity = resolve(ctx, reg, surface, kind);
    // "Professional Standards Department", "People Services": a force's own unit, not a body;
    // "Head of People Services", "Director of Legal Services": a job
    const lower = nameWords.map((w) => w.toLowerCase());
    const job = /^(?:head|director|chief|manager|deputy|assistant)$/.test(lower[0] ?? '') && lower[1] === 'of';
    if (!entity.gazetteerId && (isUnitName(nameWords) || job)) {
      if (!entity.mentions.length) reg.byKey.delete(entity.key);
      return;
    }
    reg.mention(entity, span, surface);
  }
}

/** "Hampshire Police" and "Hampshire Constabulary" are one force: merge unknown forces by area. */
function mergeForcesByArea(reg: Registry): void {
  const area = (name: string): string | null => {
    const m = /^(.*?)\s+(?:Constabulary|Police(?: Service)?|Police Force)$/i.exec(name);
    return m?.[1] ? foldName(m[1]) : null;
  };
  const forces = [...reg.byKey.values()].filter((e) => e.kind === 'force');
  for (const e of forces) {
    if (e.gazetteerId) continue;
    const a = area(e.name);
    if (!a) continue;
    const target = forces.find(
      (o) => o !== e && (o.gazetteerId || o.mentions[0]!.start < e.mentions[0]!.start) && [o.name, ...o.aliases].some((n) => area(n) === a),
    );
    if (!target) continue;
    target.aliases.add(e.name);
    for (const a2 of e.aliases) target.aliases.add(a2);
    target.mentions.push(...e.mentions);
    for (const m of reg.mentions) if (m.entity === e) m.entity = target;
    e.mentions = [];
  }
}

/** An unknown acronym one letter off a known one in the same document is a typo of it. */
function addAcronymTypos(ctx: DocContext, reg: Registry): void {
  const known = [...reg.byKey.values()].flatMap((e) =>
    [e.name, ...e.aliases].filter((a) => /^[A-Z]{4,}$/.test(a)).map((a) => [a, e] as const),
  );
  if (known.length === 0) return;
  const re = /(?<![\p{L}\p{N}])[A-Z]{4,9}(?![\p{L}\p{N}])/gu;
  for (let m = re.exec(ctx.masked); m; m = re.exec(ctx.masked)) {
    const span = { start: m.index, end: m.index + m[0].length };
    if (reg.covered(span) || ctx.gaz.orgByName(m[0])) continue;
    const hit = known.find(([a]) => editDistance(a, m![0], 1) === 1 && a.charAt(0) === m![0].charAt(0));
    if (hit) reg.mention(hit[1], span, m[0]);
  }
}

export function toExtractedOrganizations(entities: OrgEntity[]): ExtractedOrganization[] {
  return entities.map((e) => ({
    name: e.name,
    kind: e.kind,
    aliases: [...e.aliases].filter((a) => foldName(a) !== foldName(e.name)),
    gazetteerId: e.gazetteerId,
    mentions: e.mentions,
  }));
}
