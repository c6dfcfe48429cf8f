import { describe, expect, it } from 'vitest';
import type { GraphStore } from '../../server/store/port.js';
import { generatedDocument } from '../../scripts/support/generated-graph.js';
import { storeFactories } from '../support/stores.js';

// A load of many documents through each store's batched write (COPY FROM on the embedded
// store, batches of UNWINDs on Neo4j) against the same documents written one at a time.

const DOCS = 420;
const docs = () => Array.from({ length: DOCS }, (_, i) => generatedDocument(i, 20_000));

/** What a reader sees of the load: counts, and a sample of nodes with their relationships and quotes with their sources. */
async function snapshot(store: GraphStore) {
  const sample = ['person:bench-7', 'org:force-3', 'report:bench-11', 'doc:bench-200', 'claim:bench-300-2'];
  return {
    counts: await store.counts(),
    // in the order each store happens to count them
    nodes: (await Promise.all(sample.map((id) => store.getNode(id)))).map((n) => n && { ...n, relationshipCounts: [...n.relationshipCounts].sort((a, b) => `${a.type}${a.direction}`.localeCompare(`${b.type}${b.direction}`)) }),
    quotes: (await store.quotes({ speakerId: 'person:bench-7', limit: 50, offset: 0 })).quotes.map((q) => ({ ...q, sources: [...q.sources].sort((a, b) => a.documentId.localeCompare(b.documentId)) })),
  };
}

for (const factory of storeFactories) {
  describe.skipIf(factory.skipReason !== null)(`the ${factory.name} store loading many documents at once`, () => {
    it('stores what writing them one by one stores, and loading them again changes nothing', async () => {
      const batched = await factory.open();
      let first: Awaited<ReturnType<typeof snapshot>>;
      try {
        await batched.writeDocumentGraphs(docs());
        first = await snapshot(batched);
        expect(first.counts.nodes.Document).toBe(DOCS);
        await batched.writeDocumentGraphs(docs());
        expect(await snapshot(batched)).toEqual(first);
      } finally {
        await batched.close();
      }
      // a fresh store (the Neo4j factory empties its database)
      const single = await factory.open();
      try {
        for (const g of docs()) await single.writeDocumentGraph(g);
        expect(await snapshot(single)).toEqual(first);
      } finally {
        await single.close();
      }
    }, 180_000);
  });
}
