import path from 'node:path';
import lbug from '@ladybugdb/core';
import { describe, expect, it } from 'vitest';
import { LadybugStore } from '../../server/store/ladybug/ladybug-store.js';
import { schemaStatements } from '../../server/store/ladybug/schema.js';
import { fixtureDocumentA } from '../support/fixture-graph.js';
import { tempDir } from '../support/stores.js';

// A store made before documents carried their paths and folder, and relationships the evidence of
// an attribution: opening it adds the columns,
// keeps what it held, and takes the new properties from then on.

describe('an embedded store made by an earlier version', () => {
  it('gains the columns added since, and keeps its documents', async () => {
    const dataDir = tempDir('lbug-upgrade');
    const db = new lbug.Database(path.join(dataDir, 'graph.lbug'));
    const conn = new lbug.Connection(db);
    for (const statement of schemaStatements()) {
      // as before documents had paths and relationships carried the attribution's evidence
      await conn.query(statement.replace(', paths STRING[], corpus STRING', '').replace(/, confidence DOUBLE.*candidateScores INT64\[\]/, ''));
    }
    await conn.query("CREATE (:Document {id: 'doc:old', title: 'Old', kind: 'news', sha256: 'x', fileName: 'old.txt'})");
    await db.close();

    const store = await LadybugStore.open({ dataDir });
    try {
      const before = await store.storedDocuments();
      expect(before).toEqual([{ id: 'doc:old', corpus: null, sha256: 'x' }]);
      await store.writeDocumentGraph({ ...fixtureDocumentA(), document: { ...fixtureDocumentA().document, paths: ['a.txt', 'copy/a.txt'], corpus: 'corpus:abc' } });
      expect((await store.getNode('doc:a'))?.node.properties).toMatchObject({ paths: ['a.txt', 'copy/a.txt'], corpus: 'corpus:abc' });
      expect((await store.storedDocuments()).map((d) => d.id).sort()).toEqual(['doc:a', 'doc:old']);
      const said = await store.runReadOnly({ query: 'MATCH (:Person)-[r:SAID]->(:Quote) RETURN r.confidence AS c, r.sieve AS s', params: {}, timeoutMs: 5000, rowLimit: 10 });
      expect(said.rows.length).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });
});
