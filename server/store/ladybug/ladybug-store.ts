import fs from 'node:fs';
import path from 'node:path';
import lbug from '@ladybugdb/core';
import {
  DocumentGraphSchema, NODE_LABELS, QUOTE_FIRST_WRITER_PROPERTIES, REL_ENDPOINTS, REL_TYPES, labelOfId,
  type DocumentGraph, type GraphEdge, type GraphNode, type NodeLabel, type OrganizationNode, type PersonNode, type RelType, type Subgraph,
} from '../../model/graph.js';
import { searchTextOf } from '../../model/search-text.js';
import { QueryRefusedError, QuerySyntaxError, QueryTimeoutError, StoreError } from '../../errors.js';
import type {
  ClaimView, Counts, CypherRequest, CypherResult, DocumentText, GraphStore, NeighbourhoodQuery, NodeDetail,
  QuoteFilter, QuoteView, SearchHit, SearchQuery, WriteSummary,
} from '../port.js';
import { rankNames, queryTokens } from '../shared/search-rank.js';
import { mergeEntity } from '../shared/merge-entities.js';
import { refuseUnsafeForms } from '../shared/console-guard.js';
import { ConnectionPool, type Row, type Session } from './connections.js';
import { NODE_COLUMNS, REL_COLUMNS, schemaStatements, typedField } from './schema.js';
import { internalKey, isNode, isPath, isRel, plain, toGraphEdge, toGraphNode } from './values.js';

const SEARCH_CANDIDATES = 2000;
/** LadybugDB accepts no 'unlimited': the store's own queries get a generous limit instead */
const INTERNAL_TIMEOUT_MS = 10 * 60_000;

export interface LadybugOptions {
  dataDir: string;
  readers?: number;
}

export class LadybugStore implements GraphStore {
  readonly backend = 'ladybug' as const;
  private constructor(private readonly pool: ConnectionPool) {}

  static async open(options: LadybugOptions): Promise<LadybugStore> {
    fs.mkdirSync(options.dataDir, { recursive: true });
    const db = new lbug.Database(path.join(options.dataDir, 'graph.lbug'));
    await db.init();
    const store = new LadybugStore(new ConnectionPool(db, options.readers ?? 4));
    await store.ensureSchema();
    return store;
  }

  async ensureSchema(): Promise<void> {
    await this.pool.read(async (s) => {
      for (const statement of schemaStatements()) await s.run(statement);
    });
  }

  async documentHash(documentId: string): Promise<string | null> {
    const rows = await this.read('MATCH (d:Document {id: $id}) RETURN d.sha256 AS sha', { id: documentId });
    return (rows[0]?.sha as string) ?? null;
  }

  async writeDocumentGraph(input: DocumentGraph): Promise<WriteSummary> {
    const graph = DocumentGraphSchema.parse(input);
    const docId = graph.document.id;
    return this.pool.write(async (s) => {
      const touched = await this.deleteDocumentStatements(s, docId);
      await this.upsertNodes(s, 'Document', [{ ...graph.document, searchText: searchTextOf([graph.document.title, graph.document.publisher]) }]);
      await this.upsertEntities(s, 'Person', graph.people);
      await this.upsertEntities(s, 'Organization', graph.organizations);
      await this.upsertNodes(s, 'Report', graph.reports.map((r) => ({ ...r, searchText: searchTextOf([r.title, r.publisher, r.reference]) })));
      await this.upsertNodes(s, 'Quote', graph.quotes.map((q) => ({ ...q, searchText: searchTextOf([q.text]) })), QUOTE_FIRST_WRITER_PROPERTIES);
      await this.upsertNodes(s, 'Claim', graph.claims.map((c) => ({ ...c, searchText: searchTextOf([c.text, c.measure]) })));
      await this.createRelationships(s, graph.relationships);
      await this.deleteOrphans(s, touched);
      const nodes = 1 + graph.people.length + graph.organizations.length + graph.reports.length + graph.quotes.length + graph.claims.length;
      return { documentId: docId, nodes, relationships: graph.relationships.length, changed: true };
    }).catch((error: unknown) => {
      throw new StoreError(`could not write document ${docId}: ${(error as Error).message}`, error);
    });
  }

  async writeRenames(renames: Parameters<GraphStore['writeRenames']>[0]): Promise<void> {
    if (!renames.length) return;
    await this.pool.write(async (s) => {
      for (const { from, to, year } of renames) {
        for (const org of [from, to]) {
          await this.upsertEntities(s, 'Organization', [{ id: org.id, name: org.name, kind: org.kind as OrganizationNode['kind'], aliases: org.aliases }]);
        }
        await s.run('MATCH (a:Organization {id: $from})-[r:RENAMED_TO]->(b:Organization {id: $to}) DELETE r', { from: from.id, to: to.id });
        await s.run('MATCH (a:Organization {id: $from}), (b:Organization {id: $to}) CREATE (a)-[:RENAMED_TO {year: CAST($year AS INT64)}]->(b)', { from: from.id, to: to.id, year });
      }
    });
  }

  /**
   * Removes every relationship this document stated; returns the nodes they touched. Each
   * statement has an end next to the document (see DocumentGraph), so they are found from the
   * document's neighbours by primary key instead of by scanning whole relationship tables.
   */
  private async deleteDocumentStatements(s: Session, docId: string): Promise<string[]> {
    const neighbours = (await s.run('MATCH (d:Document {id: $docId})-[]-(n) RETURN DISTINCT n.id AS id', { docId })).map((r) => r.id as string);
    const touched = new Set<string>(neighbours);
    for (const label of NODE_LABELS) {
      const ids = neighbours.filter((id) => labelOfId(id) === label);
      if (!ids.length) continue;
      const far = await s.run(`UNWIND $ids AS x MATCH (a:${label} {id: x})-[r]-(b) WHERE r.docId = $docId RETURN DISTINCT b.id AS id`, { ids, docId });
      for (const row of far) touched.add(row.id as string);
      // LadybugDB deletes only directed matches
      await s.run(`UNWIND $ids AS x MATCH (a:${label} {id: x})-[r]->() WHERE r.docId = $docId DELETE r`, { ids, docId });
      await s.run(`UNWIND $ids AS x MATCH (a:${label} {id: x})<-[r]-() WHERE r.docId = $docId DELETE r`, { ids, docId });
    }
    touched.delete(docId);
    return [...touched];
  }

  private async deleteOrphans(s: Session, ids: string[]): Promise<void> {
    if (!ids.length) return;
    for (const label of NODE_LABELS) {
      const mine = ids.filter((id) => labelOfId(id) === label);
      if (mine.length) await s.run(`UNWIND $ids AS x MATCH (n:${label} {id: x}) WHERE NOT EXISTS { MATCH (n)-[]-() } DELETE n`, { ids: mine });
    }
  }

  private async upsertEntities(s: Session, label: 'Person' | 'Organization', incoming: (PersonNode | OrganizationNode)[]): Promise<void> {
    if (!incoming.length) return;
    const existing = await s.run(`UNWIND $ids AS x MATCH (n:${label} {id: x}) RETURN n`, { ids: incoming.map((e) => e.id) });
    const stored = new Map(existing.map((r) => { const p = toGraphNode(r.n as Row).properties; return [p.id as string, { aliases: [], titles: [], ...p } as unknown as PersonNode]; }));
    const merged = incoming.map((e) => {
      const m = mergeEntity(stored.get(e.id) as typeof e | undefined, e);
      stored.set(e.id, m as PersonNode);
      return { ...m, searchText: searchTextOf([m.name, ...m.aliases]) };
    });
    await this.upsertNodes(s, label, merged);
  }

  /** MERGE by id and SET every column; `onCreateOnly` columns keep the value of the first writer. */
  private async upsertNodes(s: Session, label: NodeLabel, rows: Record<string, unknown>[], onCreateOnly: readonly string[] = []): Promise<void> {
    if (!rows.length) return;
    const columns = Object.entries(NODE_COLUMNS[label]).filter(([c]) => c !== 'id');
    const sets = (cols: typeof columns) => cols.map(([c, t]) => `n.${c} = ${typedField('row', c, t)}`).join(', ');
    const always = columns.filter(([c]) => !onCreateOnly.includes(c));
    const once = columns.filter(([c]) => onCreateOnly.includes(c));
    const statement = `UNWIND $rows AS row MERGE (n:${label} {id: row.id})${once.length ? ` ON CREATE SET ${sets(once)}` : ''} SET ${sets(always)}`;
    // a list mixing 436 and 48.5 is refused as two struct types: doubles travel as text and are cast back
    const data = rows.map((r) => Object.fromEntries([['id', r.id], ...columns.map(([c, t]) => [c, t === 'DOUBLE' && r[c] != null ? String(r[c]) : r[c] ?? null])]));
    await s.run(statement, { rows: data });
  }

  private async createRelationships(s: Session, rels: DocumentGraph['relationships']): Promise<void> {
    const groups = new Map<string, DocumentGraph['relationships']>();
    for (const rel of rels) {
      const key = `${rel.type}|${labelOfId(rel.from)}|${labelOfId(rel.to)}`;
      groups.set(key, [...(groups.get(key) ?? []), rel]);
    }
    const props = Object.entries(REL_COLUMNS).map(([c, t]) => `${c}: ${typedField('row', c, t)}`).join(', ');
    for (const [key, group] of groups) {
      const [type, from, to] = key.split('|') as [RelType, NodeLabel, NodeLabel];
      const rows = group.map((r) => ({ from: r.from, to: r.to, ...r.props }));
      await s.run(`UNWIND $rows AS row MATCH (a:${from} {id: row.from}), (b:${to} {id: row.to}) CREATE (a)-[:${type} {${props}}]->(b)`, { rows });
    }
  }

  async search(query: SearchQuery): Promise<{ hits: SearchHit[]; total: number }> {
    const tokens = queryTokens(query.text);
    if (!tokens.length) return { hits: [], total: 0 };
    const labels = query.labels?.length ? query.labels : NODE_LABELS.filter((l) => l !== 'Document');
    const where = tokens.map((_, i) => `n.searchText CONTAINS $t${i}`).join(' AND ');
    const params = Object.fromEntries(tokens.map((t, i) => [`t${i}`, t]));
    const hits: SearchHit[] = [];
    for (const label of labels) {
      const rows = await this.read(`MATCH (n:${label}) WHERE ${where} RETURN n LIMIT ${SEARCH_CANDIDATES}`, params);
      for (const row of rows) {
        const node = toGraphNode(row.n as Row);
        const aliases = (node.properties.aliases as string[] | undefined) ?? [];
        const ranked = rankNames(query.text, node.name, node.label === 'Quote' ? [] : aliases)
          ?? (node.label === 'Quote' || node.label === 'Claim' ? { rank: 1, matched: node.name } : null);
        if (ranked) hits.push({ node, ...ranked });
      }
    }
    hits.sort((a, b) => b.rank - a.rank || a.node.name.length - b.node.name.length || a.node.name.localeCompare(b.node.name));
    return { hits: hits.slice(query.offset, query.offset + query.limit), total: hits.length };
  }

  async getNode(id: string): Promise<NodeDetail | null> {
    const label = labelOfId(id);
    if (!label) return null;
    const rows = await this.read(`MATCH (n:${label} {id: $id}) RETURN n`, { id });
    if (!rows[0]) return null;
    const node = toGraphNode(rows[0].n as Row);
    const rels = await this.read(
      `MATCH (n:${label} {id: $id})-[r]-(m) RETURN label(r) AS type, r.docId AS docId, r.startOffset AS s, r.endOffset AS e, id(n) AS self, r AS rel`,
      { id },
    );
    const counts = new Map<string, number>();
    const provenance: NodeDetail['provenance'] = [];
    for (const row of rels) {
      const dir = internalKey((row.rel as Row)._src) === internalKey(row.self) ? 'out' : 'in';
      const key = `${row.type}|${dir}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (row.docId) provenance.push({ documentId: row.docId as string, title: '', start: (row.s as number) ?? null, end: (row.e as number) ?? null, via: row.type as RelType });
    }
    const docIds = [...new Set(provenance.map((p) => p.documentId))];
    const titles = new Map((await this.read('UNWIND $ids AS x MATCH (d:Document {id: x}) RETURN d.id AS id, d.title AS title', { ids: docIds })).map((r) => [r.id, r.title as string]));
    for (const p of provenance) p.title = titles.get(p.documentId) ?? p.documentId;
    return {
      node,
      relationshipCounts: [...counts].map(([k, count]) => { const [type, direction] = k.split('|'); return { type: type as RelType, direction: direction as 'in' | 'out', count }; }),
      provenance,
    };
  }

  async neighbourhood(q: NeighbourhoodQuery): Promise<Subgraph> {
    const nodes = new Map<string, GraphNode>();
    const edges = new Map<string, GraphEdge>();
    const truncated = new Map<string, number>();
    const seeds = await this.nodesByIds(q.ids);
    for (const n of seeds) nodes.set(n.id, n);
    let frontier = seeds.map((n) => n.id);
    const filters: string[] = [];
    if (q.relTypes?.length) filters.push('label(r) IN $types');
    if (q.labels?.length) filters.push('label(m) IN $labels');
    const where = filters.length ? `AND ${filters.join(' AND ')}` : '';
    const params = { types: q.relTypes ?? [], labels: q.labels ?? [] };
    for (let depth = 1; depth <= q.depth && frontier.length && nodes.size < q.limit; depth++) {
      const next: string[] = [];
      for (const id of frontier) {
        if (nodes.size >= q.limit) { truncated.set(id, (truncated.get(id) ?? 0)); break; }
        const label = labelOfId(id)!;
        const room = Math.min(q.perNodeLimit, q.limit - nodes.size);
        // hubs first: a neighbour with more connections is the more useful one to show
        const rows = await this.read(
          `MATCH (n:${label} {id: $id})-[r]-(m) WHERE true ${where}
           RETURN id(n) AS self, r AS rel, m AS node ORDER BY m.id LIMIT ${room + q.perNodeLimit * 4}`,
          { id, ...params },
        );
        const total = await this.read(`MATCH (n:${label} {id: $id})-[r]-(m) WHERE true ${where} RETURN count(DISTINCT m.id) AS c`, { id, ...params });
        let added = 0;
        const shown = new Set<string>();
        for (const row of rows) {
          const m = toGraphNode(row.node as Row);
          if (!nodes.has(m.id)) {
            if (added >= room) continue;
            nodes.set(m.id, m);
            next.push(m.id);
            added++;
          }
          shown.add(m.id);
          const rel = row.rel as Row;
          const self = internalKey(row.self);
          const out = internalKey(rel._src) === self;
          const edge = toGraphEdge(rel, new Map([[self, id], [out ? internalKey(rel._dst) : internalKey(rel._src), m.id]]));
          if (edge) edges.set(edge.id, edge);
        }
        const hidden = Number(total[0]?.c ?? 0) - shown.size;
        if (hidden > 0) truncated.set(id, hidden);
      }
      frontier = next;
    }
    return { nodes: [...nodes.values()], edges: [...edges.values()], truncated: [...truncated].map(([id, hidden]) => ({ id, hidden })) };
  }

  async shortestPath(fromId: string, toId: string, maxHops: number): Promise<Subgraph | null> {
    const a = labelOfId(fromId), b = labelOfId(toId);
    if (!a || !b) return null;
    const hops = Math.max(1, Math.min(10, Math.floor(maxHops)));
    const rows = await this.read(
      `MATCH p = (a:${a} {id: $from})-[* ALL SHORTEST 1..${hops}]-(b:${b} {id: $to}) RETURN p LIMIT 10`,
      { from: fromId, to: toId },
    );
    if (!rows.length) return null;
    return this.collectGraph(rows.map((r) => r.p));
  }

  async quotes(f: QuoteFilter): Promise<{ quotes: QuoteView[]; total: number }> {
    const conditions: string[] = [];
    const params: Record<string, unknown> = {};
    if (f.speakerId) { conditions.push('EXISTS { MATCH (s)-[:SAID]->(q) WHERE s.id = $speakerId }'); params.speakerId = f.speakerId; }
    if (f.speakerKind) {
      const label = { person: 'Person', organization: 'Organization', report: 'Report' }[f.speakerKind];
      conditions.push(`EXISTS { MATCH (s:${label})-[:SAID]->(q) }`);
    }
    if (f.organizationId) {
      conditions.push(`(EXISTS { MATCH (o:Organization)-[:SAID]->(q) WHERE o.id = $org }
        OR EXISTS { MATCH (p:Person)-[:SAID]->(q), (p)-[:HOLDS_ROLE]->(o:Organization) WHERE o.id = $org }
        OR EXISTS { MATCH (q)-[:CONCERNS]->(o:Organization) WHERE o.id = $org })`);
      params.org = f.organizationId;
    }
    if (f.reportId) {
      conditions.push(`(EXISTS { MATCH (r:Report)-[:SAID]->(q) WHERE r.id = $report }
        OR EXISTS { MATCH (q)-[:QUOTED_IN]->(d:Document)-[:COVERS]->(r:Report) WHERE r.id = $report })`);
      params.report = f.reportId;
    }
    if (f.documentId) { conditions.push('EXISTS { MATCH (q)-[:QUOTED_IN]->(d:Document) WHERE d.id = $doc }'); params.doc = f.documentId; }
    const tokens = f.text ? queryTokens(f.text) : [];
    tokens.forEach((t, i) => { conditions.push(`q.searchText CONTAINS $qt${i}`); params[`qt${i}`] = t; });
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const total = Number((await this.read(`MATCH (q:Quote) ${where} RETURN count(q) AS c`, params))[0]?.c ?? 0);
    const ids = (await this.read(`MATCH (q:Quote) ${where} RETURN q.id AS id ORDER BY q.documentId, q.startOffset SKIP ${f.offset} LIMIT ${f.limit}`, params)).map((r) => r.id as string);
    return { quotes: await this.quoteViews(ids), total };
  }

  private async quoteViews(ids: string[]): Promise<QuoteView[]> {
    if (!ids.length) return [];
    const rows = await this.read(
      `UNWIND $ids AS x MATCH (q:Quote {id: x})-[qi:QUOTED_IN]->(d:Document)
       OPTIONAL MATCH (s)-[said:SAID]->(q) WHERE said.docId = d.id
       RETURN q.id AS id, q.text AS text, d.id AS docId, d.title AS title, d.publisher AS publisher, d.publishedAt AS publishedAt,
              qi.startOffset AS s, qi.endOffset AS e, s.id AS speakerId, label(s) AS speakerLabel, coalesce(s.name, s.title) AS speaker`,
      { ids },
    );
    const speakerIds = [...new Set(rows.map((r) => r.speakerId).filter(Boolean))] as string[];
    const roles = speakerIds.length
      ? await this.read(
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
      view.sources.push({ documentId: r.docId as string, title: r.title as string, publisher: (r.publisher as string) ?? null, publishedAt: (r.publishedAt as string) ?? null, start: Number(r.s), end: Number(r.e) });
      views.set(id, view);
    }
    return ids.map((id) => views.get(id)).filter((v): v is QuoteView => !!v);
  }

  async documentText(documentId: string): Promise<DocumentText | null> {
    const docs = await this.read('MATCH (d:Document {id: $id}) RETURN d', { id: documentId });
    if (!docs[0]) return null;
    const d = plain(docs[0].d) as GraphNode;
    const p = d.properties;
    const quotes = await this.read(
      `MATCH (q:Quote)-[qi:QUOTED_IN]->(d:Document {id: $id})
       OPTIONAL MATCH (s)-[said:SAID]->(q) WHERE said.docId = $id
       RETURN q.id AS id, qi.startOffset AS qs, qi.endOffset AS qe, s.id AS speakerId, coalesce(s.name, s.title) AS speaker ORDER BY qs`,
      { id: documentId },
    );
    const mentions = await this.read(
      `MATCH (d:Document {id: $id})-[m:MENTIONS]->(x) RETURN x.id AS id, label(x) AS label, coalesce(x.name, x.title) AS name, m.spanStarts AS mstarts, m.spanEnds AS mends`,
      { id: documentId },
    );
    return {
      id: documentId,
      title: p.title as string, publisher: (p.publisher as string) ?? null, publishedAt: (p.publishedAt as string) ?? null,
      url: (p.url as string) ?? null, kind: p.kind as string, text: p.text as string,
      quotes: quotes.map((r) => ({ id: r.id as string, start: Number(r.qs), end: Number(r.qe), speakerId: (r.speakerId as string) ?? null, speaker: (r.speaker as string) ?? null })),
      mentions: mentions.flatMap((r) => ((r.mstarts as number[]) ?? []).map((start, i) => ({
        id: r.id as string, label: r.label as NodeLabel, name: r.name as string, start: Number(start), end: Number((r.mends as number[])[i]),
      }))).sort((a, b) => a.start - b.start),
    };
  }

  async claims(f: { measure?: string; documentId?: string; limit: number; offset: number }): Promise<{ claims: ClaimView[]; total: number }> {
    const conditions: string[] = [];
    const params: Record<string, unknown> = {};
    if (f.documentId) { conditions.push('EXISTS { MATCH (d:Document)-[:STATES]->(c) WHERE d.id = $doc }'); params.doc = f.documentId; }
    queryTokens(f.measure ?? '').forEach((t, i) => { conditions.push(`c.searchText CONTAINS $m${i}`); params[`m${i}`] = t; });
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const total = Number((await this.read(`MATCH (c:Claim) ${where} RETURN count(c) AS c`, params))[0]?.c ?? 0);
    const rows = await this.read(
      `MATCH (c:Claim) ${where} WITH c ORDER BY c.measure, c.value SKIP ${f.offset} LIMIT ${f.limit}
       MATCH (d:Document)-[s:STATES]->(c)
       OPTIONAL MATCH (c)-[:SOURCED_FROM]->(r:Report)
       RETURN c.id AS id, c.text AS text, c.value AS value, c.unit AS unit, c.measure AS measure,
              d.id AS docId, d.title AS title, d.publisher AS publisher, s.startOffset AS s, s.endOffset AS e, r.id AS reportId, r.title AS report`,
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
    return { claims: [...views.values()], total };
  }

  async counts(): Promise<Counts> {
    const nodes = {} as Counts['nodes'];
    for (const label of NODE_LABELS) nodes[label] = Number((await this.read(`MATCH (n:${label}) RETURN count(n) AS c`))[0]?.c ?? 0);
    const relationships = {} as Counts['relationships'];
    for (const type of REL_TYPES) relationships[type] = Number((await this.read(`MATCH ()-[r:${type}]->() RETURN count(r) AS c`))[0]?.c ?? 0);
    return { nodes, relationships };
  }

  async topNodes(limit: number, labels: NodeLabel[] = ['Person', 'Organization', 'Report']): Promise<GraphNode[]> {
    const scored: { node: GraphNode; degree: number }[] = [];
    for (const label of labels) {
      const rows = await this.read(`MATCH (n:${label})-[r]-() RETURN n, count(r) AS degree ORDER BY degree DESC, n.id LIMIT ${limit}`);
      for (const r of rows) scored.push({ node: toGraphNode(r.n as Row), degree: Number(r.degree) });
    }
    return scored.sort((a, b) => b.degree - a.degree).slice(0, limit).map((s) => s.node);
  }

  async runReadOnly(req: CypherRequest): Promise<CypherResult> {
    refuseUnsafeForms(req.query);
    return this.pool.read(async (s) => {
      let readOnly: boolean;
      try {
        readOnly = await s.isReadOnly(req.query);
      } catch (error) {
        throw syntaxError(error);
      }
      if (!readOnly) throw new QueryRefusedError('write', 'refused: the database reports this statement writes data; the console is read-only');
      const started = Date.now();
      s.conn.setQueryTimeout(req.timeoutMs);
      await s.run('BEGIN TRANSACTION READ ONLY');
      try {
        const result = await s.execute(req.query, req.params);
        const columns = await result.getColumnNames();
        const rows: unknown[][] = [];
        const rawValues: unknown[] = [];
        let truncated = false;
        while (result.hasNext()) {
          if (rows.length >= req.rowLimit) { truncated = true; break; }
          const row = (await result.getNext()) as Row;
          rawValues.push(...columns.map((c) => row[c]));
          rows.push(columns.map((c) => plain(row[c])));
        }
        result.close();
        return { columns, rows, graph: this.collectGraph(rawValues), truncated, elapsedMs: Date.now() - started };
      } catch (error) {
        const message = (error as Error).message ?? String(error);
        if (/interrupt|timeout/i.test(message)) throw new QueryTimeoutError(req.timeoutMs);
        if (/read-only transaction/i.test(message)) throw new QueryRefusedError('write', `refused by the database: ${message}`);
        throw syntaxError(error);
      } finally {
        await s.run('ROLLBACK').catch(() => undefined);
        s.conn.setQueryTimeout(INTERNAL_TIMEOUT_MS);
      }
    });
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

  private async nodesByIds(ids: string[]): Promise<GraphNode[]> {
    const out: GraphNode[] = [];
    for (const label of NODE_LABELS) {
      const mine = ids.filter((id) => labelOfId(id) === label);
      if (!mine.length) continue;
      const rows = await this.read(`UNWIND $ids AS x MATCH (n:${label} {id: x}) RETURN n`, { ids: mine });
      out.push(...rows.map((r) => toGraphNode(r.n as Row)));
    }
    return out;
  }

  private read(statement: string, params: Record<string, unknown> = {}): Promise<Row[]> {
    return this.pool.read((s) => s.run(statement, params)).catch((error: unknown) => {
      throw new StoreError(`embedded store query failed: ${(error as Error).message}`, error);
    });
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}

function syntaxError(error: unknown): QuerySyntaxError {
  const message = ((error as Error).message ?? String(error)).replace(/\s+$/, '');
  const m = /\(line: (\d+), offset: (\d+)\)/.exec(message);
  const position = m ? { line: Number(m[1]), column: Number(m[2]) + 1, offset: Number(m[2]) } : null;
  return new QuerySyntaxError(message.split('\n')[0]!, position);
}

export const _endpointsForTests = REL_ENDPOINTS;
