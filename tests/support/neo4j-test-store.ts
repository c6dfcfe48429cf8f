import { loadConfig } from '../../server/config.js';
import { Neo4jStore } from '../../server/store/neo4j/neo4j-store.js';

// The Neo4j store for the contract suite: the server named by NEO4J_URI, emptied first.
// An unreachable server fails the suite within seconds with one line that says what to do.

/** opening waits at most ~10 s for the server (driver timeouts); this bounds open + wipe together */
const OPEN_DEADLINE_MS = 45_000;

export async function openNeo4jForTests(): Promise<Neo4jStore> {
  const config = loadConfig();
  if (!config.NEO4J_URI) throw new Error('NEO4J_URI is not set: the Neo4j contract run needs a server (npm run neo4j:dev)');
  const uri = config.NEO4J_URI;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Neo4j at ${uri} did not become ready within ${OPEN_DEADLINE_MS / 1000} s`)), OPEN_DEADLINE_MS);
  });
  const open = (async () => {
    const store = await Neo4jStore.open({
      uri, user: config.NEO4J_USER, password: config.NEO4J_PASSWORD, database: config.NEO4J_DATABASE,
    });
    try {
      await store.deleteEverything();
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  })();
  try {
    return await Promise.race([open, deadline]);
  } catch (error) {
    // a store that opens after the deadline must not keep the test run alive
    void open.then((store) => store.close(), () => undefined);
    throw new Error(`[contract] Neo4j store unavailable: ${(error as Error).message}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}
