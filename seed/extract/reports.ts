// Reports, surveys, inspections and FOI responses a document refers to. A titled report is
// its own entity; untitled mentions ("the report", "a survey carried out by Unison") gather
// into one main report unless a different year sets them apart.

import { type DocContext, inside } from './context.js';
import type { OrgEntity, OrgResult } from './organizations.js';
import type { PeopleResult } from './people.js';
import { sentenceEnd, sentenceStart } from './sentences.js';
import { foldName } from './text.js';
import type { ExtractedReport, ReportKind, Span } from './types.js';

export interface ReportEntity {
  key: string;
  title: string;
  publisher: string | null;
  year: number | null;
  kind: ReportKind;
  titled: boolean;
  mentions: Span[];
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

export function findReports(ctx: DocContext, orgs: OrgResult, people: PeopleResult): ReportResult {
  const entities: ReportEntity[] = [];
  const t = ctx.masked;
  const body = ctx.body;

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
      });
    }
  }

  // the main report is the titled one the document names first
  entities.sort((a, b) => Number(b.titled) - Number(a.titled) || Math.min(...a.mentions.map((m) => m.start)) - Math.min(...b.mentions.map((m) => m.start)));
  // untitled mentions: one main report, plus any set apart by their own year
  NOUN.lastIndex = 0;
  let generic: ReportEntity | null = null;
  for (let m = NOUN.exec(t); m; m = NOUN.exec(t)) {
    const span = { start: m.index, end: m.index + m[0].length };
    if (!inside(span, body) || isVerbUse(t, span)) continue;
    // "its report, Time to Listen": the noun introducing a title is a mention of that report
    const titledNear = entities.find((e) => e.titled && e.mentions.some((x) => x.start >= span.end && x.start - span.end < 20));
    if (titledNear) {
      titledNear.mentions.push(span);
      continue;
    }
    const phrase = t.slice(Math.max(sentenceStart(t, span.start, body.start), span.start - 40), Math.min(span.end + 40, t.length));
    const ownYear = /\b(?:in|the|its|a|this|last)\s+(?:\w+\s+)?(19[5-9]\d|20[0-4]\d)\s+\w*\s*$/i.exec(t.slice(span.start - 40, span.start)) ??
      /^\s+(?:in|of|published in|from)\s+(?:\w+\s+)?(19[5-9]\d|20[0-4]\d)\b/i.exec(t.slice(span.end, span.end + 30));
    const year = ownYear?.[1] ? Number(ownYear[1]) : null;
    const main = entities.find((e) => e.titled) ?? generic;
    // "the 2017 report" beside a titled report of another (or unknown) year is another report
    if (year !== null && main && main.year !== year && (main.year !== null || main.titled)) {
      const other = entities.find((e) => e.year === year && !e.titled);
      if (other) other.mentions.push(span);
      else entities.push(untitled(ctx, orgs, m[0], span, year, phrase));
      continue;
    }
    if (main) {
      main.mentions.push(span);
      main.year ??= year;
      continue;
    }
    generic = untitled(ctx, orgs, m[0], span, year, phrase);
    entities.push(generic);
  }
  const main = entities.find((e) => e.titled) ?? generic ?? entities[0] ?? null;
  return { entities, main };
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

function untitled(ctx: DocContext, orgs: OrgResult, noun: string, span: Span, year: number | null, phrase: string): ReportEntity {
  const publisher = publisherNear(ctx, orgs, span, true);
  const modifier = /\b(spotlight|annual|interim|final|thematic|inspection|legitimacy|national|joint)\s+$/i.exec(ctx.masked.slice(span.start - 20, span.start))?.[1];
  const base = noun.toLowerCase().replace(/s$/, '') === 'finding' ? 'report' : noun.toLowerCase().replace(/^reports$/, 'report');
  const title = [publisher, modifier?.toLowerCase(), base, year ? `(${year})` : null].filter(Boolean).join(' ');
  void phrase;
  return { key: `u:${title}`, title, publisher, year: year ?? yearNear(ctx, span), kind: kindOfNoun(noun), titled: false, mentions: [span] };
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
  };
}

export function toExtractedReports(entities: ReportEntity[]): ExtractedReport[] {
  return entities.map((e) => ({ title: e.title, publisher: e.publisher, year: e.year, kind: e.kind, mentions: e.mentions }));
}
