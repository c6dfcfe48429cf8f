// Linking a report mention to the catalogue of real reports (seed/gazetteer/reports.json).
// A mention brings cues — a title or the words around it, the body named with it, a year, a
// "published today" against the document's date, the forces the document names — and every
// catalogue entry is scored on them. The best entry is taken only when it passes LINK.threshold
// and beats the second by LINK.margin; otherwise the mention stays unlinked. Pure: no I/O.

import { foldName } from './text.js';
import type { GazetteerLike, GazetteerReport } from './types.js';

/** The one place the linking bar is set: the best score needed, and its lead over the second. */
export const LINK = {
  threshold: 0.6,
  margin: 0.15,
  /** the words (title, subjects) must count for at least this much: a body and a year alone link nothing */
  minContent: 0.15,
  /** a title the text gives links only to an entry whose title (or short name) it matches this well */
  titleSimilarity: 0.6,
  /** without a year or a "published today": at least this share of the title's weight, in two words or more, and no yearly series */
  untimedShare: 0.8,
} as const;

/** How far back from the document's date a phrase puts the report, in days. */
const RECENCY: readonly [RegExp, number, string][] = [
  [/\b(?:published|released|out|issued)\s+(?:today|this morning)\b|\btoday(?:['’]s)?\b/i, 3, 'published today'],
  [/\byesterday(?:['’]s)?\b/i, 3, 'published yesterday'],
  [/\b(?:this|last)\s+week(?:['’]s)?\b/i, 14, 'published this week'],
  [/\b(?:this|last)\s+month(?:['’]s)?\b/i, 62, 'published last month'],
  [/\b(?:new|newly\s+published|latest|just\s+published|recent(?:ly\s+published)?)\b/i, 120, 'a new report'],
];

export interface DocDate {
  year: number;
  month: number | null;
  day: number | null;
}

export interface ReportCues {
  /** a title the text gives the report */
  title: string | null;
  /** folded words around the mention (its sentence), bodies' and people's names left out */
  words: readonly string[];
  /** the words that qualify the noun ("the 2016 legitimacy report": legitimacy) */
  modifiers?: readonly string[];
  /** the noun the text uses: report, survey, inspection … */
  noun: string | null;
  /** the gazetteer id (or folded name) of the body named with the mention */
  publisher: string | null;
  /** the document's main inspectorate or body, when none is named with the mention */
  documentBody: string | null;
  /** a year the text states for the report */
  year: number | null;
  /** the sentence around the mention, for "published today" and the like */
  sentence: string;
  /** the date the document was published */
  documentDate: DocDate | null;
  /** gazetteer ids of the forces the document names */
  forces: ReadonlySet<string>;
  /** gazetteer ids of the forces named in the mention's sentence */
  nearForces: ReadonlySet<string>;
}

export interface ReportLink {
  entry: GazetteerReport;
  year: number;
  /** 0–1: the best score and its lead over the second (a score, not yet calibrated) */
  confidence: number;
  /** which cues matched */
  evidence: string[];
  score: number;
}

export interface Candidate {
  entry: GazetteerReport;
  score: number;
  content: number;
  evidence: string[];
}

interface CompiledEntry {
  entry: GazetteerReport;
  year: number;
  /** the title year where it differs ("PEEL: Police legitimacy 2015", published 2016) */
  titleYears: number[];
  range: [number, number];
  titles: string[][];
  /** the words of each title before its colon ("Shining a light on betrayal"), where it has one */
  mainTitles: string[][];
  /** a year in the title: one of a yearly series (PEEL 2017, the 2022 survey), told apart by the year alone */
  series: boolean;
  tokens: Set<string>;
  subjects: string[][];
  publisher: string;
  forces: string[];
}

interface Catalogue {
  entries: CompiledEntry[];
  idf: Map<string, number>;
}

/** Words no title is told apart by: function words, the nouns every report has, the word police. */
const STOP = new Set(
  ('a an the of and & in on for to by with at from into its their this that these those is was be are were has have had how what why who '
    + 'report reports review reviews inspection inspections survey study inquiry findings published publication police policing force forces '
    + 'england wales uk s it our new latest annual or not no nor but out up over under than more most less all any some each every one two three four '
    + 'five first second third next last year years month week day time people service services based '
    + 'we you your do does did can could will would should may might must so such as if about after before between during against within without').split(' '),
);

export const contentWords = (s: string): string[] =>
  foldName(s)
    .replace(/'s\b/g, '')
    .split(/[\s'&]+/)
    .filter((w) => w.length > 1 && !STOP.has(w) && !/^\d+$/.test(w));

const cache = new WeakMap<readonly GazetteerReport[], Catalogue>();

export function compileCatalogue(g: GazetteerLike): Catalogue {
  const reports = g.reports ?? [];
  const hit = cache.get(reports);
  if (hit) return hit;
  const family = publisherFamily(g);
  const forces = g.organizations.filter((o) => o.kind === 'force').map((o) => ({ id: o.id, names: [o.name, ...o.aliases].map(foldName).filter((n) => n.includes(' ')) }));
  const df = new Map<string, number>();
  const entries = reports.map((entry): CompiledEntry => {
    const title = foldName(entry.title);
    const named = forces.filter((f) => f.names.some((n) => ` ${title} `.includes(` ${n} `)));
    const forceWords = new Set(named.flatMap((f) => f.names.flatMap((n) => n.split(' '))));
    const names = [entry.title, ...entry.shortNames];
    const titles = names.map((t) => contentWords(t).filter((w) => !forceWords.has(w)));
    const mainTitles = names.map((t) => contentWords(t.split(/:\s|\s[–-]\s/)[0]!).filter((w) => !forceWords.has(w)));
    const tokens = new Set(titles.flat());
    for (const t of tokens) df.set(t, (df.get(t) ?? 0) + 1);
    const year = Number(entry.published.slice(0, 4));
    const titleYears = [...entry.title.matchAll(/\b(?:19|20)\d\d\b/g)].map((m) => Number(m[0])).filter((y) => y !== year);
    return {
      entry, year, titleYears, range: dateRange(entry.published), titles, mainTitles, series: /\b(?:19|20)\d\d\b/.test(entry.title), tokens,
      subjects: entry.subjects.map(contentWords).filter((s) => s.length > 0),
      publisher: family(entry.publisher), forces: named.map((f) => f.id),
    };
  });
  const idf = new Map([...df].map(([w, n]) => [w, Math.log(1 + entries.length / n)]));
  const compiled = { entries, idf };
  cache.set(reports, compiled);
  return compiled;
}

/**
 * A body's family key: its gazetteer id after every rename (HMIC and HMICFRS are one family,
 * IPCC and IOPC another), or its folded name when the gazetteer does not know it.
 */
export function publisherFamily(g: GazetteerLike): (name: string) => string {
  const byId = new Map(g.organizations.map((o) => [o.id, o]));
  const byName = new Map<string, string>();
  for (const o of g.organizations) for (const n of [o.name, ...o.aliases]) if (!byName.has(foldName(n))) byName.set(foldName(n), o.id);
  const last = (id: string): string => {
    const seen = new Set<string>();
    let cur = id;
    for (let next = byId.get(cur)?.renamedTo; next && !seen.has(next); next = byId.get(cur)?.renamedTo) {
      seen.add(cur);
      cur = next;
    }
    return cur;
  };
  return (name: string) => {
    const id = byId.has(name) ? name : (byName.get(foldName(name)) ?? g.findOrganization?.(name)?.id);
    return id ? last(id) : foldName(name);
  };
}

/** A published date's first and last day, in days since 1970. */
function dateRange(published: string): [number, number] {
  const [y, m, d] = published.split('-').map(Number) as [number, number | undefined, number | undefined];
  if (d !== undefined && m !== undefined) return [days(y, m, d), days(y, m, d)];
  if (m !== undefined) return [days(y, m, 1), days(y, m + 1, 1) - 1];
  return [days(y, 1, 1), days(y + 1, 1, 1) - 1];
}

const days = (y: number, m: number, d: number): number => Math.floor(Date.UTC(y, m - 1, d) / 86_400_000);

function docRange(d: DocDate): [number, number] {
  if (d.month && d.day) return [days(d.year, d.month, d.day), days(d.year, d.month, d.day)];
  if (d.month) return [days(d.year, d.month, 1), days(d.year, d.month + 1, 1) - 1];
  return [days(d.year, 1, 1), days(d.year + 1, 1, 1) - 1];
}

/** idf-weighted F-measure of two bags of words. */
function weightedF(a: readonly string[], b: readonly string[], idf: Map<string, number>): number {
  if (!a.length || !b.length) return 0;
  const w = (t: string) => idf.get(t) ?? 3;
  const sb = new Set(b);
  const sa = new Set(a);
  const common = [...sa].filter((t) => sb.has(t));
  if (!common.length) return 0;
  const c = common.reduce((s, t) => s + w(t), 0);
  const p = c / [...sa].reduce((s, t) => s + w(t), 0);
  const r = c / [...sb].reduce((s, t) => s + w(t), 0);
  return (2 * p * r) / (p + r);
}

/** Every entry's score on the cues, best first; entries a cue rules out are left out. */
export function scoreCandidates(cat: Catalogue, cues: ReportCues): Candidate[] {
  const words = new Set(cues.words);
  const titleWords = cues.title ? contentWords(cues.title) : [];
  // "Trust Withheld: an inspection of vetting": a main title the entry lacks is another report, whatever its subtitle
  const mainWords = cues.title && /:\s/.test(cues.title) ? contentWords(cues.title.split(/:\s/)[0]!) : [];
  const recency = RECENCY.find(([re]) => re.test(cues.sentence));
  const out: Candidate[] = [];
  for (const e of cat.entries) {
    const evidence: string[] = [];
    let content = 0;
    let score = 0;
    let share = 0;
    let matchedWords: string[] = [];
    let published = false;
    // a force's own report needs the document to name that force
    if (e.forces.length && !e.forces.some((f) => cues.forces.has(f))) continue;
    // a report published after the document cannot be the one it speaks of
    if (cues.documentDate && e.range[0] > docRange(cues.documentDate)[1] + 1) continue;
    if (titleWords.length) {
      const sim = Math.max(...e.titles.map((t) => weightedF(titleWords, t, cat.idf)));
      if (sim < LINK.titleSimilarity) continue;
      if (mainWords.length && !e.mainTitles.some((t) => mainWords.some((w) => t.includes(w)))) continue;
      content += 0.8 * sim;
      evidence.push(`title ${sim.toFixed(2)}`);
    } else if (e.tokens.size) {
      const w = (t: string) => cat.idf.get(t) ?? 3;
      // the title (or short name) whose words the sentence holds most of
      for (const title of e.titles) {
        const matched = title.filter((t) => words.has(t));
        if (!matched.length) continue;
        const s = matched.reduce((a, t) => a + w(t), 0) / title.reduce((a, t) => a + w(t), 0);
        if (s <= share) continue;
        share = s;
        matchedWords = matched;
      }
      if (matchedWords.length) {
        content += 0.5 * share;
        evidence.push(`title words: ${matchedWords.join(' ')}`);
      }
    }
    // "the 2016 legitimacy report": a word set between the year and the noun names the report as a title would
    const mods = cues.modifiers ?? [];
    if (!titleWords.length && cues.year !== null && mods.length && mods.every((w) => e.tokens.has(w))) {
      content += 0.2;
      evidence.push(`named as: ${mods.join(' ')}`);
    }
    const subjects = e.subjects.filter((s) => s.every((t) => words.has(t)));
    if (subjects.length) {
      content += Math.min(0.2, 0.1 * subjects.length);
      evidence.push(`subject: ${subjects.map((s) => s.join(' ')).join(', ')}`);
    }
    score += content;
    if (cues.publisher) {
      if (cues.publisher === e.publisher) {
        score += 0.3;
        published = true;
        evidence.push('publisher');
      } else score -= 0.4;
    } else if (cues.documentBody === e.publisher) {
      score += 0.1;
      evidence.push("document's body");
    }
    let timed = false;
    if (cues.year !== null) {
      if (cues.year === e.year || e.titleYears.includes(cues.year)) {
        score += 0.25;
        timed = true;
        evidence.push('year');
      } else score -= 0.5;
    }
    if (recency && cues.documentDate) {
      const [, back, label] = recency;
      const [from, to] = docRange(cues.documentDate);
      if (e.range[1] >= from - back && e.range[0] <= to + 1) {
        score += 0.3;
        timed = true;
        evidence.push(label);
      } else score -= 0.3;
    }
    // an untitled mention links on cues of its own, the body named with it or its time; with no
    // time, only on most of a title's words (two at least), never to one of a yearly series
    if (!titleWords.length && !published && !timed) continue;
    if (!titleWords.length && !timed && (e.series || share < LINK.untimedShare || new Set(matchedWords).size < 2)) continue;
    if (e.forces.some((f) => cues.nearForces.has(f))) {
      score += 0.2;
      evidence.push('force');
    }
    if (cues.noun && /survey/i.test(cues.noun) === (e.entry.kind === 'survey') && /survey/i.test(cues.noun)) {
      score += 0.1;
      evidence.push('survey');
    }
    out.push({ entry: e.entry, score, content, evidence });
  }
  return out.sort((a, b) => b.score - a.score);
}

/** The entry the cues fit best, when it passes the bar and clearly beats the second; else null. */
export function linkReport(cat: Catalogue, cues: ReportCues): ReportLink | null {
  const ranked = scoreCandidates(cat, cues);
  const [best, second] = ranked;
  if (!best || best.content < LINK.minContent || best.score < LINK.threshold) return null;
  const lead = best.score - (second?.score ?? 0);
  if (lead < LINK.margin) return null;
  const confidence = Math.min(0.99, (best.score / (best.score + 0.4)) * (0.6 + 0.4 * Math.min(1, lead / 0.5)));
  return { entry: best.entry, year: Number(best.entry.published.slice(0, 4)), confidence: Math.round(confidence * 100) / 100, evidence: best.evidence, score: best.score };
}

const MONTHS = 'january february march april may june july august september october november december'.split(' ');
const MONTH = String.raw`(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)`;
const monthOf = (name: string): number => MONTHS.findIndex((m) => m.startsWith(name.toLowerCase().slice(0, 3))) + 1;

/**
 * The document's date as a cue for its reports: from its metadata (which holds any date its
 * text states, see stated-date.ts), else the first date in its opening lines, even one inside a
 * sentence, whose year still tells which report the text is about.
 */
export function documentDate(publishedAt: string | null | undefined, text: string): DocDate | null {
  const iso = publishedAt ? /^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?/.exec(publishedAt) : null;
  if (iso) return { year: Number(iso[1]), month: iso[2] ? Number(iso[2]) : null, day: iso[3] ? Number(iso[3]) : null };
  const head = text.slice(0, 600);
  const found: { at: number; date: DocDate }[] = [];
  const add = (m: RegExpExecArray | null, date: (m: RegExpExecArray) => DocDate | null) => {
    const d = m ? date(m) : null;
    if (m && d && d.year >= 1990 && d.year <= 2100 && (d.month ?? 1) <= 12 && (d.day ?? 1) <= 31) found.push({ at: m.index, date: d });
  };
  add(new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+${MONTH}\.?,?\s+((?:19|20)\d\d)\b`, 'i').exec(head), (m) => ({ year: Number(m[3]), month: monthOf(m[2]!), day: Number(m[1]) }));
  add(new RegExp(String.raw`\b${MONTH}\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b`, 'i').exec(head), (m) => ({ year: Number(m[3]), month: monthOf(m[1]!), day: Number(m[2]) }));
  add(/\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b/.exec(head), (m) => ({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }));
  add(/(?<![\d.\/])(\d{1,2})[./](\d{1,2})[./]((?:19|20)?\d\d)(?![\d.\/])/.exec(head.slice(0, 200)), (m) => ({ year: m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]), month: Number(m[2]), day: Number(m[1]) }));
  found.sort((a, b) => a.at - b.at);
  return found[0]?.date ?? null;
}
