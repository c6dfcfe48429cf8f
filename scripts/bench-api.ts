import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { pino } from 'pino';
import { relProps, type DocumentGraph } from '../server/model/graph.js';
import { createApp } from '../server/http/app.js';
import { LadybugStore } from '../server/store/ladybug/ladybug-store.js';
import { tempDir } from '../tests/support/stores.js';

// npm run bench:api [-- NODES]: builds a generated graph of about NODES nodes (default 200,000)
// in a temp embedded store, serves the API on loopback and measures search, neighbourhood
// and path with autocannon. Prints p50/p95/p99 latency and throughput per endpoint.

const target = Number(process.argv[2] ?? 200_000);
const PER_DOC = 20; // a document, 4 people, 2 bodies, 1 report, 8 quotes, 4 claims
const docs = Math.ceil(target / PER_DOC);
const FIRST = ['Anna', 'Ben', 'Chloe', 'David', 'Emma', 'Farah', 'George', 'Hannah', 'Imran', 'Julia', 'Kamal', 'Laura', 'Mark', 'Nadia', 'Owen', 'Priya'];
const LAST = ['Adams', 'Baker', 'Clarke', 'Davies', 'Evans', 'Foster', 'Green', 'Hughes', 'Iqbal', 'Jones', 'Khan', 'Lewis', 'Morgan', 'Noble', 'Owens', 'Patel'];
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

function documentGraph(i: number): DocumentGraph {
  const doc = `doc:bench-${i}`;
  const people = Array.from({ length: 4 }, (_, k) => {
    const n = (i * 4 + k) % 40_000; // people recur across documents, as they do in the press
    return { id: `person:bench-${n}`, name: `${FIRST[n % 16]} ${LAST[Math.floor(n / 16) % 16]} ${n}`, aliases: [], kind: 'official' as const, titles: [] };
  });
  const orgs = [`org:force-${i % 43}`, `org:body-${i % 500}`].map((id, k) => ({ id, name: k ? `Oversight Body ${i % 500}` : `Force ${i % 43} Constabulary`, aliases: [], kind: (k ? 'other' : 'force') as 'other' | 'force' }));
  const report = { id: `report:bench-${i % 2000}`, title: `Inspection report ${i % 2000}`, publisher: null, year: 2016 + (i % 8), reference: null };
  const quotes = Array.from({ length: 8 }, (_, k) => ({ id: `quote:bench-${i}-${k}`, text: `Statement ${k} on vetting and misconduct in document ${i}.`, startOffset: k * 50, endOffset: k * 50 + 40, documentId: doc }));
  const claims = Array.from({ length: 4 }, (_, k) => ({ id: `claim:bench-${i}-${k}`, text: `${i + k} allegations`, value: i + k, unit: 'count' as const, measure: 'allegations' }));
  const rel = (type: DocumentGraph['relationships'][number]['type'], from: string, to: string) => ({ type, from, to, props: relProps({ docId: doc }) });
  return {
    document: { id: doc, title: `Generated article ${i}`, publisher: 'Bench Press', url: null, publishedAt: null, kind: 'news', text: 'x'.repeat(400), sha256: sha(String(i)), fileName: `bench-${i}.txt` },
    people, organizations: orgs, reports: [report], quotes, claims,
    relationships: [
      ...quotes.map((q, k) => rel('SAID', people[k % 4]!.id, q.id)),
      ...quotes.map((q) => rel('QUOTED_IN', q.id, doc)),
      ...people.map((p, k) => rel('HOLDS_ROLE', p.id, orgs[k % 2]!.id)),
      ...[...people, ...orgs].map((e) => rel('MENTIONS', doc, e.id)),
      rel('COVERS', doc, report.id),
      ...claims.map((c) => rel('STATES', doc, c.id)),
    ],
  };
}

async function main() {
  const store = await LadybugStore.open({ dataDir: tempDir('bench-api') });
  const started = Date.now();
  for (let i = 0; i < docs; i++) {
    await store.writeDocumentGraph(documentGraph(i));
    if ((i + 1) % 100 === 0) process.stderr.write(`\rloaded ${i + 1}/${docs} documents (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  const counts = await store.counts();
  const nodes = Object.values(counts.nodes).reduce((a, b) => a + b, 0);
  const rels = Object.values(counts.relationships).reduce((a, b) => a + b, 0);
  console.log(`\ngraph: ${nodes} nodes, ${rels} relationships, loaded in ${((Date.now() - started) / 1000).toFixed(1)} s (${(docs / ((Date.now() - started) / 1000)).toFixed(0)} documents/s)`);

  const app = createApp({ store, logger: pino({ level: 'silent' }), consoleRateLimit: { windowMs: 60_000, limit: 1_000_000 } });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const cases: [string, string][] = [
    ['search "anna ada"', '/api/search?q=anna%20ada&limit=10'],
    ['search "inspection report 17"', '/api/search?q=inspection%20report%2017&limit=10'],
    ['neighbourhood depth 2', '/api/neighbourhood?ids=person:bench-123&depth=2&perNode=25&limit=500'],
    ['path person to force', '/api/path?from=person:bench-123&to=org:force-7&maxHops=4'],
  ];
  console.log('endpoint | p50 ms | p95 ms | p99 ms | req/s');
  for (const [name, path] of cases) {
    const result = await autocannon({ url: base + path, connections: 4, duration: 10 });
    const l = result.latency as unknown as Record<string, number>;
    console.log(`${name} | ${l.p50} | ${l.p97_5 ?? l.p95} (p97.5) | ${l.p99} | ${result.requests.average.toFixed(0)}${result.non2xx ? ` (${result.non2xx} errors)` : ''}`);
  }
  server.close();
  await store.close();
}

main().catch((e: unknown) => { console.error(e); process.exit(1); });
