import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { relProps, type DocumentGraph, type GraphEdge, type NodeLabel, type RelType, type Subgraph } from '../../server/model/graph.js';
import { LadybugStore } from '../../server/store/ladybug/ladybug-store.js';
import type { NeighbourhoodQuery } from '../../server/store/port.js';
import { tempDir } from '../support/stores.js';

// The embedded store answers neighbourhoods and paths from an adjacency index in memory once it
// is built, and from the database before that. These check that the two give the same answers
// on one graph, whether the index was built from the graph or kept up through writes (new
// documents, batches, edited documents that drop nodes, renames), and that opening does not wait.

const open: LadybugStore[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

async function openStore(dir: string, memoryIndexes = true): Promise<LadybugStore> {
  const store = await LadybugStore.open({ dataDir: dir, memoryIndexes });
  open.push(store);
  return store;
}

async function close(store: LadybugStore): Promise<void> {
  open.splice(open.indexOf(store), 1);
  await store.close();
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** A small corpus in the benchmark's shape: people, bodies and reports recur across documents; no node has a hundred neighbours. */
function documentGraph(i: number, edit = 0): DocumentGraph {
  const doc = `doc:g-${i}`;
  const people = Array.from({ length: 3 - (edit ? 1 : 0) }, (_, k) => {
    const n = (i * 3 + k) % 70;
    return { id: `person:g-${n}`, name: `Person ${n}`, aliases: [], kind: 'official' as const, titles: [] };
  });
  // a person only one document names, until an edit drops them: the graph and the index must let them go
  if (i % 20 === 0 && !edit) people.push({ id: `person:only-${i}`, name: `Only ${i}`, aliases: [], kind: 'official' as const, titles: [] });
  const orgs = [`org:force-${i % 8}`, `org:body-${i % 15}`].map((id, k) => ({
    id, name: k ? `Body ${i % 15}${edit ? ' (edited)' : ''}` : `Force ${i % 8}`, aliases: [], kind: (k ? 'other' : 'force') as 'other' | 'force',
  }));
  const report = { id: `report:g-${i % 25}`, title: `Report ${i % 25}`, publisher: null, year: 2016 + (i % 5), reference: null };
  const quotes = Array.from({ length: 4 - edit }, (_, k) => ({ id: `quote:g-${i}-${k}`, text: `Quote ${k} of ${i}`, startOffset: k * 20, endOffset: k * 20 + 10, documentId: doc }));
  const claims = i % 3 ? [] : [{ id: `claim:g-${i}`, text: `${i} allegations`, value: i + 0.5, unit: 'count' as const, measure: 'allegations' }];
  const rel = (type: RelType, from: string, to: string, extra: Partial<Parameters<typeof relProps>[0]> = {}) => ({ type, from, to, props: relProps({ docId: doc, ...extra }) });
  return {
    document: { id: doc, title: `Document ${i}`, publisher: 'Paper', url: null, publishedAt: '2020-01-01', kind: 'news', text: `text ${i} ${edit}`, sha256: sha(`${i}-${edit}`), fileName: `${i}.txt`, paths: [`${i}.txt`], corpus: null, textSource: 'text', pageStarts: [], ocrPages: [] },
    people, organizations: orgs, reports: [report], quotes, claims,
    relationships: [
      ...quotes.map((q, k) => rel('SAID', people[k % people.length]!.id, q.id)),
      ...quotes.map((q) => rel('QUOTED_IN', q.id, doc, { startOffset: q.startOffset, endOffset: q.endOffset })),
      ...people.map((p, k) => rel('HOLDS_ROLE', p.id, orgs[k % 2]!.id, { title: k ? 'Chair' : 'Chief Constable' })),
      ...[...people, ...orgs].map((e) => rel('MENTIONS', doc, e.id, { count: 1, spanStarts: [0], spanEnds: [3] })),
      rel('COVERS', doc, report.id),
      rel('PUBLISHED', orgs[1]!.id, report.id),
      rel('CONCERNS', quotes[0]!.id, orgs[0]!.id),
      ...claims.flatMap((c) => [rel('STATES', doc, c.id, { startOffset: 5, endOffset: 9 }), rel('SOURCED_FROM', c.id, report.id)]),
    ],
  };
}

/** New documents in batches and alone, edited documents (one drops a person who then has no other document), renames restated. */
async function writeCorpus(store: LadybugStore): Promise<void> {
  for (let i = 0; i < 120; i += 30) await store.writeDocumentGraphs(Array.from({ length: 30 }, (_, k) => documentGraph(i + k)));
  for (let i = 120; i < 130; i++) await store.writeDocumentGraph(documentGraph(i));
  await store.writeDocumentGraphs([5, 17, 40].map((i) => documentGraph(i, 1)));
  await store.writeDocumentGraph(documentGraph(60, 2));
  const broken = documentGraph(130);
  broken.relationships.push({ type: 'SAID', from: 'person:g-1', to: 'quote:missing', props: relProps({ docId: 'doc:g-130' }) });
  await expect(store.writeDocumentGraphs([documentGraph(131), broken])).rejects.toThrow(/quote:missing/);
  for (const year of [2016, 2017]) {
    await store.writeRenames([{ from: { id: 'org:force-1', name: 'Force 1', kind: 'force', aliases: [] }, to: { id: 'org:force-9', name: 'Force 9', kind: 'force', aliases: ['F9'] }, year }]);
  }
}

const SEEDS = ['person:g-3', 'person:g-40', 'org:force-1', 'org:force-9', 'org:body-4', 'doc:g-5', 'doc:g-60', 'quote:g-7-0', 'report:g-3', 'claim:g-9', 'person:nobody'];
const QUERIES: NeighbourhoodQuery[] = [
  ...SEEDS.flatMap((id) => [1, 2, 3].map((depth) => ({ ids: [id], depth: depth as 1 | 2 | 3, perNodeLimit: 25, limit: 500 }))),
  ...SEEDS.map((id) => ({ ids: [id], depth: 2 as const, perNodeLimit: 25, limit: 40 })),
  ...SEEDS.map((id) => ({ ids: [id], depth: 2 as const, perNodeLimit: 30, limit: 500, labels: ['Person', 'Quote'] as NodeLabel[] })),
  ...SEEDS.map((id) => ({ ids: [id], depth: 3 as const, perNodeLimit: 25, limit: 500, relTypes: ['SAID', 'QUOTED_IN', 'HOLDS_ROLE'] as RelType[] })),
  { ids: ['org:force-1', 'person:g-3', 'claim:g-9'], depth: 2, perNodeLimit: 25, limit: 200 },
];
const PAIRS: [string, string, number][] = [
  ['person:g-3', 'org:force-2', 4], ['person:g-3', 'person:g-40', 6], ['quote:g-7-0', 'claim:g-9', 6], ['org:force-1', 'org:force-9', 1],
  ['person:g-3', 'report:g-3', 2], ['doc:g-5', 'doc:g-60', 4], ['person:g-3', 'person:g-3', 3], ['person:g-3', 'person:nobody', 4],
];

async function answers(store: LadybugStore) {
  const hoods: Subgraph[] = [];
  for (const q of QUERIES) hoods.push(await store.neighbourhood(q));
  const paths: (Subgraph | null)[] = [];
  for (const [a, b, hops] of PAIRS) paths.push(await store.shortestPath(a, b, hops));
  return { hoods, paths };
}

const byId = (edges: GraphEdge[]) => [...edges].sort((a, b) => (a.id < b.id ? -1 : 1));

/** The number of steps from a to b inside a path answer, and how many ways there are of taking them. */
function pathShape(g: Subgraph, from: string, to: string): { length: number; ways: number } {
  const ways = new Map([[from, 1]]);
  let front = [from], length = 0;
  while (front.length && !ways.has(to)) {
    const next = new Map<string, number>();
    for (const v of front) {
      for (const e of g.edges) {
        const w = e.source === v ? e.target : e.target === v ? e.source : null;
        if (w && !ways.has(w)) next.set(w, (next.get(w) ?? 0) + ways.get(v)!);
      }
    }
    for (const [w, n] of next) ways.set(w, n);
    front = [...next.keys()];
    length++;
  }
  return { length, ways: ways.get(to) ?? 0 };
}

function expectSameAnswers(got: Awaited<ReturnType<typeof answers>>, want: Awaited<ReturnType<typeof answers>>): void {
  got.hoods.forEach((g, i) => {
    const w = want.hoods[i]!;
    const what = JSON.stringify(QUERIES[i]);
    expect(g.nodes, what).toEqual(w.nodes);
    expect(g.truncated, what).toEqual(w.truncated);
    expect(byId(g.edges), what).toEqual(byId(w.edges));
  });
  got.paths.forEach((g, i) => {
    const [a, b] = PAIRS[i]!;
    const w = want.paths[i]!;
    expect(g === null, `${a} to ${b}`).toBe(w === null);
    if (!g || !w) return;
    const shape = pathShape(g, a, b);
    expect(shape.length, `${a} to ${b}`).toBe(pathShape(w, a, b).length);
    // fewer than the cap: every shortest path, the same nodes and relationships
    if (shape.ways < 10) {
      expect(g.nodes.map((n) => n.id).sort(), `${a} to ${b}`).toEqual(w.nodes.map((n) => n.id).sort());
      expect(byId(g.edges).map((e) => e.id), `${a} to ${b}`).toEqual(byId(w.edges).map((e) => e.id));
    }
  });
}

describe('the embedded adjacency index', () => {
  it('gives the database’s neighbourhoods and paths, kept up through writes or built from the graph', async () => {
    const dir = tempDir('adjacency');
    const live = await openStore(dir);
    // built before anything is written: every write below must change it
    await live.warmIndexes();
    await writeCorpus(live);
    const counts = await live.counts();
    const indexed = await live.indexCounts();
    expect(indexed.adjacency).toEqual(counts);
    expect(indexed.search).toEqual(counts.nodes);
    expect(await live.getNode('person:only-20')).not.toBeNull();
    expect(await live.getNode('person:only-40')).toBeNull();
    const keptUp = await answers(live);
    await close(live);

    const graph = await openStore(dir, false);
    const fromGraph = await answers(graph);
    await close(graph);
    const rebuilt = await openStore(dir);
    await rebuilt.warmIndexes();
    expect((await rebuilt.indexCounts()).adjacency).toEqual(counts);
    const fromIndex = await answers(rebuilt);

    expect(fromGraph.hoods.some((g) => g.truncated.length)).toBe(true);
    expect(fromGraph.paths.filter((p) => p && p.edges.length > 1).length).toBeGreaterThan(3);
    expectSameAnswers(fromIndex, fromGraph);
    expectSameAnswers(keptUp, fromGraph);
    // three stores answer about 90 queries each: on a loaded two-core machine that passed 30 s
  }, 120_000);

  it('opens without building anything, answers from the database meanwhile, and a write waits for a build under way', async () => {
    const dir = tempDir('adjacency-open');
    const first = await openStore(dir, false);
    for (let i = 0; i < 40; i += 20) await first.writeDocumentGraphs(Array.from({ length: 20 }, (_, k) => documentGraph(i + k)));
    await close(first);

    const store = await openStore(dir);
    const q: NeighbourhoodQuery = { ids: ['org:force-1'], depth: 2, perNodeLimit: 25, limit: 500 };
    // the first need starts the build and is answered from the graph
    const early = await store.neighbourhood(q);
    const building = store.warmIndexes();
    const edited = store.writeDocumentGraph(documentGraph(9, 1));
    await building;
    await edited;
    expect((await store.indexCounts()).adjacency).toEqual(await store.counts());
    const late = await store.neighbourhood(q);
    expect(late.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(early.nodes.slice(0, 5).map((n) => n.id)));
    expect((await store.search({ text: 'body 9 edited', limit: 5, offset: 0 })).hits[0]?.node.id).toBe('org:body-9');
  });

  it('searches the graph before its index is built, with the index’s answers', async () => {
    const dir = tempDir('adjacency-search');
    const store = await openStore(dir, false);
    await store.writeDocumentGraphs(Array.from({ length: 30 }, (_, k) => documentGraph(k)));
    const queries = ['person 1', 'force', 'quote 2 of', 'body 1', 'orce', 'allegations', 'report 2', 'of 1'];
    const before = [];
    for (const text of queries) before.push(await store.search({ text, limit: 7, offset: 1 }));
    await store.warmIndexes();
    for (const [i, text] of queries.entries()) expect(await store.search({ text, limit: 7, offset: 1 }), text).toEqual(before[i]);
  });
});
