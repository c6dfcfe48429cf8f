// Reports, surveys, inspections and FOI responses a document refers to. Each mention, titled or
// not, is put to the catalogue of real reports (report-links.ts): a linked one takes the
// catalogue's title, publisher and year. A titled report the catalogue lacks is its own entity;
// an untitled one is a report only when the text gives its publisher and year; a bare "the
// report" is the document's main report, or, with none, a mere mention.

import { type DocContext, inside } from './context.js';
import type { OrgEntity, OrgResult } from './organizations.js';
import type { PeopleResult } from './people.js';
import { sentenceEnd, sentenceStart } from './sentences.js';
import { foldName } from './text.js';
import { compileCatalogue, contentWords, documentDate, linkReport, publisherFamily, type ReportLink } from './report-links.js';
import type { ExtractedReport, GazetteerLike, ReportKind, Span } from './types.js';

export interface ReportEntity {
  key: string;
  title: string;
  publisher: string | null;
  year: number | null;
  kind: ReportKind;
  titled: boolean;
  mentions: Span[];
  /** the catalogue entry linked to, and its address */
  catalogueId: string | null;
  url: string | null;
  /** the cues that matched the entry, or how the report was told apart without one */
  evidence: string[];
  confidence: number;
  /** an untitled mention no report could be found for: kept for "the report said", not a Report */
  mentionOnly?: boolean;
}

export interface ReportResult {
  entities: ReportEntity[];
  /** the report the document is chiefly about (what "the report" means), if any */
  main: ReportEntity | null;
}

const NOUN = /\b(reports?|survey|review|inspection|study|inquiry|audit|overview|findings|guidance)\b/gi;
/** A title character: anything but sentence punctuation and quote marks, an apostrophe inside a word allowed. */
const T = String.raw`(?:[^.,\n‘’“”"]|(?<=\p{L})[’'](?=\p{L}))`;
const TITLE_AFTER_NOUN = new RegExp(
  String.raw`\b(?:report|review|study|survey|inquiry|inspection|guidance|strategy)(?:\s+(?:last|this|next)\s+(?:week|month|year)|\s+published\s+\w+|\s+(?:by|from)\s+[^,.\n]{3,120})?(?:,?\s+(?:entitled|titled|called|named)|,)\s+[‘“"']?(\p{Lu}(?:${T}|,\s(?=\p{Lu}\p{Ll}+(?:,\s\p{Lu}\p{Ll}+)*\s(?:and|&)\s\p{Lu})|,\s(?=\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+,\s+(?:which|that|who|published|was|were|is|has|had)\b)|,(?=\s(?!(?:and|but|or|which|who|that|published|released|found|made|said|showed|shown|took|gave|set|put|told|saw|\p{Ll}+ed)\b)[\p{Ll}][^.,;:\n]*?\sand\s)){5,150}?)[’”"']?(?=[.;](?:\s|$|\p{Lu})|,(?!\s\p{Lu}\p{Ll}+(?:,\s\p{Lu}\p{Ll}+)*\s(?:and|&)\s\p{Lu})(?!\s\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+,\s+(?:which|that|who|published|was|were|is|has|had)\b)(?!\s(?!(?:and|but|or|which|who|that|published|released|found|made|said|showed|shown|took|gave|set|put|told|saw|\p{Ll}+ed)\b)[\p{Ll}][^.,;:\n]*?\sand\s)(?:\s|$|\p{Lu})|:\s*[“"‘']|$)`,
  'gu',
);
/**
 * "its report Safe in Every Community: an inspection of …", "(HMICFRS), Behind Closed Doors: how
 * forces …": the "Title: subtitle" shape inspectorates give their reports, with no quote marks.
 */
const SUBTITLED = /(?<![\p{L}\p{N}’'])(\p{Lu}[\p{L}\p{N}’'-]*(?:[ \t]+(?:of|the|and|for|in|on|to|a|an|at|by|&|\p{Lu}[\p{L}\p{N}’'-]*))+:[ \t]+[\p{L}’'](?:[^.,;:\n!?"“”‘’'()]|(?<=\p{L})[’'](?=\p{L})|,(?=\s(?!(?:and|but|or|which|who|that|published|released|found|made|said|showed|shown|took|gave|set|put|told|saw|\p{Ll}+ed)\b)[\p{Ll}][^.,;:\n]*?\sand\s)){4,140}?)(?=[.;](?:\s|$)|,\s+(?:and|but|which|who|published|released|was|is|has|had|in|on)\b|,\s*$|\s+\(|\n|$)/gu;
/** "published Out of Sight, a national inspection of …", "Power Over Others, a 2023 inspectorate report" */
const TITLE_BEFORE_APPOSITIVE = /(?<![\p{L}’'])(\p{Lu}[\p{L}’'-]*(?:[ \t]+(?:of|the|and|for|in|on|to|a|an|at|by|&|\p{Lu}[\p{L}’'-]*)){1,10}),[ \t]+(?:(?:a|an|the|its|their)[ \t]+(?:[\p{L}\d-]+[ \t]+){0,3}(?:report|inspection|review|study|survey|strategy|guidance|inquiry)\b|published[ \t]+(?:in|on|last|this)\b)/gu;
/** "the Vetting Code of Practice", "Authorised Professional Practice on counter-corruption", "the Tackling VAWG Strategy", "its Standards and Dismissals Bulletin". */
const PUBLICATION = /(?<![\p{L}’'])((?:(?:\p{Lu}[\p{L}’'-]*|\(\p{Lu}[\p{L}’'-]*\))[ \t]+(?:(?:of|for|on|and|the|to|&)[ \t]+)*){1,6}(?:Code of Practice|Code of Ethics|Strategy|Framework|Action Plan|Guidance|Regulations|Bulletin|Digest|Yearbook|Annual Report)(?:[ \t]+(?:19|20)\d\d(?:[–-](?:19|20)?\d\d)?)?(?![ \t]+\p{Lu})|Authorised Professional Practice(?:[ \t]+\([A-Z]{2,6}\))?(?:[ \t]+(?:on|for)[ \t]+[\p{Ll}-]+(?:[ \t]+(?:and|of)[ \t]+[\p{Ll}-]+)?)?)(?![\p{L}])/gu;
const REPORTISH_SENTENCE = /\b(report|review|inspection|study|survey|inquiry|guidance|strategy|published|publishes|publication|findings|recommendations?)\b/i;
/** "the ‘Time to Listen’ report", "published ‘Off the Record’, its inspection of …" */
const QUOTED_TITLE_BEFORE_NOUN = /[‘“"'](\p{Lu}[^‘’“”"\n]{5,150}?[^‘’“”"\n,])[’”"'](?:\s+|,\s+(?:its|their|the|a|an)\s+(?:[\p{L}-]+\s+)?)(?:report|review|study|survey|inspection|guidance|strategy)\b(?!\s+(?:said|says|found|finds|states?|stated|added|concluded|warned|notes?|noted)\b)/gu;
/** "The report, called 'Out of sight, out of mind?', is …": a quoted title after a naming verb, in any case */
const QUOTED_TITLE_NAMED = /\b(?:report|review|inspection|study|survey|guidance|strategy)\b[^.!?\n]{0,40}?\b(?:entitled|titled|called|named)\s+[‘“"']([^‘’“”"\n]{3,150}?)[’”"']/giu;
/** "HMICFRS' PEEL assessment of Avon and Somerset Constabulary": a named inspection series with its subject */
const SERIES_TITLE = /\b((?:PEEL|JTAI|CJJI)\s+(?:assessment|inspection|report|review)\s+(?:of|for|into)\s+(?:the\s+)?\p{Lu}[\p{L}’'-]*(?:\s+(?:and|&|of|\p{Lu}[\p{L}’'-]*))*)/gu;
/** "its report from HMICFRS, “When the Abuser Wears a Uniform”": a quoted title later in the sentence */
const QUOTED_TITLE_AFTER_NOUN = /\b(?:report|review|study|survey|inspection|research|guide)\b(?:[^.!?\n“”"‘’]|(?<=\p{L})[’'](?=\p{L})){0,140}?,?\s*[“"‘](\p{Lu}[^“”"‘’\n]{3,120}?)[”"’]/gu;
const YEAR = /\b(19[5-9]\d|20[0-4]\d)\b/;
const FOI_REF = /\b(?:Our\s+)?Ref(?:erence)?(?:\s+No\.?)?\s*:\s*([A-Z]{2,6}[\s-]?\d{2,4}[/-]\d{1,6})/i;
const FULL_DATE = /\b\d{1,2}(?:st|nd|rd|th)?\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+((?:19|20)\d\d)\b/;

const kindOfNoun = (noun: string): ReportKind => (/survey/i.test(noun) ? 'survey' : 'report');

export interface FindReportsOptions {
  /** the gazetteer whose report catalogue mentions are linked to */
  gazetteer?: GazetteerLike | undefined;
  /** the document's date from its metadata (YYYY[-MM[-DD]]) */
  publishedAt?: string | null | undefined;
}

/** "which she called 'a matter of concern'": a naming verb with its own subject judges, it does not name. */
const AGENT_BEFORE_NAMING = /\b(?:he|she|they|we|i|you|who|it|has|have|had|which\s+\p{Lu}\p{Ll}+|\p{Lu}\p{Ll}+\s+(?:has\s+)?)\s*$/iu;
/** "the report found that … 'Scare Quote'": a verb between the noun and the quote makes the quote its object. */
const VERB_BETWEEN = /\b(?:said|says|called|calls|described|describes|as|found|finds|warned|warns|told|tells|branded|labelled|dubbed|termed|criticised|which|who|that|he|she|they|it|was|is|were|are|has|had)\b/i;

export function findReports(ctx: DocContext, orgs: OrgResult, people: PeopleResult, opts: FindReportsOptions = {}): ReportResult {
  const entities: ReportEntity[] = [];
  const t = ctx.masked;
  const body = ctx.body;
  const linker = catalogueLinker(ctx, orgs, opts);

  const foi = foiResponse(ctx, orgs);
  if (foi) entities.push(foi);

  for (const re of [QUOTED_TITLE_NAMED, TITLE_AFTER_NOUN, QUOTED_TITLE_BEFORE_NOUN, QUOTED_TITLE_AFTER_NOUN, SUBTITLED, TITLE_BEFORE_APPOSITIVE, SERIES_TITLE, PUBLICATION]) {
    re.lastIndex = 0;
    for (let m = re.exec(t); m; m = re.exec(t)) {
      // "the College of Policing's Vetting Code of Practice": the title follows the possessive
      const raw = (m[1] ?? '').trim().replace(/^(?:The|the|Its|its|Their|their|In)\s+/, '');
      // (not inside a subtitle: "Trust Betrayed: Avon and Somerset Police’s Response to …" is one title)
      const afterPossessive = /:\s.*['’]s\s/u.test(raw) ? raw : raw.replace(/^.*['’]s\s+(?=\p{Lu})/u, '');
      const title = afterPossessive.replace(/\s+\([A-Z]{2,6}\)/, '');
      if (!looksLikeTitle(title) || (re === QUOTED_TITLE_AFTER_NOUN && !isTitleCased(title))) continue;
      const start = m.index + m[0].indexOf(afterPossessive);
      const span = { start, end: start + afterPossessive.length };
      if (!inside(span, body)) continue;
      // a quoted phrase is a title only where the text gives it as one: named by a verb of the
      // report itself ("the report, entitled '…'"), or set beside the noun as its name, in title case
      if (re === QUOTED_TITLE_NAMED && AGENT_BEFORE_NAMING.test(t.slice(m.index, span.start).replace(/\s*(?:entitled|titled|called|named)\s+[‘“"']$/iu, ''))) continue;
      if (re === QUOTED_TITLE_BEFORE_NOUN && !isTitleCased(title)) continue;
      if (re === QUOTED_TITLE_AFTER_NOUN && VERB_BETWEEN.test(t.slice(m.index, span.start).replace(/^\S+/, ''))) continue;
      // the tail of a title found before, met again where a quote mark hid its first word
      const longer = entities.find((e) => e.titled && foldName(e.title).endsWith(` ${foldName(title)}`));
      if (longer) {
        longer.mentions.push(span);
        continue;
      }
      if (re === SUBTITLED && !isSubtitledTitle(ctx, orgs, span)) continue;
      // "the review, Deborah Quinlan from Bootle, told …": a person in apposition, not a title
      if (people.mentions.some((p) => p.start < span.end && span.start < p.end)) continue;
      // "Director of Strategy", "Head of Policy Framework": a job, not a publication
      if (re === PUBLICATION && /\b(?:Director|Head|Manager|Officer|Lead|Chief|Minister|Secretary|Adviser|Advisor)\b/.test(title)) continue;
      // a body or a person named before "a report" is no title ("HMICFRS, the inspectorate")
      if (re === TITLE_BEFORE_APPOSITIVE && (orgs.mentions.some((o) => o.start < span.end && span.start < o.end) || /^(?:The|A|An|On|At|But|And|Its|Their)\s/.test(title))) continue;
      // a title already found by another pattern ("report, Title: subtitle,") is that report again
      if (entities.some((e) => e.titled && e.mentions.some((x) => x.start < span.end && span.start < x.end))) continue;
      const existing = entities.find((e) => foldName(e.title) === foldName(title));
      if (existing) {
        existing.mentions.push(span);
        continue;
      }
      entities.push({
        key: `t:${foldName(title)}`,
        title,
        publisher: publisherNear(ctx, orgs, span),
        year: yearNear(ctx, span),
        kind: 'report',
        titled: true,
        mentions: [span],
        ...unlinkedTitle(),
      });
    }
  }
  // a title the catalogue knows takes the catalogue's formal title, publisher and year
  for (const e of entities) {
    if (e.kind === 'foi') continue;
    const span = e.mentions[0]!;
    const link = linker?.(span, { title: e.title, noun: null, year: e.year });
    if (link) Object.assign(e, linked(link));
  }
  mergeLinked(entities);

  // untitled mentions: linked to the catalogue on their own cues, or set apart by a publisher
  // and a year, or else the document's main report ("the report") or a mere mention
  NOUN.lastIndex = 0;
  const unlinked: { span: Span; noun: string; year: number | null }[] = [];
  for (let m = NOUN.exec(t); m; m = NOUN.exec(t)) {
    const span = { start: m.index, end: m.index + m[0].length };
    if (!inside(span, body) || isVerbUse(t, span)) continue;
    // "Quiet Doors: an inspection of vetting": a noun inside a title is part of it
    if (entities.some((e) => e.titled && e.mentions.some((x) => x.start <= span.start && span.end <= x.end))) continue;
    // "its report, Time to Listen": the noun introducing a title is a mention of that report
    const titledNear = entities.find((e) => e.titled && e.mentions.some((x) => x.start >= span.end && x.start - span.end < 20));
    if (titledNear) {
      titledNear.mentions.push(span);
      continue;
    }
    // "the 2016 report", "the inspectorate's 2016 legitimacy report", "a report published in 2019"
    const ownYear = /(?:\b(?:in|the|its|a|this|last)|\p{L}['’]s?)\s+(?:[\p{L}’'-]+\s+)?(19[5-9]\d|20[0-4]\d)\s+[\p{L}-]*\s*$/iu.exec(t.slice(Math.max(0, span.start - 40), span.start)) ??
      /^\s+(?:in|of|published in|from)\s+(?:\w+\s+)?(19[5-9]\d|20[0-4]\d)\b/i.exec(t.slice(span.end, span.end + 30));
    const year = ownYear?.[1] ? Number(ownYear[1]) : null;
    // "its 2019 spotlight report" in a document about a titled 2019 report is that report again
    const titledMain = entities.find((e) => e.titled && e.kind !== 'foi');
    if (titledMain && year !== null && titledMain.year === year) {
      titledMain.mentions.push(span);
      continue;
    }
    const link = linker?.(span, { title: null, noun: m[0], year });
    if (link) {
      const same = entities.find((e) => e.catalogueId === link.entry.id);
      if (same) same.mentions.push(span);
      else entities.push({ key: `c:${link.entry.id}`, kind: kindOfNoun(m[0]), titled: false, mentions: [span], ...linked(link) });
      continue;
    }
    unlinked.push({ span, noun: m[0], year });
  }

  // the main report is the titled or catalogued one the document names first
  const known = () => entities.filter((e) => e.titled || e.catalogueId);
  const first = (e: ReportEntity) => Math.min(...e.mentions.map((x) => x.start));
  const byPosition = (list: ReportEntity[]) => [...list].sort((a, b) => first(a) - first(b));
  let main = byPosition(known())[0] ?? null;
  let generic: ReportEntity | null = null;
  for (const { span, noun, year } of unlinked) {
    const ofMain = main && (year === null || main.year === year || (main.year === null && !main.titled));
    if (main && ofMain) {
      main.mentions.push(span);
      main.year ??= year;
      continue;
    }
    // "the 2017 report" of a known body is a report of its own, even without a title
    const publisher = publisherNear(ctx, orgs, span, true);
    if (year !== null && publisher) {
      const other = entities.find((e) => !e.titled && !e.catalogueId && !e.mentionOnly && e.year === year && e.publisher === publisher);
      if (other) other.mentions.push(span);
      else {
        const e = untitled(ctx, orgs, noun, span, year);
        entities.push(e);
        main ??= e;
      }
      continue;
    }
    // a bare "the report" with no report to be: a mention, kept for the speakers, with no Report of its own
    if (generic) generic.mentions.push(span);
    else {
      generic = { ...untitled(ctx, orgs, noun, span, year), mentionOnly: true };
      entities.push(generic);
    }
  }
  entities.sort((a, b) => Number(b.titled || !!b.catalogueId) - Number(a.titled || !!a.catalogueId) || first(a) - first(b));
  return { entities, main: main ?? generic ?? entities[0] ?? null };
}

const unlinkedTitle = (): Pick<ReportEntity, 'catalogueId' | 'url' | 'evidence' | 'confidence'> => ({ catalogueId: null, url: null, evidence: ['title given'], confidence: 0.5 });

function linked(link: ReportLink): Pick<ReportEntity, 'title' | 'publisher' | 'year' | 'catalogueId' | 'url' | 'evidence' | 'confidence'> {
  return { title: link.entry.title, publisher: link.entry.publisher, year: link.year, catalogueId: link.entry.id, url: link.entry.url, evidence: link.evidence, confidence: link.confidence };
}

/** Two titles the text gives that link to one catalogue entry ("Shining a light on betrayal" and its subtitle) are one report. */
function mergeLinked(entities: ReportEntity[]): void {
  for (let i = entities.length - 1; i > 0; i--) {
    const e = entities[i]!;
    const into = e.catalogueId ? entities.slice(0, i).find((x) => x.catalogueId === e.catalogueId) : undefined;
    if (!into) continue;
    into.mentions.push(...e.mentions);
    entities.splice(i, 1);
  }
}

type Linker = (span: Span, mention: { title: string | null; noun: string | null; year: number | null }) => ReportLink | null;

/** The cues of a mention (its sentence, the body named with it, the document's date and forces) put to the catalogue. */
function catalogueLinker(ctx: DocContext, orgs: OrgResult, opts: FindReportsOptions): Linker | null {
  const g = opts.gazetteer;
  if (!g?.reports?.length) return null;
  const cat = compileCatalogue(g);
  const family = publisherFamily(g);
  const t = ctx.masked;
  const date = documentDate(opts.publishedAt, ctx.text);
  const familyOf = (e: OrgEntity) => family(e.gazetteerId ?? e.name);
  const forces = new Set(orgs.entities.filter((e) => e.kind === 'force').map((e) => e.gazetteerId ?? e.name));
  const insp = inspectorate(orgs.entities);
  const busiest = [...orgs.entities].filter((e) => e.kind !== 'force' && e.kind !== 'media').sort((a, b) => b.mentions.length - a.mentions.length)[0];
  const documentBody = insp ? familyOf(insp) : busiest ? familyOf(busiest) : null;
  return (span, mention) => {
    const sStart = sentenceStart(t, span.start, ctx.body.start);
    const sEnd = sentenceEnd(t, span.end, ctx.body.end);
    // "the inspectorate's report" in a document naming one inspectorate is that inspectorate's
    const named = namedPublisher(ctx, orgs, span) ?? (insp && /\b(?:the|its)\s+inspectorate(?:['’]s?)?\s+(?:[\p{L}\d-]+\s+){0,3}$/iu.test(t.slice(Math.max(sStart, span.start - 60), span.start)) ? insp : null);
    const inSentence = orgs.mentions.filter((m) => m.start >= sStart && m.end <= sEnd);
    // the sentence's words without its bodies' names (the publisher and forces are cues of their own)
    let sentence = t.slice(sStart, sEnd);
    for (const m of inSentence) sentence = sentence.slice(0, m.start - sStart) + ' '.repeat(m.end - m.start) + sentence.slice(m.end - sStart);
    let title = mention.title;
    if (title) for (const m of inSentence) if (m.start >= span.start && m.end <= span.end) title = title.replace(t.slice(m.start, m.end), ' ');
    return linkReport(cat, {
      title,
      words: contentWords(sentence),
      modifiers: mention.title ? [] : contentWords(/(?:[\p{L}\d’'-]+[ \t]+){0,3}$/u.exec(t.slice(Math.max(sStart, span.start - 50), span.start))?.[0] ?? '').slice(-1),
      noun: mention.noun,
      publisher: named ? familyOf(named) : null,
      documentBody,
      year: mention.year,
      sentence: t.slice(sStart, sEnd),
      documentDate: date,
      forces,
      nearForces: new Set(inSentence.filter((m) => m.entity.kind === 'force').map((m) => m.entity.gazetteerId ?? m.entity.name)),
    });
  };
}

/** The body named with a report: "by/from X", "X's report", or the body just before the noun in its sentence. */
function namedPublisher(ctx: DocContext, orgs: OrgResult, span: Span): OrgEntity | null {
  const t = ctx.masked;
  const sStart = sentenceStart(t, span.start, ctx.body.start);
  const sEnd = sentenceEnd(t, span.end, ctx.body.end);
  const inSentence = orgs.mentions.filter((m) => m.start >= sStart && m.end <= sEnd && m.entity.kind !== 'media');
  const afterBy = inSentence.find((m) => m.start >= span.end && /^\s*(?:\S+\s+){0,3}?(?:by|from|of)\s+(?:the\s+|trade\s+union\s+|union\s+|charity\s+)?$/i.test(t.slice(span.end, m.start)));
  if (afterBy) return afterBy.entity;
  const possessor = inSentence.filter((m) => m.end <= span.start && /^\s*\)?['’]s?\s+(?:[\p{L}\d-]+\s+){0,4}$/u.test(t.slice(m.end, span.start))).pop();
  if (possessor) return possessor.entity;
  const close = inSentence.filter((m) => m.end <= span.start && span.start - m.end <= 40 && m.entity.kind !== 'force').pop();
  return close?.entity ?? null;
}

/**
 * A "Title: subtitle" is a report's title when its sentence speaks of reports or publishing,
 * it does not begin with the name of a body ("Kent Police: …"), and it is not a heading line —
 * except the document's own title heading, when the document calls itself a report.
 */
function isSubtitledTitle(ctx: DocContext, orgs: OrgResult, span: Span): boolean {
  const t = ctx.masked;
  if (orgs.mentions.some((m) => m.start === span.start)) return false;
  const lineStart = t.lastIndexOf('\n', span.start - 1) + 1;
  const lineEnd = t.indexOf('\n', span.end);
  const heading = !t.slice(lineStart, span.start).trim() && !t.slice(span.end, lineEnd < 0 ? t.length : lineEnd).trim();
  if (heading) return !t.slice(ctx.body.start, lineStart).trim() && /\b(?:this|our)\s+(?:report|inspection|review|guidance)\b/i.test(t);
  const sentence = t.slice(sentenceStart(t, span.start, ctx.body.start), sentenceEnd(t, span.end, ctx.body.end));
  return REPORTISH_SENTENCE.test(sentence.replace(t.slice(span.start, span.end), ' '));
}

/** "reported", "reports that", "review all allegations": the word used as a verb. */
function isVerbUse(t: string, span: Span): boolean {
  const word = t.slice(span.start, span.end).toLowerCase();
  const before = t.slice(Math.max(0, span.start - 15), span.start);
  if (/\b(to|will|would|should|must|could|can|may|and|did|not)\s+$/i.test(before) && /^(review|survey|audit|study|report)$/.test(word)) return true;
  if (word === 'reports' && !/\b(the|its|their|two|three|several|many|these|those|\d+)\s+$/i.test(before)) return true;
  return false;
}

function isTitleCased(title: string): boolean {
  // "Fixated: the police response to stalking": the title proper is before the colon
  const content = title.split(':')[0]!.split(/\s+/).filter((w) => !/^(of|the|and|for|a|an|in|on|to|at|by|with|is|&)$/i.test(w));
  return content.length > 0 && content.every((w) => /^\P{L}*\p{Lu}/u.test(w));
}

function looksLikeTitle(title: string): boolean {
  const words = title.split(/\s+/);
  return words.length >= 2 && words.length <= 20 && !/^(which|that|who|and|but|click)\b/i.test(title) && !/\bclick here\b/i.test(title);
}

function untitled(ctx: DocContext, orgs: OrgResult, noun: string, span: Span, year: number | null): ReportEntity {
  const publisher = publisherNear(ctx, orgs, span, true);
  const modifier = /\b(spotlight|annual|interim|final|thematic|inspection|legitimacy|national|joint)\s+$/i.exec(ctx.masked.slice(span.start - 20, span.start))?.[1];
  const base = noun.toLowerCase().replace(/s$/, '') === 'finding' ? 'report' : noun.toLowerCase().replace(/^reports$/, 'report');
  const title = [publisher, modifier?.toLowerCase(), base, year ? `(${year})` : null].filter(Boolean).join(' ');
  return {
    key: `u:${title}`, title, publisher, year: year ?? yearNear(ctx, span), kind: kindOfNoun(noun), titled: false, mentions: [span],
    catalogueId: null, url: null, evidence: ['publisher and year'], confidence: 0.3,
  };
}

/**
 * The body that published a report: named by "by/from X", as its possessor, or before it in its
 * sentence. An untitled "the report" in a document naming an inspectorate is the inspectorate's.
 */
function publisherNear(ctx: DocContext, orgs: OrgResult, span: Span, untitled = false): string | null {
  const t = ctx.masked;
  const sStart = sentenceStart(t, span.start, ctx.body.start);
  const sEnd = sentenceEnd(t, span.end, ctx.body.end);
  const inSentence = orgs.mentions.filter((m) => m.start >= sStart && m.end <= sEnd);
  const afterBy = inSentence.find((m) => m.start >= span.end && /^\s*(?:\S+\s+){0,3}?(?:by|from|of)\s+(?:the\s+|trade\s+union\s+|union\s+|charity\s+)?$/i.test(t.slice(span.end, m.start)));
  if (afterBy) return afterBy.entity.name;
  const insp = inspectorate(orgs.entities);
  if (untitled && insp) return insp.name;
  // "the College of Policing's guidance", "HMICFRS's report Title": the possessor
  const possessor = inSentence.filter((m) => m.end <= span.start && /^['’]s?\s+(?:[\p{L}-]+\s+){0,4}$/u.test(t.slice(m.end, span.start))).pop();
  if (possessor) return possessor.entity.name;
  // "a report from HMICFRS (HMICFRS), Title: …": the body just named, a force least likely
  const before = inSentence.filter((m) => m.end <= span.start);
  const nonForce = before.filter((m) => m.entity.kind !== 'force');
  const pick = nonForce[nonForce.length - 1] ?? before[before.length - 1];
  if (pick) return pick.entity.name;
  // forces answer FOI requests but seldom publish what news reports on: an inspection is the inspectorate's
  return insp && /\binspect/i.test(t.slice(sStart, sEnd)) ? insp.name : null;
}

function inspectorate(entities: OrgEntity[]): OrgEntity | null {
  return entities.find((e) => e.kind === 'inspectorate') ?? null;
}

function yearNear(ctx: DocContext, span: Span): number | null {
  const t = ctx.masked;
  const s = t.slice(sentenceStart(t, span.start, ctx.body.start), sentenceEnd(t, span.end, ctx.body.end));
  const m = YEAR.exec(s);
  return m?.[1] ? Number(m[1]) : null;
}

/** A letter answering a Freedom of Information request is itself the FOI response. */
function foiResponse(ctx: DocContext, orgs: OrgResult): ReportEntity | null {
  const t = ctx.masked;
  if (!/freedom of information/i.test(t)) return null;
  const ref = FOI_REF.exec(t);
  if (!ref?.[1]) return null;
  const subject = /request\s+(?:in relation to|regarding|about|concerning|for information (?:on|about))\s+([^.\n]{5,120})\./i.exec(t);
  const date = FULL_DATE.exec(t);
  const forces = orgs.entities.filter((e) => e.kind === 'force').sort((a, b) => b.mentions.length - a.mentions.length);
  const title = `FOI response ${ref[1]}${subject?.[1] ? `: ${subject[1].trim()}` : ''}`;
  return {
    key: `foi:${ref[1]}`,
    title,
    publisher: forces[0]?.name ?? null,
    year: date?.[1] ? Number(date[1]) : null,
    kind: 'foi',
    titled: true,
    mentions: [{ start: ref.index, end: ref.index + ref[0].length }],
    catalogueId: null,
    url: null,
    evidence: ['FOI reference'],
    confidence: 0.9,
  };
}

/** The reports of the document: a mere mention ("the report", nothing more said of it) is none. */
export function toExtractedReports(entities: ReportEntity[]): ExtractedReport[] {
  return entities
    .filter((e) => !e.mentionOnly)
    .map((e) => ({ title: e.title, publisher: e.publisher, year: e.year, kind: e.kind, mentions: e.mentions, catalogueId: e.catalogueId, url: e.url, evidence: e.evidence, confidence: e.confidence }));
}
