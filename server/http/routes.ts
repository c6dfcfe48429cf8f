import type { z } from 'zod';
import { labelOfId, NODE_LABELS, NODE_PROPERTIES, REL_ENDPOINTS, REL_PROPERTIES, REL_TYPES } from '../model/graph.js';
import type { GraphStore, QuoteView } from '../store/port.js';
import { guardConsoleQuery } from '../store/shared/console-guard.js';
import { NotFoundError } from '../errors.js';
import { toElements, type Element } from './elements.js';
import { rowsToCsv, toCsv, toGraphml } from './export.js';
import {
  ClaimsQuery, CypherBody, ExportCypherQuery, ExportNeighbourhoodQuery, IdParams, NeighbourhoodQuery, OverviewQuery, PathQuery, QuotesQuery, SearchQuery,
} from './schemas.js';
import { EXAMPLE_QUERIES } from './examples.js';

// The route table: one list that Express mounts and the OpenAPI document describes, so no
// route can exist without being in the spec.

export interface RouteContext {
  store: GraphStore;
  limits: { timeoutMs: number; rowLimit: number };
}

export interface Reply {
  status?: number;
  body?: unknown;
  download?: { fileName: string; contentType: string; content: string };
}

export interface Route<Q extends z.ZodType = z.ZodType, P extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> {
  method: 'get' | 'post';
  path: string;
  summary: string;
  query?: Q;
  params?: P;
  body?: B;
  rateLimited?: boolean;
  handle(input: { query: z.infer<Q>; params: z.infer<P>; body: z.infer<B> }, ctx: RouteContext): Promise<Reply>;
}

const route = <Q extends z.ZodType, P extends z.ZodType, B extends z.ZodType>(r: Route<Q, P, B>) => r as unknown as Route;

export const routes: Route[] = [
  route({
    method: 'get', path: '/api/health', summary: 'The backend in use and node counts',
    async handle(_, { store }) {
      return { body: { status: 'ok', backend: store.backend, counts: await store.counts() } };
    },
  }),
  route({
    method: 'get', path: '/api/search', summary: 'Entities, reports and quotes by name or text, best match first', query: SearchQuery,
    async handle({ query }, { store }) {
      return { body: await store.search({ text: query.q, labels: query.kinds, limit: query.limit, offset: query.offset }) };
    },
  }),
  route({
    method: 'get', path: '/api/overview', summary: 'The most connected entities and what surrounds them', query: OverviewQuery,
    async handle({ query }, { store }) {
      const top = await store.topNodes(query.limit);
      if (!top.length) return { body: { elements: [], truncated: [] } };
      const g = await store.neighbourhood({ ids: top.map((n) => n.id), depth: 1, perNodeLimit: 6, limit: query.limit * 5 });
      return { body: { elements: toElements(g), truncated: g.truncated } };
    },
  }),
  route({
    method: 'get', path: '/api/nodes/{id}', summary: 'One node: properties, relationship counts, provenance, roles and quotes', params: IdParams,
    async handle({ params }, { store }) {
      const detail = await store.getNode(params.id);
      if (!detail) throw new NotFoundError('node', params.id);
      const label = labelOfId(params.id);
      let roles: { title: string; organizationId: string; organization: string; documentId: string | null }[] = [];
      let quotes: QuoteView[] = [];
      if (label === 'Person' || label === 'Organization') {
        const g = await store.neighbourhood({ ids: [params.id], depth: 1, relTypes: ['HOLDS_ROLE'], perNodeLimit: 200, limit: 201 });
        const names = new Map(g.nodes.map((n) => [n.id, n.name]));
        roles = g.edges.map((e) => {
          const other = e.source === params.id ? e.target : e.source;
          return { title: String(e.properties.title ?? ''), organizationId: other, organization: names.get(other) ?? other, documentId: (e.properties.docId as string) ?? null };
        });
        const filter = label === 'Person' ? { speakerId: params.id } : { organizationId: params.id };
        quotes = (await store.quotes({ ...filter, limit: 100, offset: 0 })).quotes;
      } else if (label === 'Report') {
        quotes = (await store.quotes({ reportId: params.id, limit: 100, offset: 0 })).quotes;
      }
      return { body: { ...detail, roles, quotes } };
    },
  }),
  route({
    method: 'get', path: '/api/neighbourhood', summary: 'The subgraph around nodes, as Cytoscape elements, with counts of what was left out', query: NeighbourhoodQuery,
    async handle({ query }, { store }) {
      const g = await store.neighbourhood({ ids: query.ids, depth: query.depth as 1 | 2 | 3, labels: query.kinds, relTypes: query.rels, perNodeLimit: query.perNode, limit: query.limit });
      return { body: { elements: toElements(g), truncated: g.truncated } };
    },
  }),
  route({
    method: 'get', path: '/api/path', summary: 'Shortest paths between two nodes', query: PathQuery,
    async handle({ query }, { store }) {
      for (const id of [query.from, query.to]) if (!(await store.getNode(id))) throw new NotFoundError('node', id);
      const g = await store.shortestPath(query.from, query.to, query.maxHops);
      return { body: { found: !!g, elements: g ? toElements(g) : [] } };
    },
  }),
  route({
    method: 'get', path: '/api/quotes', summary: 'Quotes with speaker, role, documents and exact spans', query: QuotesQuery,
    async handle({ query }, { store }) {
      return {
        body: await store.quotes({
          speakerId: query.speaker, speakerKind: query.speakerKind, organizationId: query.organization, reportId: query.report,
          documentId: query.document, text: query.q, limit: query.limit, offset: query.offset,
        }),
      };
    },
  }),
  route({
    method: 'get', path: '/api/quotes/{id}/trace', summary: 'Every document carrying a quote, with the surrounding sentence', params: IdParams,
    async handle({ params }, { store }) {
      const found = await findQuote(store, params.id);
      if (!found) throw new NotFoundError('quote', params.id);
      const sources = [];
      for (const s of found.sources) {
        const doc = await store.documentText(s.documentId);
        sources.push({ ...s, sentence: doc ? sentenceAround(doc.text, s.start, s.end) : null });
      }
      return { body: { quote: found, sources } };
    },
  }),
  route({
    method: 'get', path: '/api/documents/{id}', summary: "A document's text with every quote and mention span", params: IdParams,
    async handle({ params }, { store }) {
      const doc = await store.documentText(params.id);
      if (!doc) throw new NotFoundError('document', params.id);
      return { body: doc };
    },
  }),
  route({
    method: 'get', path: '/api/claims', summary: 'Figures with the documents stating them, their reports, and disagreements', query: ClaimsQuery,
    async handle({ query }, { store }) {
      const page = await store.claims({ measure: query.measure, documentId: query.document, limit: query.limit, offset: query.offset });
      const all = await store.claims({ measure: query.measure, documentId: query.document, limit: 1000, offset: 0 });
      const byMeasure = new Map<string, typeof all.claims>();
      for (const c of all.claims) byMeasure.set(`${c.measure}|${c.unit}`, [...(byMeasure.get(`${c.measure}|${c.unit}`) ?? []), c]);
      const disagreements = [...byMeasure.values()].filter((cs) => new Set(cs.map((c) => c.value)).size > 1).map((cs) => ({
        measure: cs[0]!.measure,
        values: cs.map((c) => ({ value: c.value, claimId: c.id, documents: c.sources.map((s) => ({ documentId: s.documentId, title: s.title })) })),
      }));
      return { body: { ...page, disagreements } };
    },
  }),
  route({
    method: 'post', path: '/api/cypher', summary: 'Run a read-only Cypher query: a table and graph elements', body: CypherBody, rateLimited: true,
    async handle({ body }, ctx) {
      return { body: await runConsole(body, ctx) };
    },
  }),
  route({
    method: 'get', path: '/api/schema', summary: 'Labels, relationship types and properties, for console help and completion',
    async handle() {
      return {
        body: {
          labels: NODE_LABELS.map((label) => ({ label, properties: Object.keys(NODE_PROPERTIES[label]) })),
          relationshipTypes: REL_TYPES.map((type) => ({ type, properties: Object.keys(REL_PROPERTIES), endpoints: REL_ENDPOINTS[type].map(([from, to]) => ({ from, to })) })),
        },
      };
    },
  }),
  route({
    method: 'get', path: '/api/examples', summary: 'Example console queries that run on both stores',
    async handle() {
      return { body: EXAMPLE_QUERIES };
    },
  }),
  route({
    method: 'get', path: '/api/export/neighbourhood', summary: 'A neighbourhood as JSON, CSV or GraphML', query: ExportNeighbourhoodQuery,
    async handle({ query }, { store }) {
      const g = await store.neighbourhood({ ids: query.ids, depth: query.depth as 1 | 2 | 3, labels: query.kinds, relTypes: query.rels, perNodeLimit: query.perNode, limit: query.limit });
      return { download: exportElements(toElements(g), query.format, 'neighbourhood') };
    },
  }),
  route({
    method: 'post', path: '/api/export/cypher', summary: 'A console result as JSON, CSV (the table) or GraphML (the graph)', query: ExportCypherQuery, body: CypherBody, rateLimited: true,
    async handle({ query, body }, ctx) {
      const result = await runConsole(body, ctx);
      if (query.format === 'csv') return { download: { fileName: 'query.csv', contentType: 'text/csv; charset=utf-8', content: rowsToCsv(result.columns, result.rows) } };
      return { download: exportElements(result.elements, query.format, 'query') };
    },
  }),
];

async function runConsole(body: z.infer<typeof CypherBody>, { store, limits }: RouteContext) {
  guardConsoleQuery(body.query);
  const result = await store.runReadOnly({
    query: body.query,
    params: body.params,
    timeoutMs: Math.min(body.timeoutMs ?? limits.timeoutMs, limits.timeoutMs),
    rowLimit: Math.min(body.rowLimit ?? limits.rowLimit, limits.rowLimit),
  });
  return { columns: result.columns, rows: result.rows, elements: toElements(result.graph), truncated: result.truncated, elapsedMs: result.elapsedMs };
}

function exportElements(elements: Element[], format: 'json' | 'csv' | 'graphml', name: string): NonNullable<Reply['download']> {
  if (format === 'csv') return { fileName: `${name}.csv`, contentType: 'text/csv; charset=utf-8', content: toCsv(elements) };
  if (format === 'graphml') return { fileName: `${name}.graphml`, contentType: 'application/graphml+xml; charset=utf-8', content: toGraphml(elements) };
  return { fileName: `${name}.json`, contentType: 'application/json; charset=utf-8', content: JSON.stringify({ elements }, null, 2) };
}

async function findQuote(store: GraphStore, id: string): Promise<QuoteView | undefined> {
  const node = await store.getNode(id);
  if (node?.node.label !== 'Quote') return undefined;
  const docId = node.provenance.find((p) => p.via === 'QUOTED_IN')?.documentId;
  if (!docId) return undefined;
  const { quotes } = await store.quotes({ documentId: docId, limit: 200, offset: 0 });
  return quotes.find((q) => q.id === id);
}

/** The sentence (or sentences) holding a span: from the previous sentence end to the next one. */
export function sentenceAround(text: string, start: number, end: number): { text: string; start: number; end: number } {
  const before = text.slice(0, start);
  const boundary = Math.max(before.lastIndexOf('\n'), ...['. ', '? ', '! '].map((m) => before.lastIndexOf(m) + 1));
  const from = boundary <= 0 ? 0 : boundary + 1;
  const after = text.slice(end);
  const stops = [after.search(/\n/), after.search(/[.?!](\s|$)/)].filter((i) => i >= 0).map((i, k) => (k === 1 ? i + 1 : i));
  const to = stops.length ? end + Math.min(...stops) : text.length;
  const raw = text.slice(from, to);
  const lead = raw.length - raw.trimStart().length;
  return { text: raw.trim(), start: from + lead, end: from + lead + raw.trim().length };
}
