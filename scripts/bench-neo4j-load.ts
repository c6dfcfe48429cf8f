import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.js';
import { Neo4jStore } from '../server/store/neo4j/neo4j-store.js';
import { documentsFor, generatedDocument } from './support/generated-graph.js';

// npm run bench:neo4j-load [-- --nodes N]: loads the API benchmark's generated graph (about
// N nodes, default 20,000) into the Neo4j server NEO4J_URI names, twice in the same run, each
// time into an emptied database: one transaction per document, then the store's batched write
// (one UNWIND per label and relationship type for up to 10,000 rows a transaction). It empties
// that database: point it at a server for tests (npm run neo4j:dev), never at real data.

const { values } = parseArgs({ options: { nodes: { type: 'string', default: '20000' } } });
const nodes = Number(values.nodes);

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.NEO4J_URI) throw new Error('NEO4J_URI is not set: start a server for tests (npm run neo4j:dev) and name it');
  const store = await Neo4jStore.open({ uri: config.NEO4J_URI, user: config.NEO4J_USER, password: config.NEO4J_PASSWORD, database: config.NEO4J_DATABASE });
  try {
    const docs = Array.from({ length: documentsFor(nodes) }, (_, i) => generatedDocument(i, nodes));
    const run = async (name: string, load: () => Promise<unknown>) => {
      await store.deleteEverything();
      const started = process.hrtime.bigint();
      await load();
      const s = Number(process.hrtime.bigint() - started) / 1e9;
      const counts = await store.counts();
      const total = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
      console.log(`${name}: ${docs.length} documents (${total(counts.nodes)} nodes, ${total(counts.relationships)} relationships) in ${s.toFixed(1)} s, ${(docs.length / s).toFixed(0)} documents/s`);
      return s;
    };
    console.log(`Neo4j at ${config.NEO4J_URI}`);
    const one = await run('one transaction per document', async () => { for (const g of docs) await store.writeDocumentGraph(g); });
    const batched = await run('batched (the seed\'s path)', () => store.writeDocumentGraphs(docs));
    console.log(`batched load: ${(one / batched).toFixed(1)}× as fast`);
    await store.deleteEverything();
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
