import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/http/app.js';
import { routes } from '../../server/http/routes.js';
import type { LadybugStore } from '../../server/store/ladybug/ladybug-store.js';
import { seededStore, silentLogger } from '../support/seeded-store.js';

let store: LadybugStore;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  store = await seededStore();
  app = createApp({ store, logger: silentLogger });
});
afterAll(async () => store?.close());

async function findId(q: string, kind: string): Promise<string> {
  const res = await request(app).get('/api/search').query({ q, kinds: kind });
  expect(res.status).toBe(200);
  expect(res.body.hits.length, `no ${kind} found for "${q}"`).toBeGreaterThan(0);
  return res.body.hits[0].node.id;
}

describe('the explorer API on the seeded sample corpus', () => {
  it('reports the backend and node counts', async () => {
    const res = await request(app).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', backend: 'ladybug' });
    expect(res.body.counts.nodes.Document).toBe(5);
    expect(res.body.counts.nodes.Quote).toBeGreaterThan(20);
  });

  it('searches case- and accent-insensitively by word prefixes, exact names first', async () => {
    const res = await request(app).get('/api/search').query({ q: 'zoe bill' });
    expect(res.body.hits[0].node).toMatchObject({ label: 'Person', name: 'Zoë Billingham' });
    const hampshire = await request(app).get('/api/search').query({ q: 'hampshire', kinds: 'Organization' });
    expect(hampshire.body.hits[0].node.name).toMatch(/^Hampshire/);
    const paged = await request(app).get('/api/search').query({ q: 'police', limit: 2, offset: 1 });
    expect(paged.body.hits.length).toBeLessThanOrEqual(2);
    expect(paged.body.total).toBeGreaterThan(2);
  });

  it("answers who Zoë Billingham spoke for, and where, with exact spans", async () => {
    const id = await findId('Zoë Billingham', 'Person');
    const res = await request(app).get('/api/quotes').query({ speaker: id });
    expect(res.status).toBe(200);
    expect(res.body.total).toBeGreaterThan(0);
    for (const quote of res.body.quotes) {
      expect(quote.speaker.name).toBe('Zoë Billingham');
      expect(quote.roles.map((r: { organization: string }) => r.organization).join(' ')).toMatch(/Inspectorate of Constabulary/);
      for (const source of quote.sources) {
        const doc = await request(app).get(`/api/documents/${source.documentId}`);
        expect(doc.body.text.slice(source.start, source.end)).toBe(quote.text);
      }
    }
  });

  it('gives a node with its counts, provenance, roles and quotes', async () => {
    const id = await findId('Zoë Billingham', 'Person');
    const res = await request(app).get(`/api/nodes/${id}`);
    expect(res.status).toBe(200);
    expect(res.body.node.name).toBe('Zoë Billingham');
    expect(res.body.relationshipCounts.some((c: { type: string }) => c.type === 'SAID')).toBe(true);
    expect(res.body.provenance.length).toBeGreaterThan(0);
    expect(res.body.roles.length).toBeGreaterThan(0);
    expect(res.body.quotes.length).toBeGreaterThan(0);
  });

  it('expands a neighbourhood as Cytoscape elements with +N counts when capped', async () => {
    const id = await findId('Zoë Billingham', 'Person');
    const res = await request(app).get('/api/neighbourhood').query({ ids: id, depth: 2, perNode: 3, limit: 50 });
    expect(res.status).toBe(200);
    const nodes = res.body.elements.filter((e: { group: string }) => e.group === 'nodes');
    const edges = res.body.elements.filter((e: { group: string }) => e.group === 'edges');
    expect(nodes.length).toBeGreaterThan(1);
    for (const e of edges) expect(e.data).toMatchObject({ id: expect.any(String), source: expect.any(String), target: expect.any(String), kind: expect.any(String), label: expect.any(String) });
    expect(res.body.truncated.length).toBeGreaterThan(0);
    const filtered = await request(app).get('/api/neighbourhood').query({ ids: id, kinds: 'Quote' });
    expect(filtered.body.elements.filter((e: { group: string; data: { kind: string; id: string } }) => e.group === 'nodes' && e.data.id !== id).every((e: { data: { kind: string } }) => e.data.kind === 'Quote')).toBe(true);
  });

  it('finds how Matthew Scott is connected to Unison', async () => {
    const from = await findId('Matthew Scott', 'Person');
    const to = await findId('Unison', 'Organization');
    const res = await request(app).get('/api/path').query({ from, to, maxHops: 6 });
    expect(res.status).toBe(200);
    expect(res.body.found).toBe(true);
    const ids = res.body.elements.map((e: { data: { id: string } }) => e.data.id);
    expect(ids).toEqual(expect.arrayContaining([from, to]));
  });

  it('traces a quote to every document carrying it, with the sentence around it', async () => {
    const quotes = await request(app).get('/api/quotes').query({ limit: 1 });
    const quote = quotes.body.quotes[0];
    const res = await request(app).get(`/api/quotes/${quote.id}/trace`);
    expect(res.status).toBe(200);
    expect(res.body.sources[0].sentence.text).toContain(quote.text.slice(0, 20));
  });

  it("serves a document's text with quote and mention spans that index it", async () => {
    const res = await request(app).get('/api/documents/doc:002-b1b80323db0306e8');
    expect(res.status).toBe(200);
    expect(res.body.quotes.length).toBeGreaterThan(0);
    expect(res.body.mentions.length).toBeGreaterThan(0);
    for (const m of res.body.mentions) expect(res.body.text.slice(m.start, m.end).length).toBeGreaterThan(1);
  });

  it('lists claims with their documents', async () => {
    const res = await request(app).get('/api/claims');
    expect(res.status).toBe(200);
    expect(res.body.claims.length).toBeGreaterThan(0);
    expect(res.body.claims[0].sources.length).toBeGreaterThan(0);
    expect(Array.isArray(res.body.disagreements)).toBe(true);
  });

  it('runs console Cypher and returns a table and graph elements', async () => {
    const res = await request(app).post('/api/cypher').send({ query: 'MATCH (p:Person)-[r:SAID]->(q:Quote) RETURN p, r, q LIMIT 5' });
    expect(res.status).toBe(200);
    expect(res.body.columns).toEqual(['p', 'r', 'q']);
    expect(res.body.elements.some((e: { group: string }) => e.group === 'edges')).toBe(true);
  });

  it('refuses a console write with a reason and writes nothing', async () => {
    const before = (await request(app).get('/api/health')).body.counts;
    const res = await request(app).post('/api/cypher').send({ query: "CREATE (n:Person {id: 'person:x', name: 'X'}) RETURN n" });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'QUERY_REFUSED', details: { reason: 'write' } });
    expect((await request(app).get('/api/health')).body.counts).toEqual(before);
  });

  it('gives the database message and position for a broken query', async () => {
    const res = await request(app).post('/api/cypher').send({ query: 'MATCH (n:Person RETURN n' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('QUERY_ERROR');
  });

  it('names the bad parameter, answers 404 for unknown ids and 413 for big bodies', async () => {
    const bad = await request(app).get('/api/neighbourhood').query({ ids: 'person:x', depth: 9 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/depth/);
    const badId = await request(app).get('/api/nodes/nonsense');
    expect(badId.status).toBe(400);
    expect((await request(app).get('/api/nodes/person:nobody-at-all')).status).toBe(404);
    const big = await request(app).post('/api/cypher').send({ query: 'RETURN 1', params: { x: 'y'.repeat(120_000) } });
    expect(big.status).toBe(413);
  });

  it('exports a neighbourhood as JSON, CSV and GraphML', async () => {
    const id = await findId('Unison', 'Organization');
    for (const [format, type, marker] of [['json', /json/, '"elements"'], ['csv', /csv/, 'group,id,kind'], ['graphml', /graphml/, '<graphml']] as const) {
      const res = await request(app).get('/api/export/neighbourhood').query({ ids: id, format });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(type);
      expect(res.text).toContain(marker);
    }
  });

  it('sends security headers and a request id', async () => {
    const res = await request(app).get('/api/health');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-request-id']).toMatch(/^[\w-]+$/);
  });

  it('describes every route in the OpenAPI document', async () => {
    const res = await request(app).get('/api/openapi.json');
    expect(res.status).toBe(200);
    for (const r of routes) expect(res.body.paths[r.path]?.[r.method], `${r.method} ${r.path}`).toBeDefined();
  });
});
