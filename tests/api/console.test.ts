import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/http/app.js';
import type { LadybugStore } from '../../server/store/ladybug/ladybug-store.js';
import { seededStore, silentLogger } from '../support/seeded-store.js';

// The Cypher console through HTTP: what a user sees when a statement is refused, times out or
// is cut; exports of a result; the rate limit. The store-level proof that the database
// itself refuses writes is tests/contract/console.contract.test.ts.

let store: LadybugStore;
let app: ReturnType<typeof createApp>;
let before: unknown;

beforeAll(async () => {
  store = await seededStore();
  app = createApp({ store, logger: silentLogger, limits: { timeoutMs: 1000, rowLimit: 50 } });
  before = await store.counts();
});
afterAll(async () => store?.close());

const post = (query: string, extra: Record<string, unknown> = {}) => request(app).post('/api/cypher').send({ query, ...extra });

describe('the console API', () => {
  it('returns a table and, for nodes, relationships and paths, graph elements', async () => {
    const res = await post("MATCH p = (s:Person {id: 'person:zoe-billingham'})-[:SAID]->(q:Quote)-[:QUOTED_IN]->(d:Document) RETURN s.name AS name, p LIMIT 3");
    expect(res.status).toBe(200);
    expect(res.body.columns).toEqual(['name', 'p']);
    expect(res.body.rows).toHaveLength(3);
    expect(res.body.rows[0][0]).toBe('Zoë Billingham');
    const kinds = new Set(res.body.elements.map((e: { data: { kind: string } }) => e.data.kind));
    expect([...kinds].sort()).toEqual(['Document', 'Person', 'QUOTED_IN', 'Quote', 'SAID']);
    expect(res.body.truncated).toBe(false);
    expect(typeof res.body.elapsedMs).toBe('number');
  });

  it('passes parameters', async () => {
    const res = await post('MATCH (p:Person) WHERE p.name = $name RETURN p.id AS id', { params: { name: 'Matthew Scott' } });
    expect(res.body.rows).toEqual([['person:matthew-scott']]);
  });

  it.each([
    ['CREATE', "CREATE (:Person {id: 'person:x', name: 'X'})", 'write'],
    ['MERGE', "MERGE (:Organization {id: 'org:x'})", 'write'],
    ['SET in lower case', "match (p:Person) set p.name = 'x' return p", 'write'],
    ['DETACH DELETE after a comment', 'MATCH (n) // just looking\nDETACH DELETE n', 'write'],
    ['a write inside CALL { }', "CALL { CREATE (:Person {id: 'person:y'}) } RETURN 1", 'write'],
    ['DROP TABLE', 'DROP TABLE Person', 'write'],
    ['ALTER TABLE', 'ALTER TABLE Person ADD x STRING', 'write'],
    ['LOAD CSV', "LOAD CSV FROM 'https://example.org/a.csv' AS r RETURN r", 'file-access'],
    ['LOAD FROM', "LOAD FROM '/etc/passwd' RETURN *", 'file-access'],
    ['COPY', "COPY Person TO '/tmp/people.csv'", 'file-access'],
    ['ATTACH', "ATTACH '/tmp/x.lbug' AS x", 'file-access'],
    ['INSTALL', 'INSTALL json', 'file-access'],
    ['apoc.load', "CALL apoc.load.json('https://example.org') YIELD value RETURN value", 'file-access'],
    ['a writing procedure', "CALL apoc.create.node(['Person'], {}) YIELD node RETURN node", 'procedure'],
    ['an admin procedure', 'CALL dbms.listConfig()', 'procedure'],
    ['a transaction command', 'BEGIN TRANSACTION', 'admin'],
  ])('refuses %s with 400 and the reason, writing nothing', async (_name, query, reason) => {
    const res = await post(query);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'QUERY_REFUSED', message: expect.stringMatching(/refused/), details: { reason } });
    expect(await store.counts()).toEqual(before);
  });

  it('gives the database message and position for a broken query', async () => {
    const res = await post('MATCH (n:Person)\nRETURN n,');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('QUERY_ERROR');
    expect(res.body.error.message).toMatch(/exception/i);
    expect(res.body.error.details.position).toMatchObject({ line: expect.any(Number) });
  });

  it('stops a slow query at the configured limit with 408 naming it; a body cannot raise the limit', async () => {
    const slow = 'UNWIND range(1, 4000) AS a UNWIND range(1, 4000) AS b UNWIND range(1, 400) AS c WITH a, b, c WHERE (a * b + c) % 7919 = 1 RETURN count(*) AS n';
    const res = await post(slow, { timeoutMs: 60_000 });
    expect(res.status).toBe(408);
    expect(res.body.error).toMatchObject({ code: 'QUERY_TIMEOUT', details: { timeoutMs: 1000 } });
    const shorter = await post(slow, { timeoutMs: 200 });
    expect(shorter.body.error.details).toEqual({ timeoutMs: 200 });
  });

  it('caps rows at the configured limit and flags the cut; a body cannot raise the cap', async () => {
    const res = await post('UNWIND range(1, 10000) AS x RETURN x', { rowLimit: 10_000 });
    expect(res.status).toBe(200);
    expect(res.body.rows).toHaveLength(50);
    expect(res.body.truncated).toBe(true);
    const fewer = await post('UNWIND range(1, 10000) AS x RETURN x', { rowLimit: 5 });
    expect(fewer.body.rows).toHaveLength(5);
  });

  it('exports a console result as JSON, CSV (the table) and GraphML (the graph)', async () => {
    const query = 'MATCH (p:Person)-[r:HOLDS_ROLE]->(o:Organization) RETURN p, r, o, r.title AS role';
    const asText = (req: request.Test) => req.buffer(true).parse((r, cb) => { let t = ''; r.on('data', (c: Buffer) => { t += c; }); r.on('end', () => cb(null, t)); });
    const json = await asText(request(app).post('/api/export/cypher').query({ format: 'json' }).send({ query }));
    expect(json.status).toBe(200);
    expect(json.headers['content-type']).toMatch(/application\/json/);
    const parsed = JSON.parse(json.body as string);
    expect(parsed.columns).toEqual(['p', 'r', 'o', 'role']);
    const csv = await asText(request(app).post('/api/export/cypher').query({ format: 'csv' }).send({ query }));
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = (csv.body as string).trim().split('\n');
    expect(lines[0]).toBe('p,r,o,role');
    expect(lines).toHaveLength(parsed.rows.length + 1);
    const graphml = await asText(request(app).post('/api/export/cypher').query({ format: 'graphml' }).send({ query }));
    expect(graphml.headers['content-type']).toMatch(/graphml/);
    expect(graphml.body).toMatch(/<edge id="HOLDS_ROLE:person:zoe-billingham-&gt;org:hmic@[^"]+" source="person:zoe-billingham" target="org:hmic">/);
    // every property goes out, typed: the role title on the edge, the kind on the node
    expect(graphml.body).toMatch(/<key id="e_title" for="edge" attr.name="title" attr.type="string"\/>/);
    expect(graphml.body).toMatch(/<data key="e_title">HM Inspector of Constabulary<\/data>/);
    const refused = await request(app).post('/api/export/cypher').query({ format: 'csv' }).send({ query: 'MATCH (n) DETACH DELETE n' });
    expect(refused.status).toBe(400);
  });

  it('rate-limits the console', async () => {
    const limited = createApp({ store, logger: silentLogger, consoleRateLimit: { windowMs: 60_000, limit: 3 } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await request(limited).post('/api/cypher').send({ query: 'RETURN 1 AS one' })).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const last = await request(limited).post('/api/cypher').send({ query: 'RETURN 1 AS one' });
    expect(last.body.error.code).toBe('RATE_LIMITED');
    expect(last.headers.ratelimit ?? last.headers['ratelimit-policy']).toBeDefined();
    // the rest of the API is not limited
    expect((await request(limited).get('/api/health')).status).toBe(200);
  });

  it('leaves the store as it was', async () => {
    expect(await store.counts()).toEqual(before);
  });
});
