import type { z } from 'zod';
import { type NodeLabel, labelOfId, NODE_LABELS, NODE_PROPERTIES, REL_ENDPOINTS, REL_PROPERTIES, REL_TYPES } from '../model/graph.js';
import type { GraphStore, QuoteFilter, QuoteView, SearchHit } from '../store/port.js';
import { canonicalConsoleQuery } from '../store/shared/console-cypher.js';
import { queryTokens } from '../store/shared/search-rank.js';
import { AppError, NotFoundError, ValidationError } from '../errors.js';
import { findDisagreements, sentenceAround } from './claims.js';
import { toElements, type Element } from './elements.js';
import { rowsToCsv, toCsv, toGraphml } from './export.js';
import {
  ClaimsQuery, ClaimsResponse, JobIdParams, JobResponse, UploadFields, UploadResponse, CorrectionIdParams, CorrectionResponse, CorrectionsResponse, MergeBody, RoleBody, RoleDeleteQuery, SpeakerBody, UndoBody, CypherBody, CypherResponse, DOWNLOAD_TYPES, DocumentResponse, ElementsResponse, ExamplesResponse, ExportCypherQuery,
  ExportNeighbourhoodQuery, ExportQuotesQuery, HealthResponse, IdParams, NeighbourhoodQuery, NodeResponse, OverviewQuery, PathQuery, PathResponse, QuotesQuery,
  QuotesResponse, ReviewQuery, ReviewResponse, SchemaResponse, SearchQuery, SearchResponse, StatsResponse, TraceQuery, TraceResponse,
} from './schemas.js';
import { EXAMPLE_QUERIES } from './examples.js';
import { allQuotes, quoteSheetCsv, quoteSheetXlsx } from './quote-sheet.js';
import { REVIEW_REASONS, reviewQueue } from './review.js';
import type { Curator } from '../curation/curator.js';
import type { UploadedFile, Uploads } from '../curation/uploads.js';

// The route table: one list that Express mounts and the OpenAPI document describes, so no
// route can exist without being in the spec, and none without its response described.

export interface RouteContext {
  store: GraphStore;
  /** corrections and uploads; a server without them answers every write with 503 */
  curator?: Curator;
  uploads?: Uploads;
  limits: { timeoutMs: number; rowLimit: number; byteLimit?: number };
}

export interface Reply {
  status?: number;
  body?: unknown;
  download?: { fileName: string; contentType: string; content: string | Buffer };
}

/** Errors a route can answer with besides 400 (bad parameters) and 500. */
export type RouteError = 401 | 403 | 404 | 408 | 409 | 413 | 415 | 429 | 503;

export interface Route<Q extends z.ZodType = z.ZodType, P extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  summary: string;
  query?: Q;
  params?: P;
  body?: B;
  /** the JSON body of a 200 answer */
  response?: z.ZodType;
  /** a file download instead: the formats it can send */
  downloads?: readonly (keyof typeof DOWNLOAD_TYPES)[];
  errors?: readonly RouteError[];
  rateLimited?: boolean;
  /** changes the graph: guarded by the curator token or loopback (write-guard.ts) */
  write?: boolean;
  /** the success status when not 200 (202: accepted as a job) */
  status?: 202;
  /** takes files as multipart/form-data in this field (the body schema then checks the text fields) */
  files?: { field: string; max: number };
  handle(input: { query: z.infer<Q>; params: z.infer<P>; body: z.infer<B>; files: UploadedFile[] }, ctx: RouteContext): Promise<Reply>;
}

const route = <Q extends z.ZodType, P extends z.ZodType, B extends z.ZodType>(r: Route<Q, P, B>) => r as unknown as Route;

/** The most connected entities change only when documents are loaded: computed at most once a minute. */
const OVERVIEW_TTL_MS = 60_000;
const overviewCache = new WeakMap<GraphStore, { at: number; limit: number; ids: string[] }>();

export const routes: Route[] = [
  route({
    method: 'get', path: '/api/health', summary: 'The backend in use and node counts', response: HealthResponse,
    async handle(_, { store }) {
      return { body: { status: 'ok', backend: store.backend, counts: await store.counts() } };
    },
  }),
  route({
    method: 'get', path: '/api/stats', summary: 'Counts per node kind and relationship type', response: StatsResponse,
    async handle(_, { store }) {
      const counts = await store.counts();
      const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
      return { body: { ...counts, totals: { nodes: sum(counts.nodes), relationships: sum(counts.relationships) } } };
    },
  }),
  route({
    method: 'get', path: '/api/search', summary: 'Entities, reports and quotes by name or text, best match first', query: SearchQuery, response: SearchResponse,
    async handle({ query }, { store }) {
      const found = await withRoles(store, query, await store.search({ text: query.q, labels: query.kinds, limit: query.limit, offset: query.offset }));
      if (!query.facets) return { body: found };
      // each kind asked on its own, so a kind left out of `kinds` still shows how many it would give
      const facets = [];
      for (const kind of NODE_LABELS) {
        const { total } = await store.search({ text: query.q, labels: [kind], limit: 1, offset: 0 });
        if (total) facets.push({ kind, count: total });
      }
      return { body: { ...found, facets } };
    },
  }),
  route({
    method: 'get', path: '/api/overview', summary: 'The most connected entities and what surrounds them', query: OverviewQuery, response: ElementsResponse,
    async handle({ query }, { store }) {
      const cached = overviewCache.get(store);
      const ids = cached && cached.limit === query.limit && Date.now() - cached.at < OVERVIEW_TTL_MS
        ? cached.ids
        : (await store.topNodes(query.limit)).map((n) => n.id);
      overviewCache.set(store, { at: cached?.ids === ids ? cached.at : Date.now(), limit: query.limit, ids });
      if (!ids.length) return { body: { elements: [], truncated: [] } };
      const g = await store.neighbourhood({ ids, depth: 1, perNodeLimit: 6, limit: query.limit * 5 });
      return { body: { elements: toElements(g), truncated: g.truncated } };
    },
  }),
  route({
    method: 'get', path: '/api/nodes/{id}', summary: 'One node: properties, relationship counts, provenance, roles and quotes', params: IdParams, response: NodeResponse, errors: [404],
    async handle({ params }, { store }) {
      const detail = await store.getNode(params.id);
      if (!detail) throw new NotFoundError('node', params.id);
      const label = labelOfId(params.id);
      let roles: { title: string; organizationId: string; organization: string; documentId: string | null }[] = [];
      let quotes: QuoteView[] = [];
      let lineage: Lineage[] = [];
      if (label === 'Person' || label === 'Organization') {
        const g = await store.neighbourhood({ ids: [params.id], depth: 1, relTypes: ['HOLDS_ROLE'], perNodeLimit: 200, limit: 201 });
        const names = new Map(g.nodes.map((n) => [n.id, n.name]));
        roles = g.edges.map((e) => {
          const other = e.source === params.id ? e.target : e.source;
          return { title: String(e.properties.title ?? ''), organizationId: other, organization: names.get(other) ?? other, documentId: (e.properties.docId as string) ?? null };
        });
        // what the person or the body itself said; a body's people's words are theirs (GET /api/quotes?organization=)
        quotes = (await store.quotes({ speakerId: params.id, limit: 100, offset: 0 })).quotes;
        if (label === 'Organization') lineage = await lineageOf(store, params.id);
      } else if (label === 'Report') {
        quotes = (await store.quotes({ reportId: params.id, limit: 100, offset: 0 })).quotes;
      }
      return { body: { ...detail, roles, quotes, lineage } };
    },
  }),
  route({
    method: 'get', path: '/api/neighbourhood', summary: 'The subgraph around nodes, as Cytoscape elements, with counts of what was left out', query: NeighbourhoodQuery, response: ElementsResponse,
    async handle({ query }, { store }) {
      const g = await store.neighbourhood({ ids: query.ids, depth: query.depth as 1 | 2 | 3, labels: query.kinds, relTypes: query.rels, perNodeLimit: query.perNode, limit: query.limit });
      return { body: { elements: toElements(g), truncated: g.truncated } };
    },
  }),
  route({
    method: 'get', path: '/api/path', summary: 'Shortest paths between two nodes, up to a hop limit', query: PathQuery, response: PathResponse, errors: [404],
    async handle({ query }, { store }) {
      const g = await store.shortestPath(query.from, query.to, query.maxHops);
      // no path: say whether that is because an end does not exist
      if (!g) for (const id of [query.from, query.to]) if (!(await store.getNode(id))) throw new NotFoundError('node', id);
      return { body: { found: !!g, elements: g ? toElements(g) : [] } };
    },
  }),
  route({
    method: 'get', path: '/api/quotes', summary: 'Quotes with speaker, role, documents and exact spans', query: QuotesQuery, response: QuotesResponse,
    async handle({ query }, { store }) {
      return {
        body: await store.quotes({ ...quoteFilter(query), limit: query.limit, offset: query.offset }),
      };
    },
  }),
  route({
    method: 'get', path: '/api/review', summary: 'Attributions that most need a human, most doubtful first, with confidence, evidence and candidates', query: ReviewQuery, response: ReviewResponse,
    async handle({ query }, { store }) {
      const queue = await reviewQueue(store);
      const counts = Object.fromEntries(REVIEW_REASONS.map((r) => [r, queue.filter((i) => i.reasons.includes(r)).length]));
      const matching = query.reason ? queue.filter((i) => i.reasons.includes(query.reason!)) : queue;
      return { body: { items: matching.slice(query.offset, query.offset + query.limit), total: matching.length, counts } };
    },
  }),
  route({
    method: 'get', path: '/api/quotes/{id}/trace', summary: 'Every document carrying a quote, with the sentence around it in each', params: IdParams, query: TraceQuery, response: TraceResponse, errors: [404],
    async handle({ params, query }, { store }) {
      const [found] = (await store.quotes({ quoteId: params.id, limit: 1, offset: 0 })).quotes;
      if (!found) throw new NotFoundError('quote', params.id);
      const sources = [];
      for (const s of found.sources.slice(query.offset, query.offset + query.limit)) {
        const doc = await store.documentText(s.documentId);
        sources.push({ ...s, sentence: doc ? sentenceAround(doc.text, s.start, s.end) : null });
      }
      return { body: { quote: found, sources, total: found.sources.length } };
    },
  }),
  route({
    method: 'get', path: '/api/documents/{id}', summary: "A document's text with every quote and mention span", params: IdParams, response: DocumentResponse, errors: [404],
    async handle({ params }, { store }) {
      const doc = await store.documentText(params.id);
      if (!doc) throw new NotFoundError('document', params.id);
      return { body: doc };
    },
  }),
  route({
    method: 'get', path: '/api/claims', summary: 'Figures with the documents stating them, their reports, and where documents disagree', query: ClaimsQuery, response: ClaimsResponse,
    async handle({ query }, { store }) {
      const page = await store.claims({ measure: query.measure, documentId: query.document, limit: query.limit, offset: query.offset });
      // disagreements are looked for among the first thousand claims the filter selects
      const all = await store.claims({ measure: query.measure, documentId: query.document, limit: 1000, offset: 0 });
      return { body: { ...page, disagreements: findDisagreements(all.claims) } };
    },
  }),
  route({
    method: 'post', path: '/api/cypher', summary: 'Run a read-only Cypher query: a table and graph elements', body: CypherBody, response: CypherResponse, errors: [408, 413, 429], rateLimited: true,
    async handle({ body }, ctx) {
      return { body: await runConsole(body, ctx) };
    },
  }),
  route({
    method: 'get', path: '/api/schema', summary: 'Labels, relationship types and properties, for console help and completion', response: SchemaResponse,
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
    method: 'get', path: '/api/examples', summary: 'Example console queries that run on both stores', response: ExamplesResponse,
    async handle() {
      return { body: EXAMPLE_QUERIES };
    },
  }),
  route({
    method: 'get', path: '/api/export/neighbourhood', summary: 'A neighbourhood as JSON, CSV or GraphML', query: ExportNeighbourhoodQuery, downloads: ['json', 'csv', 'graphml'],
    async handle({ query }, { store }) {
      const g = await store.neighbourhood({ ids: query.ids, depth: query.depth as 1 | 2 | 3, labels: query.kinds, relTypes: query.rels, perNodeLimit: query.perNode, limit: query.limit });
      return { download: exportElements(toElements(g), query.format, 'neighbourhood') };
    },
  }),
  route({
    method: 'get', path: '/api/export/quotes', summary: 'A quote sheet: every quote the filters match, one row per carrying document, as CSV or Excel',
    query: ExportQuotesQuery, downloads: ['csv', 'xlsx'],
    async handle({ query }, { store }) {
      const quotes = await allQuotes(store, { ...quoteFilter(query), ids: query.ids });
      if (query.format === 'csv') return { download: { fileName: 'quotes.csv', contentType: 'text/csv; charset=utf-8', content: quoteSheetCsv(quotes) } };
      const filter = Object.entries(query).filter(([k, v]) => k !== 'format' && v !== undefined).map(([k, v]) => `${k}=${Array.isArray(v) ? `${v.length} quotes` : v}`).join(', ');
      return { download: { fileName: 'quotes.xlsx', contentType: DOWNLOAD_TYPES.xlsx, content: await quoteSheetXlsx(quotes, { filter, generatedAt: new Date().toISOString() }) } };
    },
  }),
  route({
    method: 'post', path: '/api/export/cypher', summary: 'A console result as JSON, CSV (the table) or GraphML (the graph)', query: ExportCypherQuery, body: CypherBody,
    downloads: ['json', 'csv', 'graphml'], errors: [408, 413, 429], rateLimited: true,
    async handle({ query, body }, ctx) {
      const result = await runConsole(body, ctx);
      if (query.format === 'csv') return { download: { fileName: 'query.csv', contentType: 'text/csv; charset=utf-8', content: rowsToCsv(result.columns, result.rows) } };
      if (query.format === 'json') return { download: { fileName: 'query.json', contentType: 'application/json; charset=utf-8', content: JSON.stringify(result, null, 2) } };
      return { download: exportElements(result.elements, query.format, 'query') };
    },
  }),
  route({
    method: 'put', path: '/api/quotes/{id}/speaker', summary: "Correct, confirm or withdraw a quote's speaker: kept in the overrides file and applied at once", write: true,
    params: IdParams, body: SpeakerBody, response: CorrectionResponse, errors: [404, 409],
    async handle({ params, body }, ctx) {
      return { body: await curatorOf(ctx).setSpeaker(params.id, body.speaker, body) };
    },
  }),
  route({
    method: 'post', path: '/api/entities/merge', summary: 'Merge entities that are one person or body', write: true,
    body: MergeBody, response: CorrectionResponse, errors: [404, 409],
    async handle({ body }, ctx) {
      return { body: await curatorOf(ctx).merge(body.ids, body.into, body) };
    },
  }),
  route({
    method: 'post', path: '/api/entities/{id}/roles', summary: 'Give a person a role the documents leave out', write: true,
    params: IdParams, body: RoleBody, response: CorrectionResponse, errors: [404, 409],
    async handle({ params, body }, ctx) {
      return { body: await curatorOf(ctx).addRole(params.id, { title: body.title, organizationId: body.organization }, body) };
    },
  }),
  route({
    method: 'delete', path: '/api/entities/{id}/roles', summary: 'Take a wrong role off a person, in every document stating it', write: true,
    params: IdParams, query: RoleDeleteQuery, response: CorrectionResponse, errors: [404, 409],
    async handle({ params, query }, ctx) {
      return { body: await curatorOf(ctx).removeRole(params.id, { title: query.title, organizationId: query.organization ?? null }, query) };
    },
  }),
  route({
    method: 'get', path: '/api/corrections', summary: "Every curator's correction, newest first, undone ones included", response: CorrectionsResponse, errors: [409],
    async handle(_input, ctx) {
      const corrections = ctx.curator?.list() ?? [];
      return { body: { corrections, total: corrections.length } };
    },
  }),
  route({
    method: 'post', path: '/api/corrections/{id}/undo', summary: 'Undo a correction: kept for the record, no longer applied', write: true,
    params: CorrectionIdParams, body: UndoBody, response: CorrectionResponse, errors: [404, 409],
    async handle({ params, body }, ctx) {
      return { body: await curatorOf(ctx).undo(params.id, body) };
    },
  }),
  route({
    method: 'post', path: '/api/documents', summary: 'Add documents (multipart field "file", up to 20): 202 with the job that loads them', write: true,
    files: { field: 'file', max: 20 }, status: 202, body: UploadFields, response: UploadResponse, errors: [413],
    async handle({ body, files }, ctx) {
      if (!ctx.uploads) throw new AppError('CURATION_OFF', 'this server takes no uploads (it was started without a documents folder)', 503);
      if (!files.length) throw new ValidationError('send the documents as multipart/form-data, each in a field named "file"');
      if (files.length > 1 && (body.title || body.url)) throw new ValidationError('body field "title": a title or URL describes one document; send files that need their own one at a time');
      const { job, refused } = await ctx.uploads.accept(files, body);
      if (!job) throw new ValidationError(`no document could be taken: ${refused.map((r) => `${r.file}: ${r.reason}`).join('; ')}`, { refused });
      return { status: 202, body: { job, refused } };
    },
  }),
  route({
    method: 'get', path: '/api/jobs/{id}', summary: 'An upload job: files done and total, the current file, skips with reasons, the documents loaded', params: JobIdParams, response: JobResponse, errors: [404],
    async handle({ params }, ctx) {
      const job = ctx.uploads?.get(params.id);
      if (!job) throw new NotFoundError('job', params.id);
      return { body: { job } };
    },
  }),
];

/** The store's filter for the API's quote parameters. */
function quoteFilter(query: Omit<z.infer<typeof QuotesQuery>, 'limit' | 'offset'>): Omit<QuoteFilter, 'limit' | 'offset'> {
  return {
    speakerId: query.speaker, speakerKind: query.speakerKind, organizationId: query.organization, reportId: query.report,
    documentId: query.document, text: query.q, ...(query.from || query.to ? { published: { from: query.from, to: query.to } } : {}),
  };
}

/** the console's answer cap when none is configured: 4 MB of JSON */
const DEFAULT_BYTE_LIMIT = 4 * 1024 * 1024;

async function runConsole(body: z.infer<typeof CypherBody>, { store, limits }: RouteContext) {
  const result = await store.runReadOnly({
    query: canonicalConsoleQuery(body.query),
    params: body.params,
    timeoutMs: Math.min(body.timeoutMs ?? limits.timeoutMs, limits.timeoutMs),
    rowLimit: Math.min(body.rowLimit ?? limits.rowLimit, limits.rowLimit),
    byteLimit: limits.byteLimit ?? DEFAULT_BYTE_LIMIT,
  });
  return {
    columns: result.columns, rows: result.rows, elements: toElements(result.graph),
    truncated: result.truncated, truncatedBy: result.truncatedBy ?? null, elapsedMs: result.elapsedMs,
  };
}

function exportElements(elements: Element[], format: 'json' | 'csv' | 'graphml', name: string): NonNullable<Reply['download']> {
  if (format === 'csv') return { fileName: `${name}.csv`, contentType: 'text/csv; charset=utf-8', content: toCsv(elements) };
  if (format === 'graphml') return { fileName: `${name}.graphml`, contentType: 'application/graphml+xml; charset=utf-8', content: toGraphml(elements) };
  return { fileName: `${name}.json`, contentType: 'application/json; charset=utf-8', content: JSON.stringify({ elements }, null, 2) };
}

function curatorOf(ctx: RouteContext): Curator {
  if (!ctx.curator) throw new AppError('CURATION_OFF', 'this server takes no corrections (it was started without a corrections file)', 503);
  return ctx.curator;
}

interface Lineage { id: string; name: string; year: number | null; relation: 'predecessor' | 'successor' }

/**
 * The names a body went by before and after (HMIC → HMICFRS, IPCC → IOPC), nearest first:
 * two nodes, since each name is a historical fact, read together as one body's history.
 */
async function lineageOf(store: GraphStore, id: string): Promise<Lineage[]> {
  const g = await store.neighbourhood({ ids: [id], depth: 3, relTypes: ['RENAMED_TO'], perNodeLimit: 10, limit: 20 });
  const names = new Map(g.nodes.map((n) => [n.id, n.name]));
  const out: Lineage[] = [];
  const walk = (from: string, relation: Lineage['relation'], seen: Set<string>) => {
    for (const e of g.edges) {
      const next = relation === 'successor' ? (e.source === from ? e.target : null) : (e.target === from ? e.source : null);
      if (!next || seen.has(next)) continue;
      seen.add(next);
      out.push({ id: next, name: names.get(next) ?? next, year: typeof e.properties.year === 'number' ? e.properties.year : null, relation });
      walk(next, relation, seen);
    }
  };
  walk(id, 'predecessor', new Set([id]));
  walk(id, 'successor', new Set([id]));
  return out;
}

/**
 * People found by a role the documents give them ("chief executive"), after those found by
 * name: a first page only, and only when people are among the kinds asked for.
 */
type Found = { hits: (SearchHit & { role?: { title: string; organization: string } })[]; total: number };

async function withRoles(store: GraphStore, query: { q: string; kinds?: NodeLabel[]; limit: number; offset: number }, found: Found): Promise<Found> {
  if (query.offset > 0 || (query.kinds?.length && !query.kinds.includes('Person'))) return found;
  const tokens = queryTokens(query.q);
  if (!tokens.length || tokens.join('').length < 4) return found;
  const seen = new Set(found.hits.map((h) => h.node.id));
  const matches = (await store.rolesMatching(tokens, 50)).filter((r) => !seen.has(r.personId) && seen.add(r.personId));
  if (!matches.length) return found;
  // only the people the page has room for are read; the rest count towards the total
  const byRole: Found['hits'] = [];
  for (const r of matches.slice(0, Math.max(0, query.limit - found.hits.length))) {
    const detail = await store.getNode(r.personId);
    if (detail) byRole.push({ node: detail.node, rank: 1, matched: detail.node.name, role: { title: r.title, organization: r.organization } });
  }
  return { hits: [...found.hits, ...byRole], total: found.total + matches.length };
}
