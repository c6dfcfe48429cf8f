import fs from 'node:fs';
import { z } from 'zod';
import type { Extraction } from '../extract/types.js';
import { normalizeName } from '../gazetteer/normalize.js';

// Curation: a user's corrections, applied on every seed and reported, so a fix made once
// survives re-seeding.

export const OverridesSchema = z.strictObject({
  attributions: z.array(z.strictObject({
    document: z.string().min(1).describe('file name of the document'),
    quote: z.string().min(3).describe('the start of the quote text'),
    speaker: z.string().min(1),
    speakerKind: z.enum(['person', 'organization', 'report']),
  })).default([]),
  merges: z.array(z.strictObject({
    from: z.string().min(1).describe('a name as written in some document'),
    into: z.string().min(1).describe('the canonical name it is the same entity as'),
  })).default([]),
  roles: z.array(z.strictObject({
    person: z.string().min(1),
    title: z.string().min(1),
    organization: z.string().min(1).nullable(),
    document: z.string().min(1).optional().describe('only in this document; every document naming the person when left out'),
  })).default([]),
});
export type Overrides = z.infer<typeof OverridesSchema>;

export const EMPTY_OVERRIDES: Overrides = { attributions: [], merges: [], roles: [] };

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

export interface OverrideReport {
  applied: string[];
}

/** Returns a new extraction with the overrides that concern this document applied. */
export function applyOverrides(extraction: Extraction, overrides: Overrides, report: OverrideReport): Extraction {
  const doc = extraction.doc;
  const out: Extraction = structuredClone(extraction);
  const mergeTarget = new Map(overrides.merges.map((m) => [normalizeName(m.from), m.into]));
  const canonical = (name: string) => mergeTarget.get(normalizeName(name)) ?? name;

  for (const q of out.quotes) {
    const rule = overrides.attributions.find((a) => a.document === doc && normalizeName(q.text).startsWith(normalizeName(a.quote)));
    if (rule) {
      q.speaker = rule.speaker;
      q.speakerKind = rule.speakerKind;
      // the extraction's own evidence no longer stands behind this speaker: a person does
      q.confidence = 1;
      q.evidence = { sieve: null, cue: null, mention: null, resolvedBy: 'curator' };
      q.speakerSpan = null;
      delete q.candidates;
      report.applied.push(`${doc}: quote "${rule.quote}…" attributed to ${rule.speaker}`);
    } else if (q.speaker) {
      q.speaker = canonical(q.speaker);
    }
  }
  const merged = mergePeople(out, canonical, (from, into) => report.applied.push(`${doc}: ${from} merged into ${into}`));
  const people = new Map(merged.people.map((p) => [p.name, p]));
  for (const r of overrides.roles) {
    if (r.document && r.document !== doc) continue;
    const person = people.get(canonical(r.person));
    if (!person) continue;
    person.roles.push({ title: r.title, organization: r.organization, start: 0, end: 0 });
    report.applied.push(`${doc}: role "${r.title}" added to ${person.name}`);
  }
  out.people = [...people.values()];
  out.organizations = out.organizations.map((o) => {
    const into = canonical(o.name);
    if (into === o.name) return o;
    report.applied.push(`${doc}: ${o.name} merged into ${into}`);
    return { ...o, name: into, aliases: [...new Set([...o.aliases, o.name])] };
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
