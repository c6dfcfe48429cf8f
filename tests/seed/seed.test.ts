import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentGraph } from '../../server/model/graph.js';
import { LadybugStore } from '../../server/store/ladybug/ladybug-store.js';
import type { GraphStore } from '../../server/store/port.js';
import { seedCorpus } from '../../seed/pipeline.js';
import { legacyDocumentId } from '../../seed/ingest/document-id.js';
import { fixtureDocumentB } from '../support/fixture-graph.js';
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
    const doc = await store.documentText('doc:001_bff380fe690245c5.txt');
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
      const id = `doc:${file}`;
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

  it('holds no body that no document names, though the gazetteer knows its renames', async () => {
    const result = await store.runReadOnly({
      query: 'MATCH (o:Organization) OPTIONAL MATCH (:Document)-[m:MENTIONS]->(o) WITH o, count(m) AS n WHERE n = 0 RETURN o.name AS name',
      params: {}, timeoutMs: 5000, rowLimit: 50,
    });
    // the gazetteer joins bodies the sample names to successors and predecessors it never names
    expect(result.rows).toEqual([]);
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

describe('seeding a folder that changes', () => {
  const story = (who: string, words: string) => `Forces were told to act on the findings this week.\n\n${who} said: "${words}"\n\nThe findings will be discussed again next month.\n`;
  const speakerQuotes = async (store: GraphStore, name: string) => {
    const hit = (await store.search({ text: name, labels: ['Person'], limit: 1, offset: 0 })).hits.find((h) => h.node.name === name);
    return hit ? (await store.quotes({ speakerId: hit.node.id, limit: 10, offset: 0 })).quotes.map((q) => q.text) : [];
  };

  it('keeps files that share a name apart, keeps non-Latin names, and joins the same bytes under two paths', async () => {
    const dir = tempDir('seed-identity');
    fs.writeFileSync(path.join(dir, 'report.txt'), story('Chief Constable Alan Brightwell', 'We will publish every finding in full.'));
    fs.writeFileSync(path.join(dir, 'report.md'), story('Commissioner Ruth Okafor', 'The public deserve answers this year.'));
    fs.writeFileSync(path.join(dir, 'تقرير.txt'), story('Inspector Dana Whitcombe', 'Every force must check its vetting files.'));
    fs.writeFileSync(path.join(dir, 'доклад.txt'), story('Superintendent Omar Lindqvist', 'No complaint will be left unanswered.'));
    fs.mkdirSync(path.join(dir, 'copies'));
    fs.copyFileSync(path.join(dir, 'report.txt'), path.join(dir, 'copies', 'report-copy.txt'));
    const store = await LadybugStore.open({ dataDir: tempDir('seed-identity-store') });
    try {
      const summary = await seedCorpus({ store, dir, overridesFile: null });
      expect(summary).toMatchObject({ files: 5, documents: 4, loaded: 4, skipped: [] });
      expect(summary.samePaths).toEqual(['report.txt → copies/report-copy.txt']);
      const stored = (await store.storedDocuments()).map((d) => d.id).sort();
      expect(stored).toHaveLength(4);
      expect(stored).toEqual(expect.arrayContaining(['doc:copies/report-copy.txt', 'doc:report.md']));
      expect(stored.filter((id) => /^doc:доклад\.txt~[0-9a-f]{8}$|^doc:تقرير\.txt~[0-9a-f]{8}$/.test(id))).toHaveLength(2);
      const copy = await store.getNode('doc:copies/report-copy.txt');
      expect(copy?.node.properties.paths).toEqual(['copies/report-copy.txt', 'report.txt']);
      expect(await speakerQuotes(store, 'Ruth Okafor')).toEqual(['The public deserve answers this year.']);
      expect(await speakerQuotes(store, 'Dana Whitcombe')).toEqual(['Every force must check its vetting files.']);
    } finally {
      await store.close();
    }
  });

  it('removes the documents of deleted files and what only they supported, and says so', async () => {
    const dir = tempDir('seed-sync');
    fs.writeFileSync(path.join(dir, 'alpha.txt'), story('Chief Constable Alan Brightwell', 'We will publish every finding in full.'));
    fs.writeFileSync(path.join(dir, 'beta.txt'), story('Commissioner Ruth Okafor', 'The public deserve answers this year.'));
    fs.writeFileSync(path.join(dir, 'gamma.txt'), story('Inspector Dana Whitcombe', 'Every force must check its vetting files.'));
    const store = await LadybugStore.open({ dataDir: tempDir('seed-sync-store') });
    try {
      // a store seeded before ids came from paths holds this folder's alpha.txt as doc:alpha, and another folder's document
      const legacy = fixtureDocumentB().document;
      await store.writeDocumentGraph({ document: { ...legacy, id: legacyDocumentId('alpha.txt') }, people: [], organizations: [], reports: [], quotes: [], claims: [], relationships: [] });
      expect((await store.storedDocuments()).map((d) => d.id)).toEqual(['doc:alpha']);
      await store.writeDocumentGraph(fixtureDocumentB());
      const first = await seedCorpus({ store, dir, overridesFile: null });
      expect(first.removed.documents).toEqual(['doc:alpha']);
      expect((await store.storedDocuments()).map((d) => d.id).sort()).toEqual(['doc:alpha.txt', 'doc:b', 'doc:beta.txt', 'doc:gamma.txt']);

      fs.rmSync(path.join(dir, 'beta.txt'));
      const second = await seedCorpus({ store, dir, overridesFile: null });
      expect(second.removed.documents).toEqual(['doc:beta.txt']);
      expect(second.removed.removed.map((r) => r.label)).toEqual(expect.arrayContaining(['Quote', 'Person']));
      expect((await store.storedDocuments()).map((d) => d.id).sort()).toEqual(['doc:alpha.txt', 'doc:b', 'doc:gamma.txt']);
      expect(await speakerQuotes(store, 'Ruth Okafor')).toEqual([]);
      expect(await speakerQuotes(store, 'Dana Whitcombe')).toEqual(['Every force must check its vetting files.']);

      // a file still there that fails to read keeps its stored version
      fs.writeFileSync(path.join(dir, 'gamma.txt'), Buffer.from([1, 0, 2, 0]));
      const third = await seedCorpus({ store, dir, overridesFile: null });
      expect(third.removed.documents).toEqual([]);
      expect(third.skipped.map((s) => path.basename(s.file))).toEqual(['gamma.txt']);
      expect(await speakerQuotes(store, 'Dana Whitcombe')).toEqual(['Every force must check its vetting files.']);

      // a folder that lists nothing (an unmounted disk) removes nothing
      for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f));
      const fourth = await seedCorpus({ store, dir, overridesFile: null });
      expect(fourth.removed.documents).toEqual([]);
      expect(fourth.skipped.map((s) => s.reason).join('\n')).toMatch(/no documents found, so the 2 stored from this folder before are kept/);
      expect((await store.counts()).nodes.Document).toBe(3);
    } finally {
      await store.close();
    }
  });
});
