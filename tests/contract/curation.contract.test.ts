import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Curator } from '../../server/curation/curator.js';
import type { GraphStore } from '../../server/store/port.js';
import { seedCorpus } from '../../seed/pipeline.js';
import { curationFolders } from '../support/seeded-store.js';
import { storeFactories } from '../support/stores.js';

// Corrections on each store: they go through the store's port only (the seed's own write path
// and the quote views), so a reassigned, withdrawn or merged speaker must read back the same
// on LadybugDB and on Neo4j, and undo must restore what the extraction said.

for (const factory of storeFactories) {
  describe.skipIf(factory.skipReason !== null)(`corrections on the ${factory.name} store`, () => {
    let store: GraphStore;
    let curator: Curator;
    let overridesFile: string;

    beforeAll(async () => {
      const folders = curationFolders('contract-cur');
      const corpus = folders.corpus;
      overridesFile = folders.overridesFile;
      store = await factory.open();
      const summary = await seedCorpus({ store, dir: corpus, overridesFile });
      expect(summary.skipped).toEqual([]);
      curator = new Curator({ store, overridesFile, folders: [corpus] });
    });
    afterAll(async () => store?.close());

    const quote = async (id: string) => (await store.quotes({ quoteId: id, limit: 1, offset: 0 })).quotes[0]!;

    it('reassigns a speaker, withdraws it, and undoes both', async () => {
      const quotes = (await store.quotes({ limit: 200, offset: 0 })).quotes;
      const target = quotes.find((q) => q.speaker?.label === 'Person')!;
      const other = quotes.find((q) => q.speaker?.label === 'Person' && q.speaker.id !== target.speaker!.id)!.speaker!;

      const reassigned = await curator.setSpeaker(target.id, other.id, { by: 'contract', note: 'reassign' });
      expect(reassigned.applied.documents).toBe(target.sources.length);
      expect((await quote(target.id)).speaker?.id).toBe(other.id);
      expect((await quote(target.id)).sources[0]!.attribution).toMatchObject({ confidence: 1, resolvedBy: 'curator', sieve: null });

      const withdrawn = await curator.setSpeaker(target.id, null, { by: 'contract' });
      expect((await quote(target.id)).speaker).toBeNull();
      expect((await quote(target.id)).sources[0]!.attribution).toMatchObject({ confidence: 1, resolvedBy: 'curator' });

      await curator.undo(withdrawn.correction.id, {});
      expect((await quote(target.id)).speaker?.id).toBe(other.id);
      await curator.undo(reassigned.correction.id, {});
      const back = await quote(target.id);
      expect(back.speaker?.id).toBe(target.speaker!.id);
      expect(back.sources[0]!.attribution).toEqual(target.sources[0]!.attribution);
    });

    it('merges one person into another and splits them again on undo', async () => {
      const quotes = (await store.quotes({ limit: 200, offset: 0 })).quotes;
      const speakers = [...new Map(quotes.filter((q) => q.speaker?.label === 'Person').map((q) => [q.speaker!.id, q.speaker!])).values()];
      const [from, into] = speakers as [typeof speakers[number], typeof speakers[number]];
      const fromQuotes = (await store.quotes({ speakerId: from.id, limit: 100, offset: 0 })).quotes.map((q) => q.id).sort();

      const intoKind = (await store.getNode(into.id))!.node.kind;
      const merged = await curator.merge([from.id], into.id, { by: 'contract' });
      expect(await store.getNode(from.id)).toBeNull();
      const intoNode = await store.getNode(into.id);
      expect(intoNode!.node.properties.aliases).toContain(from.name);
      // the kept entity keeps its own kind
      expect(intoNode!.node.kind).toBe(intoKind);
      const nowInto = (await store.quotes({ speakerId: into.id, limit: 200, offset: 0 })).quotes.map((q) => q.id);
      expect(nowInto).toEqual(expect.arrayContaining(fromQuotes));

      await curator.undo(merged.correction.id, {});
      expect((await store.getNode(into.id))!.node.properties.aliases).not.toContain(from.name);
      expect((await store.quotes({ speakerId: from.id, limit: 100, offset: 0 })).quotes.map((q) => q.id).sort()).toEqual(fromQuotes);
    });

    it('gives a title at no body and takes it off again, and undo takes a given one back', async () => {
      const person = (await store.quotes({ limit: 200, offset: 0 })).quotes.find((q) => q.speaker?.label === 'Person')!.speaker!;
      const titles = async () => ((await store.getNode(person.id))!.node.properties.titles as string[] | undefined) ?? [];
      const given = await curator.addRole(person.id, { title: 'Special Adviser', organizationId: null }, {});
      expect(await titles()).toContain('Special Adviser');
      await curator.undo(given.correction.id, {});
      expect(await titles()).not.toContain('Special Adviser');
      await curator.addRole(person.id, { title: 'Special Adviser', organizationId: null }, {});
      await curator.removeRole(person.id, { title: 'Special Adviser', organizationId: null }, {});
      expect(await titles()).not.toContain('Special Adviser');
    });
  });
}
