import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { NODE_LABELS, REL_TYPES, NodeIdSchema } from '../model/graph.js';

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

export const QuotesQuery = z.object({
  speaker: NodeIdSchema.optional(),
  speakerKind: z.enum(['person', 'organization', 'report']).optional(),
  organization: NodeIdSchema.optional(),
  report: NodeIdSchema.optional(),
  document: NodeIdSchema.optional(),
  q: z.string().trim().min(1).max(200).optional(),
  limit: limit(20, 200),
  offset,
});

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
