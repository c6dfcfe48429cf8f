import type { Config } from '../config.js';
import type { GraphStore } from './port.js';
import { LadybugStore } from './ladybug/ladybug-store.js';

/** The backend is chosen by validated config: Neo4j when NEO4J_URI is set, the embedded store otherwise. */
export async function openStore(config: Config, options: { warn?: (message: string) => void } = {}): Promise<GraphStore> {
  if (config.NEO4J_URI) {
    const { Neo4jStore } = await import('./neo4j/neo4j-store.js');
    return Neo4jStore.open({ uri: config.NEO4J_URI, user: config.NEO4J_USER, password: config.NEO4J_PASSWORD, database: config.NEO4J_DATABASE });
  }
  return LadybugStore.open({ dataDir: config.GRAPH_DATA_DIR, warn: options.warn });
}
