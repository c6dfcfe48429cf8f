import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GraphStore } from '../../server/store/port.js';
import { LadybugStore } from '../../server/store/ladybug/ladybug-store.js';

// The stores every contract test runs against: the embedded one always, Neo4j when NEO4J_URI is set.

export interface StoreFactory {
  name: string;
  /** why this store is not available here, or null */
  skipReason: string | null;
  open(): Promise<GraphStore>;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `og-${prefix}-`));
}

export const storeFactories: StoreFactory[] = [
  { name: 'ladybug', skipReason: null, open: () => LadybugStore.open({ dataDir: tempDir('lbug') }) },
  {
    name: 'neo4j',
    skipReason: process.env.NEO4J_URI ? null : 'NEO4J_URI is not set: the Neo4j contract run needs a server (npm run neo4j:dev)',
    open: async () => {
      const { openNeo4jForTests } = await import('./neo4j-test-store.js');
      return openNeo4jForTests();
    },
  },
];
