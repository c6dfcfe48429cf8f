// A TypeScript port of shared/corpus/score.mjs, the reference scorer: the same normalisation,
// the same token-overlap matching (≥ 0.6, one-to-one, best first), the same name matching
// (honorifics ignored, a surname alone accepted), the same sole-report rule, a null speaker right where the gold one is null or
// "unknown", the wrong-speaker count, reports and roles. Any change to the
// reference must be mirrored here; `npm run eval` is checked against it figure for figure.

export interface GoldQuote {
  text: string;
  speaker: string | null;
  speakerKind: string | null;
  speakerAlt?: string[];
}

export interface Role {
  title: string;
  organization?: string | null;
}

export interface ReportRef {
  title: string;
  publisher?: string | null;
  year?: number | null;
}

export interface GoldDoc {
  doc: string;
  quotes?: GoldQuote[];
  people?: { name: string; roles?: Role[] }[];
  organizations?: { name: string; aliases?: string[] }[];
  reports?: ReportRef[];
}

export interface PredDoc {
  doc: string;
  quotes?: { text: string; speaker: string | null; speakerKind: string | null }[];
  people?: { name: string; roles?: Role[] }[];
  organizations?: { name: string; aliases?: string[] }[];
  reports?: ReportRef[];
}

export interface Counts {
  gq: number;
  pq: number;
  mq: number;
  attr: number;
  /** Matched quotes whose prediction names a speaker. */
  named: number;
  /** Of those, the ones naming someone who is not the gold speaker: the worst error. */
  wrong: number;
  /** Matched quotes left unnamed where the gold names someone. */
  silent: number;
  gr: number;
  pr: number;
  mr: number;
  grl: number;
  prl: number;
  mrl: number;
  go: number;
  po: number;
  mo: number;
  gp: number;
  pp: number;
  mp: number;
}

export interface DocScore extends Counts {
  doc: string;
  missing: boolean;
}

export interface Summary {
  quoteP: number;
  quoteR: number;
  quoteF1: number;
  attribution: number;
  whoSaidWhatF1: number;
  orgP: number;
  orgR: number;
  peopleP: number;
  peopleR: number;
  goldQuotes: number;
  predQuotes: number;
  wrongSpeakerRate: number;
  wrongSpeakers: number;
  namedSpeakers: number;
  unattributed: number;
  reportP: number;
  reportR: number;
  roleP: number;
  roleR: number;
}

export interface ScoreResult {
  docs: DocScore[];
  totals: Counts & { missingDocs: number };
  summary: Summary;
}

export const norm = (s: string | null | undefined): string =>
  (s ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[‘’‚‛′`´]/g, "'")
    .replace(/[“”„‟″]/g, '"')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

export const tokens = (s: string | null | undefined): string[] =>
  norm(s)
    .replace(/[^a-z0-9' ]+/g, ' ')
    .split(' ')
    .filter(Boolean);

const TITLE = new Set(['mr', 'mrs', 'ms', 'dr', 'sir', 'dame', 'lord', 'lady', 'the', 'of', 'and', '&']);

export function overlapF(a: string | null | undefined, b: string | null | undefined): number {
  const ta = tokens(a);
  const tb = tokens(b);
  if (!ta.length || !tb.length) return 0;
  const bag = new Map<string, number>();
  for (const t of tb) bag.set(t, (bag.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of ta) {
    const n = bag.get(t) ?? 0;
    if (n > 0) {
      common++;
      bag.set(t, n - 1);
    }
  }
  if (!common) return 0;
  const p = common / ta.length;
  const r = common / tb.length;
  return (2 * p * r) / (p + r);
}

export function nameMatch(pred: string | null | undefined, gold: string | null | undefined, aliases: readonly string[] = []): boolean {
  if (!pred || !gold) return false;
  const np = norm(pred);
  const ng = norm(gold);
  if (np === ng || aliases.some((a) => norm(a) === np)) return true;
  const tp = tokens(pred).filter((t) => !TITLE.has(t));
  const tg = tokens(gold).filter((t) => !TITLE.has(t));
  if (!tp.length || !tg.length) return false;
  // a person's surname alone, or a name with a middle part dropped, still names them
  if (tp.every((t) => tg.includes(t)) && tp.includes(tg[tg.length - 1]!)) return true;
  if (tg.every((t) => tp.includes(t)) && tg.includes(tp[tp.length - 1]!) && tp.length - tg.length <= 1) return true;
  return overlapF(pred, gold) >= 0.75;
}

/** One-to-one matching, best pairs first; ties keep the reference's (stable sort) order. */
function match<P, G>(preds: P[], golds: G[], score: (p: P, g: G) => number, threshold: number): [number, number][] {
  const pairs: [number, number, number][] = [];
  preds.forEach((p, i) => {
    golds.forEach((g, j) => {
      const s = score(p, g);
      if (s >= threshold) pairs.push([s, i, j]);
    });
  });
  pairs.sort((a, b) => b[0] - a[0]);
  const usedP = new Set<number>();
  const usedG = new Set<number>();
  const out: [number, number][] = [];
  for (const [, i, j] of pairs) {
    if (usedP.has(i) || usedG.has(j)) continue;
    usedP.add(i);
    usedG.add(j);
    out.push([i, j]);
  }
  return out;
}

const basename = (p: string): string => p.split(/[\\/]/).pop() ?? p;

export interface QuoteOutcome {
  /** index among the prediction's quotes that have text */
  pred: number;
  gold: number;
  /** the attribution counts as right */
  ok: boolean;
  /** the prediction names a speaker */
  named: boolean;
}

/** The matched quotes of one document and whether each one's speaker is right (the reference's rules). */
export function quoteOutcomes(gold: GoldDoc, pred: PredDoc): QuoteOutcome[] {
  const gq = gold.quotes ?? [];
  const pq = (pred.quotes ?? []).filter((q) => q?.text);
  const orgAliases = new Map<string, string[]>();
  for (const o of gold.organizations ?? []) orgAliases.set(norm(o.name), o.aliases ?? []);
  return match(pq, gq, (a, b) => overlapF(a.text, b.text), 0.6).map(([i, j]) => {
    const g = gq[j]!;
    const pi = pq[i]!;
    const names = [g.speaker, ...(g.speakerAlt ?? [])];
    // a report quoted in a document that names only one report: saying "the report" is enough
    const soleReport = g.speakerKind === 'report' && pi.speakerKind === 'report' && (gold.reports ?? []).length === 1;
    const unnamedGold = !g.speaker || norm(g.speaker) === 'unknown';
    const ok = soleReport || (unnamedGold && !pi.speaker) || names.some((name) => nameMatch(pi.speaker, name, orgAliases.get(norm(name)) ?? []));
    // a named speaker that is not the gold one is the worst error a reader can meet: counted apart
    return { pred: i, gold: j, ok, named: !!pi.speaker };
  });
}

export function scoreDocument(gold: GoldDoc, pred: PredDoc | undefined): DocScore {
  const p = pred ?? { doc: gold.doc, quotes: [], people: [], organizations: [] };
  const gq = gold.quotes ?? [];
  const pq = (p.quotes ?? []).filter((q) => q?.text);
  const orgAliases = new Map<string, string[]>();
  for (const o of gold.organizations ?? []) orgAliases.set(norm(o.name), o.aliases ?? []);
  const outcomes = quoteOutcomes(gold, p);
  const qm = outcomes.map((o) => [o.pred, o.gold] as const);
  const attr = outcomes.filter((o) => o.ok).length;
  const named = outcomes.filter((o) => o.named).length;
  const wrong = outcomes.filter((o) => o.named && !o.ok).length;
  const silent = outcomes.filter((o) => !o.named && !o.ok).length;
  const go = gold.organizations ?? [];
  const po = p.organizations ?? [];
  const om = match(
    po,
    go,
    (a, b) =>
      Math.max(nameMatch(a.name, b.name, b.aliases ?? []) ? 1 : 0, ...(a.aliases ?? []).map((al) => (nameMatch(al, b.name, b.aliases ?? []) ? 1 : 0))),
    1,
  );
  const gp = gold.people ?? [];
  const pp = p.people ?? [];
  const pm = match(pp, gp, (a, b) => (nameMatch(a.name, b.name) ? 1 : 0), 1);
  // a report matches by its title's words, or by publisher and year where the gold names one report of that publisher
  const gr = gold.reports ?? [];
  const prr = p.reports ?? [];
  const rm = match(
    prr,
    gr,
    (a, b) => {
      const t = overlapF(a.title, b.title);
      const samePub =
        a.publisher && b.publisher && nameMatch(a.publisher, b.publisher) && a.year && a.year === b.year && gr.filter((x) => x.publisher === b.publisher).length === 1;
      return Math.max(t, samePub ? 0.5 : 0);
    },
    0.5,
  );
  // roles of matched people: a title sharing half its words, and the same body (or none on both sides)
  let grl = 0;
  let prl = 0;
  let mrl = 0;
  for (const [i, j] of pm) {
    const gRoles = gp[j]!.roles ?? [];
    const pRoles = pp[i]!.roles ?? [];
    const rolesMatched = match(
      pRoles,
      gRoles,
      (a, b) => {
        const t = overlapF(a.title, b.title);
        const org = (!a.organization && !b.organization) || nameMatch(a.organization, b.organization, orgAliases.get(norm(b.organization)) ?? []);
        return org ? t : 0;
      },
      0.5,
    );
    grl += gRoles.length;
    prl += pRoles.length;
    mrl += rolesMatched.length;
  }
  return {
    doc: gold.doc,
    missing: pred === undefined,
    gq: gq.length,
    pq: pq.length,
    mq: qm.length,
    attr,
    named,
    wrong,
    silent,
    gr: gr.length,
    pr: prr.length,
    mr: rm.length,
    grl,
    prl,
    mrl,
    go: go.length,
    po: po.length,
    mo: om.length,
    gp: gp.length,
    pp: pp.length,
    mp: pm.length,
  };
}

const ZERO: Counts = { gq: 0, pq: 0, mq: 0, attr: 0, named: 0, wrong: 0, silent: 0, gr: 0, pr: 0, mr: 0, grl: 0, prl: 0, mrl: 0, go: 0, po: 0, mo: 0, gp: 0, pp: 0, mp: 0 };
const COUNT_KEYS = Object.keys(ZERO) as (keyof Counts)[];

const pr = (m: number, p: number, g: number) => {
  const P = p ? m / p : 0;
  const R = g ? m / g : 0;
  return { P, R, F: P + R ? (2 * P * R) / (P + R) : 0 };
};
const r3 = (x: number): number => +x.toFixed(3);

/** Scores predictions against gold documents (given in the reference's order: file name sorted). */
export function score(golds: GoldDoc[], preds: PredDoc[]): ScoreResult {
  const byDoc = new Map(preds.map((p) => [basename(p.doc), p]));
  const totals = { ...ZERO, missingDocs: 0 };
  const docs: DocScore[] = [];
  for (const gold of golds) {
    const d = scoreDocument(gold, byDoc.get(gold.doc));
    if (d.missing) totals.missingDocs++;
    for (const k of COUNT_KEYS) totals[k] += d[k];
    docs.push(d);
  }
  const q = pr(totals.mq, totals.pq, totals.gq);
  const o = pr(totals.mo, totals.po, totals.go);
  const p = pr(totals.mp, totals.pp, totals.gp);
  const attrAcc = totals.mq ? totals.attr / totals.mq : 0;
  const e2e = pr(totals.attr, totals.pq, totals.gq);
  const rp = pr(totals.mr, totals.pr, totals.gr);
  const rl = pr(totals.mrl, totals.prl, totals.grl);
  return {
    docs,
    totals,
    summary: {
      quoteP: r3(q.P),
      quoteR: r3(q.R),
      quoteF1: r3(q.F),
      attribution: r3(attrAcc),
      whoSaidWhatF1: r3(e2e.F),
      orgP: r3(o.P),
      orgR: r3(o.R),
      peopleP: r3(p.P),
      peopleR: r3(p.R),
      goldQuotes: totals.gq,
      predQuotes: totals.pq,
      wrongSpeakerRate: r3(totals.named ? totals.wrong / totals.named : 0),
      wrongSpeakers: totals.wrong,
      namedSpeakers: totals.named,
      unattributed: totals.silent,
      reportP: r3(rp.P),
      reportR: r3(rp.R),
      roleP: r3(rl.P),
      roleR: r3(rl.R),
    },
  };
}

/** The per-document line, worded as the reference prints it. */
export function docLine(d: DocScore): string {
  return `${d.doc}: quotes gold=${d.gq} pred=${d.pq} matched=${d.mq} attributed=${d.attr}; orgs ${d.mo}/${d.go} (pred ${d.po}); people ${d.mp}/${d.gp} (pred ${d.pp})`;
}

/** The headline: the wrong-speaker figure, the worst error, printed before anything else. */
export function wrongSpeakerLine(s: Summary): string {
  return `wrong speaker named ${s.wrongSpeakers}/${s.namedSpeakers} (${s.wrongSpeakerRate.toFixed(3)}), left unattributed ${s.unattributed}, attribution ${s.attribution.toFixed(3)}, quote F1 ${s.quoteF1.toFixed(3)}`;
}

/** The JSON line and the summary line, exactly as the reference prints them. */
export function summaryLines(s: Summary): [string, string] {
  const f = (x: number) => x.toFixed(3);
  return [
    JSON.stringify(s),
    `quote F1 ${f(s.quoteF1)} (P ${f(s.quoteP)} R ${f(s.quoteR)}), attribution ${f(s.attribution)}, who-said-what F1 ${f(s.whoSaidWhatF1)}, orgs P ${f(s.orgP)} R ${f(s.orgR)}, people P ${f(s.peopleP)} R ${f(s.peopleR)}, wrong speaker named ${s.wrongSpeakers}/${s.namedSpeakers} (${f(s.wrongSpeakerRate)}), left unattributed ${s.unattributed}, reports P ${f(s.reportP)} R ${f(s.reportR)}, roles P ${f(s.roleP)} R ${f(s.roleR)}`,
  ];
}
