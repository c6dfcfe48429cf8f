import fs from 'node:fs';
import path from 'node:path';
import lbug from '@ladybugdb/core';
import { afterEach, describe, expect, it } from 'vitest';
import { LadybugStore } from '../../server/store/ladybug/ladybug-store.js';
import { fixtureDocumentA, fixtureDocumentB } from '../support/fixture-graph.js';
import { tempDir } from '../support/stores.js';

// The embedded store keeps its search index in memory: built from the graph on first need,
// changed after each committed write. These check that it follows the graph through writes,
// edits and reopening, and that nothing of it reaches the database the console sees.

const open: LadybugStore[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

/** A store whose indexes are built before anything is written: so every write must change them. */
async function openStore(dir: string): Promise<LadybugStore> {
  const store = await LadybugStore.open({ dataDir: dir });
  open.push(store);
  await store.warmIndexes();
  return store;
}

async function close(store: LadybugStore): Promise<void> {
  open.splice(open.indexOf(store), 1);
  await store.close();
}

async function indexMatchesGraph(store: LadybugStore): Promise<void> {
  const counts = await store.counts();
  expect((await store.indexCounts()).search).toEqual(counts.nodes);
}

describe('the embedded search index', () => {
  it('holds exactly the graph’s nodes after writes, re-writes and an edit that drops nodes', async () => {
    const store = await openStore(tempDir('index'));
    await store.writeDocumentGraph(fixtureDocumentA());
    await store.writeDocumentGraph(fixtureDocumentB());
    await indexMatchesGraph(store);
    await store.writeDocumentGraph(fixtureDocumentA());
    await indexMatchesGraph(store);
    const edited = fixtureDocumentA();
    edited.quotes = edited.quotes.filter((q) => q.id !== 'quote:women');
    edited.relationships = edited.relationships.filter((r) => r.from !== 'quote:women' && r.to !== 'quote:women' && r.to !== 'org:refuge');
    edited.organizations = edited.organizations.filter((o) => o.id !== 'org:refuge');
    await store.writeDocumentGraph(edited);
    await indexMatchesGraph(store);
    expect((await store.counts()).nodes.Organization).toBe(1);
  });

  it('gives the same graph and index from one batch as from documents written one by one', async () => {
    const one = await openStore(tempDir('batch-one'));
    const many = await openStore(tempDir('batch-many'));
    const docs = () => [fixtureDocumentA(), fixtureDocumentB()];
    for (const g of docs()) await one.writeDocumentGraph(g);
    await many.writeDocumentGraphs(docs());
    const dump = async (store: LadybugStore) => ({
      counts: await store.counts(),
      index: (await store.indexCounts()).search,
      rows: (await store.runReadOnly({ query: 'MATCH (n) RETURN n ORDER BY n.id', params: {}, timeoutMs: 5000, rowLimit: 100 })).rows,
      rels: (await store.runReadOnly({ query: 'MATCH (a)-[r]->(b) RETURN a.id, label(r), b.id, r ORDER BY a.id, b.id, r.docId', params: {}, timeoutMs: 5000, rowLimit: 100 })).rows,
    });
    expect(await dump(many)).toEqual(await dump(one));
    await indexMatchesGraph(many);
  });

  it('is built from the graph after the store opens', async () => {
    const dir = tempDir('index-rebuild');
    const first = await openStore(dir);
    await first.writeDocumentGraph(fixtureDocumentA());
    await close(first);
    const again = await openStore(dir);
    await indexMatchesGraph(again);
    expect((await again.search({ text: 'jane mar', limit: 5, offset: 0 })).hits[0]?.node.id).toBe('person:jane-marsh');
  });

  it('answers as the graph does without it, typos and document titles included', async () => {
    const dir = tempDir('index-vs-graph');
    const indexed = await openStore(dir);
    await indexed.writeDocumentGraph(fixtureDocumentA());
    await indexed.writeDocumentGraph(fixtureDocumentB());
    await close(indexed);
    const withIndex = await openStore(dir);
    const queries = ['jane mar', 'refuge', 'refgue', 'jane marhs', 'vetting corrupton', 'inspector repeats', 'forces told', 'hmci', 'women deserve', 'marsh', 'mrsh', 'arsh'];
    const answers = async (store: LadybugStore) => Promise.all(queries.map(async (text) =>
      (await store.search({ text, limit: 10, offset: 0 })).hits.map((h) => `${h.node.id} ${h.rank}`)));
    const fromIndex = await answers(withIndex);
    await close(withIndex);
    const plain = await LadybugStore.open({ dataDir: dir, memoryIndexes: false });
    open.push(plain);
    expect(await answers(plain)).toEqual(fromIndex);
    expect(fromIndex[queries.indexOf('refgue')]).toEqual(['org:refuge 0']);
  });

  it('finds what was written to the graph behind the store’s back, once reopened', async () => {
    const dir = tempDir('index-outside');
    const first = await openStore(dir);
    await first.writeDocumentGraph(fixtureDocumentA());
    await close(first);
    const db = new lbug.Database(path.join(dir, 'graph.lbug'));
    const conn = new lbug.Connection(db);
    await conn.query("CREATE (:Person {id: 'person:late-arrival', name: 'Late Arrival', aliases: [], kind: 'other', titles: [], searchText: ' late arrival '})");
    await conn.close();
    await db.close();
    const again = await openStore(dir);
    expect((await again.search({ text: 'late arr', limit: 5, offset: 0 })).hits[0]?.node.id).toBe('person:late-arrival');
  });

  it('stays out of the console: the graph holds the model’s tables and nothing else', async () => {
    const dir = tempDir('index-console');
    const store = await openStore(dir);
    await store.writeDocumentGraph(fixtureDocumentA());
    const labels = await store.runReadOnly({ query: 'MATCH (n) RETURN DISTINCT label(n) AS l ORDER BY l', params: {}, timeoutMs: 5000, rowLimit: 100 });
    expect(labels.rows.flat()).toEqual(['Document', 'Organization', 'Person', 'Quote', 'Report']);
    // and no other database beside the graph: only the document texts' folder
    expect(fs.readdirSync(dir).filter((f) => !f.startsWith('graph.lbug'))).toEqual(['texts']);
    const all = await store.runReadOnly({ query: 'MATCH (n) RETURN count(n) AS n', params: {}, timeoutMs: 5000, rowLimit: 10 });
    const counts = await store.counts();
    expect(all.rows[0]![0]).toBe(Object.values(counts.nodes).reduce((a, b) => a + b, 0));
  });
});
