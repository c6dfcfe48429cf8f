import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import zlib from 'node:zlib';
import { lintCypherQuery } from '@neo4j-cypher/language-support';
import ExcelJS from 'exceljs';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/http/app.js';
import { EXAMPLE_QUERIES } from '../../server/http/examples.js';
import { routes } from '../../server/http/routes.js';
import type { LadybugStore } from '../../server/store/ladybug/ladybug-store.js';
import { seededStore, silentLogger } from '../support/seeded-store.js';

// The API on the real embedded store, seeded with the sample corpus: each capability of the
// explorer with real data, and every JSON answer checked against the schema the OpenAPI
// document publishes for it.

let store: LadybugStore;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  store = await seededStore();
  app = createApp({ store, logger: silentLogger });
});
afterAll(async () => store?.close());

// biome-ignore lint/suspicious/noExplicitAny: each body has been checked against its published zod schema first
type Body = Record<string, any>;

/** GET a path, expect 200 and a body that matches the route's published response schema. */
async function get(path: string, query: Record<string, unknown> = {}): Promise<Body> {
  const res = await request(app).get(path).query(query);
  expect(res.status, `${path} ${JSON.stringify(query)}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(200);
  const route = routes.find((r) => r.method === 'get' && new RegExp(`^${r.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(path));
  expect(route?.response, `no response schema for ${path}`).toBeDefined();
  const parsed = route!.response!.safeParse(res.body);
  expect(parsed.success, `${path}: ${parsed.success ? '' : parsed.error.message}`).toBe(true);
  return res.body as Body;
}

async function findId(q: string, kind: string): Promise<string> {
  const body = await get('/api/search', { q, kinds: kind });
  expect(body.hits.length, `no ${kind} found for "${q}"`).toBeGreaterThan(0);
  return body.hits[0].node.id;
}

/** RFC 4180 rows: quoted fields may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; } else if (c !== '\r') field += c;
  }
  return rows;
}

const nodesOf = (elements: Body[]) => elements.filter((e) => e.group === 'nodes');
const edgesOf = (elements: Body[]) => elements.filter((e) => e.group === 'edges');

describe('the explorer API on the seeded sample corpus', () => {
  it('reports the backend, node counts and stats per kind and relationship type', async () => {
    const health = await get('/api/health');
    expect(health).toMatchObject({ status: 'ok', backend: 'ladybug' });
    expect(health.counts.nodes.Document).toBe(5);
    expect(health.counts.nodes.Quote).toBeGreaterThan(20);
    const stats = await get('/api/stats');
    expect(stats.nodes).toEqual(health.counts.nodes);
    expect(stats.relationships.SAID).toBeGreaterThan(20);
    expect(stats.totals.nodes).toBe(Object.values(stats.nodes as Record<string, number>).reduce((a, b) => a + b, 0));
  });

  describe('search', () => {
    it('finds a document by its title, and a name typed with one slip ("billingam")', async () => {
      const doc = await get('/api/search', { q: 'Nearly 20 police' });
      expect(doc.hits[0].node).toMatchObject({ label: 'Document', name: 'Nearly 20 police leave over sex misconduct' });
      for (const q of ['billingam', 'zoe billnigham', 'Zoe Bilingham']) {
        const typo = await get('/api/search', { q });
        expect(typo.hits[0], q).toMatchObject({ rank: 0, node: { label: 'Person', name: 'Zoë Billingham' } });
      }
    });

    it('is case- and accent-insensitive and matches word prefixes ("zoe bill", "ZOË", "hampshire")', async () => {
      for (const q of ['zoe bill', 'ZOË', 'Zoë Billingham', 'billingham']) {
        expect((await get('/api/search', { q })).hits[0].node, q).toMatchObject({ label: 'Person', name: 'Zoë Billingham' });
      }
      const hampshire = await get('/api/search', { q: 'hampshire', kinds: 'Organization' });
      expect(hampshire.hits[0].node.name).toBe('Hampshire Constabulary');
    });

    it('ranks an exact name over an exact alias over a word prefix over a match inside a word', async () => {
      const exact = await get('/api/search', { q: 'unison' });
      expect(exact.hits[0]).toMatchObject({ rank: 4, node: { id: 'org:unison' } });
      const alias = await get('/api/search', { q: 'HMIC', kinds: 'Organization' });
      expect(alias.hits[0]).toMatchObject({ rank: 3, matched: 'HMIC', node: { id: 'org:hmic' } });
      expect(alias.hits.slice(1).every((h: Body) => h.rank <= 3)).toBe(true);
      const prefix = await get('/api/search', { q: 'indep pol', kinds: 'Organization' });
      expect(prefix.hits.map((h: Body) => h.node.id)).toEqual(expect.arrayContaining(['org:ipcc']));
      expect(prefix.hits.every((h: Body) => h.rank === 2)).toBe(true);
      const inside = await get('/api/search', { q: 'llingham' });
      expect(inside.hits[0]).toMatchObject({ rank: 1, node: { id: 'person:zoe-billingham' } });
      const ranks = (await get('/api/search', { q: 'police', limit: 50 })).hits.map((h: Body) => h.rank);
      expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    });

    it('filters by kind, finds quotes by their words, and pages', async () => {
      const quotes = await get('/api/search', { q: 'legitimately keeping', kinds: 'Quote' });
      expect(quotes.hits[0].node.label).toBe('Quote');
      expect(quotes.hits[0].node.properties.text).toMatch(/legitimately keeping/);
      const people = await get('/api/search', { q: 'mike', kinds: 'Person' });
      expect(people.hits.map((h: Body) => h.node.name).sort()).toEqual(['Mike Castle', 'Mike Cunningham']);
      const all = await get('/api/search', { q: 'police', limit: 6 });
      expect(all.total).toBeGreaterThan(6);
      const page2 = await get('/api/search', { q: 'police', limit: 3, offset: 3 });
      expect(page2.hits.map((h: Body) => h.node.id)).toEqual(all.hits.slice(3, 6).map((h: Body) => h.node.id));
    });
  });

  it('gives a node with its properties, relationship counts by type, provenance, roles and quotes', async () => {
    const body = await get('/api/nodes/person:zoe-billingham');
    expect(body.node).toMatchObject({ name: 'Zoë Billingham', kind: 'inspector', properties: { id: 'person:zoe-billingham' } });
    const said = body.relationshipCounts.find((c: Body) => c.type === 'SAID' && c.direction === 'out');
    expect(said.count).toBe((await get('/api/quotes', { speaker: 'person:zoe-billingham' })).total);
    expect(body.relationshipCounts).toContainEqual({ type: 'HOLDS_ROLE', direction: 'out', count: body.roles.length });
    expect(body.provenance.length).toBe(body.provenanceTotal);
    const doc = await get('/api/documents/doc:002_b1b80323db0306e8.txt');
    // the role as that document states it, at the span the provenance gives
    const span = body.provenance.find((p: Body) => p.via === 'HOLDS_ROLE' && p.documentId === doc.id && p.start !== null);
    expect(span.title).toBe(doc.title);
    expect(doc.text.slice(span.start, span.end)).toBe('HM Inspector of Constabulary');
    expect(body.roles.map((r: Body) => r.organizationId)).toEqual(expect.arrayContaining(['org:hmic', 'org:hmicfrs']));
    expect(body.quotes).toHaveLength(said.count);
  });

  it('expands a neighbourhood as Cytoscape elements, capped per node and in total, with "+N more" counts', async () => {
    const wide = await get('/api/neighbourhood', { ids: 'person:zoe-billingham', depth: 1, perNode: 100 });
    const neighbours = nodesOf(wide.elements).length - 1;
    expect(wide.truncated).toEqual([]);
    const capped = await get('/api/neighbourhood', { ids: 'person:zoe-billingham', depth: 2, perNode: 3, limit: 50 });
    expect(capped.truncated).toContainEqual({ id: 'person:zoe-billingham', hidden: neighbours - 3 });
    for (const e of edgesOf(capped.elements)) {
      expect(e.data).toMatchObject({ id: expect.any(String), source: expect.any(String), target: expect.any(String), kind: expect.any(String), label: expect.any(String) });
    }
    for (const n of nodesOf(capped.elements)) expect(n.data).toMatchObject({ id: expect.any(String), kind: expect.any(String), label: expect.any(String) });
    const ids = new Set(nodesOf(capped.elements).map((n) => n.data.id));
    expect(edgesOf(capped.elements).every((e) => ids.has(e.data.source) && ids.has(e.data.target))).toBe(true);
    // a document's full text stays out of the graph payload
    expect(nodesOf(capped.elements).filter((n) => n.data.kind === 'Document').every((n) => n.data.text === undefined)).toBe(true);
    const total = await get('/api/neighbourhood', { ids: 'person:zoe-billingham', depth: 3, limit: 10 });
    expect(nodesOf(total.elements)).toHaveLength(10);
    const quotesOnly = await get('/api/neighbourhood', { ids: 'person:zoe-billingham', kinds: 'Quote' });
    expect(nodesOf(quotesOnly.elements).filter((n) => n.data.id !== 'person:zoe-billingham').every((n) => n.data.kind === 'Quote')).toBe(true);
    const roles = await get('/api/neighbourhood', { ids: 'person:zoe-billingham', rels: 'HOLDS_ROLE', depth: 2 });
    expect(edgesOf(roles.elements).every((e) => e.data.kind === 'HOLDS_ROLE')).toBe(true);
    expect(nodesOf(roles.elements).map((n) => n.data.id)).toEqual(expect.arrayContaining(['org:hmic', 'org:hmicfrs']));
  });

  it('finds how Matthew Scott is connected to Unison, and nothing within too few hops', async () => {
    const from = await findId('matthew scott', 'Person');
    const to = await findId('unison', 'Organization');
    expect([from, to]).toEqual(['person:matthew-scott', 'org:unison']);
    const res = await get('/api/path', { from, to, maxHops: 6 });
    expect(res.found).toBe(true);
    const ids = nodesOf(res.elements).map((e) => e.data.id);
    expect(ids).toEqual(expect.arrayContaining(['person:matthew-scott', 'org:unison']));
    const hops = edgesOf(res.elements).length;
    expect(hops).toBeGreaterThanOrEqual(2);
    expect((await get('/api/path', { from: 'person:matthew-scott', to: 'org:unison', maxHops: 1 })).found).toBe(false);
    expect((await request(app).get('/api/path').query({ from: 'person:matthew-scott', to: 'org:nobody' })).status).toBe(404);
  });

  describe('quotes', () => {
    it("answer who Zoë Billingham spoke for, and where: her quotes with HMIC(FRS), each document's title and the exact span", async () => {
      const res = await get('/api/quotes', { speaker: 'person:zoe-billingham', limit: 50 });
      expect(res.total).toBeGreaterThan(5);
      expect(res.quotes).toHaveLength(res.total);
      for (const quote of res.quotes) {
        expect(quote.speaker).toEqual({ id: 'person:zoe-billingham', name: 'Zoë Billingham', label: 'Person' });
        expect(quote.roles.map((r: Body) => r.organization).join(' ')).toMatch(/HM Inspectorate of Constabulary/);
        for (const source of quote.sources) {
          const doc = await get(`/api/documents/${source.documentId}`);
          expect(source.title).toBe(doc.title);
          expect(doc.text.slice(source.start, source.end)).toBe(quote.text);
        }
      }
      const withDate = await get('/api/quotes', { speaker: 'person:matthew-scott' });
      expect(withDate.quotes[0].sources[0]).toHaveProperty('publishedAt');
      expect(withDate.quotes[0].sources[0]).toHaveProperty('publisher');
    });

    it('finds people by the roles documents give them, after those found by name', async () => {
      const res = await get('/api/search', { q: 'chief executive' });
      const byRole = res.hits.filter((h: Body) => h.role);
      expect(byRole.map((h: Body) => h.node.name).sort()).toEqual(['Mike Castle', 'Sandra Horley']);
      expect(byRole.find((h: Body) => h.node.name === 'Sandra Horley').role).toEqual({ title: 'chief executive', organization: 'Refuge' });
      const firstRole = res.hits.findIndex((h: Body) => h.role);
      expect(res.hits.slice(firstRole).every((h: Body) => h.role), 'role matches come after name matches').toBe(true);
      // not when people are not asked for, nor on later pages
      expect((await get('/api/search', { q: 'chief executive', kinds: 'Organization' })).hits.some((h: Body) => h.role)).toBe(false);
      expect((await get('/api/search', { q: 'chief executive', offset: 10 })).hits.some((h: Body) => h.role)).toBe(false);
    });

    it('counts the matches of each kind when asked, whatever kinds the hits keep to', async () => {
      const res = await get('/api/search', { q: 'police', kinds: 'Person', facets: 'true' });
      expect(res.hits.every((h: Body) => h.node.label === 'Person')).toBe(true);
      expect(res.facets.length).toBeGreaterThan(1);
      for (const f of res.facets) expect((await get('/api/search', { q: 'police', kinds: f.kind })).total, f.kind).toBe(f.count);
      expect((await get('/api/search', { q: 'police' })).facets).toBeUndefined();
    });

    it('gives a body its earlier and later names, with the year of the rename', async () => {
      const now = await get('/api/nodes/org:hmicfrs');
      expect(now.lineage).toContainEqual({ id: 'org:hmic', name: 'HM Inspectorate of Constabulary', year: 2017, relation: 'predecessor' });
      const then = await get('/api/nodes/org:hmic');
      expect(then.lineage).toContainEqual(expect.objectContaining({ id: 'org:hmicfrs', relation: 'successor', year: 2017 }));
      // a person has no lineage; neither has a body never renamed
      expect((await get('/api/nodes/person:zoe-billingham')).lineage).toEqual([]);
    });

    it('queue the attributions that most need a human, most doubtful first, each with its confidence, evidence and reasons', async () => {
      const all = (await get('/api/quotes', { limit: 200 })).quotes as Body[];
      const queue = await get('/api/review', { limit: 200 });
      expect(queue.total).toBeGreaterThan(0);
      expect(queue.items).toHaveLength(Math.min(queue.total, 200));
      const quotedBy = new Map<string, number>();
      for (const q of all) if (q.speaker) quotedBy.set(q.speaker.id, (quotedBy.get(q.speaker.id) ?? 0) + 1);
      for (const item of queue.items) {
        const attributions = item.quote.sources.map((s: Body) => s.attribution);
        const known = attributions.map((a: Body) => a.confidence).filter((c: number | null) => c !== null);
        expect(item.confidence).toBe(known.length ? Math.min(...known) : null);
        expect(item.reasons.length).toBeGreaterThan(0);
        // each reason is true of the quote, and a curator's word takes it off the queue
        expect(attributions.some((a: Body) => a.resolvedBy === 'curator')).toBe(false);
        if (item.reasons.includes('withheld')) expect(item.quote.speaker === null && attributions.some((a: Body) => a.candidates.length > 0)).toBe(true);
        if (item.reasons.includes('low-confidence')) expect(item.confidence).toBeLessThan(0.7);
        if (item.reasons.includes('speaker-quoted-once')) expect(quotedBy.get(item.quote.speaker.id)).toBe(1);
      }
      // nothing doubtful is left out: every withheld quote with candidates is on the queue
      const withheld = all.filter((q) => !q.speaker && q.sources.some((s: Body) => s.attribution.candidates.length > 0)).map((q) => q.id);
      const queued = new Set(queue.items.map((i: Body) => i.quote.id));
      for (const id of withheld) expect(queued.has(id), id).toBe(true);
      expect(queue.counts.withheld).toBe(withheld.length);
      // withheld ones come before the rest
      const firstOther = queue.items.findIndex((i: Body) => !i.reasons.includes('withheld'));
      if (firstOther >= 0) expect(queue.items.slice(firstOther).some((i: Body) => i.reasons.includes('withheld'))).toBe(false);
      const once = await get('/api/review', { reason: 'speaker-quoted-once' });
      expect(once.total).toBe(queue.counts['speaker-quoted-once']);
      for (const item of once.items) expect(item.reasons).toContain('speaker-quoted-once');
      expect((await request(app).get('/api/review').query({ reason: 'maybe' })).status).toBe(400);
    });

    it('give the evidence of each attribution: confidence, the rule, the speaker mention in the text, or who it might be when withheld', async () => {
      const all = await get('/api/quotes', { limit: 200 });
      let attributed = 0, withheld = 0;
      for (const q of all.quotes) {
        for (const source of q.sources) {
          const a = source.attribution;
          const doc = await get(`/api/documents/${source.documentId}`);
          const inDoc = doc.quotes.find((x: Body) => x.id === q.id && x.start === source.start);
          expect(inDoc.attribution, q.id).toEqual(a);
          if (inDoc.speakerId) {
            attributed++;
            expect(a.confidence, q.id).toBeGreaterThan(0);
            expect(a.sieve, q.id).toEqual(expect.any(String));
            expect(a.resolvedBy, q.id).toEqual(expect.any(String));
            expect(a.candidates).toEqual([]);
            // the mention is a name or a pronoun standing in the text, outside the quote itself
            expect(doc.text.slice(a.mention.start, a.mention.end), q.id).toMatch(/^\p{L}/u);
            expect(a.mention.end <= source.start || a.mention.start >= source.end, q.id).toBe(true);
          } else if (a.candidates.length) {
            withheld++;
            expect(a.confidence).toBeNull();
            for (const c of a.candidates) expect(c.score).toBeLessThanOrEqual(1);
          }
        }
      }
      expect(attributed).toBeGreaterThan(20);
      expect(withheld).toBeGreaterThan(0);
    });

    it('filter by the publication day of a quoting document, and refuse a date that is not one', async () => {
      const all = await get('/api/quotes', { limit: 200 });
      const dated = all.quotes.filter((q: Body) => q.sources.some((x: Body) => x.publishedAt?.startsWith('2016')));
      expect(dated.length).toBeGreaterThan(0);
      const in2016 = await get('/api/quotes', { from: '2016-01-01', to: '2016-12-31', limit: 200 });
      expect(in2016.quotes.map((q: Body) => q.id).sort()).toEqual(dated.map((q: Body) => q.id).sort());
      for (const q of in2016.quotes) expect(q.sources.some((x: Body) => x.publishedAt >= '2016-01-01' && x.publishedAt <= '2016-12-31~'), q.id).toBe(true);
      expect((await get('/api/quotes', { from: '2019-01-01', to: '2019-12-31' })).total).toBe(0);
      for (const [query, message] of [
        [{ from: '2019-02-30' }, /not a day of the calendar/], [{ to: '12/31/2019' }, /YYYY-MM-DD/], [{ from: '2020-01-01', to: '2019-01-01' }, /"from" is after "to"/],
      ] as const) {
        const res = await request(app).get('/api/quotes').query(query);
        expect(res.status, JSON.stringify(query)).toBe(400);
        expect(res.body.error.message).toMatch(message);
      }
    });

    it('export a quote sheet as CSV: full text, speaker, role, document, date, URL and span, one row a source', async () => {
      const res = await request(app).get('/api/export/quotes').query({ format: 'csv', speaker: 'person:zoe-billingham' });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toBe('attachment; filename="quotes.csv"');
      const [header, ...rows] = parseCsv(res.text);
      expect(header).toEqual(['quote', 'speaker', 'speaker kind', 'role', 'organisation', 'document', 'publisher', 'published', 'url', 'start', 'end', 'page', 'confidence', 'evidence', 'quote id', 'document id']);
      const json = await get('/api/quotes', { speaker: 'person:zoe-billingham', limit: 200 });
      expect(rows).toHaveLength(json.quotes.reduce((n: number, q: Body) => n + q.sources.length, 0));
      const col = (name: string) => header!.indexOf(name);
      for (const row of rows) {
        const quote = json.quotes.find((q: Body) => q.id === row[col('quote id')])!;
        expect(row[col('quote')]).toBe(quote.text);
        expect(row[col('speaker')]).toBe('Zoë Billingham');
        expect(Number(row[col('confidence')])).toBeGreaterThan(0.5);
        expect(row[col('evidence')]).toMatch(/resolved by /);
        expect(row[col('role')]).toMatch(/Inspector/i);
        const doc = await get(`/api/documents/${row[col('document id')]}`);
        expect(row[col('document')]).toBe(doc.title);
        expect(doc.text.slice(Number(row[col('start')]), Number(row[col('end')]))).toBe(quote.text);
      }
      expect(rows.some((r) => r[col('quote')]!.length > 80)).toBe(true);
    });

    it('export the quotes on the canvas as an Excel sheet, with the filters it was made with', async () => {
      const some = (await get('/api/quotes', { limit: 3 })).quotes.map((q: Body) => q.id);
      const res = await request(app).get('/api/export/quotes').query({ format: 'xlsx', ids: some.join(',') }).buffer(true)
        .parse((r, done) => { const chunks: Buffer[] = []; r.on('data', (c: Buffer) => chunks.push(c)); r.on('end', () => done(null, Buffer.concat(chunks))); });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const book = new ExcelJS.Workbook();
      // exceljs types its own Buffer, older than Node's
      await book.xlsx.load(res.body as never);
      const sheet = book.getWorksheet('Quotes')!;
      expect(sheet.getRow(1).getCell(1).value).toBe('quote');
      const ids = new Set<string>();
      sheet.eachRow((row, n) => { if (n > 1) ids.add(String(row.getCell(15).value)); });
      expect([...ids].sort()).toEqual([...some].sort());
      const about = book.getWorksheet('About')!;
      expect(String(about.getRow(3).getCell(2).value)).toMatch(/ids=3 quotes/);
      const bad = await request(app).get('/api/export/quotes').query({ format: 'pdf' });
      expect(bad.status).toBe(400);
    });

    it('filter by speaker kind, organisation, report, document and text', async () => {
      // the sample's "the report said" quotes name no report the catalogue or the text identifies, so none has a report speaker
      const byReport = await get('/api/quotes', { speakerKind: 'report' });
      expect(byReport.quotes.every((q: Body) => q.speaker.label === 'Report')).toBe(true);
      const byPerson = await get('/api/quotes', { speakerKind: 'person', limit: 200 });
      expect(byPerson.total).toBeGreaterThan(10);
      expect(byPerson.quotes.every((q: Body) => q.speaker.label === 'Person')).toBe(true);
      const kent = await get('/api/quotes', { organization: 'org:kent-police' });
      expect(kent.quotes.map((q: Body) => q.id)).toContain('quote:4ae43edc7d289b80');
      const hmicfrs = await get('/api/quotes', { organization: 'org:hmicfrs' });
      expect(hmicfrs.quotes.some((q: Body) => q.speaker?.id === 'person:zoe-billingham')).toBe(true);
      const report = await get('/api/quotes', { report: 'report:hmicfrs-2019-shining-a-light-on-betrayal' });
      expect(report.total).toBeGreaterThan(0);
      const doc = await get('/api/quotes', { document: 'doc:003_de9b6df02dcbdf38.txt', limit: 200 });
      expect(doc.quotes.every((q: Body) => q.sources.some((s: Body) => s.documentId === 'doc:003_de9b6df02dcbdf38.txt'))).toBe(true);
      const text = await get('/api/quotes', { q: 'legitimately' });
      expect(text.quotes.map((q: Body) => q.text)).toEqual([expect.stringMatching(/legitimately/)]);
      const both = await get('/api/quotes', { speaker: 'person:zoe-billingham', q: 'legitimately' });
      expect(both.total).toBe(1);
      const none = await get('/api/quotes', { speaker: 'person:zoe-billingham', speakerKind: 'organization' });
      expect(none.total).toBe(0);
    });
  });

  it("serves a document's text with every quote and mention span", async () => {
    const doc = await get('/api/documents/doc:002_b1b80323db0306e8.txt');
    const quotes = await get('/api/quotes', { document: doc.id, limit: 200 });
    expect(doc.quotes.map((q: Body) => q.id).sort()).toEqual(quotes.quotes.map((q: Body) => q.id).sort());
    for (const q of doc.quotes) {
      const view = quotes.quotes.find((x: Body) => x.id === q.id);
      expect(doc.text.slice(q.start, q.end)).toBe(view.text);
    }
    expect(doc.mentions.length).toBeGreaterThan(0);
    for (const m of doc.mentions) expect(doc.text.slice(m.start, m.end).length).toBe(m.end - m.start);
    expect(doc.mentions.some((m: Body) => m.id === 'person:zoe-billingham' && doc.text.slice(m.start, m.end).startsWith('Zo'))).toBe(true);
  });

  it('traces a quote to every document carrying it, with the sentence around it', async () => {
    const { quotes } = await get('/api/quotes', { speaker: 'person:zoe-billingham', limit: 1 });
    const quote = quotes[0];
    const res = await get(`/api/quotes/${quote.id}/trace`);
    expect(res.total).toBe(quote.sources.length);
    expect(res.sources.map((s: Body) => s.documentId)).toEqual(quote.sources.map((s: Body) => s.documentId));
    for (const s of res.sources) {
      expect(s.sentence.text).toContain(quote.text);
      const doc = await get(`/api/documents/${s.documentId}`);
      expect(doc.text.slice(s.sentence.start, s.sentence.end)).toBe(s.sentence.text);
    }
    expect((await request(app).get('/api/quotes/quote:nothing-said/trace')).status).toBe(404);
  });

  it('lists claims with every document stating them and the report they come from, and the documents that disagree', async () => {
    // "436 allegations ... 334 personnel": one figure, stated by two articles, sourced from the catalogue's legitimacy report
    const res = await get('/api/claims', { measure: 'personnel' });
    const personnel = res.claims.find((c: Body) => c.value === 334);
    expect(personnel.sources.map((s: Body) => s.documentId)).toEqual(expect.arrayContaining(['doc:001_bff380fe690245c5.txt', 'doc:002_b1b80323db0306e8.txt']));
    expect(personnel.reports).toEqual([{ id: 'report:hmic-2016-peel-legitimacy-national-overview', title: 'PEEL: Police legitimacy 2016 – A national overview' }]);
    for (const s of personnel.sources) {
      const doc = await get(`/api/documents/${s.documentId}`);
      expect(doc.text.slice(s.start, s.end)).toMatch(/334/);
    }
    const all = await get('/api/claims', { limit: 500 });
    expect(all.total).toBe(all.claims.length);
    // one figure of one report across documents: the headline's "436 claims" and the body's "436 allegations" of 001 and 002
    expect(all.claims.filter((c: Body) => c.value === 436 && c.measure === 'allegation').map((c: Body) => c.sources.length)).toEqual([2]);
    // the sample disagrees nowhere within one report (002's other figures name no report); tests/unit/claims.test.ts
    // and the browser tests' follow-up document show disagreements found
    for (const d of all.disagreements) {
      // two different documents, two different values, one measure of one report
      expect(new Set(d.values.map((v: Body) => v.value)).size).toBeGreaterThan(1);
      expect(new Set(d.values.flatMap((v: Body) => v.documents.map((x: Body) => x.documentId))).size).toBeGreaterThan(1);
      for (const v of d.values) {
        const c = all.claims.find((x: Body) => x.id === v.claimId);
        expect(c).toMatchObject({ measure: d.measure, unit: d.unit, value: v.value });
        expect(c.reports.map((r: Body) => r.id)).toContain(d.reportId);
      }
    }
  });

  it('describes the schema and gives example queries that all run on the embedded store', async () => {
    const schema = await get('/api/schema');
    expect(schema.labels.map((l: Body) => l.label)).toEqual(['Document', 'Person', 'Organization', 'Report', 'Quote', 'Claim']);
    expect(schema.relationshipTypes.find((t: Body) => t.type === 'SAID').endpoints).toContainEqual({ from: 'Person', to: 'Quote' });
    const examples = (await get('/api/examples')) as unknown as { title: string; query: string }[];
    expect(examples).toEqual(EXAMPLE_QUERIES);
    for (const example of examples) {
      // and Neo4j's own parser accepts each of them
      const errors = lintCypherQuery(example.query, {}).diagnostics.filter((d) => d.severity === 1);
      expect(errors.map((d) => d.message), example.title).toEqual([]);
      const res = await request(app).post('/api/cypher').send({ query: example.query });
      expect(res.status, `${example.title}: ${JSON.stringify(res.body).slice(0, 200)}`).toBe(200);
      expect(res.body.rows.length, example.title).toBeGreaterThan(0);
    }
  });

  it("gives a body's own words as its quotes, never its people's words without their names", async () => {
    const orgs = nodesOf((await get('/api/overview', { limit: 200 })).elements).filter((n) => n.data.kind === 'Organization').map((n) => n.data.id as string);
    let peopleQuotes = 0;
    for (const id of orgs) {
      const node = await get(`/api/nodes/${id}`);
      for (const q of node.quotes) expect(q.speaker?.id, `${id}: ${q.text.slice(0, 60)}`).toBe(id);
      const related = await get('/api/quotes', { organization: id, limit: 200 });
      const byPeople = related.quotes.filter((q: Body) => q.speaker?.label === 'Person');
      peopleQuotes += byPeople.length;
      for (const q of byPeople) expect(node.quotes.map((x: Body) => x.id)).not.toContain(q.id);
    }
    // the sample corpus has bodies whose people speak, so the check above is not empty
    expect(peopleQuotes).toBeGreaterThan(3);
  });

  it('gives an overview of the most connected entities', async () => {
    const body = await get('/api/overview', { limit: 5 });
    expect(nodesOf(body.elements).length).toBeGreaterThan(5);
    expect(nodesOf(body.elements).map((n) => n.data.id)).toContain('person:zoe-billingham');
  });

  it('exports a neighbourhood as JSON, CSV and GraphML', async () => {
    const expected = await get('/api/neighbourhood', { ids: 'org:unison' });
    for (const [format, type] of [['json', /application\/json/], ['csv', /text\/csv/], ['graphml', /graphml/]] as const) {
      const res = await request(app).get('/api/export/neighbourhood').query({ ids: 'org:unison', format }).buffer(true).parse((r, cb) => { let t = ''; r.on('data', (c: Buffer) => { t += c; }); r.on('end', () => cb(null, t)); });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(type);
      expect(res.headers['content-disposition']).toMatch(new RegExp(`attachment; filename="neighbourhood\\.${format}"`));
      const text = res.body as string;
      if (format === 'json') expect(JSON.parse(text).elements).toEqual(expected.elements);
      if (format === 'csv') expect(text.trim().split('\n')).toHaveLength(expected.elements.length + 1);
      if (format === 'graphml') expect(text.match(/<node /g)).toHaveLength(nodesOf(expected.elements).length);
    }
  });

  describe('errors and safety', () => {
    it('answers a bad parameter with 400 naming the field', async () => {
      const bad = await request(app).get('/api/neighbourhood').query({ ids: 'person:zoe-billingham', depth: 9 });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/depth/), details: { fields: [{ field: 'depth', in: 'query' }] } });
      const kind = await request(app).get('/api/search').query({ q: 'x', kinds: 'Person,Villain' });
      expect(kind.status).toBe(400);
      expect(kind.body.error.message).toMatch(/kinds/);
      const id = await request(app).get('/api/nodes/nonsense');
      expect(id.status).toBe(400);
      expect(id.body.error.details.fields[0]).toMatchObject({ field: 'id', in: 'path' });
      const body = await request(app).post('/api/cypher').send({ query: '' });
      expect(body.status).toBe(400);
      expect(body.body.error.details.fields[0]).toMatchObject({ field: 'query', in: 'body' });
      const json = await request(app).post('/api/cypher').set('Content-Type', 'application/json').send('{"query": ');
      expect(json.status).toBe(400);
    });

    it('answers 404 for unknown ids and routes, 413 for a body over 100 KB', async () => {
      for (const path of ['/api/nodes/person:nobody-at-all', '/api/documents/doc:none', '/api/quotes/quote:none/trace', '/api/nothing-here']) {
        const res = await request(app).get(path);
        expect(res.status, path).toBe(404);
        expect(res.body.error.code).toBe('NOT_FOUND');
      }
      const big = await request(app).post('/api/cypher').send({ query: 'RETURN 1', params: { x: 'y'.repeat(120_000) } });
      expect(big.status).toBe(413);
      expect(big.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('bounds every list: limits above the maximum are refused, not obeyed', async () => {
      for (const [path, query] of [
        ['/api/search', { q: 'police', limit: 101 }], ['/api/neighbourhood', { ids: 'org:unison', limit: 5001 }],
        ['/api/neighbourhood', { ids: 'org:unison', perNode: 501 }], ['/api/quotes', { limit: 201 }], ['/api/claims', { limit: 501 }],
        ['/api/path', { from: 'person:matthew-scott', to: 'org:unison', maxHops: 11 }], ['/api/overview', { limit: 201 }],
        ['/api/quotes/quote:4ae43edc7d289b80/trace', { limit: 201 }], ['/api/search', { q: 'police', offset: 100_001 }],
      ] as const) {
        expect((await request(app).get(path).query(query)).status, `${path} ${JSON.stringify(query)}`).toBe(400);
      }
      const ids = Array.from({ length: 51 }, (_, i) => `person:p${i}`).join(',');
      expect((await request(app).get('/api/neighbourhood').query({ ids })).status).toBe(400);
    });

    it('sends security headers with a content security policy, and a request id', async () => {
      const res = await request(app).get('/api/health');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['x-request-id']).toMatch(/^[\w-]+$/);
      const mine = await request(app).get('/api/health').set('X-Request-Id', 'trace-me-123');
      expect(mine.headers['x-request-id']).toBe('trace-me-123');
    });

    it('works over plain HTTP on a team address: no upgrade to https, no opener policy a browser would refuse', async () => {
      const res = await request(app).get('/api/health');
      const csp = res.headers['content-security-policy'] as string;
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers['cross-origin-opener-policy']).toBeUndefined();
      expect(res.headers['strict-transport-security']).toBeUndefined();
    });

    it('keeps the https-only headers for a request that came through a trusted TLS proxy', async () => {
      const proxied = createApp({ store, logger: silentLogger, trustProxy: 'loopback' });
      const res = await request(proxied).get('/api/health').set('X-Forwarded-Proto', 'https');
      expect(res.headers['content-security-policy']).toContain('upgrade-insecure-requests');
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      // without trust, the same header is a client's claim and changes nothing
      const untrusted = await request(app).get('/api/health').set('X-Forwarded-Proto', 'https');
      expect(untrusted.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    });

    it('compresses API answers with brotli or gzip, as the client accepts', async () => {
      const br = await request(app).get('/api/quotes').query({ limit: 50 }).set('Accept-Encoding', 'br, gzip');
      expect(br.status).toBe(200);
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.body.quotes.length).toBeGreaterThan(5);
      const gz = await request(app).get('/api/quotes').query({ limit: 50 }).set('Accept-Encoding', 'gzip');
      expect(gz.headers['content-encoding']).toBe('gzip');
      const none = await request(app).get('/api/quotes').query({ limit: 50 }).set('Accept-Encoding', 'identity');
      expect(none.headers['content-encoding']).toBeUndefined();
      expect(none.body).toEqual(gz.body);
    });

    it('serves the built page pre-compressed, hashed assets cached for good and the page checked each load', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'og-client-'));
      fs.mkdirSync(path.join(dir, 'assets'));
      const page = '<!doctype html><title>oversight-graph</title>'.padEnd(4000, ' ');
      const script = 'console.log("explorer");'.repeat(200);
      fs.writeFileSync(path.join(dir, 'index.html'), page);
      fs.writeFileSync(path.join(dir, 'index.html.br'), zlib.brotliCompressSync(page));
      fs.writeFileSync(path.join(dir, 'index.html.gz'), zlib.gzipSync(page));
      fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), script);
      fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js.gz'), zlib.gzipSync(script));
      const served = createApp({ store, logger: silentLogger, clientDir: dir });
      const root = await request(served).get('/').set('Accept-Encoding', 'gzip, br');
      expect(root.status).toBe(200);
      expect(root.headers['content-encoding']).toBe('br');
      expect(root.headers['content-type']).toMatch(/^text\/html/);
      expect(root.headers['cache-control']).toBe('no-cache');
      expect(root.text).toBe(page);
      const js = await request(served).get('/assets/index-abc123.js').set('Accept-Encoding', 'br, gzip');
      expect(js.headers['content-encoding']).toBe('gzip');
      expect(js.headers['content-type']).toMatch(/javascript/);
      expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(js.text).toBe(script);
      // a path the page routes itself gets the page, compressed on the fly
      const deep = await request(served).get('/person/zoe').set('Accept-Encoding', 'gzip');
      expect(deep.status).toBe(200);
      expect(deep.headers['content-encoding']).toBe('gzip');
      expect(deep.text).toBe(page);
    });

    it('logs one short line a request at info and the full request at debug', async () => {
      const capture = (level: string) => {
        const lines: string[] = [];
        const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk).trim()); done(); } });
        return { lines, app: createApp({ store, logger: pino({ level }, sink) }) };
      };
      const info = capture('info');
      await request(info.app).get('/api/search').query({ q: 'kent' }).set('User-Agent', 'reporter-browser/1.0');
      expect(info.lines).toHaveLength(1);
      const line = JSON.parse(info.lines[0]!);
      expect(line.msg).toMatch(/^GET \/api\/search\?q=kent 200 \d+ ms$/);
      expect(line.req).toEqual({ id: expect.any(String) });
      expect(info.lines[0]!.length).toBeLessThan(300);
      expect(info.lines[0]).not.toContain('reporter-browser');
      const debug = capture('debug');
      await request(debug.app).get('/api/search').query({ q: 'kent' }).set('User-Agent', 'reporter-browser/1.0');
      const full = debug.lines.map((l) => JSON.parse(l)).find((l) => l.res);
      expect(full.req.headers['user-agent']).toBe('reporter-browser/1.0');
      expect(full.res.statusCode).toBe(200);
    });

    it('logs each request with its id in structured lines, and gives no stack trace to the client', async () => {
      const lines: Record<string, unknown>[] = [];
      const sink = new Writable({ write(chunk, _enc, done) { lines.push(JSON.parse(String(chunk))); done(); } });
      const broken = new Proxy(store, { get: (t, p) => (p === 'counts' ? () => Promise.reject(new Error('disk on fire at /secret/path')) : Reflect.get(t, p)) });
      const logged = createApp({ store: broken, logger: pino({ level: 'info' }, sink) });
      const res = await request(logged).get('/api/health').set('X-Request-Id', 'req-under-test');
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ error: { code: 'INTERNAL', message: 'internal error; see the server log' } });
      expect(JSON.stringify(res.body)).not.toMatch(/secret|at \//);
      const mine = lines.filter((l) => (l.req as { id?: string } | undefined)?.id === 'req-under-test');
      expect(mine.length).toBeGreaterThan(0);
      expect(JSON.stringify(lines)).toMatch(/disk on fire/);
    });

    it('describes every route in the OpenAPI document, with its responses', async () => {
      const res = await request(app).get('/api/openapi.json');
      expect(res.status).toBe(200);
      expect(res.body.openapi).toBe('3.1.0');
      for (const r of routes) {
        const op = res.body.paths[r.path]?.[r.method];
        expect(op, `${r.method} ${r.path}`).toBeDefined();
        const ok = op.responses[String(r.status ?? 200)];
        expect(ok.description).not.toBe('OK');
        const schemas = Object.values(ok.content ?? {}) as { schema?: unknown }[];
        expect(schemas.length, `${r.path} success content`).toBeGreaterThan(0);
        if (r.write) expect(op.responses['401'] && op.responses['403'] && op.security, `${r.method} ${r.path} is a write`).toBeTruthy();
        expect(schemas.every((c) => c.schema), `${r.path} 200 schema`).toBe(true);
        expect(op.responses['400'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
        expect(op.responses['500']).toBeDefined();
        if (r.params) expect(op.parameters.some((p: Body) => p.in === 'path'), r.path).toBe(true);
      }
      const paths = Object.keys(res.body.paths);
      expect(paths.sort()).toEqual([...new Set(routes.map((r) => r.path))].sort());
      expect(res.body.paths['/api/cypher'].post.responses['408']).toBeDefined();
      expect(res.body.paths['/api/nodes/{id}'].get.responses['404']).toBeDefined();
    });
  });
});
