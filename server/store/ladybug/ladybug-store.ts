import fs from 'node:fs';
import path from 'node:path';
import {
  DocumentGraphSchema, NODE_LABELS, NODE_PROPERTIES, REL_ENDPOINTS, REL_TYPES, displayName, edgeId, labelOfId, nodeCount, nodeKind, pageAt,
  type DocumentGraph, type GraphEdge, type GraphNode, type NodeLabel, type OrganizationNode, type PersonNode, type Properties, type RelType, type Subgraph,
} from '../../model/graph.js';
import { withSearchText } from '../../model/search-text.js';
import { QueryRefusedError, QuerySyntaxError, QueryTimeoutError, StoreError } from '../../errors.js';
import type {
  ClaimView, Counts, CypherRequest, CypherResult, DocumentText, GraphStore, NeighbourhoodQuery, NodeDetail,
  QuoteFilter, QuoteView, RemovalSummary, SearchHit, SearchQuery, StoredDocument, WriteSummary,
} from '../port.js';
import { queryTokens, rankNames, TYPO_MIN_LENGTH } from '../shared/search-rank.js';
import { documentSource, numbers } from '../shared/document-source.js';
import { indexEntry, isNameLabel, linesMatch, searchLines } from './search-keys.js';
import { MemorySearchIndex, type MemoryHit } from './memory-search.js';
import { AdjacencyIndex, type EdgeInput } from './adjacency.js';
import { canonicalConsoleQuery } from '../shared/console-cypher.js';
import { WorkGate } from '../shared/work-gate.js';
import { AnswerBudget, NEIGHBOUR_ORDER, PROVENANCE_CAP, SEARCH_DEFAULT_LABELS, SUMMARY_NODE_PROPERTIES, SUMMARY_REL_PROPERTIES } from '../shared/limits.js';
import { ConnectionPool, type Row, type Session } from './connections.js';
import { BatchJournal } from './batch-journal.js';
import { BULK_ROWS, BulkFiles } from './bulk-copy.js';
import { openDatabase } from './open-database.js';
import { TextFiles } from './text-files.js';
import { addedColumnStatements, schemaStatements } from './schema.js';
import { byLabel, removeDocument, upsertEntities, upsertNodes, writeDocuments, type WriteOutcome } from './write-path.js';
import { withoutNames } from '../shared/merge-entities.js';
import { writeOneByOne } from '../shared/one-by-one.js';
import { internalKey, isNode, isPath, isRel, plain, toGraphEdge, toGraphNode } from './values.js';
import { publishedCondition, publishedParams } from '../shared/published-range.js';
import { ATTRIBUTION_COLUMNS, attributionOf } from '../shared/attribution.js';

/** Shortest paths: the most returned when several have the same length. */
const MAX_PATHS = 10;
/** The columns search reads of each label: the names (or text) and what the display name is made of. */
const SEARCH_COLUMNS: Record<NodeLabel, string[]> = {
  Document: ['id', 'title'],
  Person: ['id', 'name', 'aliases'],
  Organization: ['id', 'name', 'aliases'],
  Report: ['id', 'title', 'reference'],
  Quote: ['id', 'text'],
  Claim: ['id', 'text', 'measure'],
};

export interface LadybugOptions {
  dataDir: string;
  readers?: number;
  /**
   * Keep search and adjacency indexes in memory (the default; see warmIndexes). Without them
   * every answer comes from the database: the same answers, slower on a large graph.
   */
  memoryIndexes?: boolean;
  /** told, in one line each, what the store had to work around: a hard stop, a batch it could not write whole */
  warn?: (message: string) => void;
}

/** What the store keeps in memory beside the graph, once built (see warmIndexes). */
interface Indexes {
  search: MemorySearchIndex;
  adjacency: AdjacencyIndex;
}

export class LadybugStore implements GraphStore {
  readonly backend = 'ladybug' as const;
  /** graph write + index update, one at a time; an index build takes its turn among them */
  private writeChain: Promise<unknown> = Promise.resolve();
  private indexes: Indexes | null = null;
  private indexing: Promise<void> | null = null;
  private closing = false;
  /** console statements, one at a time beside the API's readers, a few waiting at most */
  private readonly consoleGate = new WorkGate(1, 4, 'the console is busy with other queries; try again in a few seconds');

  private constructor(
    private readonly pool: ConnectionPool,
    private readonly memoryIndexes: boolean,
    private readonly texts: TextFiles,
    private readonly journal: BatchJournal,
    private readonly bulkFiles: BulkFiles,
    private readonly warn: (message: string) => void,
  ) {}

  static async open(options: LadybugOptions): Promise<LadybugStore> {
    fs.mkdirSync(options.dataDir, { recursive: true });
    const warn = options.warn ?? (() => undefined);
    const db = await openDatabase(options.dataDir, warn);
    const bulkFiles = new BulkFiles(path.join(options.dataDir, 'bulk-load'));
    // what a hard stop left of a COPY's files is of no use
    bulkFiles.clear();
    const store = new LadybugStore(
      new ConnectionPool(db, options.readers ?? 4), options.memoryIndexes ?? true, new TextFiles(options.dataDir), new BatchJournal(options.dataDir), bulkFiles, warn,
    );
    await store.ensureSchema();
    await store.reportLostBatch(warn);
    store.texts.collect(new Set((await store.read('MATCH (d:Document) RETURN d.sha256 AS sha')).map((r) => r.sha as string)));
    return store;
  }

  /**
   * A batch whose journal entry outlived the process was in flight at a hard stop: those of
   * its documents the store does not hold as written must be loaded again.
   */
  private async reportLostBatch(warn: (message: string) => void): Promise<void> {
    const pending = this.journal.pending();
    if (!pending.length) return;
    const stored = new Map((await this.read('UNWIND $ids AS x MATCH (d:Document {id: x}) RETURN d.id AS id, d.sha256 AS sha', { ids: pending.map((p) => p.id) })).map((r) => [r.id as string, r.sha as string]));
    const lost = pending.filter((p) => stored.get(p.id) !== p.sha256);
    if (lost.length) warn(`${lost.length} document(s) of the batch in flight at the last hard stop are not in the store and must be loaded again (run the seed again): ${lost.slice(0, 5).map((p) => p.id).join(', ')}${lost.length > 5 ? ', …' : ''}`);
    this.journal.clear();
  }

  async ensureSchema(): Promise<void> {
    await this.pool.schema(async (s) => {
      for (const statement of schemaStatements()) await s.run(statement);
      for (const table of [...NODE_LABELS, ...REL_TYPES]) {
        const existing = new Set((await s.run(`CALL TABLE_INFO('${table}') RETURN name`)).map((r) => r.name as string));
        for (const statement of addedColumnStatements(table, existing)) await s.run(statement);
      }
    });
  }

  /**
   * Builds the in-memory indexes (search, and the adjacency that neighbourhoods and paths walk)
   * if they are not built, and resolves once they are. Opening does not wait for them: a
   * million nodes take some seconds to read, and a process that only writes (the seed) never
   * needs them. The first search, neighbourhood or path starts the build and, like any that
   * comes before it is done, is answered from the database. The build reads the whole graph
   * in its turn among the writes, so no write lands half in it; after it, each write changes
   * the indexes once it commits: the process that opened the database is its only writer.
   */
  warmIndexes(): Promise<void> {
    this.indexing ??= this.serialised(() => this.pool.dedicated((s) => this.buildIndexes(s))).then(
      (built) => { this.indexes = built; },
      (error: unknown) => { this.indexing = null; throw error; },
    );
    return this.indexing;
  }

  /** The indexes when they are ready; otherwise null, and their build under way. */
  private ready(): Indexes | null {
    if (!this.indexes && !this.closing && this.memoryIndexes) this.warmIndexes().catch(() => undefined);
    return this.indexes;
  }

  private async buildIndexes(s: Session): Promise<Indexes> {
    const search = new MemorySearchIndex();
    const adjacency = new AdjacencyIndex();
    // filed at once: a load sorts every name suffix filed so far, so one per chunk would cost the square
    const entries: ReturnType<typeof indexEntry>[] = [];
    const scan = (statement: string, onRows: (rows: Row[]) => void) => s.scan(statement, (rows) => {
      if (this.closing) throw new StoreError('the store closed while its indexes were built', null);
      onRows(rows);
    });
    for (const label of NODE_LABELS) {
      const columns = [...new Set([...SEARCH_COLUMNS[label], ...SUMMARY_NODE_PROPERTIES[label]])];
      await scan(`MATCH (n:${label}) RETURN ${columns.map((c) => `n.${c} AS ${c}`).join(', ')}`, (rows) => {
        const nodes = rows.map((row) => ({ id: row.id as string, label, properties: Object.fromEntries(columns.map((c) => [c, plain(row[c])])) }));
        for (const n of nodes) entries.push(indexEntry(n.id, label, n.properties));
        adjacency.putNodes(nodes);
      });
    }
    search.load(entries);
    entries.length = 0;
    // a relationship table scanned whole reads its ends in sequence, unlike a walk from a node
    for (const type of REL_TYPES) {
      for (const [from, to] of REL_ENDPOINTS[type]) {
        await scan(
          `MATCH (a:${from})-[r:${type}]->(b:${to}) RETURN a.id AS a, b.id AS b, ${SUMMARY_REL_PROPERTIES.map((p) => `r.${p} AS ${p}`).join(', ')}`,
          (rows) => adjacency.appendEdges(rows.map((row) => ({
            type, from: row.a as string, to: row.b as string, properties: Object.fromEntries(SUMMARY_REL_PROPERTIES.map((p) => [p, plain(row[p])])),
          }))),
        );
      }
    }
    adjacency.layOut();
    return { search, adjacency };
  }

  /** What a committed write changed, into the indexes (in the order the write path changed the graph). */
  private indexWrite(outcome: WriteOutcome, edges: EdgeInput[], renamed: { from: string; to: string }[] = []): void {
    if (!this.indexes) return;
    const { search, adjacency } = this.indexes;
    search.apply(outcome.written.map((n) => indexEntry(n.id, n.label, n.properties)), outcome.removed);
    for (const doc of outcome.rewritten) adjacency.removeDocumentEdges(doc);
    adjacency.putNodes(outcome.written);
    for (const r of renamed) adjacency.removeEdgesBetween('RENAMED_TO', r.from, r.to);
    adjacency.addEdges(edges);
    adjacency.removeNodes(outcome.removed);
  }

  /** One graph write and then its index update, one at a time. */
  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const next = this.writeChain.then(work, work);
    this.writeChain = next.catch(() => undefined);
    return next;
  }

  async documentHash(documentId: string): Promise<string | null> {
    const rows = await this.read('MATCH (d:Document {id: $id}) RETURN d.sha256 AS sha', { id: documentId });
    return (rows[0]?.sha as string) ?? null;
  }

  async storedDocuments(): Promise<StoredDocument[]> {
    const rows = await this.read('MATCH (d:Document) RETURN d.id AS id, d.corpus AS corpus, d.sha256 AS sha256');
    return rows.map((r) => ({ id: r.id as string, corpus: (r.corpus as string | null) ?? null, sha256: r.sha256 as string }));
  }

  async removeDocuments(documentIds: string[]): Promise<RemovalSummary> {
    const summary: RemovalSummary = { documents: [], removed: [] };
    for (const docId of documentIds) {
      await this.serialised(async () => {
        const outcome = await this.pool.write((s) => removeDocument(s, docId));
        if (!outcome.removed.length) return;
        summary.documents.push(docId);
        for (const id of outcome.removed.slice(1)) summary.removed.push({ label: labelOfId(id)!, id });
        this.indexWrite({ written: outcome.updated, rewritten: [docId], removed: outcome.removed }, []);
        if (outcome.sha256) {
          const [still] = await this.read('MATCH (d:Document) WHERE d.sha256 = $sha RETURN d.id AS id LIMIT 1', { sha: outcome.sha256 });
          if (!still) this.texts.remove(outcome.sha256);
        }
      });
    }
    return summary;
  }

  async writeDocumentGraph(input: DocumentGraph): Promise<WriteSummary> {
    const graph = DocumentGraphSchema.parse(input);
    const [summary] = await this.writeBatch([graph]).catch((error: unknown) => {
      throw new StoreError(`could not write document ${graph.document.id}: ${(error as Error).message}`, error);
    });
    return summary!;
  }

  /**
   * Many documents in one transaction (see writeDocuments): the way to load a corpus. When
   * the batch fails, each document is written alone, so one bad graph costs only itself;
   * its error is rethrown after the others are in.
   */
  async writeDocumentGraphs(inputs: DocumentGraph[]): Promise<WriteSummary[]> {
    const graphs = inputs.map((g) => DocumentGraphSchema.parse(g));
    const distinct = new Set(graphs.map((g) => g.document.id)).size === graphs.length;
    if (distinct) {
      let refused: unknown = null;
      const done = await this.writeBatch(graphs).catch((error: unknown) => { refused = error; return null; });
      if (done) return done;
      const out = await writeOneByOne(graphs, (g) => this.writeDocumentGraph(g));
      // each went in alone, so the batch failed for the store's own reasons: worth knowing of
      if (graphs.length > 1) this.warn(`a batch of ${graphs.length} documents could not be written whole (${(refused as Error | null)?.message}); they were written one by one`);
      return out;
    }
    return writeOneByOne(graphs, (g) => this.writeDocumentGraph(g));
  }

  private writeBatch(graphs: DocumentGraph[]): Promise<WriteSummary[]> {
    return this.serialised(async () => {
      this.journal.begin(graphs.map((g) => ({ id: g.document.id, sha256: g.document.sha256 })));
      this.texts.putAll(graphs.map((g) => ({ sha256: g.document.sha256, text: g.document.text })));
      // a batch as large as a COPY's worth goes by the store's bulk path (see bulk-copy.ts)
      const rows = graphs.reduce((n, g) => n + nodeCount(g) + g.relationships.length, 0);
      const bulk = rows >= BULK_ROWS ? this.bulkFiles : null;
      const outcome = await this.pool.write((s) => writeDocuments(s, graphs, bulk), { bulk: !!bulk }).finally(() => {
        this.journal.clear();
        bulk?.clear();
      });
      this.indexWrite(outcome, graphs.flatMap((g) => g.relationships.map((r) => ({ type: r.type, from: r.from, to: r.to, properties: r.props }))));
      return graphs.map((g) => ({
        documentId: g.document.id,
        nodes: nodeCount(g),
        relationships: g.relationships.length,
        changed: true,
      }));
    });
  }

  async forgetNames(entries: Parameters<GraphStore['forgetNames']>[0]): Promise<void> {
    if (!entries.length) return;
    await this.serialised(async () => {
      const written = await this.pool.write(async (s) => {
        const out: WriteOutcome['written'] = [];
        for (const [label, ids] of byLabel(entries.map((e) => e.id))) {
          if (label !== 'Person' && label !== 'Organization') continue;
          for (const r of await s.run(`UNWIND $ids AS x MATCH (n:${label} {id: x}) RETURN n`, { ids })) {
            const node = toGraphNode(r.n as Row).properties as unknown as PersonNode;
            const entry = entries.find((e) => e.id === node.id)!;
            const next = withoutNames(node, entry);
            await upsertNodes(s, label, [withSearchText(label, next)], [], new Set([node.id]));
            out.push({ id: node.id, label, properties: { ...next } as unknown as Record<string, unknown> });
          }
        }
        return out;
      });
      this.indexWrite({ written, rewritten: [], removed: [] }, []);
    });
  }

  async writeRenames(renames: Parameters<GraphStore['writeRenames']>[0]): Promise<void> {
    if (!renames.length) return;
    await this.serialised(async () => {
      const written = await this.pool.write(async (s) => {
        const out: WriteOutcome['written'] = [];
        for (const { from, to, year } of renames) {
          for (const org of [from, to]) {
            out.push(...(await upsertEntities(s, 'Organization', [{ id: org.id, name: org.name, kind: org.kind as OrganizationNode['kind'], aliases: org.aliases }])));
          }
          await s.run('MATCH (a:Organization {id: $from})-[r:RENAMED_TO]->(b:Organization {id: $to}) DELETE r', { from: from.id, to: to.id });
          await s.run('MATCH (a:Organization {id: $from}) MATCH (b:Organization {id: $to}) CREATE (a)-[:RENAMED_TO {year: CAST($year AS INT64)}]->(b)', { from: from.id, to: to.id, year });
        }
        return out;
      });
      this.indexWrite(
        { written, rewritten: [], removed: [] },
        renames.map((r) => ({ type: 'RENAMED_TO', from: r.from.id, to: r.to.id, properties: { year: r.year } })),
        renames.map((r) => ({ from: r.from.id, to: r.to.id })),
      );
    });
  }

  async search(query: SearchQuery): Promise<{ hits: SearchHit[]; total: number }> {
    if (!queryTokens(query.text).length) return { hits: [], total: 0 };
    const labels = query.labels?.length ? query.labels : SEARCH_DEFAULT_LABELS;
    // a little more than the page: a probable quote match that its text refutes is dropped
    const wanted = query.limit + Math.ceil(query.limit / 2) + 5;
    const found = this.ready()?.search.search(query.text, labels, query.offset, wanted) ?? await this.searchGraph(query.text, labels, query.offset, wanted);
    const answer = await this.searchHits(query, found);
    if (answer.hits.length || query.offset > 0) return answer;
    // nothing matches as typed: names with one word one typo away
    const typo = this.ready()?.search.searchOneTypo(query.text, labels, 0, query.limit) ?? await this.typoFromGraph(query.text, labels, query.limit);
    return this.searchHits(query, typo);
  }

  /** The index's candidates as hits: checked against the node where the index was unsure, named as matched. */
  private async searchHits(query: SearchQuery, found: { hits: MemoryHit[]; total: number }): Promise<{ hits: SearchHit[]; total: number }> {
    const candidates = found.hits.some((h) => h.unsure) ? found.hits : found.hits.slice(0, query.limit);
    const nodes = new Map((await this.pool.read((s) => this.nodeSummaries(s, candidates.map((h) => h.id)))).map((n) => [n.id, n]));
    const tokens = queryTokens(query.text);
    const hits: SearchHit[] = [];
    for (const h of candidates) {
      const node = nodes.get(h.id);
      // the index may briefly name a node a concurrent write has just removed
      if (!node) continue;
      if (h.unsure && !linesMatch(searchLines(node.label, node.properties).join('|'), tokens, true)) continue;
      const aliases = node.label === 'Person' || node.label === 'Organization' ? ((node.properties.aliases as string[] | undefined) ?? []) : [];
      const named = node.label === 'Quote' || node.label === 'Claim' ? null : rankNames(query.text, node.name, aliases);
      hits.push({ node, rank: h.rank, matched: named?.matched ?? node.name });
      if (hits.length === query.limit) break;
    }
    return { hits, total: hits.length ? found.total : 0 };
  }

  /**
   * Search before the index is built: the nodes whose folded names hold every query word
   * (a superset of the matches), filed in an index of their own and searched there, so the
   * answer is the one the full index gives.
   */
  private async searchGraph(text: string, labels: NodeLabel[], offset: number, limit: number): Promise<{ hits: MemoryHit[]; total: number }> {
    const candidates = await this.candidateIndex(labels, queryTokens(text), 'AND');
    return candidates.search(text, labels, offset, limit);
  }

  /**
   * The one-typo search before the index is built: names holding a piece of a long word that one
   * typo leaves whole ("billingam": "bill", "ingam" or "ngam"), filed in an index of their own and
   * searched there, so the answer is the one the full index gives.
   */
  private async typoFromGraph(text: string, labels: NodeLabel[], limit: number): Promise<{ hits: MemoryHit[]; total: number }> {
    const wrong = queryTokens(text).find((t) => t.length >= TYPO_MIN_LENGTH);
    if (!wrong) return { hits: [], total: 0 };
    const h = Math.floor(wrong.length / 2);
    const near = await this.candidateIndex(labels.filter(isNameLabel), [...new Set([wrong.slice(0, h), wrong.slice(h), wrong.slice(h + 1)])], 'OR', 20_000);
    return near.searchOneTypo(text, labels, 0, limit);
  }

  /** The nodes whose folded names hold all (AND) or any (OR) of `pieces`, in a search index of their own. */
  private async candidateIndex(labels: NodeLabel[], pieces: string[], join: 'AND' | 'OR', cap?: number): Promise<MemorySearchIndex> {
    const params = Object.fromEntries(pieces.map((p, i) => [`p${i}`, p]));
    const index = new MemorySearchIndex();
    await this.pool.read(async (s) => {
      for (const label of labels) {
        const columns = SEARCH_COLUMNS[label];
        const rows = await s.run(`MATCH (n:${label}) WHERE ${pieces.map((_, i) => `n.searchText CONTAINS $p${i}`).join(` ${join} `)} RETURN ${columns.map((c) => `n.${c} AS ${c}`).join(', ')}${cap ? ` LIMIT ${cap}` : ''}`, params);
        index.load(rows.map((row) => indexEntry(row.id as string, label, Object.fromEntries(columns.map((c) => [c, plain(row[c])])))));
      }
    }).catch(wrapRead);
    return index;
  }

  async getNode(id: string): Promise<NodeDetail | null> {
    const label = labelOfId(id);
    if (!label) return null;
    return this.pool.read(async (s) => {
      const rows = await s.run(`MATCH (n:${label} {id: $id}) RETURN n`, { id });
      if (!rows[0]) return null;
      const node = toGraphNode(rows[0].n as Row);
      const relationshipCounts: NodeDetail['relationshipCounts'] = [];
      for (const [direction, pattern] of [['out', '-[r]->'], ['in', '<-[r]-']] as const) {
        for (const r of await s.run(`MATCH (n:${label} {id: $id})${pattern}() RETURN label(r) AS type, count(*) AS c`, { id })) {
          relationshipCounts.push({ type: r.type as RelType, direction, count: Number(r.c) });
        }
      }
      // one entry per document, span and relationship type; a hub's thousands are capped
      const spans = await s.run(
        `MATCH (n:${label} {id: $id})-[r]-() WHERE r.docId IS NOT NULL
         RETURN DISTINCT r.docId AS docId, r.startOffset AS s, r.endOffset AS e, label(r) AS via
         ORDER BY docId, s, via LIMIT ${PROVENANCE_CAP + 1}`,
        { id },
      );
      const shown = spans.slice(0, PROVENANCE_CAP);
      const provenanceTotal = spans.length > PROVENANCE_CAP
        ? Number((await s.run(`MATCH (n:${label} {id: $id})-[r]-() WHERE r.docId IS NOT NULL WITH DISTINCT r.docId AS d, r.startOffset AS s, r.endOffset AS e, label(r) AS v RETURN count(*) AS c`, { id }))[0]?.c ?? 0)
        : shown.length;
      const docIds = [...new Set(shown.map((p) => p.docId as string))];
      const titles = new Map((await s.run('UNWIND $ids AS x MATCH (d:Document {id: x}) RETURN d.id AS id, d.title AS title', { ids: docIds })).map((r) => [r.id as string, r.title as string]));
      const provenance = shown.map((p) => ({
        documentId: p.docId as string, title: titles.get(p.docId as string) ?? (p.docId as string),
        start: p.s === null || p.s === undefined ? null : Number(p.s), end: p.e === null || p.e === undefined ? null : Number(p.e), via: p.via as RelType,
      }));
      return { node, relationshipCounts, provenance, provenanceTotal };
    }).catch(wrapRead);
  }

  async neighbourhood(q: NeighbourhoodQuery): Promise<Subgraph> {
    return this.ready()?.adjacency.neighbourhood(q) ?? this.neighbourhoodFromGraph(q);
  }

  /**
   * The neighbourhood from the database, while the adjacency index is being built: the same
   * walk, but a hub's neighbours are read with a limit (so a relationship from it to a node
   * already shown can be missed, and counted as left out).
   *
   * Breadth first from the seeds, in few round trips. LadybugDB plans a batched
   * `UNWIND $ids ... MATCH (n {id: x})-[r]-(m)` as a scan of whole tables, so every query here
   * is anchored on one node's primary key: a seed's neighbours (one query), then its
   * neighbours' neighbours in one two-step query from the same seed (their counts first, so
   * that a hub among them is read with a limit instead). Rows carry ids and relationship
   * properties only; the properties of the nodes kept are read once at the end, without
   * documents' full text.
   */
  private async neighbourhoodFromGraph(q: NeighbourhoodQuery): Promise<Subgraph> {
    const types = q.relTypes?.filter((t) => (REL_TYPES as readonly string[]).includes(t)) ?? [];
    const rel = types.length ? `[r:${types.join('|')}]` : '[r]';
    const keep = q.labels?.length ? 'label(k) IN $labels' : 'true';
    const params = q.labels?.length ? { labels: q.labels } : {};
    const rank = (label: string) => { const i = NEIGHBOUR_ORDER.indexOf(label as NodeLabel); return i < 0 ? NEIGHBOUR_ORDER.length : i; };
    const byOrder = (a: HoodRow, b: HoodRow) => rank(a.label) - rank(b.label) || cmp(a.other, b.other);
    return this.pool.read(async (s) => {
      const order: string[] = [];
      const known = new Set<string>();
      const read = new Map<string, GraphNode>();
      const edges = new Map<string, GraphEdge>();
      const truncated = new Map<string, number>();
      /** adds what one node's neighbour rows allow; returns the nodes it added */
      const expand = (id: string, rows: HoodRow[], total: number): string[] => {
        const room = Math.min(q.perNodeLimit, q.limit - known.size);
        const added: string[] = [];
        const shown = new Set<string>();
        for (const row of rows.sort(byOrder)) {
          if (!known.has(row.other)) {
            if (added.length >= room) continue;
            known.add(row.other);
            order.push(row.other);
            added.push(row.other);
            read.set(row.other, row.node);
          }
          shown.add(row.other);
          const source = row.out ? id : row.other, target = row.out ? row.other : id;
          const edge: GraphEdge = { id: edgeId(row.type, source, target, (row.props.docId as string) ?? null), type: row.type, source, target, properties: row.props };
          edges.set(edge.id, edge);
        }
        if (total > shown.size) truncated.set(id, total - shown.size);
        return added;
      };
      /** one node's neighbours, at most `fetch` of them, and how many there are */
      const prio = `CASE ${NEIGHBOUR_ORDER.map((l, i) => `WHEN label(k) = '${l}' THEN ${i}`).join(' ')} ELSE ${NEIGHBOUR_ORDER.length} END`;
      const oneNode = async (id: string, fetch: number): Promise<{ rows: HoodRow[]; total: number }> => {
        const label = labelOfId(id)!;
        // each direction in display order and capped, so a hub costs what its first rows cost
        const branch = (out: boolean) => `MATCH (n:${label} {id: $id})${out ? `-${rel}->` : `<-${rel}-`}(k) WHERE ${keep}
          RETURN ${out} AS out, ${HOOD_COLUMNS}, k.id AS other, label(k) AS otherLabel, ${prio} AS prio ORDER BY prio, other LIMIT ${fetch}`;
        const raw = await s.run(`${branch(true)} UNION ALL ${branch(false)}`, { id, ...params });
        const rows = hoodRows(raw);
        const capped = raw.filter((r) => r.out === true).length >= fetch || raw.filter((r) => r.out !== true).length >= fetch;
        const total = capped
          ? Number((await s.run(`MATCH (n:${label} {id: $id})-${rel}-(k) WHERE ${keep} RETURN count(DISTINCT id(k)) AS c`, { id, ...params }))[0]?.c ?? 0)
          : new Set(rows.map((r) => r.other)).size;
        return { rows, total };
      };

      const seeds = await this.nodeSummaries(s, q.ids, SUMMARY_NODE_PROPERTIES);
      for (const n of seeds) { known.add(n.id); order.push(n.id); read.set(n.id, n); }
      const hubRows = (): number => q.perNodeLimit * 4 + Math.min(known.size, 200);
      let frontier = seeds.map((n) => ({ id: n.id, via: n.id }));
      for (let depth = 1; depth <= q.depth && frontier.length && known.size < q.limit; depth++) {
        const next: { id: string; via: string }[] = [];
        if (depth === 2 && q.depth >= 2) {
          // every depth-2 node hangs off one seed: read each seed's second ring in one go
          const bySeed = new Map<string, string[]>();
          for (const f of frontier) bySeed.set(f.via, [...(bySeed.get(f.via) ?? []), f.id]);
          const ringRows = new Map<string, HoodRow[]>();
          const ringTotals = new Map<string, number>();
          for (const [seed, ids] of bySeed) {
            const label = labelOfId(seed)!;
            const totals = await s.run(
              `MATCH (n:${label} {id: $seed})-[]-(m)-${rel}-(k) WHERE m.id IN $ids AND ${keep} RETURN m.id AS m, count(DISTINCT id(k)) AS total`,
              { seed, ids, ...params },
            );
            for (const t of totals) ringTotals.set(t.m as string, Number(t.total));
            const small = ids.filter((id) => (ringTotals.get(id) ?? 0) <= hubRows());
            if (small.length) {
              const rows = await s.run(
                `MATCH (n:${label} {id: $seed})-[]-(m)-${rel}->(k) WHERE m.id IN $ids AND ${keep} RETURN m.id AS m, true AS out, ${HOOD_COLUMNS}, k.id AS other, label(k) AS otherLabel
                 UNION ALL MATCH (n:${label} {id: $seed})-[]-(m)<-${rel}-(k) WHERE m.id IN $ids AND ${keep} RETURN m.id AS m, false AS out, ${HOOD_COLUMNS}, k.id AS other, label(k) AS otherLabel`,
                { seed, ids: small, ...params },
              );
              for (const row of hoodRows(rows)) {
                const list = ringRows.get(row.from!) ?? [];
                // the first step can reach m twice (a document covering and mentioning a report)
                if (!list.some((x) => x.out === row.out && x.type === row.type && x.other === row.other && x.props.docId === row.props.docId)) list.push(row);
                ringRows.set(row.from!, list);
              }
            }
          }
          for (const f of frontier) {
            if (known.size >= q.limit) break;
            const cached = ringRows.get(f.id);
            const total = ringTotals.get(f.id) ?? 0;
            const { rows } = cached && total <= hubRows() ? { rows: cached } : total ? await oneNode(f.id, hubRows()) : { rows: [] };
            for (const id of expand(f.id, rows, total)) next.push({ id, via: f.via });
          }
        } else {
          for (const f of frontier) {
            if (known.size >= q.limit) break;
            const { rows, total } = await oneNode(f.id, hubRows());
            for (const id of expand(f.id, rows, total)) next.push({ id, via: depth === 1 ? f.id : f.via });
          }
        }
        frontier = next;
      }
      const nodes = order.map((id) => read.get(id)!);
      return { nodes, edges: [...edges.values()], truncated: [...truncated].map(([id, hidden]) => ({ id, hidden })) };
    }).catch(wrapRead);
  }

  async shortestPath(fromId: string, toId: string, maxHops: number): Promise<Subgraph | null> {
    const a = labelOfId(fromId), b = labelOfId(toId);
    if (!a || !b) return null;
    const hops = Math.max(1, Math.min(10, Math.floor(maxHops)));
    const adjacency = this.ready()?.adjacency;
    // nodes and relationships with their summary properties, as a neighbourhood has them
    if (adjacency) return adjacency.shortestPaths(fromId, toId, hops, MAX_PATHS);
    return this.pool.read(async (s) => {
      if (fromId === toId) {
        const [node] = await this.nodesByIds(s, [fromId]);
        return node ? { nodes: [node], edges: [], truncated: [] } : null;
      }
      const rows = await s.run(`MATCH p = (a:${a} {id: $from})-[* ALL SHORTEST 1..${hops}]-(b:${b} {id: $to}) RETURN p LIMIT ${MAX_PATHS}`, { from: fromId, to: toId });
      return rows.length ? this.collectGraph(rows.map((r) => r.p)) : null;
    }).catch(wrapRead);
  }

  /**
   * Quotes by filter. A filter naming a node (speaker, document, report, organisation) is
   * answered from that node outwards, so its cost follows how much that node said, not how
   * many quotes the graph holds; the others narrow what those anchors found.
   */
  async quotes(f: QuoteFilter): Promise<{ quotes: QuoteView[]; total: number }> {
    return this.pool.read(async (s) => {
      if (f.quoteId) {
        const quotes = await this.quoteViews(s, (await s.run('MATCH (q:Quote {id: $id}) RETURN q.id AS id', { id: f.quoteId })).map((r) => r.id as string));
        return { quotes, total: quotes.length };
      }
      const anchors: Set<string>[] = [];
      const idsOf = async (statement: string, params: Record<string, unknown>) => new Set((await s.run(statement, params)).map((r) => r.id as string));
      if (f.speakerId) {
        const label = labelOfId(f.speakerId);
        anchors.push(label && ['Person', 'Organization', 'Report'].includes(label)
          ? await idsOf(`MATCH (s:${label} {id: $id})-[:SAID]->(q:Quote) RETURN DISTINCT q.id AS id`, { id: f.speakerId })
          : new Set());
      }
      if (f.documentId) anchors.push(await idsOf('MATCH (q:Quote)-[:QUOTED_IN]->(d:Document {id: $id}) RETURN DISTINCT q.id AS id', { id: f.documentId }));
      if (f.organizationId) {
        const id = f.organizationId;
        anchors.push(new Set([
          ...(await idsOf('MATCH (o:Organization {id: $id})-[:SAID]->(q:Quote) RETURN DISTINCT q.id AS id', { id })),
          ...(await idsOf('MATCH (o:Organization {id: $id})<-[:HOLDS_ROLE]-(p:Person)-[:SAID]->(q:Quote) RETURN DISTINCT q.id AS id', { id })),
          ...(await idsOf('MATCH (o:Organization {id: $id})<-[:CONCERNS]-(q:Quote) RETURN DISTINCT q.id AS id', { id })),
        ]));
      }
      if (f.ids) anchors.push(new Set(f.ids));
      if (f.reportId) {
        const id = f.reportId;
        anchors.push(new Set([
          ...(await idsOf('MATCH (r:Report {id: $id})-[:SAID]->(q:Quote) RETURN DISTINCT q.id AS id', { id })),
          ...(await idsOf('MATCH (r:Report {id: $id})<-[:COVERS]-(:Document)<-[:QUOTED_IN]-(q:Quote) RETURN DISTINCT q.id AS id', { id })),
        ]));
      }
      const conditions: string[] = [];
      const params: Record<string, unknown> = {};
      if (f.speakerKind) {
        const label = { person: 'Person', organization: 'Organization', report: 'Report' }[f.speakerKind];
        conditions.push(`EXISTS { MATCH (s:${label})-[:SAID]->(q) }`);
      }
      queryTokens(f.text ?? '').forEach((t, i) => { conditions.push(`q.searchText CONTAINS $qt${i}`); params[`qt${i}`] = ` ${t}`; });
      const published = publishedCondition(f.published ?? {});
      if (published) {
        conditions.push(`EXISTS { MATCH (q)-[:QUOTED_IN]->(d:Document) WHERE ${published} }`);
        Object.assign(params, publishedParams(f.published ?? {}));
      }
      const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
      let total: number;
      let page: string[];
      if (anchors.length) {
        const [first, ...others] = anchors;
        const candidates = [...first!].filter((x) => others.every((set) => set.has(x)));
        const rows = candidates.length
          ? await s.run(`UNWIND $ids AS x MATCH (q:Quote {id: x}) ${where} RETURN q.id AS id, q.documentId AS doc, q.startOffset AS start`, { ids: candidates, ...params })
          : [];
        rows.sort((a, b) => cmp(a.doc, b.doc) || Number(a.start) - Number(b.start) || cmp(a.id, b.id));
        total = rows.length;
        page = rows.slice(f.offset, f.offset + f.limit).map((r) => r.id as string);
      } else {
        total = Number((await s.run(`MATCH (q:Quote) ${where} RETURN count(q) AS c`, params))[0]?.c ?? 0);
        page = (await s.run(`MATCH (q:Quote) ${where} RETURN q.id AS id ORDER BY q.documentId, q.startOffset, q.id SKIP ${Math.trunc(f.offset)} LIMIT ${Math.trunc(f.limit)}`, params)).map((r) => r.id as string);
      }
      return { quotes: await this.quoteViews(s, page), total };
    }).catch(wrapRead);
  }

  private async quoteViews(s: Session, ids: string[]): Promise<QuoteView[]> {
    if (!ids.length) return [];
    const rows = await s.run(
      `UNWIND $ids AS x MATCH (q:Quote {id: x})-[qi:QUOTED_IN]->(d:Document)
       OPTIONAL MATCH (s)-[said:SAID]->(q) WHERE said.docId = d.id
       RETURN q.id AS id, q.text AS text, d.id AS docId, d.title AS title, d.publisher AS publisher, d.publishedAt AS publishedAt, d.url AS url, d.pageStarts AS pageStarts,
              qi.startOffset AS s, qi.endOffset AS e, s.id AS speakerId, label(s) AS speakerLabel, coalesce(s.name, s.title) AS speaker, ${ATTRIBUTION_COLUMNS}`,
      { ids },
    );
    const speakerIds = [...new Set(rows.map((r) => r.speakerId).filter((x) => typeof x === 'string' && labelOfId(x) === 'Person'))] as string[];
    const roles = speakerIds.length
      ? await s.run(
        `UNWIND $ids AS x MATCH (p:Person {id: x})-[h:HOLDS_ROLE]->(o:Organization)
         RETURN p.id AS person, h.title AS title, h.docId AS docId, o.id AS orgId, o.name AS org`, { ids: speakerIds })
      : [];
    const views = new Map<string, QuoteView>();
    for (const r of rows) {
      const id = r.id as string;
      const view = views.get(id) ?? { id, text: r.text as string, speaker: null, roles: [], sources: [] };
      if (r.speakerId && !view.speaker) {
        view.speaker = { id: r.speakerId as string, name: r.speaker as string, label: r.speakerLabel as NodeLabel };
        const stated = roles.filter((x) => x.person === r.speakerId && x.docId === r.docId);
        view.roles = (stated.length ? stated : roles.filter((x) => x.person === r.speakerId))
          .map((x) => ({ title: x.title as string, organizationId: x.orgId as string, organization: x.org as string }))
          .filter((x, i, all) => all.findIndex((y) => y.title === x.title && y.organizationId === x.organizationId) === i);
      }
      if (!view.sources.some((x) => x.documentId === r.docId && x.start === Number(r.s))) {
        view.sources.push({ documentId: r.docId as string, title: r.title as string, publisher: (r.publisher as string) ?? null, publishedAt: (r.publishedAt as string) ?? null, url: (r.url as string) ?? null, start: Number(r.s), end: Number(r.e), page: pageAt(numbers(r.pageStarts), Number(r.s)), speakerId: (r.speakerId as string | null) ?? null, attribution: attributionOf(r) });
      }
      views.set(id, view);
    }
    for (const v of views.values()) v.sources.sort((a, b) => cmp(a.documentId, b.documentId) || a.start - b.start);
    return ids.map((id) => views.get(id)).filter((v): v is QuoteView => !!v);
  }

  async documentText(documentId: string): Promise<DocumentText | null> {
    return this.pool.read(async (s) => {
      const docs = await s.run('MATCH (d:Document {id: $id}) RETURN d', { id: documentId });
      if (!docs[0]) return null;
      const p = toGraphNode(docs[0].d as Row).properties;
      const quotes = await s.run(
        `MATCH (q:Quote)-[qi:QUOTED_IN]->(d:Document {id: $id})
         OPTIONAL MATCH (s)-[said:SAID]->(q) WHERE said.docId = $id
         RETURN q.id AS id, qi.startOffset AS qs, qi.endOffset AS qe, s.id AS speakerId, coalesce(s.name, s.title) AS speaker, ${ATTRIBUTION_COLUMNS} ORDER BY qs`,
        { id: documentId },
      );
      const mentions = await s.run(
        'MATCH (d:Document {id: $id})-[m:MENTIONS]->(x) RETURN x.id AS id, label(x) AS label, coalesce(x.name, x.title) AS name, m.spanStarts AS mstarts, m.spanEnds AS mends',
        { id: documentId },
      );
      const seen = new Set<string>();
      const source = documentSource(p);
      return {
        id: documentId,
        title: p.title as string, publisher: (p.publisher as string) ?? null, publishedAt: (p.publishedAt as string) ?? null,
        url: (p.url as string) ?? null, kind: p.kind as string, text: this.texts.get(p.sha256 as string) ?? '',
        ...source,
        quotes: quotes
          .map((r) => ({ id: r.id as string, start: Number(r.qs), end: Number(r.qe), page: pageAt(source.pageStarts, Number(r.qs)), speakerId: (r.speakerId as string) ?? null, speaker: (r.speaker as string) ?? null, attribution: attributionOf(r) }))
          // a quote said by two speakers in one document is one span
          .filter((q) => !seen.has(`${q.id}@${q.start}`) && seen.add(`${q.id}@${q.start}`)),
        mentions: mentions.flatMap((r) => ((r.mstarts as number[]) ?? []).map((start, i) => ({
          id: r.id as string, label: r.label as NodeLabel, name: r.name as string, start: Number(start), end: Number((r.mends as number[])[i]),
        }))).sort((a, b) => a.start - b.start || cmp(a.id, b.id)),
      };
    }).catch(wrapRead);
  }

  async claims(f: { measure?: string; documentId?: string; limit: number; offset: number }): Promise<{ claims: ClaimView[]; total: number }> {
    const conditions: string[] = [];
    const params: Record<string, unknown> = {};
    const anchor = f.documentId ? 'MATCH (doc:Document {id: $doc})-[:STATES]->(c:Claim)' : 'MATCH (c:Claim)';
    if (f.documentId) params.doc = f.documentId;
    queryTokens(f.measure ?? '').forEach((t, i) => { conditions.push(`c.searchText CONTAINS $m${i}`); params[`m${i}`] = ` ${t}`; });
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    return this.pool.read(async (s) => {
      const total = Number((await s.run(`${anchor} ${where} RETURN count(DISTINCT c.id) AS c`, params))[0]?.c ?? 0);
      const rows = await s.run(
        `${anchor} ${where} WITH DISTINCT c ORDER BY c.measure, c.value, c.id SKIP ${Math.trunc(f.offset)} LIMIT ${Math.trunc(f.limit)}
         MATCH (d:Document)-[st:STATES]->(c)
         OPTIONAL MATCH (c)-[:SOURCED_FROM]->(r:Report)
         RETURN c.id AS id, c.text AS text, c.value AS value, c.unit AS unit, c.measure AS measure,
                d.id AS docId, d.title AS title, d.publisher AS publisher, st.startOffset AS s, st.endOffset AS e, r.id AS reportId, r.title AS report`,
        params,
      );
      const views = new Map<string, ClaimView>();
      for (const r of rows) {
        const id = r.id as string;
        const v = views.get(id) ?? { id, text: r.text as string, value: Number(r.value), unit: r.unit as string, measure: r.measure as string, sources: [], reports: [] };
        if (!v.sources.some((x) => x.documentId === r.docId && x.start === Number(r.s))) {
          v.sources.push({ documentId: r.docId as string, title: r.title as string, publisher: (r.publisher as string) ?? null, start: Number(r.s), end: Number(r.e) });
        }
        if (r.reportId && !v.reports.some((x) => x.id === r.reportId)) v.reports.push({ id: r.reportId as string, title: r.report as string });
        views.set(id, v);
      }
      const out = [...views.values()].sort((a, b) => cmp(a.measure, b.measure) || a.value - b.value || cmp(a.id, b.id));
      for (const v of out) v.sources.sort((a, b) => cmp(a.documentId, b.documentId) || a.start - b.start);
      return { claims: out, total };
    }).catch(wrapRead);
  }

  async counts(): Promise<Counts> {
    return this.pool.read(async (s) => {
      const nodes = {} as Counts['nodes'];
      for (const label of NODE_LABELS) nodes[label] = Number((await s.run(`MATCH (n:${label}) RETURN count(n) AS c`))[0]?.c ?? 0);
      const relationships = {} as Counts['relationships'];
      for (const type of REL_TYPES) relationships[type] = Number((await s.run(`MATCH ()-[r:${type}]->() RETURN count(r) AS c`))[0]?.c ?? 0);
      return { nodes, relationships };
    }).catch(wrapRead);
  }

  async rolesMatching(tokens: string[], limit: number): Promise<{ personId: string; title: string; organization: string }[]> {
    if (!tokens.length) return [];
    const where = tokens.map((_, i) => `lower(h.title) CONTAINS $t${i}`).join(' AND ');
    const params = Object.fromEntries(tokens.map((t, i) => [`t${i}`, t]));
    return this.pool.read(async (s) => (await s.run(
      `MATCH (p:Person)-[h:HOLDS_ROLE]->(o:Organization) WHERE ${where} RETURN DISTINCT p.id AS person, h.title AS title, o.name AS org ORDER BY person, title LIMIT ${Math.trunc(limit)}`,
      params,
    )).map((r) => ({ personId: r.person as string, title: r.title as string, organization: r.org as string }))).catch(wrapRead);
  }

  async topNodes(limit: number, labels: NodeLabel[] = ['Person', 'Organization', 'Report']): Promise<GraphNode[]> {
    return this.pool.read(async (s) => {
      const scored: { node: GraphNode; degree: number }[] = [];
      for (const label of labels) {
        const rows = await s.run(`MATCH (n:${label})-[r]-() RETURN n, count(r) AS degree ORDER BY degree DESC, n.id LIMIT ${Math.trunc(limit)}`);
        for (const r of rows) scored.push({ node: toGraphNode(r.n as Row), degree: Number(r.degree) });
      }
      return scored.sort((a, b) => b.degree - a.degree || cmp(a.node.id, b.node.id)).slice(0, limit).map((x) => x.node);
    }).catch(wrapRead);
  }

  /**
   * A user's statement, read-only by three locks: only the parsed subset of the console
   * (console-cypher.ts) is run; the database's own verdict on the prepared statement
   * (`isReadOnly`); and a `READ ONLY` transaction, in which LadybugDB refuses any write that got
   * past the first two. Each runs on a connection of its own, opened for it and closed after
   * (a reused connection keeps some native memory per statement), one at a time, with one
   * thread, so API reads never wait behind the console.
   */
  async runReadOnly(req: CypherRequest): Promise<CypherResult> {
    const query = canonicalConsoleQuery(req.query);
    return this.consoleGate.run(() => this.pool.dedicated(async (s) => {
      s.conn.setMaxNumThreadForExec(1);
      let readOnly: boolean;
      try {
        readOnly = await s.isReadOnly(query);
      } catch (error) {
        throw syntaxError(error);
      }
      if (!readOnly) throw new QueryRefusedError('write', 'refused: the database reports this statement writes data; the console is read-only');
      const started = Date.now();
      s.conn.setQueryTimeout(req.timeoutMs);
      await s.run('BEGIN TRANSACTION READ ONLY');
      try {
        const result = await s.execute(query, req.params);
        const columns = await result.getColumnNames();
        const rows: unknown[][] = [];
        const rawValues: unknown[] = [];
        const budget = new AnswerBudget(req.rowLimit, req.byteLimit ?? Number.MAX_SAFE_INTEGER);
        while (result.hasNext()) {
          if (Date.now() - started > req.timeoutMs) throw new QueryTimeoutError(req.timeoutMs);
          const raw = (await result.getNext()) as Row;
          const row = columns.map((c) => plain(raw[c]));
          if (!budget.admit(rows.length, row)) break;
          rawValues.push(...columns.map((c) => raw[c]));
          rows.push(row);
        }
        result.close();
        return { columns, rows, graph: this.collectGraph(rawValues), truncated: budget.truncatedBy !== null, truncatedBy: budget.truncatedBy, elapsedMs: Date.now() - started };
      } catch (error) {
        if (error instanceof QueryTimeoutError) throw error;
        const message = (error as Error).message ?? String(error);
        if (/interrupt|timeout/i.test(message)) throw new QueryTimeoutError(req.timeoutMs);
        if (/read-only transaction/i.test(message)) throw new QueryRefusedError('write', `refused by the database: ${message}`);
        throw syntaxError(error);
      } finally {
        await s.run('ROLLBACK').catch(() => undefined);
      }
    }));
  }

  /** Every node, relationship and path in a set of values, as graph elements. */
  private collectGraph(values: unknown[]): Subgraph {
    const nodes = new Map<string, GraphNode>();
    const internal = new Map<string, string>();
    const rels: Row[] = [];
    const visit = (v: unknown): void => {
      if (!v || typeof v !== 'object') return;
      if (Array.isArray(v)) { v.forEach(visit); return; }
      const obj = v as Row;
      if (isPath(obj)) { (obj._nodes as unknown[]).forEach(visit); (obj._rels as unknown[]).forEach(visit); return; }
      if (isNode(obj)) {
        const node = toGraphNode(obj);
        nodes.set(node.id, node);
        internal.set(internalKey(obj._id), node.id);
        return;
      }
      if (isRel(obj)) { rels.push(obj); return; }
      Object.values(obj).forEach(visit);
    };
    values.forEach(visit);
    const edges = new Map<string, GraphEdge>();
    for (const rel of rels) {
      const edge = toGraphEdge(rel, internal);
      if (edge) edges.set(edge.id, edge);
    }
    return { nodes: [...nodes.values()], edges: [...edges.values()], truncated: [] };
  }

  /** Nodes by id with these properties (by default every one but a document's full text, which can run to megabytes). */
  private async nodeSummaries(s: Session, ids: string[], properties: Record<NodeLabel, readonly string[]> = SUMMARY_COLUMNS): Promise<GraphNode[]> {
    const out: GraphNode[] = [];
    for (const [label, mine] of byLabel([...new Set(ids)])) {
      const columns = properties[label];
      const rows = await s.run(`UNWIND $ids AS x MATCH (n:${label} {id: x}) RETURN ${columns.map((c) => `n.${c} AS ${c}`).join(', ')}`, { ids: mine });
      for (const row of rows) {
        const props = Object.fromEntries(columns.filter((c) => row[c] !== null && row[c] !== undefined).map((c) => [c, plain(row[c])]));
        out.push({ id: props.id as string, label, name: displayName(label, props), kind: nodeKind(label, props), properties: props });
      }
    }
    const position = new Map(ids.map((id, i) => [id, i]));
    return out.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
  }

  private async nodesByIds(s: Session, ids: string[]): Promise<GraphNode[]> {
    const out: GraphNode[] = [];
    for (const [label, mine] of byLabel([...new Set(ids)])) {
      const rows = await s.run(`UNWIND $ids AS x MATCH (n:${label} {id: x}) RETURN n`, { ids: mine });
      out.push(...rows.map((r) => toGraphNode(r.n as Row)));
    }
    const order = new Map(ids.map((id, i) => [id, i]));
    return out.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  }

  private read(statement: string, params: Record<string, unknown> = {}): Promise<Row[]> {
    return this.pool.read((s) => s.run(statement, params)).catch(wrapRead);
  }

  /** Nodes per label in the search index, and what the adjacency index holds, for checks that they follow the graph. */
  async indexCounts(): Promise<{ search: Record<NodeLabel, number>; adjacency: Counts }> {
    await this.warmIndexes();
    const counts = this.indexes!.search.counts();
    return {
      search: Object.fromEntries(NODE_LABELS.map((l) => [l, counts.get(l) ?? 0])) as Record<NodeLabel, number>,
      adjacency: this.indexes!.adjacency.counts(),
    };
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.writeChain;
    await this.pool.close();
  }
}

/** The summary properties of any label (SUMMARY_NODE_PROPERTIES), one column each. */
const NEIGHBOUR_PROPERTIES = [...new Set(NODE_LABELS.flatMap((l) => SUMMARY_NODE_PROPERTIES[l]))].filter((p) => p !== 'id');

/**
 * Relationship and far-node summary properties, as columns: a row carries no node or
 * relationship value (whose every column LadybugDB would read), and the far node is read
 * here once, not looked up again after.
 */
const HOOD_COLUMNS = [
  'label(r) AS type', ...SUMMARY_REL_PROPERTIES.map((p) => `r.${p} AS r_${p}`),
  ...NEIGHBOUR_PROPERTIES.map((p) => (p === 'text' ? "CASE WHEN label(k) = 'Document' THEN NULL ELSE k.text END AS k_text" : `k.${p} AS k_${p}`)),
].join(', ');

interface HoodRow { from?: string; out: boolean; type: RelType; other: string; label: string; props: Properties; node: GraphNode }

function hoodRows(rows: Row[]): HoodRow[] {
  const pick = (r: Row, prefix: string, names: string[]) => Object.fromEntries(names.filter((p) => r[`${prefix}${p}`] !== null && r[`${prefix}${p}`] !== undefined).map((p) => [p, plain(r[`${prefix}${p}`])]));
  return rows.map((r) => {
    const label = r.otherLabel as NodeLabel;
    const props = { id: r.other as string, ...pick(r, 'k_', SUMMARY_NODE_PROPERTIES[label].filter((p) => p !== 'id')) };
    return {
      from: r.m as string | undefined,
      out: r.out === true,
      type: r.type as RelType,
      other: r.other as string,
      label,
      props: pick(r, 'r_', [...SUMMARY_REL_PROPERTIES]),
      node: { id: props.id, label, name: displayName(label, props), kind: nodeKind(label, props), properties: props },
    };
  });
}

/** Every stored property but the derived search text, and a document's text. */
const SUMMARY_COLUMNS = Object.fromEntries(NODE_LABELS.map((label) => [
  label, Object.keys(NODE_PROPERTIES[label]).filter((p) => p !== 'searchText' && !(label === 'Document' && p === 'text')),
])) as Record<NodeLabel, string[]>;

function wrapRead(error: unknown): never {
  if (error instanceof StoreError) throw error;
  throw new StoreError(`embedded store query failed: ${(error as Error).message}`, error);
}

function cmp(a: unknown, b: unknown): number {
  const x = String(a ?? ''), y = String(b ?? '');
  return x < y ? -1 : x > y ? 1 : 0;
}

function syntaxError(error: unknown): QuerySyntaxError {
  const message = ((error as Error).message ?? String(error)).replace(/\s+$/, '');
  const m = /\(line: (\d+), offset: (\d+)\)/.exec(message);
  const position = m ? { line: Number(m[1]), column: Number(m[2]) + 1, offset: Number(m[2]) } : null;
  return new QuerySyntaxError(message.split('\n')[0]!, position);
}

