import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/http/app.js';
import type { LadybugStore } from '../../server/store/ladybug/ladybug-store.js';
import { seededStore, silentLogger } from '../support/seeded-store.js';

// The console as an attacker uses it: every probe is refused with a 4xx or stopped at its
// limit, the server keeps answering, and the store is unchanged.

let store: LadybugStore;
let app: ReturnType<typeof createApp>;
let server: Server;
let base: string;
let before: unknown;

beforeAll(async () => {
  store = await seededStore();
  app = createApp({ store, logger: silentLogger, limits: { timeoutMs: 1500, rowLimit: 1000, byteLimit: 256 * 1024 }, consoleRateLimit: { windowMs: 60_000, limit: 10_000 } });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  before = await store.counts();
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await store?.close();
});

const ask = (query: string) => fetch(`${base}/api/cypher`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });

const nested = (open: string, close: string, n: number, inner = '1') => `RETURN ${open.repeat(n)}${inner}${close.repeat(n)}`;
let cases = '1';
for (let i = 0; i < 50; i++) cases = `CASE WHEN true THEN ${cases} ELSE 0 END`;

const PROBES: [string, string][] = [
  ['a file read by LOAD FROM', "LOAD WITH HEADERS (line STRING) FROM \"/etc/passwd\" (file_format=\"csv\", header=false, delim=\"\\t\") RETURN line"],
  ['a glob read', "LOAD FROM '/etc/*' RETURN *"],
  ['EXPORT DATABASE behind U+001F', "EXPORT\u001fDATABASE '/tmp/og-export-probe'"],
  ['IMPORT DATABASE behind U+001C', "IMPORT\u001cDATABASE '/tmp/og-export-probe'"],
  ['a setting behind U+001E', 'CALL\u001eauto_checkpoint = false'],
  ['a setting', 'CALL threads = 1'],
  ['a table function', 'CALL show_tables() RETURN *'],
  ['current settings', 'CALL current_setting(\'threads\') RETURN *'],
  ['COPY TO', "COPY (MATCH (n) RETURN n.id) TO '/tmp/og-copy-probe.csv'"],
  ['ATTACH', "ATTACH '/tmp/og-attach.lbug' AS other (dbtype lbug)"],
  ['INSTALL', 'INSTALL httpfs'],
  ['LOAD EXTENSION', "LOAD EXTENSION '/tmp/evil.so'"],
  ['a keyword hidden by a comment', 'MATCH (n) /* RETURN */ DETACH DELETE n'],
  ['a keyword split by a comment', 'MATCH (n) DE/**/LETE n'],
  ['two statements', "MATCH (n) RETURN n; CREATE (:Person {id: 'person:x'})"],
  ['a write in a subquery', "CALL { CREATE (:Person {id: 'person:sub'}) } RETURN 1"],
  ['LOAD CSV behind U+001F', "LOAD\u001fCSV FROM 'file:///etc/passwd' AS l RETURN l"],
  ['2,500 nested parentheses', nested('(', ')', 2500)],
  ['10,000 nested parentheses', nested('(', ')', 10_000)],
  ['deep lists', nested('[', ']', 3000)],
  ['deep maps', nested('{a: ', '}', 1500)],
  ['CASE nested 50 deep', `RETURN ${cases}`],
  ['a 100 KB query', `RETURN '${'x'.repeat(100_000)}'`],
  ['huge padded strings', "UNWIND range(1, 1000) AS i RETURN lpad('', 600000, 'x')"],
  ['an unbounded walk', 'MATCH (a)-[*]-(b) RETURN count(*)'],
  ['a procedure', 'CALL db.labels()'],
];

describe('the console under attack', () => {
  it.each(PROBES)('refuses %s with a clear 4xx and keeps the store unchanged', async (_name, query) => {
    const res = await ask(query);
    expect(res.status, await res.clone().text()).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.message.length).toBeGreaterThan(10);
    expect(await store.counts()).toEqual(before);
  });

  it('stops a cartesian product of every node at its time limit while the API goes on answering', async () => {
    const slow = ask('MATCH (a), (b), (c), (d) WHERE a.id < b.id RETURN count(*) AS n');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    const health = await fetch(`${base}/api/health`);
    const healthMs = Date.now() - started;
    expect(health.status).toBe(200);
    // the console has its own connection and one thread: the API is not queued behind it
    expect(healthMs).toBeLessThan(1000);
    const res = await slow;
    expect([200, 408]).toContain(res.status);
    expect(await store.counts()).toEqual(before);
  });

  it('cuts a huge answer at its byte cap and says so', async () => {
    const res = await ask("MATCH (q:Quote) UNWIND range(1, 200) AS i RETURN q.text + ' ' + q.text + ' ' + q.text AS t");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { rows: unknown[][]; truncated: boolean; truncatedBy: string };
    expect(body.truncated).toBe(true);
    expect(body.truncatedBy).toBe('bytes');
    expect(JSON.stringify(body.rows).length).toBeLessThanOrEqual(256 * 1024 + 2);
  });

  it('turns away queries beyond its queue with 503 rather than letting them pile up', async () => {
    const slow = 'UNWIND range(1, 40000) AS a UNWIND range(1, 40000) AS b WITH a, b WHERE (a * b) % 7919 = 1 RETURN count(*) AS n';
    const statuses = await Promise.all(Array.from({ length: 8 }, () => ask(slow).then((r) => r.status)));
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 503 || s === 408 || s === 200)).toBe(true);
  });

  it('grows resident memory by less than 60 MB over 400 queries in a row', async () => {
    for (let i = 0; i < 20; i++) await ask('MATCH (p:Person) RETURN p.name LIMIT 5');
    const start = process.memoryUsage().rss;
    for (let i = 0; i < 400; i++) {
      const res = await ask(`MATCH (p:Person)-[:SAID]->(q:Quote) WHERE size(q.text) > ${i % 7} RETURN p.name, q.text LIMIT 20`);
      expect(res.status).toBe(200);
    }
    const grown = (process.memoryUsage().rss - start) / (1024 * 1024);
    expect(grown).toBeLessThan(60);
  }, 120_000);
});

describe('hosts', () => {
  it('answers loopback names and refuses a foreign Host with 421 naming the setting', async () => {
    expect((await request(app).get('/api/health').set('Host', 'localhost:3000')).status).toBe(200);
    expect((await request(app).get('/api/health').set('Host', '[::1]:3000')).status).toBe(200);
    const foreign = await request(app).get('/api/health').set('Host', 'attacker.example');
    expect(foreign.status).toBe(421);
    expect(foreign.text).toMatch(/ALLOWED_HOSTS/);
    expect(foreign.text).not.toMatch(/Document|nodes/);
    const rebound = await request(app).post('/api/cypher').set('Host', 'attacker.example:3000').send({ query: 'MATCH (n) RETURN n' });
    expect(rebound.status).toBe(421);
  });

  it('answers a name given in ALLOWED_HOSTS', async () => {
    const team = createApp({ store, logger: silentLogger, allowedHosts: ['graph.newsroom.example'] });
    expect((await request(team).get('/api/health').set('Host', 'graph.newsroom.example:3000')).status).toBe(200);
    expect((await request(team).get('/api/health').set('Host', 'other.example')).status).toBe(421);
  });
});
