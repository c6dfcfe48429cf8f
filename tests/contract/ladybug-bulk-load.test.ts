import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import lbug from '@ladybugdb/core';
import { describe, expect, it } from 'vitest';
import type { DocumentGraph } from '../../server/model/graph.js';
import { LadybugStore } from '../../server/store/ladybug/ladybug-store.js';
import { generatedDocument } from '../../scripts/support/generated-graph.js';
import { tempDir } from '../support/stores.js';

// The embedded store's bulk path (COPY FROM CSV files, texts in packs) against its ordinary
// one: the same store either way, whatever the text holds, through a refused batch and a
// hard stop.

const NODES = 20_000;

/** Generated documents with text a CSV file finds hard: quotes, commas, line breaks, empty strings, apostrophes in lists. */
function awkwardDocuments(count: number): DocumentGraph[] {
  return Array.from({ length: count }, (_, i) => {
    const g = generatedDocument(i, NODES);
    if (i % 7 === 0) {
      g.people[0] = { ...g.people[0]!, name: `Siobhán O'Brien-Smith, Jr ${i}`, aliases: ["O'Brien", 'Smith, J', 'plain alias'], titles: ['Chief "Acting" Constable'] };
      g.people[1] = { ...g.people[1]!, aliases: ['Plain Alias', 'Another One'], titles: ['Head of Standards'] };
    }
    g.quotes[0] = { ...g.quotes[0]!, text: `He said: "we were wrong",\nand then, after a pause, \\ "sorry" — ${i}; don’t forget it.` };
    g.claims[0] = { ...g.claims[0]!, measure: i % 5 === 0 ? '' : 'allegations, "reported"', value: i % 3 === 0 ? 48.5 : i };
    g.document = { ...g.document, title: `Report, "${i}"\r\nsecond line`, publisher: i % 4 === 0 ? null : 'Bench, Press', paths: i % 6 === 0 ? ['dir, with comma/file.txt'] : [`dir/file ${i}.txt`], pageStarts: [0, 120, 240], text: `Text of ${i}: "quoted", \\slashed\\ and\nbroken.`.repeat(5) };
    const said = g.relationships.find((r) => r.type === 'SAID')!;
    said.props = { ...said.props, confidence: i % 2 ? 1 : 0.875, sieve: 'trigram', resolvedBy: 'full-name', cueStart: 3, cueEnd: 9, candidates: i % 3 ? ['person:bench-1', 'person:bench-2'] : ["person:o'brien"], candidateScores: [80, 20], spanStarts: [1, 5], spanEnds: [4, 9] };
    // a quote that two documents of the batch carry: the first keeps its offsets
    if (i % 10 === 1) {
      const was = g.quotes[1]!.id;
      g.quotes[1] = { ...g.quotes[1]!, id: 'quote:shared-by-many' };
      for (const r of g.relationships) {
        if (r.from === was) r.from = 'quote:shared-by-many';
        if (r.to === was) r.to = 'quote:shared-by-many';
      }
    }
    return g;
  });
}

/** Every node and relationship of a closed store, as sorted lines: two stores are equal when these are. */
async function dump(dataDir: string): Promise<{ nodes: string[]; relationships: string[] }> {
  const db = new lbug.Database(path.join(dataDir, 'graph.lbug'));
  const conn = new lbug.Connection(db);
  const all = async (q: string) => {
    const result = await conn.query(q);
    return (Array.isArray(result) ? result[0]! : result).getAll() as Promise<Record<string, unknown>[]>;
  };
  const clean = (v: unknown) => JSON.stringify(v, (k, x) => (k.startsWith('_') ? undefined : typeof x === 'bigint' ? Number(x) : x));
  try {
    const nodes = (await all('MATCH (n) RETURN n')).map((r) => clean(r.n)).sort();
    const relationships = (await all('MATCH (a)-[r]->(b) RETURN a.id AS a, label(r) AS type, b.id AS b, r')).map((r) => clean([r.a, r.type, r.b, r.r])).sort();
    return { nodes, relationships };
  } finally {
    await conn.close();
    await db.close();
  }
}

describe('the embedded store loading a large batch by COPY FROM', () => {
  it('stores exactly what writing the documents one by one stores, re-written documents and awkward text included', async () => {
    const docs = awkwardDocuments(300);
    const bulkDir = tempDir('bulk');
    const warnings: string[] = [];
    const bulk = await LadybugStore.open({ dataDir: bulkDir, memoryIndexes: false, warn: (m) => warnings.push(m) });
    // some are stored beforehand, so the batch re-writes them and merges people it has seen
    for (const g of docs.slice(0, 40)) await bulk.writeDocumentGraph(g);
    await bulk.writeDocumentGraphs(docs);
    // the batch went in whole, not document by document
    expect(warnings).toEqual([]);
    expect(fs.readdirSync(path.join(bulkDir, 'texts')).filter((f) => f.endsWith('.pack'))).toHaveLength(1);
    const text = await bulk.documentText(docs[123]!.document.id);
    expect(text?.text).toBe(docs[123]!.document.text);
    await bulk.close();

    const oneDir = tempDir('one-by-one');
    const one = await LadybugStore.open({ dataDir: oneDir, memoryIndexes: false });
    for (const g of docs) await one.writeDocumentGraph(g);
    await one.close();

    const [a, b] = [await dump(bulkDir), await dump(oneDir)];
    expect(a.nodes.length).toBeGreaterThan(3000);
    expect(a.relationships.length).toBeGreaterThan(7000);
    expect(a.nodes).toEqual(b.nodes);
    expect(a.relationships).toEqual(b.relationships);
    // nothing of the COPY's files is left beside the store
    expect(fs.existsSync(path.join(bulkDir, 'bulk-load'))).toBe(false);
  }, 120_000);

  it('refused midway after ordinary writes, rolls back cleanly: every earlier node is still found, and the batch goes in document by document', async () => {
    const dataDir = tempDir('bulk-refused');
    const warnings: string[] = [];
    const store = await LadybugStore.open({ dataDir, memoryIndexes: false, warn: (m) => warnings.push(m) });
    const docs = awkwardDocuments(260);
    // written by CREATE and not yet folded into the database file: what a rolled-back COPY must not lose
    for (const g of docs.slice(0, 5)) await store.writeDocumentGraph(g);
    // the quotes' file cannot be written, so the COPY transaction fails after copying documents and people
    fs.mkdirSync(path.join(dataDir, 'bulk-load', 'Quote.csv'), { recursive: true });
    await store.writeDocumentGraphs(docs.slice(5));
    expect(warnings).toEqual([expect.stringMatching(/^a batch of 255 documents could not be written whole \(.*Quote\.csv.*\); they were written one by one$/)]);
    for (const g of docs.slice(0, 5)) {
      expect(await store.documentHash(g.document.id)).toBe(g.document.sha256);
      expect((await store.getNode(g.quotes[2]!.id))?.node.id).toBe(g.quotes[2]!.id);
    }
    expect((await store.counts()).nodes.Document).toBe(260);
    // and the next large batch goes by COPY again
    await store.writeDocumentGraphs(Array.from({ length: 200 }, (_, k) => generatedDocument(1000 + k, NODES)));
    expect(warnings).toHaveLength(1);
    expect((await store.counts()).nodes.Document).toBe(460);
    await store.close();
    const again = await LadybugStore.open({ dataDir, memoryIndexes: false });
    expect((await again.counts()).nodes.Document).toBe(460);
    expect((await again.documentText(docs[0]!.document.id))?.text).toBe(docs[0]!.document.text);
    await again.close();
  }, 120_000);

  it('killed mid-load, opens with every document whole or absent, every text readable, and drops the packs no document names', async () => {
    const dataDir = tempDir('bulk-killed');
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/bulk-writer.ts'], { env: { ...process.env, GRAPH_DATA_DIR: dataDir, TOTAL: '40000' }, stdio: ['ignore', 'pipe', 'inherit'] });
    // killed once a few batches are in, while the next is under way
    await new Promise<void>((resolve) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if ((out.match(/wrote/g) ?? []).length >= 3) setTimeout(resolve, 150);
      });
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    // a pack no document names, as a write that never committed leaves one
    const stray = path.join(dataDir, 'texts', 'stray.pack');
    fs.writeFileSync(stray, `${JSON.stringify([['f'.repeat(64), 0, 5]])}\nhello`);

    const store = await LadybugStore.open({ dataDir, memoryIndexes: false });
    const docs = (await store.counts()).nodes.Document;
    expect(docs).toBeGreaterThanOrEqual(1200);
    expect(docs % 400).toBe(0);
    const perDoc = await store.runReadOnly({
      query: 'MATCH (d:Document) OPTIONAL MATCH (q:Quote)-[:QUOTED_IN]->(d) RETURN d.id AS id, count(q) AS quotes',
      params: {}, timeoutMs: 20_000, rowLimit: 100_000,
    });
    expect(perDoc.rows.every((r) => Number(r[1]) === 8)).toBe(true);
    for (const [id] of perDoc.rows.filter((_, i) => i % 97 === 0)) expect((await store.documentText(id as string))?.text).toBe('x'.repeat(400));
    expect(fs.existsSync(stray)).toBe(false);
    // loading the same documents again changes nothing
    const before = await store.counts();
    await store.writeDocumentGraphs(Array.from({ length: 400 }, (_, k) => generatedDocument(k, 100_000)));
    expect(await store.counts()).toEqual(before);
    await store.close();
  }, 180_000);
});
