import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentGraph } from '../../server/model/graph.js';
import { LadybugStore } from '../../server/store/ladybug/ladybug-store.js';
import type { GraphStore } from '../../server/store/port.js';
import { seedCorpus } from '../../seed/pipeline.js';
import { SAMPLE_CORPUS } from '../support/seeded-store.js';
import { tempDir } from '../support/stores.js';

const DOC_001 = '001_bff380fe690245c5.txt';

describe('seeding the sample corpus', () => {
  let store: LadybugStore;
  beforeAll(async () => {
    store = await LadybugStore.open({ dataDir: tempDir('seed') });
  });
  afterAll(async () => store?.close());

  it('loads every document, and a second run changes no count', async () => {
    const first = await seedCorpus({ store, dir: SAMPLE_CORPUS });
    expect(first).toMatchObject({ documents: 5, loaded: 5, skipped: [] });
    const counts = await store.counts();
    const second = await seedCorpus({ store, dir: SAMPLE_CORPUS });
    expect(second.unchanged).toBe(5);
    expect(await store.counts()).toEqual(counts);
  });

  it("lets nothing from document 001's tail of unrelated headlines into the graph", async () => {
    const text = fs.readFileSync(path.join(SAMPLE_CORPUS, DOC_001), 'utf8');
    const tailStart = text.indexOf('Add your comment');
    expect(tailStart).toBeGreaterThan(0);
    const doc = await store.documentText('doc:001-bff380fe690245c5');
    expect(doc).not.toBeNull();
    for (const q of doc!.quotes) expect(q.end, `quote at ${q.start}`).toBeLessThanOrEqual(tailStart);
    for (const m of doc!.mentions) expect(m.end, `${m.name} at ${m.start}`).toBeLessThanOrEqual(tailStart);
    for (const name of ['Sadiq Khan', 'Philip Hammond', 'Suffolk County Council']) {
      const hits = await store.search({ text: name, limit: 5, offset: 0 });
      expect(hits.hits.filter((h) => h.node.name === name), name).toEqual([]);
    }
  });

  it('keeps every quote span pointing at the exact characters of its document', async () => {
    for (const file of fs.readdirSync(SAMPLE_CORPUS).filter((f) => f.endsWith('.txt'))) {
      const id = `doc:${file.replace(/\.txt$/, '').replace(/_/g, ' ').replace(/\s+/g, '-')}`;
      const doc = await store.documentText(id);
      const { quotes } = await store.quotes({ documentId: id, limit: 200, offset: 0 });
      for (const q of quotes) {
        const source = q.sources.find((s) => s.documentId === id)!;
        expect(doc!.text.slice(source.start, source.end)).toBe(q.text);
      }
    }
  });

  it('links a misspelt name in a source to the canonical person, keeping the variant', async () => {
    const { hits } = await store.search({ text: 'Theresa May', labels: ['Person'], limit: 5, offset: 0 });
    expect(hits[0]?.node.name).toBe('Theresa May');
    expect(hits[0]?.node.properties.aliases).toContain('Thersa May');
  });

  it('records the HMIC to HMICFRS rename as one body under two names', async () => {
    const result = await store.runReadOnly({
      query: 'MATCH (a:Organization)-[:RENAMED_TO]->(b:Organization) RETURN a.name AS old, b.name AS new',
      params: {}, timeoutMs: 5000, rowLimit: 50,
    });
    expect(result.rows.map((r) => r.join(' > '))).toContain('HM Inspectorate of Constabulary > HM Inspectorate of Constabulary and Fire & Rescue Services');
  });
});

describe('seeding a folder with bad files', () => {
  it('skips each bad file with a reason, loads the rest and writes nothing half-way', async () => {
    const dir = tempDir('seed-bad');
    fs.copyFileSync(path.join(SAMPLE_CORPUS, '000_057d12b3dd92ac72.txt'), path.join(dir, 'good.txt'));
    fs.writeFileSync(path.join(dir, 'empty.txt'), '');
    fs.writeFileSync(path.join(dir, 'binary.txt'), Buffer.from([1, 0, 2, 0]));
    fs.writeFileSync(path.join(dir, 'broken.txt'), 'A text with a broken sidecar.');
    fs.writeFileSync(path.join(dir, 'broken.meta.json'), '{"kind": "novel"}');
    const store = await LadybugStore.open({ dataDir: tempDir('seed-bad-store') });
    try {
      const skips: string[] = [];
      const summary = await seedCorpus({ store, dir, onSkip: (file, reason) => skips.push(`${path.basename(file)}: ${reason}`) });
      expect(summary.loaded).toBe(1);
      expect(summary.skipped.map((s) => path.basename(s.file)).sort()).toEqual(['binary.txt', 'broken.txt', 'empty.txt']);
      expect(skips.join('\n')).toMatch(/broken\.txt: sidecar broken\.meta\.json: field "kind"/);
      expect((await store.counts()).nodes.Document).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('names the one document the store refuses and loads the rest of its batch', async () => {
    const real = await LadybugStore.open({ dataDir: tempDir('seed-refused') });
    // the real store, refusing one document as a full disk or a dropped connection would
    const store: GraphStore = Object.create(real, {
      writeDocumentGraphs: { value: async (graphs: DocumentGraph[]) => {
        if (graphs.some((g) => g.document.fileName.startsWith('002_'))) throw new Error('batch refused');
        return real.writeDocumentGraphs(graphs);
      } },
      writeDocumentGraph: { value: async (graph: DocumentGraph) => {
        if (graph.document.fileName.startsWith('002_')) throw new Error('disk full');
        return real.writeDocumentGraph(graph);
      } },
    });
    try {
      const summary = await seedCorpus({ store, dir: SAMPLE_CORPUS });
      expect(summary.loaded).toBe(4);
      expect(summary.skipped).toEqual([{ file: expect.stringMatching(/002_[^/]*\.txt$/), reason: 'not loaded: disk full' }]);
      expect((await real.counts()).nodes.Document).toBe(4);
    } finally {
      await real.close();
    }
  });

  it('applies curation overrides on every seed and reports them', async () => {
    const dir = tempDir('seed-overrides');
    fs.copyFileSync(path.join(SAMPLE_CORPUS, '000_057d12b3dd92ac72.txt'), path.join(dir, '000.txt'));
    const overridesFile = path.join(dir, 'overrides.json');
    fs.writeFileSync(overridesFile, JSON.stringify({
      attributions: [{ document: '000.txt', quote: 'Kent Police has a very good culture', speaker: 'Unison', speakerKind: 'organization' }],
      merges: [],
      roles: [{ person: 'Matthew Scott', title: 'Police and Crime Commissioner for Kent', organization: 'Office of the Police and Crime Commissioner for Kent' }],
    }));
    const store = await LadybugStore.open({ dataDir: tempDir('seed-overrides-store') });
    try {
      const summary = await seedCorpus({ store, dir, overridesFile });
      expect(summary.overrides.join('\n')).toMatch(/attributed to Unison/);
      expect(summary.overrides.join('\n')).toMatch(/role "Police and Crime Commissioner for Kent" added to Matthew Scott/);
      const unison = (await store.search({ text: 'Unison', labels: ['Organization'], limit: 1, offset: 0 })).hits[0]!.node.id;
      const { quotes } = await store.quotes({ speakerId: unison, limit: 5, offset: 0 });
      expect(quotes.map((q) => q.text)).toContain('Kent Police has a very good culture, it does a lot to support its workforce.');
    } finally {
      await store.close();
    }
  });

  it('stops with the file and field when the overrides file is invalid', async () => {
    const dir = tempDir('seed-bad-overrides');
    const overridesFile = path.join(dir, 'overrides.json');
    fs.writeFileSync(overridesFile, JSON.stringify({ merges: [{ from: 'A' }] }));
    const store = await LadybugStore.open({ dataDir: tempDir('seed-bad-overrides-store') });
    try {
      await expect(seedCorpus({ store, dir, overridesFile })).rejects.toThrow(/overrides\.json: field "merges\.0\.into"/);
    } finally {
      await store.close();
    }
  });
});
