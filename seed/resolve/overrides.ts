import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Extraction } from '../extract/types.js';
import { normalizeName } from '../gazetteer/normalize.js';
import { ids } from './to-graph.js';

// Curation: a user's corrections, applied on every seed and reported, so a fix made once
// survives re-seeding.

/** Who made a correction, when and why; set by the browser's corrections, optional by hand. */
const Entry = {
  id: z.string().min(1).max(64).optional().describe('stable id of the correction (the audit view undoes by it)'),
  by: z.string().max(200).optional().describe('who made it'),
  at: z.string().datetime({ offset: true }).optional().describe('when (ISO 8601)'),
  note: z.string().max(2000).optional().describe('why'),
  undone: z.strictObject({ by: z.string().max(200).optional(), at: z.string().datetime({ offset: true }) }).optional()
    .describe('set when the correction was undone: it is kept for the record and no longer applied'),
};

const Attribution = z.strictObject({
  ...Entry,
  quoteId: z.string().regex(/^quote:[0-9a-f]{16}$/).optional().describe('the quote, in every document carrying it'),
  document: z.string().min(1).optional().describe('file name of the document (with `quote`)'),
  quote: z.string().min(3).optional().describe('the start of the quote text (with `document`)'),
  speaker: z.string().min(1).nullable().describe('the speaker as named in the graph; null: nobody can be named'),
  speakerKind: z.enum(['person', 'organization', 'report']).nullable().optional(),
  speakerId: z.string().min(1).optional().describe('the graph node chosen, for the record'),
  quoteText: z.string().max(300).optional().describe('the start of the quote, for the record'),
}).refine((a) => a.quoteId !== undefined || (a.document !== undefined && a.quote !== undefined), 'needs a quoteId, or a document and the start of the quote')
  .refine((a) => a.speaker === null || (a.speakerKind ?? null) !== null, 'a named speaker needs its speakerKind');

const Role = z.strictObject({
  ...Entry,
  person: z.string().min(1),
  personId: z.string().regex(/^person:\S+$/).optional().describe('the graph node, for the record'),
  title: z.string().min(1),
  organization: z.string().min(1).nullable(),
  document: z.string().min(1).optional().describe('only in this document; every document naming the person when left out'),
});

export const OverridesSchema = z.strictObject({
  attributions: z.array(Attribution).default([]),
  merges: z.array(z.strictObject({
    ...Entry,
    from: z.string().min(1).describe('a name as written in some document'),
    into: z.string().min(1).describe('the canonical name it is the same entity as'),
    intoId: z.string().regex(/^(person|org):\S+$/).optional().describe("the merged entity's node id, so it keeps it whichever document names it"),
    intoKind: z.string().min(1).max(40).optional().describe("the merged entity's kind, which the names merged into it take on"),
  })).default([]),
  roles: z.array(Role).default([]),
  removedRoles: z.array(Role).default([]).describe('roles a document states that are wrong: taken off the person'),
});
export type Overrides = z.infer<typeof OverridesSchema>;
export type OverrideSection = keyof Overrides;

export const EMPTY_OVERRIDES: Overrides = { attributions: [], merges: [], roles: [], removedRoles: [] };

export function loadOverrides(file: string): Overrides {
  if (!fs.existsSync(file)) return EMPTY_OVERRIDES;
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = OverridesSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: field "${issue.path.join('.')}": ${issue.message}`);
  }
  return parsed.data;
}

/**
 * Writes the whole file or nothing: a temporary file beside it, flushed, then renamed over it,
 * so a crash mid-write leaves the previous corrections, never half of them.
 */
export function saveOverrides(file: string, overrides: Overrides): void {
  const checked = OverridesSchema.parse(overrides);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const fd = fs.openSync(temp, 'w');
  try {
    fs.writeSync(fd, `${JSON.stringify(checked, null, 2)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

export interface OverrideReport {
  applied: string[];
}

const live = <T extends { undone?: unknown }>(entries: T[]): T[] => entries.filter((e) => !e.undone);

/** Returns a new extraction with the overrides that concern this document applied; undone ones are skipped. */
export function applyOverrides(extraction: Extraction, overrides: Overrides, report: OverrideReport): Extraction {
  const doc = extraction.doc;
  const out: Extraction = structuredClone(extraction);
  const mergeTarget = new Map(live(overrides.merges).map((m) => [normalizeName(m.from), m.into]));
  const canonical = (name: string) => mergeTarget.get(normalizeName(name)) ?? name;
  const attributions = live(overrides.attributions);

  for (const q of out.quotes) {
    const id = ids.quote(q.text);
    // the latest correction of a quote stands
    const rule = attributions.findLast((a) => a.quoteId ? a.quoteId === id : a.document === doc && normalizeName(q.text).startsWith(normalizeName(a.quote!)));
    if (rule) {
      q.speaker = rule.speaker === null ? null : canonical(rule.speaker);
      q.speakerKind = rule.speaker === null ? null : rule.speakerKind!;
      // the extraction's own evidence no longer stands behind this speaker: a person does
      q.confidence = 1;
      q.evidence = { sieve: null, cue: null, mention: null, resolvedBy: 'curator' };
      q.speakerSpan = null;
      delete q.candidates;
      report.applied.push(`${doc}: quote "${q.text.slice(0, 40)}…" ${rule.speaker === null ? 'marked unattributed' : `attributed to ${rule.speaker}`}`);
    } else if (q.speaker) {
      q.speaker = canonical(q.speaker);
    }
  }
  const merged = mergePeople(out, canonical, (from, into) => report.applied.push(`${doc}: ${from} merged into ${into}`));
  const people = new Map(merged.people.map((p) => [p.name, p]));
  const sameRole = (a: { title: string; organization: string | null }, b: { title: string; organization: string | null }) =>
    normalizeName(a.title) === normalizeName(b.title) && normalizeName(a.organization ? canonical(a.organization) : '') === normalizeName(b.organization ? canonical(b.organization) : '');
  for (const r of live(overrides.roles)) {
    if (r.document && r.document !== doc) continue;
    const person = people.get(canonical(r.person));
    if (!person || person.roles.some((held) => sameRole(held, r))) continue;
    person.roles.push({ title: r.title, organization: r.organization === null ? null : canonical(r.organization), start: 0, end: 0 });
    report.applied.push(`${doc}: role "${r.title}" added to ${person.name}`);
  }
  for (const r of live(overrides.removedRoles)) {
    if (r.document && r.document !== doc) continue;
    const person = people.get(canonical(r.person));
    if (!person) continue;
    const before = person.roles.length;
    person.roles = person.roles.filter((held) => !sameRole(held, r));
    if (person.roles.length < before) report.applied.push(`${doc}: role "${r.title}" taken off ${person.name}`);
  }
  // a merged entity keeps the chosen node's id, not the one its old name gave it (ids follow gazetteerId, see to-graph.ts)
  const intoId = new Map(live(overrides.merges).filter((m) => m.intoId).map((m) => [normalizeName(m.into), m.intoId!]));
  const intoKind = new Map(live(overrides.merges).filter((m) => m.intoKind).map((m) => [normalizeName(m.into), m.intoKind!]));
  const keepId = (name: string, prefix: string): string | undefined => {
    const id = intoId.get(normalizeName(name));
    return id?.startsWith(prefix) ? id.slice(prefix.length) : undefined;
  };
  // and its kind: a commissioner merged into an inspector does not make the inspector a commissioner
  out.people = [...people.values()].map((p) => {
    const gazetteerId = keepId(p.name, 'person:');
    const kind = intoKind.get(normalizeName(p.name)) as typeof p.kind | undefined;
    return gazetteerId || kind ? { ...p, ...(gazetteerId ? { gazetteerId } : {}), ...(kind ? { kind } : {}) } : p;
  });
  out.organizations = out.organizations.map((o) => {
    const into = canonical(o.name);
    if (into === o.name) return o;
    report.applied.push(`${doc}: ${o.name} merged into ${into}`);
    const kind = (intoKind.get(normalizeName(into)) as typeof o.kind | undefined) ?? o.kind;
    return { ...o, name: into, kind, aliases: [...new Set([...o.aliases, o.name])], gazetteerId: keepId(into, 'org:') ?? null };
  });
  return out;
}

/**
 * People renamed to their canonical names, those who become one merged (aliases, roles and
 * mentions kept), and quote speakers renamed with them. Mutates and returns `extraction`.
 */
export function mergePeople(extraction: Extraction, canonical: (name: string) => string, onMerge?: (from: string, into: string) => void): Extraction {
  for (const q of extraction.quotes) if (q.speaker && q.speakerKind !== 'organization' && q.speakerKind !== 'report') q.speaker = canonical(q.speaker);
  const people = new Map<string, Extraction['people'][number]>();
  for (const p of extraction.people) {
    const into = canonical(p.name);
    if (into !== p.name) onMerge?.(p.name, into);
    const target = people.get(normalizeName(into));
    if (target) {
      target.aliases = [...new Set([...target.aliases, p.name, ...p.aliases])].filter((a) => a !== target.name);
      target.roles.push(...p.roles);
      target.mentions.push(...p.mentions);
      target.gazetteerId ??= p.gazetteerId;
    } else {
      people.set(normalizeName(into), { ...p, name: into, aliases: into !== p.name ? [...new Set([...p.aliases, p.name])] : p.aliases });
    }
  }
  extraction.people = [...people.values()];
  return extraction;
}
