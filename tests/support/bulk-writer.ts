import { LadybugStore } from '../../server/store/ladybug/ladybug-store.js';
import { generatedDocument } from '../../scripts/support/generated-graph.js';

// Writes generated documents into the store at GRAPH_DATA_DIR, BATCH at a time (large enough
// to go by COPY FROM), until TOTAL are in or the process is killed: for the hard-stop tests.

const BATCH = 400;
const TOTAL = Number(process.env.TOTAL ?? 4000);
const store = await LadybugStore.open({ dataDir: process.env.GRAPH_DATA_DIR!, memoryIndexes: false });
for (let first = 0; first < TOTAL; first += BATCH) {
  await store.writeDocumentGraphs(Array.from({ length: BATCH }, (_, k) => generatedDocument(first + k, 100_000)));
  process.stdout.write(`wrote ${first + BATCH}\n`);
}
await store.close();
