import neo4j, { type BookmarkManager, type Driver, type ManagedTransaction, type Relationship, type Session } from 'neo4j-driver';
import {
  DocumentGraphSchema, NODE_LABELS, NODE_PROPERTIES, REL_PROPERTIES, REL_TYPES, labelOfId, nodeCount, pageAt, relationshipGroups,
  type DocumentGraph, type GraphEdge, type GraphNode, type NodeLabel, type OrganizationNode, type PersonNode, type RelType, type Subgraph,
} from '../../model/graph.js';
import { withSearchText } from '../../model/search-text.js';
import { writeOneByOne } from '../shared/one-by-one.js';
import { QueryRefusedError } from '../../errors.js';
import type {
  ClaimView, Counts, CypherRequest, CypherResult, DocumentText, GraphStore, NeighbourhoodQuery, NodeDetail,
  QuoteFilter, QuoteView, RemovalSummary, SearchHit, SearchQuery, StoredDocument, WriteSummary,
} from '../port.js';
import { compareHits, queryTokens, rankNames, TYPO_MIN_LENGTH } from '../shared/search-rank.js';
import { documentSource, numbers } from '../shared/document-source.js';
import { AnswerBudget, PROVENANCE_CAP, SEARCH_DEFAULT_LABELS, summaryEdge, summaryNode } from '../shared/limits.js';
import { mergeEntity, withoutNames } from '../shared/merge-entities.js';
import { canonicalConsoleQuery } from '../shared/console-cypher.js';
import { DOCUMENT_REL_TYPES, FULLTEXT_LABELS } from './schema.js';
import * as S from './statements.js';
import { connectError, consoleError, storeError } from './errors.js';
import { publishedCondition, publishedParams } from '../shared/published-range.js';
import { attributionOf } from '../shared/attribution.js';
import {
  collectGraph, int, luceneQuery, modelNode, num, numOrNull, plain, strOrNull, toGraphEdge, typedRow, userParams, type Row,
} from './values.js';

/** how long opening may wait for the server before it says so */
const CONNECT_TIMEOUT_MS = 5000;
/** how long the schema step waits for new indexes to come online */
const INDEX_WAIT_SECONDS = 60;
const SEARCH_CANDIDATES = 2000;
const DELETE_BATCH_SIZE = 10_000;
/** Nodes and relationships in one write transaction: about a second's work for a single server. */
const BATCH_ROWS = 10_000;

/** The documents in order, cut into batches of at most BATCH_ROWS rows, none naming a document twice. */
function batches(graphs: DocumentGraph[]): DocumentGraph[][] {
  const out: DocumentGraph[][] = [];
  let batch: DocumentGraph[] = [];
  let ids = new Set<string>();
  let size = 0;
  for (const g of graphs) {
    const rows = nodeCount(g) + g.relationships.length;
    if (batch.length && (size + rows > BATCH_ROWS || ids.has(g.document.id))) {
      out.push(batch);
      batch = [];
      ids = new Set();
      size = 0;
    }
    batch.push(g);
    ids.add(g.document.id);
    size += rows;
  }
  if (batch.length) out.push(batch);
  return out;
}

export interface Neo4jOptions {
  uri: string;
  user: string;
  password: string;
  database?: string;
}

type Mode = 'READ' | 'WRITE';
type TransactionConfig = NonNullable<Parameters<Session['executeRead']>[1]>;
type Params = Record<string, unknown>;

async function rows(tx: ManagedTransaction, statement: string, params: Params = {}): Promise<Row[]> {
  const result = await tx.run(statement, params);
  return result.records.map((record) => record.toObject() as Row);
}

export class Neo4jStore implements GraphStore {
  readonly backend = 'neo4j' as const;
  /** one chain of bookmarks for every session: a read sees the writes before it, even on a follower */
  private readonly bookmarks: BookmarkManager = neo4j.bookmarkManager();

  /** Use `open`; this takes a driver that is already connected (or a stand-in, for tests). */
  constructor(private readonly driver: Driver, private readonly database: string | undefined) {}

  static async open(options: Neo4jOptions): Promise<Neo4jStore> {
    let driver: Driver;
    try {
      driver = neo4j.driver(options.uri, neo4j.auth.basic(options.user, options.password), {
        disableLosslessIntegers: true,
        connectionTimeout: CONNECT_TIMEOUT_MS,
        connectionAcquisitionTimeout: CONNECT_TIMEOUT_MS,
        maxTransactionRetryTime: 15_000,
        userAgent: 'oversight-graph',
      });
    } catch (error) {
      throw connectError(options.uri, options.user, options.database, error);
    }
    try {
      await withDeadline(driver.verifyConnectivity({ database: options.database }), CONNECT_TIMEOUT_MS * 2);
    } catch (error) {
      await driver.close().catch(() => undefined);
      throw connectError(options.uri, options.user, options.database, error);
    }
    const store = new Neo4jStore(driver, options.database);
    try {
      await store.ensureSchema();
    } catch (error) {
      await store.close().catch(() => undefined);
      throw error;
    }
    return store;
  }

  async ensureSchema(): Promise<void> {
    const session = this.session('WRITE');
    try {
      // schema changes cannot share a transaction with anything else
      for (const statement of S.schemaStatements()) await session.executeWrite((tx) => tx.run(statement));
      await session.executeWrite((tx) => tx.run(S.AWAIT_INDEXES, { seconds: int(INDEX_WAIT_SECONDS) }));
    } catch (error) {
      throw storeError('could not create the Neo4j constraints and indexes', error);
    } finally {
      await session.close();
    }
  }

  async documentHash(documentId: string): Promise<string | null> {
    const found = await this.read((tx) => rows(tx, S.DOCUMENT_HASH, { id: documentId }));
    return strOrNull(found[0]?.sha);
  }

  async storedDocuments(): Promise<StoredDocument[]> {
    const found = await this.read((tx) => rows(tx, S.STORED_DOCUMENTS, {}));
    return found.map((r) => ({ id: r.id as string, corpus: strOrNull(r.corpus), sha256: r.sha256 as string }));
  }

  async removeDocuments(documentIds: string[]): Promise<RemovalSummary> {
    const summary: RemovalSummary = { documents: [], removed: [] };
    for (const docId of documentIds) {
      try {
        await this.transaction('WRITE', async (tx) => {
          if (!(await rows(tx, S.DOCUMENT_HASH, { id: docId })).length) return;
          const touched = await this.deleteDocumentStatements(tx, [docId]);
          await tx.run(S.DELETE_DOCUMENT, { docId });
          await this.deleteOrphans(tx, touched);
          const left = new Set((await rows(tx, S.EXISTING_IDS, { ids: touched })).map((r) => r.id as string));
          await tx.run(S.REANCHOR_QUOTES, { ids: [...left].filter((id) => labelOfId(id) === 'Quote'), docId });
          summary.documents.push(docId);
          for (const id of touched.filter((t) => !left.has(t))) summary.removed.push({ label: labelOfId(id)!, id });
        });
      } catch (error) {
        throw storeError(`could not remove document ${docId}`, error);
      }
    }
    return summary;
  }

  async writeDocumentGraph(input: DocumentGraph): Promise<WriteSummary> {
    const graph = DocumentGraphSchema.parse(input);
    try {
      return (await this.writeBatch([graph]))[0]!;
    } catch (error) {
      throw storeError(`could not write document ${graph.document.id}`, error);
    }
  }

  /**
   * Documents a transaction up to BATCH_ROWS nodes and relationships, each label and
   * relationship type by one UNWIND for the whole batch: short transactions, as a cluster
   * wants, for a fraction of the round trips. When a batch fails, its documents are written
   * one at a time, so one bad graph costs only itself; its error is rethrown after the rest.
   */
  async writeDocumentGraphs(inputs: DocumentGraph[]): Promise<WriteSummary[]> {
    const graphs = inputs.map((g) => DocumentGraphSchema.parse(g));
    const out: WriteSummary[] = [];
    let failure: unknown = null;
    for (const batch of batches(graphs)) {
      const done = batch.length > 1 ? await this.writeBatch(batch).catch(() => null) : null;
      if (done) out.push(...done);
      else out.push(...(await writeOneByOne(batch, (g) => this.writeDocumentGraph(g)).catch((error: unknown) => { failure ??= error; return []; })));
    }
    if (failure) throw failure;
    return out;
  }

  private writeBatch(graphs: DocumentGraph[]): Promise<WriteSummary[]> {
    return this.transaction('WRITE', async (tx) => {
      const touched = await this.deleteDocumentStatements(tx, graphs.map((g) => g.document.id));
      await this.upsertNodes(tx, 'Document', graphs.map((g) => withSearchText('Document', g.document)));
      await this.upsertEntities(tx, 'Person', graphs.flatMap((g) => g.people));
      await this.upsertEntities(tx, 'Organization', graphs.flatMap((g) => g.organizations));
      await this.upsertNodes(tx, 'Report', graphs.flatMap((g) => g.reports).map((r) => withSearchText('Report', r)));
      await this.upsertNodes(tx, 'Quote', graphs.flatMap((g) => g.quotes).map((q) => withSearchText('Quote', q)));
      await this.upsertNodes(tx, 'Claim', graphs.flatMap((g) => g.claims).map((c) => withSearchText('Claim', c)));
      await this.createRelationships(tx, graphs.flatMap((g) => g.relationships));
      await this.deleteOrphans(tx, touched);
      return graphs.map((g) => ({ documentId: g.document.id, nodes: nodeCount(g), relationships: g.relationships.length, changed: true }));
    });
  }

  async forgetNames(entries: Parameters<GraphStore['forgetNames']>[0]): Promise<void> {
    if (!entries.length) return;
    try {
      await this.transaction('WRITE', async (tx) => {
        for (const label of ['Person', 'Organization'] as const) {
          const mine = entries.filter((e) => labelOfId(e.id) === label);
          if (!mine.length) continue;
          const stored = await rows(tx, S.storedEntities(label), { ids: mine.map((e) => e.id) });
          const next = stored.map((r) => {
            const entity = { id: r.id, name: r.name, aliases: (r.aliases as string[] | null) ?? [], kind: r.kind, ...(label === 'Person' ? { titles: (r.titles as string[] | null) ?? [] } : {}) } as PersonNode;
            const m = withoutNames(entity, mine.find((e) => e.id === entity.id)!);
            return withSearchText(label, m);
          });
          await this.upsertNodes(tx, label, next);
        }
      });
    } catch (error) {
      throw storeError('could not take names off entities', error);
    }
  }

  async writeRenames(renames: Parameters<GraphStore['writeRenames']>[0]): Promise<void> {
    if (!renames.length) return;
    try {
      await this.transaction('WRITE', async (tx) => {
        for (const { from, to, year } of renames) {
          for (const org of [from, to]) {
            await this.upsertEntities(tx, 'Organization', [{ id: org.id, name: org.name, kind: org.kind as OrganizationNode['kind'], aliases: org.aliases }]);
          }
          await tx.run(S.MERGE_RENAME, { from: from.id, to: to.id, year: year === null ? null : int(year) });
        }
      });
    } catch (error) {
      throw storeError('could not write renames', error);
    }
  }

  /** Removes every relationship this document stated; returns the nodes they touched. */
  /** Removes every relationship the documents stated; returns the nodes they touched (the documents themselves aside). */
  private async deleteDocumentStatements(tx: ManagedTransaction, docIds: string[]): Promise<string[]> {
    const touched = new Set<string>();
    for (const type of DOCUMENT_REL_TYPES) {
      for (const row of await rows(tx, S.deleteDocumentRelationships(type), { docIds })) {
        touched.add(row.fromId as string);
        touched.add(row.toId as string);
      }
    }
    for (const id of docIds) touched.delete(id);
    return [...touched];
  }

  private async deleteOrphans(tx: ManagedTransaction, ids: string[]): Promise<void> {
    for (const label of NODE_LABELS) {
      const mine = ids.filter((id) => labelOfId(id) === label);
      if (mine.length) await tx.run(S.deleteOrphans(label), { ids: mine });
    }
  }

  private async upsertEntities(tx: ManagedTransaction, label: 'Person' | 'Organization', incoming: (PersonNode | OrganizationNode)[]): Promise<void> {
    if (!incoming.length) return;
    const existing = await rows(tx, S.storedEntities(label), { ids: incoming.map((e) => e.id) });
    const stored = new Map(existing.map((r) => [r.id as string, { id: r.id, name: r.name, aliases: (r.aliases as string[] | null) ?? [], kind: r.kind, ...(label === 'Person' ? { titles: (r.titles as string[] | null) ?? [] } : {}) } as PersonNode]));
    const merged = incoming.map((e) => {
      const m = mergeEntity(stored.get(e.id) as typeof e | undefined, e);
      stored.set(e.id, m as PersonNode);
      return withSearchText(label, m);
    });
    await this.upsertNodes(tx, label, merged);
  }

  private async upsertNodes(tx: ManagedTransaction, label: NodeLabel, values: Record<string, unknown>[]): Promise<void> {
    if (!values.length) return;
    await tx.run(S.upsertNodes(label), { rows: values.map((v) => typedRow(v, NODE_PROPERTIES[label])) });
  }

  private async createRelationships(tx: ManagedTransaction, rels: DocumentGraph['relationships']): Promise<void> {
    for (const { type, from, to, rels: group } of relationshipGroups(rels)) {
      const batch = group.map((r) => typedRow(r.props, REL_PROPERTIES, { from: r.from, to: r.to }));
      await tx.run(S.createRelationships(type, from, to), { rows: batch });
    }
  }

  /** Removes every node and relationship, in batches; for tests and a full re-seed. */
  async deleteEverything(): Promise<number> {
    let total = 0;
    for (;;) {
      const [row] = await this.transaction('WRITE', (tx) => rows(tx, S.DELETE_BATCH, { batch: int(DELETE_BATCH_SIZE) }))
        .catch((error: unknown) => { throw storeError('could not empty the Neo4j database', error); });
      const deleted = num(row?.deleted ?? 0);
      total += deleted;
      if (deleted < DELETE_BATCH_SIZE) return total;
    }
  }

  async rolesMatching(tokens: string[], limit: number): Promise<{ personId: string; title: string; organization: string }[]> {
    if (!tokens.length) return [];
    const found = await this.read((tx) => rows(tx, S.ROLES_MATCHING, { tokens, limit: int(limit) }));
    return found.map((r) => ({ personId: r.person as string, title: r.title as string, organization: r.org as string }));
  }

  async search(query: SearchQuery): Promise<{ hits: SearchHit[]; total: number }> {
    const tokens = queryTokens(query.text);
    if (!tokens.length) return { hits: [], total: 0 };
    const labels = query.labels?.length ? query.labels : SEARCH_DEFAULT_LABELS;
    const wanted = query.offset + query.limit;
    const indexed = labels.filter((l) => (FULLTEXT_LABELS as readonly string[]).includes(l));
    // documents are not in the full-text index: their titles are scanned (there are far fewer of them)
    const scanned = labels.filter((l) => !indexed.includes(l));
    const scan = (of: NodeLabel[]) => this.read(async (tx) => {
      const found: GraphNode[] = [];
      for (const label of of) {
        for (const row of await rows(tx, S.scanSearch(label), { tokens, limit: int(SEARCH_CANDIDATES) })) found.push(modelNode(row.n));
      }
      return found;
    });
    let hits: SearchHit[] | null = null;
    if (indexed.length) {
      const candidates = await this.fulltextCandidates(luceneQuery(tokens), indexed);
      if (candidates) {
        const ranked = rankHits(query.text, [...candidates, ...(scanned.length ? await scan(scanned) : [])]);
        // the index finds word prefixes; when they do not fill the page, mid-word matches may belong on it
        if (ranked.length >= wanted && ranked[wanted - 1]!.rank > 1) hits = ranked;
      }
    }
    hits ??= rankHits(query.text, await scan(labels));
    if (!hits.length && indexed.length) {
      // nothing at all: the index's fuzzy terms find a name with one word mistyped; the ranking checks it
      const fuzzy = await this.fulltextCandidates(luceneQuery(tokens, { oneTypo: TYPO_MIN_LENGTH }), indexed);
      if (fuzzy) hits = rankHits(query.text, fuzzy);
    }
    return { hits: hits.slice(query.offset, wanted), total: hits.length };
  }

  /** Candidates from the full-text index for a Lucene query, or null when the index cannot answer. */
  private async fulltextCandidates(query: string, labels: NodeLabel[]): Promise<GraphNode[] | null> {
    try {
      const found = await this.transaction('READ', (tx) =>
        rows(tx, S.FULLTEXT_SEARCH, { query, labels, limit: int(SEARCH_CANDIDATES) }));
      return found.map((row) => modelNode(row.node));
    } catch {
      return null;
    }
  }

  async getNode(id: string): Promise<NodeDetail | null> {
    const label = labelOfId(id);
    if (!label) return null;
    return this.read(async (tx) => {
      const found = await rows(tx, S.nodeById(label), { id });
      if (!found[0]) return null;
      const node = modelNode(found[0].n);
      const relationshipCounts: NodeDetail['relationshipCounts'] = (await rows(tx, S.nodeRelationshipCounts(label), { id })).map((r) => ({
        type: r.type as RelType, direction: r.outgoing ? 'out' : 'in', count: num(r.total),
      }));
      const spans = await rows(tx, S.nodeProvenance(label), { id, limit: int(PROVENANCE_CAP + 1) });
      const shown = spans.slice(0, PROVENANCE_CAP);
      const provenanceTotal = spans.length > PROVENANCE_CAP ? num((await rows(tx, S.nodeProvenanceCount(label), { id }))[0]?.total ?? 0) : shown.length;
      const docIds = [...new Set(shown.map((p) => p.docId as string))];
      const titles = new Map((await rows(tx, S.DOCUMENT_TITLES, { ids: docIds })).map((r) => [r.id as string, r.title as string]));
      const provenance = shown.map((p) => ({
        documentId: p.docId as string, title: titles.get(p.docId as string) ?? (p.docId as string),
        start: numOrNull(p.startOffset), end: numOrNull(p.endOffset), via: p.via as RelType,
      }));
      return { node, relationshipCounts, provenance, provenanceTotal };
    });
  }

  /** Breadth first, one round trip per ring and label: each query brings every frontier node's first neighbours and its count. */
  async neighbourhood(q: NeighbourhoodQuery): Promise<Subgraph> {
    const filter: S.NeighbourFilter = { relTypes: !!q.relTypes?.length, labels: !!q.labels?.length };
    const params: Params = {
      ...(filter.relTypes ? { types: q.relTypes } : {}),
      ...(filter.labels ? { labels: q.labels } : {}),
    };
    return this.read(async (tx) => {
      const nodes = new Map<string, GraphNode>();
      const edges = new Map<string, GraphEdge>();
      const truncated = new Map<string, number>();
      const seeds = await this.nodesByIds(tx, q.ids);
      for (const n of seeds) nodes.set(n.id, summaryNode(n));
      let frontier = seeds.map((n) => n.id);
      for (let depth = 1; depth <= q.depth && frontier.length && nodes.size < q.limit; depth++) {
        // enough rows per node for its new neighbours and for those already shown, whose edges we want too
        const fetch = q.perNodeLimit * 5 + 1;
        const ring = new Map<string, { found: { rel: Relationship; source: string; target: string; node: unknown }[]; total: number }>();
        for (const label of NODE_LABELS) {
          const ids = frontier.filter((id) => labelOfId(id) === label);
          if (!ids.length) continue;
          for (const row of await rows(tx, S.neighbourRing(label, filter), { ids, ...params, limit: int(fetch) })) {
            ring.set(row.id as string, { found: row.found as never, total: num(row.total) });
          }
        }
        const next: string[] = [];
        for (const id of frontier) {
          if (nodes.size >= q.limit) break;
          const room = Math.min(q.perNodeLimit, q.limit - nodes.size);
          const { found, total } = ring.get(id) ?? { found: [], total: 0 };
          let added = 0;
          const shown = new Set<string>();
          for (const row of found) {
            const m = modelNode(row.node);
            if (!nodes.has(m.id)) {
              if (added >= room) continue;
              nodes.set(m.id, summaryNode(m));
              next.push(m.id);
              added++;
            }
            shown.add(m.id);
            const edge = toGraphEdge(row.rel, row.source, row.target);
            if (edge) edges.set(edge.id, summaryEdge(edge));
          }
          if (total > shown.size) truncated.set(id, total - shown.size);
        }
        frontier = next;
      }
      return { nodes: [...nodes.values()], edges: [...edges.values()], truncated: [...truncated].map(([id, hidden]) => ({ id, hidden })) };
    });
  }

  async shortestPath(fromId: string, toId: string, maxHops: number): Promise<Subgraph | null> {
    const a = labelOfId(fromId), b = labelOfId(toId);
    if (!a || !b) return null;
    const hops = Number.isFinite(maxHops) ? Math.max(1, Math.min(S.MAX_PATH_HOPS, Math.floor(maxHops))) : S.MAX_PATH_HOPS;
    return this.read(async (tx) => {
      // Neo4j refuses a shortest path from a node to itself: the answer is the node alone
      if (fromId === toId) {
        const [row] = await rows(tx, S.nodeById(a), { id: fromId });
        return row ? { nodes: [modelNode(row.n)], edges: [], truncated: [] } : null;
      }
      const found = await rows(tx, S.shortestPaths(a, b, hops), { from: fromId, to: toId });
      if (!found.length) return null;
      return { ...collectGraph(found.map((r) => r.p)), truncated: [] };
    });
  }

  async quotes(f: QuoteFilter): Promise<{ quotes: QuoteView[]; total: number }> {
    if (f.quoteId) {
      const id = f.quoteId;
      const quotes = await this.read((tx) => this.quoteViews(tx, [id]));
      return { quotes, total: quotes.length };
    }
    const tokens = f.text ? queryTokens(f.text) : [];
    const clauses: S.QuoteClauses = {
      speaker: !!f.speakerId,
      speakerLabel: f.speakerKind ? ({ person: 'Person', organization: 'Organization', report: 'Report' } as const)[f.speakerKind] : null,
      organization: !!f.organizationId,
      report: !!f.reportId,
      document: !!f.documentId,
      text: tokens.length > 0,
      ids: !!f.ids,
      published: publishedCondition(f.published ?? {}),
    };
    const params: Params = {
      ...publishedParams(f.published ?? {}),
      ...(f.ids ? { quoteIds: f.ids } : {}),
      ...(f.speakerId ? { speakerId: f.speakerId } : {}),
      ...(f.organizationId ? { organizationId: f.organizationId } : {}),
      ...(f.reportId ? { reportId: f.reportId } : {}),
      ...(f.documentId ? { documentId: f.documentId } : {}),
      ...(tokens.length ? { tokens: tokens.map((t) => ` ${t}`) } : {}),
    };
    return this.read(async (tx) => {
      const [count] = await rows(tx, S.quoteCount(clauses), params);
      const page = await rows(tx, S.quotePage(clauses), { ...params, skip: int(f.offset), limit: int(f.limit) });
      return { quotes: await this.quoteViews(tx, page.map((r) => r.id as string)), total: num(count?.total ?? 0) };
    });
  }

  private async quoteViews(tx: ManagedTransaction, ids: string[]): Promise<QuoteView[]> {
    if (!ids.length) return [];
    const found = await rows(tx, S.QUOTE_VIEWS, { ids });
    const speakerIds = [...new Set(found.map((r) => r.speakerId).filter(Boolean))] as string[];
    const roles = speakerIds.length ? await rows(tx, S.SPEAKER_ROLES, { ids: speakerIds }) : [];
    const views = new Map<string, QuoteView>();
    for (const r of found) {
      const id = r.id as string;
      const view = views.get(id) ?? { id, text: r.text as string, speaker: null, roles: [], sources: [] };
      const speakerId = r.speakerId as string | null;
      const speakerLabel = speakerId ? labelOfId(speakerId) : undefined;
      if (speakerId && speakerLabel && !view.speaker) {
        view.speaker = { id: speakerId, name: r.speaker as string, label: speakerLabel };
        const stated = roles.filter((x) => x.person === speakerId && x.docId === r.docId);
        view.roles = (stated.length ? stated : roles.filter((x) => x.person === speakerId))
          .map((x) => ({ title: x.title as string, organizationId: x.orgId as string, organization: x.org as string }))
          .filter((x, i, all) => all.findIndex((y) => y.title === x.title && y.organizationId === x.organizationId) === i);
      }
      // a quote said by two speakers in one document is still one source
      if (!view.sources.some((x) => x.documentId === r.docId && x.start === num(r.startOffset))) {
        view.sources.push({
          documentId: r.docId as string, title: r.title as string, publisher: strOrNull(r.publisher), publishedAt: strOrNull(r.publishedAt), url: strOrNull(r.url),
          start: num(r.startOffset), end: num(r.endOffset), page: pageAt(numbers(r.pageStarts), num(r.startOffset)), speakerId, attribution: attributionOf(r),
        });
      }
      views.set(id, view);
    }
    return ids.map((id) => views.get(id)).filter((v): v is QuoteView => !!v);
  }

  async documentText(documentId: string): Promise<DocumentText | null> {
    return this.read(async (tx) => {
      const [doc] = await rows(tx, S.DOCUMENT_BY_ID, { id: documentId });
      if (!doc) return null;
      const p = modelNode(doc.d).properties;
      const quotes = await rows(tx, S.DOCUMENT_QUOTES, { id: documentId });
      const mentions = await rows(tx, S.DOCUMENT_MENTIONS, { id: documentId });
      const source = documentSource(p);
      return {
        id: documentId,
        title: p.title as string, publisher: strOrNull(p.publisher), publishedAt: strOrNull(p.publishedAt),
        url: strOrNull(p.url), kind: p.kind as string, text: p.text as string,
        ...source,
        quotes: quotes.map((r) => ({
          id: r.id as string, start: num(r.startOffset), end: num(r.endOffset), page: pageAt(source.pageStarts, num(r.startOffset)), speakerId: strOrNull(r.speakerId), speaker: strOrNull(r.speaker), attribution: attributionOf(r),
        // a quote said by two speakers in one document is one span
        })).filter((q, i, all) => all.findIndex((x) => x.id === q.id && x.start === q.start) === i),
        mentions: mentions.flatMap((r) => {
          const label = labelOfId(r.id as string);
          const starts = (r.spanStarts as unknown[] | null) ?? [];
          const ends = (r.spanEnds as unknown[] | null) ?? [];
          return label ? starts.map((start, i) => ({ id: r.id as string, label, name: r.name as string, start: num(start), end: num(ends[i]) })) : [];
        }).sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      };
    });
  }

  async claims(f: { measure?: string; documentId?: string; limit: number; offset: number }): Promise<{ claims: ClaimView[]; total: number }> {
    const tokens = queryTokens(f.measure ?? '');
    const clauses: S.ClaimClauses = { document: !!f.documentId, measure: tokens.length > 0 };
    const params: Params = { ...(f.documentId ? { documentId: f.documentId } : {}), ...(tokens.length ? { tokens: tokens.map((t) => ` ${t}`) } : {}) };
    return this.read(async (tx) => {
      const [count] = await rows(tx, S.claimCount(clauses), params);
      const found = await rows(tx, S.claimPage(clauses), { ...params, skip: int(f.offset), limit: int(f.limit) });
      const views = new Map<string, ClaimView>();
      for (const r of found) {
        const id = r.id as string;
        const v = views.get(id) ?? { id, text: r.text as string, value: num(r.value), unit: r.unit as string, measure: r.measure as string, sources: [], reports: [] };
        const start = num(r.startOffset);
        if (!v.sources.some((x) => x.documentId === r.docId && x.start === start)) {
          v.sources.push({ documentId: r.docId as string, title: r.title as string, publisher: strOrNull(r.publisher), start, end: num(r.endOffset) });
        }
        if (r.reportId && !v.reports.some((x) => x.id === r.reportId)) v.reports.push({ id: r.reportId as string, title: r.report as string });
        views.set(id, v);
      }
      return { claims: [...views.values()], total: num(count?.total ?? 0) };
    });
  }

  async counts(): Promise<Counts> {
    return this.read(async (tx) => {
      const nodes = {} as Counts['nodes'];
      for (const label of NODE_LABELS) nodes[label] = num((await rows(tx, S.countNodes(label)))[0]?.total ?? 0);
      const relationships = {} as Counts['relationships'];
      for (const type of REL_TYPES) relationships[type] = num((await rows(tx, S.countRelationships(type)))[0]?.total ?? 0);
      return { nodes, relationships };
    });
  }

  async topNodes(limit: number, labels: NodeLabel[] = ['Person', 'Organization', 'Report']): Promise<GraphNode[]> {
    return this.read(async (tx) => {
      const scored: { node: GraphNode; degree: number }[] = [];
      for (const label of labels) {
        for (const r of await rows(tx, S.topNodes(label), { limit: int(limit) })) scored.push({ node: modelNode(r.n), degree: num(r.degree) });
      }
      return scored.sort((a, b) => b.degree - a.degree).slice(0, limit).map((s) => s.node);
    });
  }

  /**
   * A user's statement, read-only by three locks: the unsafe forms are refused by name; the
   * server plans it (EXPLAIN) and anything it would not only read is refused before it runs;
   * it then runs in a read transaction with a server-side timeout.
   */
  async runReadOnly(req: CypherRequest): Promise<CypherResult> {
    const query = canonicalConsoleQuery(req.query);
    const params = userParams(req.params) as Params;
    const config: TransactionConfig = { timeout: req.timeoutMs, metadata: { app: 'oversight-graph', purpose: 'console' } };
    const session = this.session('READ');
    const started = Date.now();
    try {
      const queryType = await session.executeRead(async (tx) => {
        try {
          return (await tx.run(S.explain(query), params)).summary.queryType;
        } catch (error) {
          // converted here, so the driver does not retry a user's mistake
          throw consoleError(error, req.timeoutMs, Date.now() - started);
        }
      }, config);
      if (queryType !== 'r') {
        throw new QueryRefusedError('write', 'refused: the database reports this statement writes data or schema; the console is read-only');
      }
      return await session.executeRead(async (tx) => {
        const ran = Date.now();
        try {
          const result = tx.run(query, params);
          const columns = [...(await result.keys())];
          const rows: unknown[][] = [];
          const raw: unknown[] = [];
          const budget = new AnswerBudget(req.rowLimit, req.byteLimit ?? Number.MAX_SAFE_INTEGER);
          for await (const record of result) {
            const values = columns.map((c) => record.get(c));
            const row = values.map(plain);
            // leaving the loop early discards the rest of the stream on the server
            if (!budget.admit(rows.length, row)) break;
            raw.push(...values);
            rows.push(row);
          }
          return { columns, rows, graph: collectGraph(raw), truncated: budget.truncatedBy !== null, truncatedBy: budget.truncatedBy, elapsedMs: Date.now() - ran };
        } catch (error) {
          throw consoleError(error, req.timeoutMs, Date.now() - ran);
        }
      }, config);
    } catch (error) {
      throw consoleError(error, req.timeoutMs, Date.now() - started);
    } finally {
      await session.close();
    }
  }

  private async nodesByIds(tx: ManagedTransaction, ids: string[]): Promise<GraphNode[]> {
    const out: GraphNode[] = [];
    for (const label of NODE_LABELS) {
      const mine = ids.filter((id) => labelOfId(id) === label);
      if (!mine.length) continue;
      out.push(...(await rows(tx, S.nodesByIds(label), { ids: mine })).map((r) => modelNode(r.n)));
    }
    return out;
  }

  private session(mode: Mode) {
    return this.driver.session({
      database: this.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.bookmarks,
    });
  }

  /** One managed transaction: reads route to followers, writes to the leader; transient failures are retried. */
  private async transaction<T>(mode: Mode, work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.session(mode);
    try {
      return mode === 'READ' ? await session.executeRead(work) : await session.executeWrite(work);
    } finally {
      await session.close();
    }
  }

  private async read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    try {
      return await this.transaction('READ', work);
    } catch (error) {
      throw storeError('Neo4j query failed', error);
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}

/** Ranking as on the embedded store: the shared name ranking, quotes and claims found by their text. */
function rankHits(text: string, candidates: GraphNode[]): SearchHit[] {
  const hits = new Map<string, SearchHit>();
  for (const node of candidates) {
    if (hits.has(node.id)) continue;
    const aliases = (node.properties.aliases as string[] | undefined) ?? [];
    const ranked = rankNames(text, node.name, node.label === 'Quote' ? [] : aliases)
      ?? (node.label === 'Quote' || node.label === 'Claim' ? { rank: 1, matched: node.name } : null);
    if (ranked) hits.set(node.id, { node, ...ranked });
  }
  return [...hits.values()].sort(compareHits);
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

