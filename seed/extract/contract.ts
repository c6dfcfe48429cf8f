// The extraction contract of DESIGN.md: what `npm run extract -- --json` prints. It is the
// Extraction without the extras the graph loader uses (body, clutter, spans, ids, claims).

import { z } from 'zod';
import type { Extraction } from './types.js';

const SpanSchema = z.object({ start: z.number().int().min(0), end: z.number().int().min(0) });

export const ContractQuoteSchema = z.object({
  text: z.string().min(1),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  speaker: z.string().nullable(),
  speakerKind: z.enum(['person', 'organization', 'report']).nullable(),
  evidence: z.object({
    sieve: z.string().nullable(),
    cue: SpanSchema.nullable(),
    mention: SpanSchema.nullable(),
    resolvedBy: z.string().nullable(),
  }),
  confidence: z.number().min(0).max(1),
  candidates: z.array(z.object({ name: z.string(), score: z.number() })).optional(),
});

export const ExtractionContractSchema = z.object({
  doc: z.string().min(1),
  document: z.object({ title: z.string().nullable(), publisher: z.string().nullable(), publishedAt: z.iso.date().nullable() }).optional(),
  quotes: z.array(ContractQuoteSchema),
  people: z.array(
    z.object({
      name: z.string().min(1),
      roles: z.array(z.object({ title: z.string(), organization: z.string().nullable() })),
    }),
  ),
  organizations: z.array(z.object({ name: z.string().min(1), kind: z.string(), aliases: z.array(z.string()) })),
  reports: z.array(
    z.object({
      title: z.string().min(1),
      publisher: z.string().nullable(),
      year: z.number().int().nullable(),
      catalogueId: z.string().nullable().optional(),
      url: z.string().nullable().optional(),
      evidence: z.array(z.string()).optional(),
      confidence: z.number().min(0).max(1).optional(),
    }),
  ),
});

export type ExtractionContract = z.infer<typeof ExtractionContractSchema>;

export type ContractDocument = NonNullable<ExtractionContract['document']>;

/** `document`: the title, publisher and date the document goes by (sidecar, page metadata, stated date). */
export function toContract(x: Extraction, document?: ContractDocument): ExtractionContract {
  return {
    doc: x.doc,
    ...(document ? { document } : {}),
    quotes: x.quotes.map((q) => ({
      text: q.text,
      start: q.start,
      end: q.end,
      speaker: q.speaker,
      speakerKind: q.speakerKind,
      evidence: q.evidence,
      confidence: q.confidence,
      ...(q.candidates ? { candidates: q.candidates } : {}),
    })),
    people: x.people.map((p) => ({ name: p.name, roles: p.roles.map((r) => ({ title: r.title, organization: r.organization })) })),
    organizations: x.organizations.map((o) => ({ name: o.name, kind: o.kind, aliases: o.aliases })),
    reports: x.reports.map((r) => ({ title: r.title, publisher: r.publisher, year: r.year, catalogueId: r.catalogueId, url: r.url, evidence: r.evidence, confidence: r.confidence })),
  };
}
