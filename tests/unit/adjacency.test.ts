import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NODE_LABELS, REL_TYPES, displayName, edgeId, nodeKind, type GraphEdge, type NodeLabel, type RelType, type Subgraph } from '../../server/model/graph.js';
import type { NeighbourhoodQuery } from '../../server/store/port.js';
import { AdjacencyIndex, type EdgeInput, type NodeInput } from '../../server/store/ladybug/adjacency.js';
import { NEIGHBOUR_ORDER, SUMMARY_NODE_PROPERTIES, SUMMARY_REL_PROPERTIES, pickProperties } from '../../server/store/shared/limits.js';

// The adjacency index against a plain model of the same graph: a list of nodes and a list of
// relationships, walked the slow, obvious way, through random graphs and random changes.

const PREFIX: Record<NodeLabel, string> = { Document: 'doc', Person: 'person', Organization: 'org', Report: 'report', Quote: 'quote', Claim: 'claim' };

function node(label: NodeLabel, n: number): NodeInput {
  const id = `${PREFIX[label]}:${n}`;
  const properties: Record<string, unknown> = {
    Document: { id, title: `Doc ${n}`, publisher: n % 2 ? 'Paper' : null, publishedAt: null, kind: 'news', text: 'long text' },
    Person: { id, name: `Person ${n}`, kind: 'official', aliases: ['x'] },
    Organization: { id, name: `Org ${n}`, kind: 'force' },
    Report: { id, title: `Report ${n}`, publisher: null, year: 2000 + n },
    Quote: { id, text: `Quote number ${n} said something`, startOffset: 3 },
    Claim: { id, text: `${n} allegations`, value: n + 0.5, unit: 'count', measure: 'allegations' },
  }[label];
  return { id, label, properties };
}

class Model {
  nodes = new Map<string, NodeInput>();
  edges: EdgeInput[] = [];

  put(n: NodeInput) { this.nodes.set(n.id, n); }
  add(e: EdgeInput) { if (this.nodes.has(e.from) && this.nodes.has(e.to)) this.edges.push(e); }
  removeDocument(docId: string) {
    const near = new Set([docId, ...this.edges.flatMap((e) => (e.from === docId ? [e.to] : e.to === docId ? [e.from] : []))]);
    this.edges = this.edges.filter((e) => !(e.properties.docId === docId && (near.has(e.from) || near.has(e.to))));
  }
  removeNode(id: string) { this.nodes.delete(id); this.edges = this.edges.filter((e) => e.from !== id && e.to !== id); }

  rows(id: string) {
    return this.edges.flatMap((e) => [
      ...(e.from === id ? [{ e, other: e.to }] : []),
      ...(e.to === id ? [{ e, other: e.from }] : []),
    ]);
  }

  summary(id: string) {
    const n = this.nodes.get(id)!;
    const properties = pickProperties(n.properties, SUMMARY_NODE_PROPERTIES[n.label]);
    return { id, label: n.label, name: displayName(n.label, properties), kind: nodeKind(n.label, properties), properties };
  }

  edge(e: EdgeInput): GraphEdge {
    const properties = pickProperties(e.properties, SUMMARY_REL_PROPERTIES);
    return { id: edgeId(e.type, e.from, e.to, (properties.docId as string) ?? null), type: e.type, source: e.from, target: e.to, properties };
  }

  /** The store's breadth-first expansion as the database version does it. */
  neighbourhood(q: NeighbourhoodQuery): Subgraph {
    const rank = (id: string) => NEIGHBOUR_ORDER.indexOf(this.nodes.get(id)!.label);
    const known = new Set<string>();
    const order: string[] = [];
    for (const id of q.ids) if (this.nodes.has(id) && !known.has(id)) { known.add(id); order.push(id); }
    const edges = new Map<string, GraphEdge>();
    const truncated: Subgraph['truncated'] = [];
    let frontier = [...order];
    for (let depth = 1; depth <= q.depth && frontier.length && known.size < q.limit; depth++) {
      const next: string[] = [];
      for (const id of frontier) {
        if (known.size >= q.limit) break;
        const room = Math.min(q.perNodeLimit, q.limit - known.size);
        const rows = this.rows(id)
          .filter((r) => (!q.relTypes?.length || q.relTypes.includes(r.e.type)) && (!q.labels?.length || q.labels.includes(this.nodes.get(r.other)!.label)))
          .sort((a, b) => rank(a.other) - rank(b.other) || (a.other < b.other ? -1 : a.other > b.other ? 1 : 0));
        let added = 0;
        const shown = new Set<string>();
        for (const r of rows) {
          if (!known.has(r.other)) {
            if (added >= room) continue;
            known.add(r.other); order.push(r.other); next.push(r.other); added++;
          }
          shown.add(r.other);
          const edge = this.edge(r.e);
          edges.set(edge.id, edge);
        }
        const total = new Set(rows.map((r) => r.other)).size;
        if (total > shown.size) truncated.push({ id, hidden: total - shown.size });
      }
      frontier = next;
    }
    return { nodes: order.map((id) => this.summary(id)), edges: [...edges.values()], truncated };
  }

  distances(from: string): Map<string, number> {
    const dist = new Map([[from, 0]]);
    let front = [from];
    while (front.length) {
      const next: string[] = [];
      for (const v of front) for (const r of this.rows(v)) if (!dist.has(r.other)) { dist.set(r.other, dist.get(v)! + 1); next.push(r.other); }
      front = next;
    }
    return dist;
  }

  /** how many shortest paths (sequences of relationships) join a to b */
  pathCount(a: string, b: string): number {
    const fromA = this.distances(a);
    const count = new Map<string, number>([[a, 1]]);
    const byDistance = [...fromA.keys()].sort((x, y) => fromA.get(x)! - fromA.get(y)!);
    for (const v of byDistance) {
      if (v === a) continue;
      count.set(v, this.rows(v).filter((r) => fromA.get(r.other) === fromA.get(v)! - 1).reduce((n, r) => n + count.get(r.other)!, 0));
    }
    return count.get(b) ?? 0;
  }
}

type Step =
  | { kind: 'doc'; doc: number; links: { type: number; a: number; b: number; start: number | null }[] }
  | { kind: 'rewrite'; doc: number; links: { type: number; a: number; b: number; start: number | null }[] }
  | { kind: 'remove'; node: number }
  | { kind: 'layout' };

const LABELS = NODE_LABELS;
/** a small pool of nodes, so that documents share people, bodies and reports */
const POOL = Array.from({ length: 40 }, (_, i) => node(LABELS[i % LABELS.length]!, i));

const link = fc.record({ type: fc.nat(REL_TYPES.length - 1), a: fc.nat(POOL.length - 1), b: fc.nat(POOL.length - 1), start: fc.option(fc.nat(500)) });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('doc' as const), doc: fc.nat(6), links: fc.array(link, { maxLength: 12 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('rewrite' as const), doc: fc.nat(6), links: fc.array(link, { maxLength: 12 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), node: fc.nat(POOL.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('layout' as const) }) },
);

/** Writes a document the way the store does: its node, its entities, relationships, each touching the document or an entity next to it. */
function apply(steps: Step[]): { index: AdjacencyIndex; model: Model } {
  const index = new AdjacencyIndex();
  const model = new Model();
  for (const s of steps) {
    if (s.kind === 'layout') { index.layOut(); continue; }
    if (s.kind === 'remove') {
      const id = POOL[s.node]!.id;
      index.removeNodes([id]);
      model.removeNode(id);
      continue;
    }
    const docId = `doc:d${s.doc}`;
    if (s.kind === 'rewrite') { index.removeDocumentEdges(docId); model.removeDocument(docId); }
    const doc = { id: docId, label: 'Document' as const, properties: { id: docId, title: `Document ${s.doc}`, kind: 'news', publisher: null } };
    const entities = [...new Set(s.links.flatMap((l) => [l.a, l.b]))].map((i) => POOL[i]!);
    index.putNodes([doc, ...entities]);
    for (const n of [doc, ...entities]) model.put(n);
    const edges: EdgeInput[] = s.links.flatMap((l, i) => {
      const type = REL_TYPES[l.type]!;
      const props = { docId, startOffset: l.start, endOffset: l.start === null ? null : l.start + 5, title: type === 'HOLDS_ROLE' ? 'Chief' : null, count: type === 'MENTIONS' ? 2 : null, spanStarts: [1] };
      // one end on the document itself, or between two of its entities (it mentions the first)
      return i % 2 ? [{ type, from: docId, to: POOL[l.a]!.id, properties: props }] : [
        { type: 'MENTIONS' as RelType, from: docId, to: POOL[l.a]!.id, properties: { docId, count: 1 } },
        { type, from: POOL[l.a]!.id, to: POOL[l.b]!.id, properties: props },
      ];
    });
    index.addEdges(edges);
    for (const e of edges) model.add(e);
  }
  return { index, model };
}

const sortEdges = (edges: GraphEdge[]) => [...edges].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

describe('the adjacency index', () => {
  it('expands a neighbourhood exactly as the database walk does, through writes, re-writes and removals', () => {
    const query = fc.record({
      seeds: fc.array(fc.nat(POOL.length + 6), { minLength: 1, maxLength: 3 }),
      depth: fc.constantFrom(1, 2, 3) as fc.Arbitrary<1 | 2 | 3>,
      perNodeLimit: fc.integer({ min: 0, max: 6 }),
      limit: fc.integer({ min: 1, max: 30 }),
      labels: fc.option(fc.subarray([...NODE_LABELS], { minLength: 1 }), { nil: undefined }),
      relTypes: fc.option(fc.subarray([...REL_TYPES], { minLength: 1 }), { nil: undefined }),
    });
    fc.assert(fc.property(fc.array(step, { maxLength: 25 }), fc.array(query, { minLength: 1, maxLength: 5 }), (steps, queries) => {
      const { index, model } = apply(steps);
      for (const q of queries) {
        const ids = q.seeds.map((i) => (i < POOL.length ? POOL[i]!.id : `doc:d${i - POOL.length}`));
        const nq: NeighbourhoodQuery = { ids, depth: q.depth, perNodeLimit: q.perNodeLimit, limit: q.limit, labels: q.labels, relTypes: q.relTypes };
        const got = index.neighbourhood(nq);
        const want = model.neighbourhood(nq);
        expect(got.nodes).toEqual(want.nodes);
        expect(got.truncated).toEqual(want.truncated);
        // the same relationships; which of two with the same id is shown may differ
        expect(sortEdges(got.edges).map((e) => e.id)).toEqual(sortEdges(want.edges).map((e) => e.id));
      }
    }), { numRuns: 300 });
  });

  it('finds every shortest path within the hop limit, and none beyond it', () => {
    fc.assert(fc.property(fc.array(step, { maxLength: 20 }), fc.nat(POOL.length - 1), fc.nat(POOL.length - 1), fc.integer({ min: 1, max: 6 }), (steps, x, y, hops) => {
      const { index, model } = apply(steps);
      const a = POOL[x]!.id, b = POOL[y]!.id;
      const got = index.shortestPaths(a, b, hops, 10);
      if (!model.nodes.has(a) || !model.nodes.has(b)) { expect(got).toBeNull(); return; }
      const fromA = model.distances(a), fromB = model.distances(b);
      const length = fromA.get(b);
      if (length === undefined || length > hops) { expect(got).toBeNull(); return; }
      expect(got).not.toBeNull();
      const ids = got!.nodes.map((n) => n.id);
      expect(ids).toContain(a);
      expect(ids).toContain(b);
      // every node lies on a shortest path, every relationship is a step along one
      for (const id of ids) expect(fromA.get(id)! + fromB.get(id)!).toBe(length);
      for (const e of got!.edges) expect(Math.abs(fromA.get(e.source)! - fromA.get(e.target)!)).toBe(1);
      expect(got!.nodes).toEqual(got!.nodes.map((n) => model.summary(n.id)));
      if (a !== b && model.pathCount(a, b) <= 10) {
        // all of them: exactly the nodes on some shortest path
        const onPaths = [...model.nodes.keys()].filter((id) => fromA.get(id) !== undefined && fromA.get(id)! + (fromB.get(id) ?? Number.POSITIVE_INFINITY) === length);
        expect([...ids].sort()).toEqual(onPaths.sort());
      }
    }), { numRuns: 300 });
  });

  it('holds each node summary and relationship summary the neighbourhood shows, and no more', () => {
    const index = new AdjacencyIndex();
    const claim = node('Claim', 1), doc = node('Document', 2), report = node('Report', 3);
    index.putNodes([claim, doc, report]);
    index.addEdges([
      { type: 'STATES', from: doc.id, to: claim.id, properties: { docId: doc.id, startOffset: 4, endOffset: 19, spanStarts: [4], count: null } },
      { type: 'SOURCED_FROM', from: claim.id, to: report.id, properties: { docId: doc.id, year: 2019 } },
    ]);
    const g = index.neighbourhood({ ids: [claim.id], depth: 1, perNodeLimit: 10, limit: 10 });
    expect(g.nodes[0]).toEqual({ id: 'claim:1', label: 'Claim', name: '1 allegations', kind: 'count', properties: { id: 'claim:1', text: '1 allegations', value: 1.5, unit: 'count', measure: 'allegations' } });
    expect(g.nodes.find((n) => n.id === doc.id)?.properties).toEqual({ id: 'doc:2', title: 'Doc 2', kind: 'news' });
    // a report before a document (NEIGHBOUR_ORDER)
    expect(g.edges).toEqual([
      { id: 'SOURCED_FROM:claim:1->report:3@doc:2', type: 'SOURCED_FROM', source: 'claim:1', target: 'report:3', properties: { docId: 'doc:2', year: 2019 } },
      { id: 'STATES:doc:2->claim:1@doc:2', type: 'STATES', source: 'doc:2', target: 'claim:1', properties: { docId: 'doc:2', startOffset: 4, endOffset: 19 } },
    ]);
  });

  it('keeps integers too large for its columns, and an edited summary replaces the old one', () => {
    const index = new AdjacencyIndex();
    index.putNodes([node('Report', 1), node('Organization', 2)]);
    index.addEdges([{ type: 'PUBLISHED', from: 'org:2', to: 'report:1', properties: { docId: null, startOffset: 2 ** 40, count: -3 } }]);
    index.putNodes([{ id: 'report:1', label: 'Report', properties: { title: 'Renamed', year: null } }]);
    const g = index.neighbourhood({ ids: ['report:1'], depth: 1, perNodeLimit: 10, limit: 10 });
    expect(g.nodes[0]).toMatchObject({ name: 'Renamed', properties: { id: 'report:1', title: 'Renamed' } });
    expect(g.edges[0]!.properties).toEqual({ startOffset: 2 ** 40, count: -3 });
    expect(g.edges[0]!.id).toBe('PUBLISHED:org:2->report:1@-');
  });

  it('restates a rename: the relationships between two bodies replaced, not added to', () => {
    const index = new AdjacencyIndex();
    index.putNodes([node('Organization', 1), node('Organization', 2)]);
    for (const year of [2016, 2017]) {
      index.removeEdgesBetween('RENAMED_TO', 'org:1', 'org:2');
      index.addEdges([{ type: 'RENAMED_TO', from: 'org:1', to: 'org:2', properties: { year } }]);
    }
    expect(index.counts().relationships.RENAMED_TO).toBe(1);
    expect(index.neighbourhood({ ids: ['org:2'], depth: 1, perNodeLimit: 10, limit: 10 }).edges.map((e) => e.properties)).toEqual([{ year: 2017 }]);
  });

  it('picks a hub’s first neighbours in display order without sorting them all, and counts the rest', () => {
    const index = new AdjacencyIndex();
    const hub = node('Organization', 0);
    const docs = Array.from({ length: 5000 }, (_, i) => node('Document', 5000 - i));
    const people = Array.from({ length: 300 }, (_, i) => node('Person', 300 - i));
    index.putNodes([hub, ...docs, ...people]);
    index.addEdges([...docs, ...people].map((n) => ({ type: n.label === 'Person' ? 'HOLDS_ROLE' as const : 'MENTIONS' as const, from: n.id, to: hub.id, properties: { docId: null } })));
    const g = index.neighbourhood({ ids: [hub.id], depth: 1, perNodeLimit: 25, limit: 500 });
    expect(g.nodes.slice(1).map((n) => n.id)).toEqual(people.map((p) => p.id).sort().slice(0, 25));
    expect(g.truncated).toEqual([{ id: hub.id, hidden: 5300 - 25 }]);
  });
});
