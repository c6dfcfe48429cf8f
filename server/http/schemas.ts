import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { DOCUMENT_KINDS, NODE_LABELS, REL_TYPES, NodeIdSchema, TEXT_SOURCES } from '../model/graph.js';
import { REVIEW_REASONS } from './review.js';

extendZodWithOpenApi(z);

// Request schemas: every input of the API is parsed here, and the parsed value is what
// handlers receive. The OpenAPI document is generated from the same schemas.

const list = <T extends z.ZodType<string, string>>(item: T, max: number) =>
  z.string().max(4000).transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean)).pipe(z.array(item).max(max));

const limit = (def: number, max: number) => z.coerce.number().int().min(1).max(max).default(def);
const offset = z.coerce.number().int().min(0).max(100_000).default(0);

export const IdParams = z.object({ id: NodeIdSchema });

export const SearchQuery = z.object({
  q: z.string().trim().min(1).max(200).openapi({ example: 'zoe bill' }),
  kinds: list(z.enum(NODE_LABELS), 6).optional().openapi({ type: 'string', example: 'Person,Organization' }),
  facets: z.enum(['true', 'false']).transform((v) => v === 'true').optional().describe('also count the matches of each kind, whatever `kinds` keeps'),
  limit: limit(10, 100),
  offset,
});

export const OverviewQuery = z.object({ limit: limit(30, 200) });

export const NeighbourhoodQuery = z.object({
  ids: list(NodeIdSchema, 50).refine((a) => a.length > 0, 'at least one id').openapi({ type: 'string', example: 'person:zoe-billingham' }),
  depth: z.coerce.number().int().min(1).max(3).default(1),
  kinds: list(z.enum(NODE_LABELS), 6).optional().openapi({ type: 'string', example: 'Person,Quote' }),
  rels: list(z.enum(REL_TYPES), 10).optional().openapi({ type: 'string', example: 'SAID,HOLDS_ROLE' }),
  perNode: limit(25, 500),
  limit: limit(500, 5000),
});

export const PathQuery = z.object({
  from: NodeIdSchema,
  to: NodeIdSchema,
  maxHops: z.coerce.number().int().min(1).max(10).default(6),
});

/** A calendar day as YYYY-MM-DD, checked to exist (2019-02-30 is refused). */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a day of the calendar');

const quoteFilters = {
  speaker: NodeIdSchema.optional(),
  speakerKind: z.enum(['person', 'organization', 'report']).optional(),
  organization: NodeIdSchema.optional(),
  report: NodeIdSchema.optional(),
  document: NodeIdSchema.optional(),
  q: z.string().trim().min(1).max(200).optional(),
  from: day.optional().describe('quoted in a document published on or after this day'),
  to: day.optional().describe('quoted in a document published on or before this day'),
};
const fromNotAfterTo = (v: { from?: string; to?: string }) => !v.from || !v.to || v.from <= v.to;
const fromAfterTo = { message: '"from" is after "to"', path: ['from'] };

export const QuotesQuery = z.object({ ...quoteFilters, limit: limit(20, 200), offset }).refine(fromNotAfterTo, fromAfterTo);

/** The quotes of a filter as a sheet; `ids` narrows it to the quotes on the user's canvas. */
export const ExportQuotesQuery = z.object({
  ...quoteFilters,
  ids: list(z.string().regex(/^quote:[\w-]{1,64}$/, 'a quote id'), 400).optional().openapi({ type: 'string', example: 'quote:4ae43edc7d289b80' }),
  format: z.enum(['csv', 'xlsx']).default('csv'),
}).refine(fromNotAfterTo, fromAfterTo);

export const ClaimsQuery = z.object({
  measure: z.string().trim().min(1).max(200).optional(),
  document: NodeIdSchema.optional(),
  limit: limit(50, 500),
  offset,
});

export const CypherBody = z.object({
  query: z.string().trim().min(1).max(20_000).openapi({ example: 'MATCH (p:Person)-[:SAID]->(q:Quote) RETURN p.name, q.text LIMIT 10' }),
  params: z.record(z.string(), z.unknown()).default({}),
  timeoutMs: z.number().int().min(100).max(60_000).optional(),
  rowLimit: z.number().int().min(1).max(10_000).optional(),
});

export const ExportFormat = z.enum(['json', 'csv', 'graphml']);
export const ExportNeighbourhoodQuery = NeighbourhoodQuery.extend({ format: ExportFormat.default('json') });
export const ExportCypherQuery = z.object({ format: ExportFormat.default('json') });

// Responses (documented shapes; the TypeScript types come from the store port).
export const ElementSchema = z.object({
  group: z.enum(['nodes', 'edges']),
  data: z.object({ id: z.string(), label: z.string(), kind: z.string() }).catchall(z.unknown()),
}).openapi('Element');
export const ErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
}).openapi('Error');

const GraphNodeSchema = z.object({
  id: z.string(),
  label: z.enum(NODE_LABELS),
  name: z.string().describe('display name: a name, a title or the start of a quote'),
  kind: z.string().nullable().describe('Person / Organization / Document kind, Claim unit'),
  properties: z.record(z.string(), z.unknown()),
}).openapi('GraphNode');

const TruncationSchema = z.object({ id: z.string(), hidden: z.number().int().describe('neighbours left out: the client offers "+N more"') }).openapi('Truncation');

export const HealthResponse = z.object({
  status: z.literal('ok'),
  backend: z.enum(['ladybug', 'neo4j']),
  counts: z.object({ nodes: z.record(z.string(), z.number()), relationships: z.record(z.string(), z.number()) }),
});

export const StatsResponse = z.object({
  nodes: z.record(z.enum(NODE_LABELS), z.number().int()),
  relationships: z.record(z.enum(REL_TYPES), z.number().int()),
  totals: z.object({ nodes: z.number().int(), relationships: z.number().int() }),
});

export const SearchResponse = z.object({
  hits: z.array(z.object({
    node: GraphNodeSchema,
    rank: z.number().int().min(0).max(4).describe('4 exact name, 3 exact alias, 2 word prefix, 1 contains, 0 one typo away'),
    matched: z.string().describe('the name or alias that matched'),
    role: z.object({ title: z.string(), organization: z.string() }).optional().describe('a person found by a role a document gives them, not by name'),
  })),
  total: z.number().int().describe('matches in all (an estimate when a very common word matches more than the index reads)'),
  facets: z.array(z.object({ kind: z.enum(NODE_LABELS), count: z.number().int() })).optional().describe('with facets=true: the matches of each kind, for every kind that has some'),
});

export const ElementsResponse = z.object({ elements: z.array(ElementSchema), truncated: z.array(TruncationSchema) });

export const PathResponse = z.object({ found: z.boolean(), elements: z.array(ElementSchema) });

const SpanSchema = z.object({ start: z.number().int(), end: z.number().int() });

const AttributionSchema = z.object({
  confidence: z.number().min(0).max(1).nullable().describe('how sure the extraction is of the speaker, 0 to 1 (calibrated); 1 when a curator confirmed it'),
  sieve: z.string().nullable().describe('the rule that found the speaking mention'),
  resolvedBy: z.string().nullable().describe('how the mention was resolved to the speaker ("curator" for a correction)'),
  cue: SpanSchema.nullable().describe('the verb of saying or colon tying the quote to its speaker'),
  mention: SpanSchema.nullable().describe('the mention of the speaker'),
  candidates: z.array(z.object({ name: z.string(), score: z.number() })).describe('when the speaker was withheld as too unsure: who it might be, best first'),
}).openapi('Attribution');

const QuoteViewSchema = z.object({
  id: z.string(),
  text: z.string(),
  speaker: z.object({ id: z.string(), name: z.string(), label: z.enum(NODE_LABELS) }).nullable(),
  roles: z.array(z.object({ title: z.string(), organizationId: z.string(), organization: z.string() })).describe('roles the speaker holds, as the quoting document states them'),
  sources: z.array(z.object({
    documentId: z.string(), title: z.string(), publisher: z.string().nullable(), publishedAt: z.string().nullable(), url: z.string().nullable(),
    start: z.number().int().describe('offset of the quote in the document text'), end: z.number().int(),
    page: z.number().int().nullable().describe('the page the quote starts on, for documents with pages (PDF)'),
    speakerId: z.string().nullable().describe('who this document says spoke (documents carrying one quote can disagree)'),
    attribution: AttributionSchema.describe('how the quote came by its speaker in this document'),
  })),
}).openapi('QuoteView');

export const NodeResponse = z.object({
  node: GraphNodeSchema,
  relationshipCounts: z.array(z.object({ type: z.enum(REL_TYPES), direction: z.enum(['out', 'in']), count: z.number().int() })),
  provenance: z.array(z.object({
    documentId: z.string(), title: z.string(), start: z.number().int().nullable(), end: z.number().int().nullable(), via: z.enum(REL_TYPES),
  })),
  provenanceTotal: z.number().int(),
  roles: z.array(z.object({ title: z.string(), organizationId: z.string(), organization: z.string(), documentId: z.string().nullable() })),
  quotes: z.array(QuoteViewSchema),
  lineage: z.array(z.object({
    id: z.string(), name: z.string(), year: z.number().int().nullable().describe('the year of the rename'), relation: z.enum(['predecessor', 'successor']),
  })).describe("a body's earlier and later names (HMIC → HMICFRS), nearest first"),
});

export const QuotesResponse = z.object({ quotes: z.array(QuoteViewSchema), total: z.number().int() });

export const ReviewQuery = z.object({ reason: z.enum(REVIEW_REASONS).optional().describe('only items with this reason'), limit: limit(20, 200), offset });

export const ReviewResponse = z.object({
  items: z.array(z.object({
    quote: QuoteViewSchema,
    confidence: z.number().min(0).max(1).nullable().describe('the lowest confidence over the documents carrying the quote'),
    reasons: z.array(z.enum(REVIEW_REASONS)).describe('why it needs a human: withheld (unsure, with candidates), low-confidence (below 0.7), close-candidates (top two within 0.1), speakers-differ (documents carrying it name different speakers), speaker-quoted-once'),
  })),
  total: z.number().int(),
  counts: z.record(z.enum(REVIEW_REASONS), z.number().int()).describe('items per reason over the whole queue'),
});

export const TraceQuery = z.object({ limit: limit(50, 200), offset });

export const TraceResponse = z.object({
  quote: QuoteViewSchema,
  sources: z.array(z.object({
    documentId: z.string(), title: z.string(), publisher: z.string().nullable(), publishedAt: z.string().nullable(),
    start: z.number().int(), end: z.number().int(), page: z.number().int().nullable(),
    sentence: z.object({ text: z.string(), start: z.number().int(), end: z.number().int() }).nullable().describe('the sentence around the quote in that document'),
  })),
  total: z.number().int().describe('documents carrying the quote'),
});

export const DocumentResponse = z.object({
  id: z.string(), title: z.string(), publisher: z.string().nullable(), publishedAt: z.string().nullable(), url: z.string().nullable(),
  kind: z.string(), text: z.string(),
  textSource: z.enum(TEXT_SOURCES).describe('where the text came from: the file, a web page, a PDF text layer, OCR of a scan, a Word file'),
  pageStarts: z.array(z.number().int()).describe('offset where each page starts; empty without pages'),
  ocrPages: z.array(z.number().int()).describe('pages read by OCR, whose text may differ from the page in places'),
  quotes: z.array(z.object({ id: z.string(), start: z.number().int(), end: z.number().int(), page: z.number().int().nullable(), speakerId: z.string().nullable(), speaker: z.string().nullable(), attribution: AttributionSchema })),
  mentions: z.array(z.object({ id: z.string(), label: z.enum(NODE_LABELS), name: z.string(), start: z.number().int(), end: z.number().int() })),
});

const ClaimViewSchema = z.object({
  id: z.string(), text: z.string(), value: z.number(), unit: z.string(), measure: z.string(),
  sources: z.array(z.object({ documentId: z.string(), title: z.string(), publisher: z.string().nullable(), start: z.number().int(), end: z.number().int() })),
  reports: z.array(z.object({ id: z.string(), title: z.string() })),
}).openapi('ClaimView');

export const ClaimsResponse = z.object({
  claims: z.array(ClaimViewSchema),
  total: z.number().int(),
  disagreements: z.array(z.object({
    measure: z.string(), unit: z.string(), reportId: z.string().nullable(),
    values: z.array(z.object({ value: z.number(), claimId: z.string(), documents: z.array(z.object({ documentId: z.string(), title: z.string() })) })),
  })).describe('documents giving different values for the same measure of the same report'),
});

export const CypherResponse = z.object({
  columns: z.array(z.string()),
  rows: z.array(z.array(z.unknown())),
  elements: z.array(ElementSchema),
  truncated: z.boolean().describe('true when the row cap or the byte cap cut the result'),
  truncatedBy: z.enum(['rows', 'bytes']).nullable().describe('which cap cut the result'),
  elapsedMs: z.number(),
});

export const SchemaResponse = z.object({
  labels: z.array(z.object({ label: z.enum(NODE_LABELS), properties: z.array(z.string()) })),
  relationshipTypes: z.array(z.object({ type: z.enum(REL_TYPES), properties: z.array(z.string()), endpoints: z.array(z.object({ from: z.enum(NODE_LABELS), to: z.enum(NODE_LABELS) })) })),
});

export const ExamplesResponse = z.array(z.object({ title: z.string(), query: z.string() }));

/** What a download route sends, by format. */
export const DOWNLOAD_TYPES = {
  json: 'application/json',
  csv: 'text/csv',
  graphml: 'application/graphml+xml',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

const Curator = {
  note: z.string().trim().max(2000).optional().describe('why: kept with the correction in the audit view'),
  by: z.string().trim().min(1).max(200).optional().describe('who makes it (the page sends the name the curator gave)'),
};

export const SpeakerBody = z.strictObject({
  speaker: NodeIdSchema.nullable().describe('the person or body who said it (the current speaker to confirm it); null: nobody can be named'),
  ...Curator,
});

export const MergeBody = z.strictObject({
  ids: z.array(NodeIdSchema).min(1).max(50).describe('entities that are the same as `into`'),
  into: NodeIdSchema.describe('the entity they become; people with people, bodies with bodies'),
  ...Curator,
});

export const RoleBody = z.strictObject({
  title: z.string().trim().min(2).max(200),
  organization: NodeIdSchema.nullable().default(null).describe('the body the role is at; null: a title at no named body'),
  ...Curator,
});

export const RoleDeleteQuery = z.strictObject({
  title: z.string().trim().min(2).max(200),
  organization: NodeIdSchema.optional(),
  ...Curator,
});

export const UndoBody = z.strictObject({ by: Curator.by });

export const CorrectionIdParams = z.object({ id: z.string().regex(/^[ch]-[0-9a-f]{8,10}$/, 'a correction id from GET /api/corrections') });

const CorrectionSchema = z.object({
  id: z.string(),
  kind: z.enum(['speaker', 'merge', 'role', 'role-removed']),
  summary: z.string(),
  by: z.string().nullable(),
  at: z.string().nullable(),
  note: z.string().nullable(),
  undone: z.object({ by: z.string().nullable(), at: z.string() }).nullable(),
  entries: z.array(z.object({ section: z.enum(['attributions', 'merges', 'roles', 'removedRoles']), entry: z.record(z.string(), z.unknown()) })).describe('its entries in the overrides file'),
}).openapi('Correction');

export const CorrectionResponse = z.object({
  correction: CorrectionSchema,
  applied: z.object({
    documents: z.number().int().describe('documents derived again and rewritten'),
    elsewhere: z.number().int().describe('documents it concerns from a folder this server does not seed: `npm run seed` that folder to apply it there'),
    skipped: z.array(z.object({ file: z.string(), reason: z.string() })),
  }),
});

export const CorrectionsResponse = z.object({ corrections: z.array(CorrectionSchema), total: z.number().int() });

export const UploadFields = z.strictObject({
  title: z.string().trim().min(1).max(500).optional(),
  publisher: z.string().trim().max(200).optional(),
  url: z.url().max(2000).optional(),
  publishedAt: z.iso.date().optional().describe('YYYY-MM-DD'),
  kind: z.enum(DOCUMENT_KINDS).optional(),
});

export const JobIdParams = z.object({ id: z.string().regex(/^job-[0-9a-f]{8}$/, 'a job id from POST /api/documents') });

const JobSchema = z.object({
  id: z.string(),
  state: z.enum(['queued', 'running', 'done', 'failed']),
  files: z.array(z.string()),
  done: z.number().int(),
  total: z.number().int(),
  current: z.string().nullable(),
  skipped: z.array(z.object({ file: z.string(), reason: z.string() })).describe('files refused or not loaded, each with why'),
  documents: z.array(z.string()).describe('ids of the documents loaded'),
  quotes: z.number().int(),
  entities: z.number().int(),
  error: z.string().nullable(),
  createdAt: z.string(),
  endedAt: z.string().nullable(),
}).openapi('Job');

export const UploadResponse = z.object({ job: JobSchema, refused: z.array(z.object({ file: z.string(), reason: z.string() })) });
export const JobResponse = z.object({ job: JobSchema });
