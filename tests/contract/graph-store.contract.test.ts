import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DocumentGraph, relProps } from '../../server/model/graph.js';
import type { GraphStore } from '../../server/store/port.js';
import { QueryRefusedError, QuerySyntaxError, QueryTimeoutError } from '../../server/errors.js';
import { fixtureDocumentA, fixtureDocumentB } from '../support/fixture-graph.js';
import { storeFactories } from '../support/stores.js';

for (const factory of storeFactories) {
  if (factory.skipReason) console.log(`[contract] skipping the ${factory.name} store: ${factory.skipReason}`);

  describe.skipIf(factory.skipReason !== null)(`the ${factory.name} graph store`, () => {
    let store: GraphStore;

    beforeAll(async () => {
      store = await factory.open();
      await store.writeDocumentGraph(fixtureDocumentA());
      await store.writeDocumentGraph(fixtureDocumentB());
      await store.writeRenames([{
        from: { id: 'org:hmic', name: 'HM Inspectorate of Constabulary', kind: 'inspectorate', aliases: ['HMIC'] },
        to: { id: 'org:hmicfrs', name: 'HMICFRS', kind: 'inspectorate', aliases: [] },
        year: 2017,
      }]);
    });
    afterAll(async () => store?.close());

    it('finds people by the words of their roles, each word anywhere in the title', async () => {
      expect(await store.rolesMatching(['inspector', 'constabulary'], 10)).toEqual([{ personId: 'person:jane-marsh', title: 'HM Inspector of Constabulary', organization: expect.any(String) }]);
      expect(await store.rolesMatching(['inspector', 'nowhere'], 10)).toEqual([]);
      expect(await store.rolesMatching([], 10)).toEqual([]);
    });

    it('creating the schema again changes nothing', async () => {
      const before = await store.counts();
      await store.ensureSchema();
      expect(await store.counts()).toEqual(before);
    });

    it('counts every node kind and relationship type it holds', async () => {
      const counts = await store.counts();
      expect(counts.nodes).toMatchObject({ Document: 2, Person: 1, Organization: 3, Report: 1, Quote: 3, Claim: 1 });
      expect(counts.relationships.SAID).toBe(4);
      expect(counts.relationships.QUOTED_IN).toBe(4);
      expect(counts.relationships.RENAMED_TO).toBe(1);
    });

    it('re-writing the same documents leaves every count unchanged', async () => {
      const before = await store.counts();
      await store.writeDocumentGraph(fixtureDocumentA());
      await store.writeDocumentGraph(fixtureDocumentB());
      await store.writeRenames([{
        from: { id: 'org:hmic', name: 'HM Inspectorate of Constabulary', kind: 'inspectorate', aliases: ['HMIC'] },
        to: { id: 'org:hmicfrs', name: 'HMICFRS', kind: 'inspectorate', aliases: [] },
        year: 2017,
      }]);
      expect(await store.counts()).toEqual(before);
    });

    it('writes a batch of documents as it writes them one by one, and a bad one does not stop the rest', async () => {
      const before = await store.counts();
      const jane = await store.getNode('person:jane-marsh');
      const summaries = await store.writeDocumentGraphs([fixtureDocumentA(), fixtureDocumentB()]);
      expect(summaries.map((x) => x.documentId)).toEqual(['doc:a', 'doc:b']);
      expect(await store.counts()).toEqual(before);
      expect((await store.getNode('person:jane-marsh'))?.node).toEqual(jane?.node);
      expect((await store.quotes({ quoteId: 'quote:act-now', limit: 1, offset: 0 })).quotes[0]?.sources.map((x) => x.documentId)).toEqual(['doc:a', 'doc:b']);
      const broken = fixtureDocumentB();
      broken.relationships.push({ type: 'SAID', from: 'person:jane-marsh', to: 'quote:missing', props: broken.relationships[0]!.props });
      await expect(store.writeDocumentGraphs([fixtureDocumentA(), broken])).rejects.toThrow(/quote:missing/);
      expect(await store.counts()).toEqual(before);
    });

    it('an edited document replaces what it produced before and drops what only it held', async () => {
      const edited = fixtureDocumentA();
      edited.quotes = edited.quotes.filter((q) => q.id !== 'quote:women');
      edited.relationships = edited.relationships.filter((r) => r.from !== 'quote:women' && r.to !== 'quote:women' && r.to !== 'org:refuge');
      edited.organizations = edited.organizations.filter((o) => o.id !== 'org:refuge');
      await store.writeDocumentGraph(edited);
      expect(await store.getNode('quote:women')).toBeNull();
      expect(await store.getNode('org:refuge')).toBeNull();
      // the quote shared with document B survives
      expect(await store.getNode('quote:act-now')).not.toBeNull();
      await store.writeDocumentGraph(fixtureDocumentA());
      expect((await store.counts()).nodes.Quote).toBe(3);
    });

    it('a graph that breaks the model is refused whole and leaves the store as it was', async () => {
      const before = await store.counts();
      const broken = fixtureDocumentA();
      broken.relationships.push({ type: 'SAID', from: 'person:jane-marsh', to: 'quote:missing', props: broken.relationships[0]!.props });
      await expect(store.writeDocumentGraph(broken)).rejects.toThrow(/unknown node quote:missing/);
      expect(await store.counts()).toEqual(before);
    });

    it('merges what two documents say of one person', async () => {
      const detail = await store.getNode('person:jane-marsh');
      expect(detail?.node.name).toBe('Jane Marsh');
      expect(detail?.node.kind).toBe('inspector');
      expect(detail?.node.properties.aliases).toContain('Ms Marsh');
    });

    it('finds entities by name or alias, whatever the case and accents, best match first', async () => {
      const { hits } = await store.search({ text: 'JANE mar', limit: 10, offset: 0 });
      expect(hits[0]?.node.id).toBe('person:jane-marsh');
      const byAlias = await store.search({ text: 'her majestys inspectorate', labels: ['Organization'], limit: 10, offset: 0 });
      expect(byAlias.hits.map((h) => h.node.id)).toContain('org:hmicfrs');
      const exact = await store.search({ text: 'refuge', limit: 10, offset: 0 });
      expect(exact.hits[0]).toMatchObject({ rank: 4, node: { id: 'org:refuge' } });
      expect((await store.search({ text: 'nobody-here', limit: 10, offset: 0 })).total).toBe(0);
    });

    it('ranks an exact name above an exact alias above a word prefix above a match inside a word', async () => {
      const { hits } = await store.search({ text: 'hmic', labels: ['Organization'], limit: 10, offset: 0 });
      expect(hits.map((h) => [h.node.id, h.rank])).toEqual([['org:hmic', 3], ['org:hmicfrs', 2]]);
      expect(hits[0]!.matched).toBe('HMIC');
      expect((await store.search({ text: 'HMICFRS', limit: 10, offset: 0 })).hits[0]).toMatchObject({ rank: 4, node: { id: 'org:hmicfrs' } });
      const inside = await store.search({ text: 'arsh', labels: ['Person'], limit: 10, offset: 0 });
      expect(inside.hits.map((h) => [h.node.id, h.rank])).toEqual([['person:jane-marsh', 1]]);
    });

    it('finds names by several words in any order, and quotes by their words, within the kinds asked for', async () => {
      expect((await store.search({ text: 'marsh jane', limit: 10, offset: 0 })).hits.map((h) => h.node.id)).toContain('person:jane-marsh');
      const quotes = await store.search({ text: 'women deserve', labels: ['Quote'], limit: 10, offset: 0 });
      expect(quotes.hits.map((h) => h.node.id)).toEqual(['quote:women']);
      expect((await store.search({ text: 'refuge', labels: ['Person'], limit: 10, offset: 0 })).total).toBe(0);
      expect((await store.search({ text: 'vetting and corruption', labels: ['Report'], limit: 10, offset: 0 })).hits[0]).toMatchObject({ rank: 4, node: { id: 'report:vetting-2019' } });
    });

    it('finds a document by its title among the other kinds, unasked', async () => {
      const { hits } = await store.search({ text: 'inspector repeats', limit: 10, offset: 0 });
      expect(hits.map((h) => h.node.id)).toContain('doc:b');
      expect(hits.find((h) => h.node.id === 'doc:b')).toMatchObject({ rank: 2, node: { label: 'Document', name: 'Inspector repeats warning' } });
    });

    it('tolerates one typo in a long word when nothing matches as typed, ranked below every true match', async () => {
      for (const [typed, id] of [['refgue', 'org:refuge'], ['jane marhs', 'person:jane-marsh'], ['vetting corrupton', 'report:vetting-2019'], ['jane marshh', 'person:jane-marsh']] as const) {
        const { hits } = await store.search({ text: typed, limit: 10, offset: 0 });
        expect(hits[0], typed).toMatchObject({ rank: 0, node: { id } });
      }
      // a short word is not corrected ("marh" is a fragment, not a typo), nor are two typos in one word
      expect((await store.search({ text: 'jane mrsh', limit: 10, offset: 0 })).total).toBe(0);
      expect((await store.search({ text: 'rfegue', limit: 10, offset: 0 })).total).toBe(0);
      // while a true match exists, no near miss is added beside it
      expect((await store.search({ text: 'marsh', labels: ['Person'], limit: 10, offset: 0 })).hits.map((h) => h.rank)).toEqual([2]);
    });

    it('pages search results without losing or repeating a hit', async () => {
      const all = await store.search({ text: 'h', limit: 50, offset: 0 });
      expect(all.total).toBeGreaterThanOrEqual(all.hits.length);
      const pages = [0, 1, 2, 3].map((offset) => store.search({ text: 'h', limit: 1, offset }));
      const ids = (await Promise.all(pages)).flatMap((p) => p.hits.map((h) => h.node.id));
      expect(ids).toEqual(all.hits.slice(0, 4).map((h) => h.node.id));
    });

    it('keeps search in step with the graph when a document is edited', async () => {
      const edited = fixtureDocumentA();
      edited.organizations = edited.organizations.map((o) => (o.id === 'org:refuge' ? { ...o, name: 'Refuge Charity' } : o));
      await store.writeDocumentGraph(edited);
      expect((await store.search({ text: 'refuge charity', limit: 10, offset: 0 })).hits[0]?.node.id).toBe('org:refuge');
      const dropped = fixtureDocumentA();
      dropped.quotes = dropped.quotes.filter((q) => q.id !== 'quote:women');
      dropped.relationships = dropped.relationships.filter((r) => r.from !== 'quote:women' && r.to !== 'quote:women' && r.to !== 'org:refuge');
      dropped.organizations = dropped.organizations.filter((o) => o.id !== 'org:refuge');
      await store.writeDocumentGraph(dropped);
      expect((await store.search({ text: 'refuge', limit: 10, offset: 0 })).total).toBe(0);
      expect((await store.search({ text: 'deserve', limit: 10, offset: 0 })).total).toBe(0);
      await store.writeDocumentGraph(fixtureDocumentA());
      expect((await store.search({ text: 'refuge', limit: 10, offset: 0 })).hits[0]).toMatchObject({ rank: 4, node: { id: 'org:refuge', name: 'Refuge' } });
    });

    it('gives a node with its relationship counts and the documents that state them', async () => {
      const detail = await store.getNode('quote:act-now');
      expect(detail?.relationshipCounts).toEqual(expect.arrayContaining([
        { type: 'QUOTED_IN', direction: 'out', count: 2 },
        { type: 'SAID', direction: 'in', count: 2 },
      ]));
      expect(detail?.provenance.map((p) => p.documentId)).toEqual(expect.arrayContaining(['doc:a', 'doc:b']));
      // one entry per document, span and type: Jane's two SAID statements are two entries, not duplicates
      expect(detail?.provenanceTotal).toBe(detail?.provenance.length);
      expect(new Set(detail?.provenance.map((p) => JSON.stringify(p))).size).toBe(detail?.provenance.length);
      expect(await store.getNode('person:nobody')).toBeNull();
    });

    it('expands a neighbourhood with kind filters, limits and counts of what was left out', async () => {
      const one = await store.neighbourhood({ ids: ['person:jane-marsh'], depth: 1, perNodeLimit: 25, limit: 100 });
      expect(one.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(['person:jane-marsh', 'quote:act-now', 'org:hmicfrs']));
      expect(one.edges.some((e) => e.type === 'SAID' && e.source === 'person:jane-marsh' && e.target === 'quote:act-now')).toBe(true);
      const quotesOnly = await store.neighbourhood({ ids: ['person:jane-marsh'], depth: 2, labels: ['Quote', 'Document'], perNodeLimit: 25, limit: 100 });
      expect(quotesOnly.nodes.every((n) => ['Quote', 'Document'].includes(n.label) || n.id === 'person:jane-marsh')).toBe(true);
      expect(quotesOnly.nodes.map((n) => n.id)).toContain('doc:b');
      const capped = await store.neighbourhood({ ids: ['doc:a'], depth: 1, perNodeLimit: 2, limit: 100 });
      expect(capped.nodes).toHaveLength(3);
      expect(capped.truncated).toEqual([{ id: 'doc:a', hidden: expect.any(Number) }]);
      expect(capped.truncated[0]!.hidden).toBeGreaterThan(0);
    });

    it('says exactly how many neighbours each capped node left out, and follows type and kind filters', async () => {
      const full = await store.neighbourhood({ ids: ['doc:a'], depth: 1, perNodeLimit: 100, limit: 100 });
      const all = full.nodes.length - 1;
      expect(full.truncated).toEqual([]);
      const capped = await store.neighbourhood({ ids: ['doc:a'], depth: 1, perNodeLimit: 2, limit: 100 });
      expect(capped.truncated).toEqual([{ id: 'doc:a', hidden: all - 2 }]);
      // entities come before quotes when a cap leaves room for only some
      expect(capped.nodes.slice(1).map((n) => n.label)).toEqual(['Person', 'Organization']);
      const said = await store.neighbourhood({ ids: ['person:jane-marsh'], depth: 2, relTypes: ['SAID', 'QUOTED_IN'], perNodeLimit: 25, limit: 100 });
      expect(said.edges.every((e) => e.type === 'SAID' || e.type === 'QUOTED_IN')).toBe(true);
      expect(said.nodes.map((n) => n.id).sort()).toEqual(['doc:a', 'doc:b', 'person:jane-marsh', 'quote:act-now']);
      // the total cap: Jane has three neighbours, room is left for two
      const total = await store.neighbourhood({ ids: ['person:jane-marsh'], depth: 3, perNodeLimit: 25, limit: 3 });
      expect(total.nodes).toHaveLength(3);
      expect(total.truncated).toEqual([{ id: 'person:jane-marsh', hidden: 1 }]);
      for (const e of total.edges) expect(total.nodes.some((n) => n.id === e.source) && total.nodes.some((n) => n.id === e.target)).toBe(true);
    });

    it('expands several seeds at once and reaches depth three', async () => {
      const g = await store.neighbourhood({ ids: ['org:refuge', 'claim:436-allegations'], depth: 3, perNodeLimit: 25, limit: 100 });
      const ids = g.nodes.map((n) => n.id);
      expect(ids).toEqual(expect.arrayContaining(['org:refuge', 'claim:436-allegations', 'quote:women', 'doc:a', 'doc:b', 'report:vetting-2019']));
      // depth three from Refuge: Refuge -> its quote -> doc:a -> Jane Marsh
      expect(ids).toContain('person:jane-marsh');
      expect(g.edges.some((e) => e.type === 'SOURCED_FROM' && e.source === 'claim:436-allegations')).toBe(true);
    });

    it('gives one quote by id with all its sources', async () => {
      const { quotes, total } = await store.quotes({ quoteId: 'quote:act-now', limit: 1, offset: 0 });
      expect(total).toBe(1);
      expect(quotes[0]!.sources.map((s) => s.documentId)).toEqual(['doc:a', 'doc:b']);
      expect((await store.quotes({ quoteId: 'quote:none', limit: 1, offset: 0 })).total).toBe(0);
    });

    it('finds the shortest path between two nodes, or none beyond the hop limit', async () => {
      const path = await store.shortestPath('org:refuge', 'person:jane-marsh', 4);
      expect(path?.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(['org:refuge', 'person:jane-marsh']));
      expect(path?.edges.length).toBeGreaterThanOrEqual(2);
      expect(await store.shortestPath('org:refuge', 'person:jane-marsh', 1)).toBeNull();
    });

    it('filters quotes by speaker, kind, organisation, report, document and text, with their sources', async () => {
      const bySpeaker = await store.quotes({ speakerId: 'person:jane-marsh', limit: 10, offset: 0 });
      expect(bySpeaker.total).toBe(1);
      const quote = bySpeaker.quotes[0]!;
      expect(quote.speaker).toMatchObject({ id: 'person:jane-marsh', name: 'Jane Marsh' });
      expect(quote.roles).toContainEqual({ title: 'HM Inspector of Constabulary', organizationId: 'org:hmicfrs', organization: 'HMICFRS' });
      expect(quote.sources.map((s) => s.documentId).sort()).toEqual(['doc:a', 'doc:b']);
      const a = quote.sources.find((s) => s.documentId === 'doc:a')!;
      expect(fixtureDocumentA().document.text.slice(a.start, a.end)).toBe('Forces must act now.');
      expect((await store.quotes({ speakerKind: 'report', limit: 10, offset: 0 })).quotes.map((q) => q.id)).toEqual(['quote:vetting-weak']);
      expect((await store.quotes({ organizationId: 'org:hmicfrs', limit: 10, offset: 0 })).quotes.map((q) => q.id)).toEqual(['quote:act-now']);
      expect((await store.quotes({ reportId: 'report:vetting-2019', limit: 10, offset: 0 })).total).toBe(3);
      expect((await store.quotes({ documentId: 'doc:b', limit: 10, offset: 0 })).total).toBe(1);
      expect((await store.quotes({ text: 'deserve', limit: 10, offset: 0 })).quotes.map((q) => q.id)).toEqual(['quote:women']);
      expect((await store.quotes({ limit: 2, offset: 2 })).quotes).toHaveLength(1);
    });

    it("gives a document's text with its quote and mention spans", async () => {
      const doc = await store.documentText('doc:a');
      expect(doc?.title).toBe('Forces told to act');
      for (const q of doc!.quotes) expect(doc!.text.slice(q.start, q.end).length).toBe(q.end - q.start);
      expect(doc?.quotes.map((q) => doc.text.slice(q.start, q.end))).toContain('Vetting is weak.');
      expect(doc?.mentions.find((m) => m.id === 'org:refuge')).toMatchObject({ name: 'Refuge' });
      expect(await store.documentText('doc:none')).toBeNull();
    });

    it('gives each claim with every document stating it and the report it comes from', async () => {
      const { claims } = await store.claims({ limit: 10, offset: 0 });
      expect(claims).toHaveLength(1);
      expect(claims[0]).toMatchObject({ value: 436, unit: 'count', reports: [{ id: 'report:vetting-2019' }] });
      expect(claims[0]!.sources.map((s) => s.documentId)).toEqual(['doc:b']);
    });

    it('lists the most connected entities for an overview', async () => {
      const top = await store.topNodes(3);
      expect(top[0]?.id).toBe('report:vetting-2019');
    });

    it('runs a read query and returns rows and graph elements', async () => {
      const result = await store.runReadOnly({
        query: 'MATCH (p:Person)-[r:SAID]->(q:Quote) WHERE p.name = $name RETURN p, r, q',
        params: { name: 'Jane Marsh' }, timeoutMs: 5000, rowLimit: 100,
      });
      expect(result.columns).toEqual(['p', 'r', 'q']);
      expect(result.rows).toHaveLength(2);
      expect(result.graph.nodes.map((n) => n.id)).toContain('person:jane-marsh');
      expect(result.graph.edges.every((e) => e.type === 'SAID')).toBe(true);
      expect(result.graph.edges.length).toBeGreaterThan(0);
    });

    it('cuts a result at the row cap and says so', async () => {
      const result = await store.runReadOnly({ query: 'UNWIND range(1, 50) AS x RETURN x', params: {}, timeoutMs: 5000, rowLimit: 10 });
      expect(result.rows).toHaveLength(10);
      expect(result.truncated).toBe(true);
    });

    it('refuses writes in the database itself and leaves the store unchanged', async () => {
      const before = await store.counts();
      for (const query of [
        "CREATE (:Person {id: 'person:x', name: 'X'})",
        "MATCH (n:Person) SET n.name = 'changed'",
        'MATCH (n:Quote) DETACH DELETE n',
        "MERGE (:Organization {id: 'org:x'})",
      ]) {
        await expect(store.runReadOnly({ query, params: {}, timeoutMs: 5000, rowLimit: 10 })).rejects.toBeInstanceOf(QueryRefusedError);
      }
      expect(await store.counts()).toEqual(before);
    });

    it('refuses file, network and administration forms', async () => {
      for (const query of [
        "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
        "LOAD FROM '/etc/passwd' RETURN *",
        "COPY Person FROM '/tmp/x.csv'",
        "ATTACH '/tmp/other.lbug' AS other",
        'INSTALL httpfs',
        'LOAD EXTENSION httpfs',
        "CALL apoc.load.json('http://example.org') YIELD value RETURN value",
        'CALL dbms.components()',
      ]) {
        await expect(store.runReadOnly({ query, params: {}, timeoutMs: 5000, rowLimit: 10 }), query).rejects.toBeInstanceOf(QueryRefusedError);
      }
    });

    it('reports a broken query with the database message and position', async () => {
      const error = await store.runReadOnly({ query: 'MATCH (n:Person RETURN n', params: {}, timeoutMs: 5000, rowLimit: 10 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QuerySyntaxError);
      expect((error as QuerySyntaxError).message.length).toBeGreaterThan(5);
    });

    it('stops a slow query at the timeout', async () => {
      const query = 'UNWIND range(1, 3000) AS a UNWIND range(1, 3000) AS b UNWIND range(1, 300) AS c WITH a, b, c WHERE (a * b + c) % 7919 = 1 RETURN count(*) AS n';
      await expect(store.runReadOnly({ query, params: {}, timeoutMs: 300, rowLimit: 10 })).rejects.toBeInstanceOf(QueryTimeoutError);
      // and the store still answers afterwards
      expect((await store.counts()).nodes.Person).toBe(1);
    });
  });

  describe.skipIf(factory.skipReason !== null)(`removing documents from the ${factory.name} store`, () => {
    let store: GraphStore;
    beforeAll(async () => {
      store = await factory.open();
      await store.writeDocumentGraphs([fixtureDocumentA(), fixtureDocumentB()]);
    });
    afterAll(async () => store?.close());

    it('takes the document and what only it supported, and keeps what another document still says', async () => {
      const summary = await store.removeDocuments(['doc:a', 'doc:not-stored']);
      expect(summary.documents).toEqual(['doc:a']);
      expect(summary.removed.map((r) => `${r.label} ${r.id}`).sort()).toEqual([
        'Organization org:hmicfrs', 'Organization org:refuge', 'Quote quote:vetting-weak', 'Quote quote:women',
      ]);
      expect((await store.counts()).nodes).toMatchObject({ Document: 1, Person: 1, Organization: 0, Report: 1, Quote: 1, Claim: 1 });
      expect(await store.getNode('doc:a')).toBeNull();
      expect(await store.documentText('doc:a')).toBeNull();
      expect((await store.search({ text: 'Refuge', limit: 5, offset: 0 })).hits).toEqual([]);
      expect((await store.storedDocuments()).map((d) => d.id)).toEqual(['doc:b']);
    });

    it('moves a surviving quote onto the document that still carries it', async () => {
      const [quote] = (await store.quotes({ quoteId: 'quote:act-now', limit: 1, offset: 0 })).quotes;
      expect(quote?.sources.map((s) => s.documentId)).toEqual(['doc:b']);
      const node = (await store.getNode('quote:act-now'))!.node.properties;
      const text = (await store.documentText('doc:b'))!.text;
      expect(node.documentId).toBe('doc:b');
      expect(text.slice(node.startOffset as number, node.endOffset as number)).toBe('Forces must act now.');
    });

    it('removing the last document leaves an empty store that takes documents again', async () => {
      await store.removeDocuments(['doc:b']);
      expect(Object.values((await store.counts()).nodes).every((n) => n === 0)).toBe(true);
      await store.writeDocumentGraph(fixtureDocumentA());
      expect((await store.counts()).nodes.Document).toBe(1);
      expect((await store.search({ text: 'Refuge', limit: 5, offset: 0 })).hits.map((h) => h.node.id)).toEqual(['org:refuge']);
    });
  });

  describe.skipIf(factory.skipReason !== null)(`pages and text source in the ${factory.name} store`, () => {
    let store: GraphStore;
    beforeAll(async () => {
      store = await factory.open();
      const a = fixtureDocumentA();
      const [q1, q2] = [a.quotes[0]!.startOffset, a.quotes[2]!.startOffset];
      // three pages: the first quote on page 1, the third on page 3
      await store.writeDocumentGraph({ ...a, document: { ...a.document, textSource: 'ocr', pageStarts: [0, q1 + 5, q2 - 2], ocrPages: [2, 3] } });
      await store.writeDocumentGraph(fixtureDocumentB());
    });
    afterAll(async () => store?.close());

    it('gives the page of each quote in the document and in every source, and says where the text came from', async () => {
      const doc = (await store.documentText('doc:a'))!;
      expect(doc).toMatchObject({ textSource: 'ocr', ocrPages: [2, 3] });
      expect(doc.pageStarts).toHaveLength(3);
      expect(doc.quotes.map((q) => q.page)).toEqual([1, 2, 3]);
      const [quote] = (await store.quotes({ quoteId: 'quote:act-now', limit: 1, offset: 0 })).quotes;
      expect(quote!.sources.map((s) => [s.documentId, s.page])).toEqual([['doc:a', 1], ['doc:b', null]]);
      expect(await store.documentText('doc:b')).toMatchObject({ textSource: 'text', pageStarts: [], ocrPages: [] });
    });
  });

  describe.skipIf(factory.skipReason !== null)(`quotes by publication date in the ${factory.name} store`, () => {
    let store: GraphStore;
    const published: Record<string, string | null> = {
      'doc:d-early': '2018-12-31', 'doc:d-march': '2019-03-05', 'doc:d-year': '2019', 'doc:d-month': '2019-06',
      'doc:d-stamp': '2019-12-31T21:30:00Z', 'doc:d-later': '2020-01-01', 'doc:d-undated': null,
    };
    const dated = (id: string, at: string | null): DocumentGraph => {
      const quoteId = `quote:${id.slice(4)}`;
      const said = `Words from ${id}.`;
      const text = `The panel said: "${said}"`;
      const start = text.indexOf(said);
      const at_ = { docId: id, startOffset: start, endOffset: start + said.length };
      return {
        document: { id, title: `Dated ${id}`, publisher: 'Example News', url: `https://example.org/${id.slice(4)}`, publishedAt: at, kind: 'news', text, sha256: createHash('sha256').update(text).digest('hex'), fileName: `${id}.txt`, paths: [`${id}.txt`], corpus: null, textSource: 'text', pageStarts: [], ocrPages: [] },
        people: [], reports: [], claims: [],
        organizations: [{ id: 'org:panel', name: 'The Panel', aliases: [], kind: 'other' }],
        quotes: [{ id: quoteId, text: said, startOffset: start, endOffset: start + said.length, documentId: id }],
        relationships: [
          { type: 'SAID', from: 'org:panel', to: quoteId, props: relProps(at_) },
          { type: 'QUOTED_IN', from: quoteId, to: id, props: relProps(at_) },
        ],
      };
    };
    beforeAll(async () => {
      store = await factory.open();
      for (const [id, at] of Object.entries(published)) await store.writeDocumentGraph(dated(id, at));
    });
    afterAll(async () => store?.close());

    const docsIn = async (range: { from?: string; to?: string }) =>
      (await store.quotes({ published: range, limit: 50, offset: 0 })).quotes.map((q) => q.sources[0]!.documentId).sort();

    it('keeps a quote when a document carrying it was published in the range, both days included', async () => {
      expect(await docsIn({ from: '2019-01-01', to: '2019-12-31' })).toEqual(['doc:d-march', 'doc:d-month', 'doc:d-stamp', 'doc:d-year']);
      expect(await docsIn({ from: '2019-03-05', to: '2019-03-05' })).toEqual(['doc:d-march', 'doc:d-year']);
      expect(await docsIn({ from: '2020-01-01' })).toEqual(['doc:d-later']);
      expect(await docsIn({ to: '2018-12-31' })).toEqual(['doc:d-early']);
    });

    it('counts a date given only as a year or a month across its whole span', async () => {
      expect(await docsIn({ from: '2019-06-15', to: '2019-06-20' })).toEqual(['doc:d-month', 'doc:d-year']);
      expect(await docsIn({ from: '2019-07-01', to: '2019-11-30' })).toEqual(['doc:d-year']);
    });

    it('leaves out undated documents once a range is asked for, and gives the total of the filtered list', async () => {
      const all = await store.quotes({ limit: 50, offset: 0 });
      expect(all.total).toBe(7);
      const ranged = await store.quotes({ published: { from: '1900-01-01' }, limit: 2, offset: 0 });
      expect(ranged.total).toBe(6);
      expect(ranged.quotes).toHaveLength(2);
    });

    it('narrows to the quotes asked for by id, with the other filters, and gives each source its URL', async () => {
      const { quotes } = await store.quotes({ ids: ['quote:d-march', 'quote:d-later', 'quote:missing'], published: { to: '2019-12-31' }, limit: 50, offset: 0 });
      expect(quotes.map((q) => q.id)).toEqual(['quote:d-march']);
      expect(quotes[0]!.sources[0]).toMatchObject({ url: 'https://example.org/d-march', publishedAt: '2019-03-05', publisher: 'Example News' });
    });
  });
}
