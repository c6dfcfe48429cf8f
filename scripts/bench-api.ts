import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { pino } from 'pino';
import { copyLimit } from './support/copy-limit.js';
import { documentsFor, generatedDocument, peopleFor, WORDS } from './support/generated-graph.js';
import { createApp } from '../server/http/app.js';
import { LadybugStore } from '../server/store/ladybug/ladybug-store.js';

// npm run bench:api -- [NODES] [--dir DIR] [--duration S] [--connections N] [--batch DOCS]
//
// Builds a generated graph of about NODES nodes (default 200,000) in an embedded store,
// serves the API on loopback and measures search, 2-hop neighbourhood and path with
// autocannon: p50/p95/p99 latency (from every response's own timing) and throughput.
// The store's in-memory indexes are built before measuring (and the time and heap they
// take reported); with --from-graph they are not, and every answer comes from the database.
// With --dir the store is kept there, and a later run with the same --dir measures it
// again without rebuilding. The load prints its time beside the store limit: the same
// documents' nodes and relationships by one COPY FROM per table into an empty store.

const args = process.argv.slice(2);
const flag = (name: string) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : undefined; };
const target = Number(args.find((a) => /^\d+$/.test(a)) ?? 200_000);
const duration = Number(flag('duration') ?? 10);
const BATCH = Number(flag('batch') ?? 20_000);
const connections = Number(flag('connections') ?? 4);
const dir = flag('dir') ?? fs.mkdtempSync(path.join(os.tmpdir(), 'og-bench-api-'));
const PEOPLE = peopleFor(target);

/** Heap in use, after a full collection when the process allows one (node --expose-gc). */
function heapMiB(): number {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

function duBytes(folder: string): number {
  try {
    return Number(execFileSync('du', ['-sb', folder], { encoding: 'utf8' }).split(/\s/)[0]);
  } catch {
    return Number.NaN;
  }
}

const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)]!;
const person = () => `person:bench-${Math.floor(Math.random() * PEOPLE)}`;

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : Number.NaN;
}

async function measure(base: string, name: string, paths: () => string) {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({
      url: base, connections, duration,
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths() }) }],
    }, (error, out) => (error ? reject(error) : resolve(out)));
    instance.on('response', (_client, _status, _bytes, ms) => { times.push(ms); });
  });
  times.sort((a, b) => a - b);
  const f = (ms: number) => ms.toFixed(1);
  console.log(`| ${name} | ${f(percentile(times, 50))} | ${f(percentile(times, 95))} | ${f(percentile(times, 99))} | ${result.requests.average.toFixed(0)} | ${result.non2xx ? `${result.non2xx} non-2xx` : 'ok'} |`);
}

async function main() {
  const reuse = fs.existsSync(path.join(dir, 'graph.lbug'));
  const opened = Date.now();
  const fromGraph = args.includes('--from-graph');
  const store = await LadybugStore.open({ dataDir: dir, memoryIndexes: !fromGraph });
  console.log(`store: ${dir} (${reuse ? 'reused' : 'new'}; opened in ${((Date.now() - opened) / 1000).toFixed(1)} s, process RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB)`);
  let written = (await store.counts()).nodes.Document;
  const needed = documentsFor(target);
  if (written < needed) {
    // through the store's own batched write (the seed's path, which takes a batch this large
    // by COPY FROM), BATCH documents a transaction, until the graph holds NODES nodes (people,
    // bodies and reports recur across documents); then the same documents by COPY FROM alone
    const started = Date.now();
    const first = written;
    while (written < needed) {
      const size = Math.min(BATCH, needed - written);
      await store.writeDocumentGraphs(Array.from({ length: size }, (_, k) => generatedDocument(written + k, target)));
      written += size;
      process.stderr.write(`\rloaded ${written} documents (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
    const s = (Date.now() - started) / 1000;
    console.log(`\nwrote ${written - first} documents in ${s.toFixed(1)} s (${((written - first) / s).toFixed(0)} documents/s) into ${dir}, ${BATCH} documents a transaction`);
    const limit = await copyLimit((function* () { for (let i = first; i < written; i++) yield generatedDocument(i, target); })(), `${dir}-copy-limit`);
    console.log(`store limit: the same graph (${limit.nodes} nodes, ${limit.relationships} relationships) by COPY FROM in ${limit.seconds.toFixed(1)} s; our load took ${(s / limit.seconds).toFixed(1)}× that`);
  }
  if (!fromGraph) {
    const heap = heapMiB();
    const started = Date.now();
    await store.warmIndexes();
    console.log(`in-memory indexes (search and adjacency) built in ${((Date.now() - started) / 1000).toFixed(1)} s; JS heap ${heap.toFixed(0)} → ${heapMiB().toFixed(0)} MiB after a full GC${globalThis.gc ? '' : ' (run with node --expose-gc for exact figures)'}`);
  }
  const counts = await store.counts();
  const nodes = Object.values(counts.nodes).reduce((a, b) => a + b, 0);
  const rels = Object.values(counts.relationships).reduce((a, b) => a + b, 0);
  const bytes = duBytes(dir);
  console.log(`graph: ${nodes} nodes, ${rels} relationships; on disk ${(bytes / 2 ** 20).toFixed(0)} MiB; process RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB, JS heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`);
  console.log(`load average before measuring: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} on ${os.cpus().length} cores; ${connections} connections, ${duration} s per endpoint`);

  const app = createApp({ store, logger: pino({ level: 'silent' }), consoleRateLimit: { windowMs: 60_000, limit: 1_000_000 } });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const q = (s: string) => encodeURIComponent(s);
  console.log('| endpoint | p50 ms | p95 ms | p99 ms | req/s | errors |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  await measure(base, 'search: name prefix ("anna ada", "zoe b"…)', () => `/api/search?limit=10&q=${q(pick(['anna ada', 'priya pat', 'ben b', 'hannah hughes 1', 'oversight body 4', 'force 12']))}`);
  await measure(base, 'search: report title ("inspection report 17")', () => `/api/search?limit=10&q=${q(`inspection report ${Math.floor(Math.random() * 200)}`)}`);
  await measure(base, 'search: quote words ("custody backlog")', () => `/api/search?limit=10&q=${q(`${pick(WORDS)} ${pick(WORDS)}`)}`);
  await measure(base, 'search: mid-word ("dams 12")', () => `/api/search?limit=10&kinds=Person&q=${q(pick(['dams', 'ughes', 'rgan', 'atel']))}`);
  await measure(base, 'neighbourhood: person, depth 2', () => `/api/neighbourhood?ids=${person()}&depth=2&perNode=25&limit=500`);
  await measure(base, 'neighbourhood: force (hub), depth 2', () => `/api/neighbourhood?ids=org:force-${Math.floor(Math.random() * 43)}&depth=2&perNode=25&limit=500`);
  await measure(base, 'path: person to force, ≤ 4 hops', () => `/api/path?from=${person()}&to=org:force-${Math.floor(Math.random() * 43)}&maxHops=4`);
  server.close();
  await store.close();
  if (!flag('dir')) fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((e: unknown) => { console.error(e); process.exit(1); });
