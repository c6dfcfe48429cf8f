import path from 'node:path';
import lbug from '@ladybugdb/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryRefusedError, QuerySyntaxError, QueryTimeoutError } from '../../server/errors.js';
import type { Counts, GraphStore } from '../../server/store/port.js';
import { fixtureDocumentA, fixtureDocumentB } from '../support/fixture-graph.js';
import { storeFactories, tempDir } from '../support/stores.js';

// The console's read-only promise, checked on each store directly: no API text guard in
// front, so what is refused here is refused by the store and its database. Every write form
// must fail without writing; file and network forms must fail before they run; a slow
// query stops at its limit; the row cap holds and says so; and the graph is the same after.

const run = (store: GraphStore, query: string, extra: Partial<{ params: Record<string, unknown>; timeoutMs: number; rowLimit: number }> = {}) =>
  store.runReadOnly({ query, params: extra.params ?? {}, timeoutMs: extra.timeoutMs ?? 5000, rowLimit: extra.rowLimit ?? 100 });

/** Writes in every form, and in disguise. None may change the graph. */
const WRITES: [string, string][] = [
  ['CREATE', "CREATE (:Person {id: 'person:intruder', name: 'Intruder'})"],
  ['MERGE', "MERGE (o:Organization {id: 'org:intruder'}) RETURN o"],
  ['SET', "MATCH (p:Person) SET p.name = 'changed' RETURN p"],
  ['DELETE', 'MATCH (q:Quote)-[r:QUOTED_IN]->() DELETE r'],
  ['DETACH DELETE', 'MATCH (n) DETACH DELETE n'],
  ['REMOVE', 'MATCH (p:Person) REMOVE p.name RETURN p'],
  ['lower case', "match (p:Person) set p.name = 'lower' return p"],
  ['a comment hiding nothing', 'MATCH (n) /* just reading */ DETACH DELETE n'],
  ['a write after a string that looks like a comment', "MATCH (p:Person) WHERE p.name <> '/*' SET p.name = 'x' RETURN p"],
  ['backticks', "MATCH (p:`Person`) SET p.`name` = 'ticked' RETURN p"],
  ['a unicode escape in a string', "CREATE (:Person {id: 'person:\\u0078', name: '\\u0041'})"],
  ['FOREACH', "MATCH (p:Person) WITH collect(p) AS ps FOREACH (x IN ps | SET x.name = 'loop')"],
  ['a write in a subquery', "CALL { CREATE (:Person {id: 'person:sub', name: 'Sub'}) } RETURN 1"],
  ['a write after a read in a subquery', "MATCH (p:Person) CALL { WITH p SET p.name = 'sub' } RETURN p"],
];

/** Schema changes, per dialect: each store refuses its own and fails on the other's. */
const SCHEMA_WRITES: [string, string][] = [
  ['DROP TABLE', 'DROP TABLE Claim'],
  ['CREATE NODE TABLE', 'CREATE NODE TABLE Intruder(id STRING PRIMARY KEY)'],
  ['ALTER TABLE', 'ALTER TABLE Person ADD intruder STRING'],
  ['CREATE INDEX', 'CREATE INDEX intruder FOR (p:Person) ON (p.name)'],
  ['DROP CONSTRAINT', 'DROP CONSTRAINT person_id_unique'],
  ['CHECKPOINT', 'CHECKPOINT'],
];

/** Forms that read or write files, reach the network or load code: refused by name, before running. */
const FILE_AND_NETWORK: [string, string][] = [
  ['LOAD CSV', "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row"],
  ['LOAD CSV with headers, lower case', "load csv with headers from 'https://example.org/x.csv' as row return row"],
  ['LOAD FROM', "LOAD FROM '/etc/passwd' RETURN *"],
  ['COPY FROM', "COPY Person FROM '/tmp/people.csv'"],
  ['COPY TO', "COPY (MATCH (p:Person) RETURN p.name) TO '/tmp/out.csv'"],
  ['ATTACH', "ATTACH '/tmp/other.lbug' AS other (dbtype lbug)"],
  ['INSTALL', 'INSTALL httpfs'],
  ['LOAD EXTENSION', 'LOAD EXTENSION httpfs'],
  ['LOAD bare extension', 'LOAD httpfs'],
  ['EXPORT DATABASE', "EXPORT DATABASE '/tmp/dump'"],
  ['IMPORT DATABASE', "IMPORT DATABASE '/tmp/dump'"],
  ['apoc.load.json', "CALL apoc.load.json('http://example.org') YIELD value RETURN value"],
  ['apoc.load hidden by spaces', "CALL apoc . load . csv('file:///x') YIELD map RETURN map"],
  ['apoc.export', "CALL apoc.export.csv.all('/tmp/all.csv', {})"],
];

/** Procedures that write or administer, and settings: refused by name. */
const PROCEDURES: [string, string][] = [
  ['dbms procedure', 'CALL dbms.components()'],
  ['db.create', "CALL db.createLabel('Intruder')"],
  ['apoc.create', "CALL apoc.create.node(['Person'], {id: 'person:apoc'}) YIELD node RETURN node"],
  ['apoc.cypher.run', "CALL apoc.cypher.run('CREATE (:Person)', {}) YIELD value RETURN value"],
  ['apoc.periodic', "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {})"],
  ['a LadybugDB setting', 'CALL threads = 1'],
  ['an unknown procedure', 'CALL something.else()'],
];

for (const factory of storeFactories) {
  describe.skipIf(factory.skipReason !== null)(`the console on the ${factory.name} store`, () => {
    let store: GraphStore;
    let before: Counts;

    beforeAll(async () => {
      store = await factory.open();
      await store.writeDocumentGraph(fixtureDocumentA());
      await store.writeDocumentGraph(fixtureDocumentB());
      before = await store.counts();
    });
    afterAll(async () => store?.close());

    it.each(WRITES)('refuses a write: %s', async (_name, query) => {
      const error = await run(store, query).catch((e: unknown) => e);
      // refused as a write by the database's own verdict, or rejected by its parser; never run
      expect(error instanceof QueryRefusedError || error instanceof QuerySyntaxError, String(error)).toBe(true);
      if (error instanceof QueryRefusedError) expect(error.details).toEqual({ reason: 'write' });
      expect(await store.counts()).toEqual(before);
    });

    it.each(SCHEMA_WRITES)('refuses a schema change: %s', async (_name, query) => {
      const error = await run(store, query).catch((e: unknown) => e);
      expect(error instanceof QueryRefusedError || error instanceof QuerySyntaxError, String(error)).toBe(true);
      expect(await store.counts()).toEqual(before);
    });

    it.each(FILE_AND_NETWORK)('refuses file and network access: %s', async (_name, query) => {
      const error = await run(store, query).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QueryRefusedError);
      expect((error as QueryRefusedError).details).toEqual({ reason: 'file-access' });
      expect((error as QueryRefusedError).message).toMatch(/refused/);
    });

    it.each(PROCEDURES)('refuses a procedure: %s', async (_name, query) => {
      const error = await run(store, query).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QueryRefusedError);
      expect((error as QueryRefusedError).details).toEqual({ reason: 'procedure' });
    });

    it('refuses two statements in one, even when the first only reads', async () => {
      const error = await run(store, "MATCH (n) RETURN n; CREATE (:Person {id: 'person:second'})").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QueryRefusedError);
      expect((error as QueryRefusedError).details).toEqual({ reason: 'multiple-statements' });
    });

    it('still reads: keywords inside strings and comments are only text', async () => {
      const result = await run(store, "MATCH (q:Quote) WHERE q.text <> 'CREATE (x) // DELETE' /* SET */ RETURN q.id ORDER BY q.id");
      expect(result.rows.flat()).toEqual(['quote:act-now', 'quote:vetting-weak', 'quote:women']);
    });

    it('passes parameters through', async () => {
      const result = await run(store, 'MATCH (p:Person) WHERE p.name = $name RETURN p.id AS id, $n + 1 AS next', { params: { name: 'Jane Marsh', n: 41 } });
      expect(result.columns).toEqual(['id', 'next']);
      expect(result.rows).toEqual([['person:jane-marsh', 42]]);
    });

    it('cuts a long result at the row cap and flags it, and does not flag a result that fits', async () => {
      const cut = await run(store, 'UNWIND range(1, 100000) AS x RETURN x', { rowLimit: 25 });
      expect(cut.rows).toHaveLength(25);
      expect(cut.truncated).toBe(true);
      const fits = await run(store, 'UNWIND range(1, 25) AS x RETURN x', { rowLimit: 25 });
      expect(fits.rows).toHaveLength(25);
      expect(fits.truncated).toBe(false);
    });

    it('stops a slow query at its time limit, says which limit, and answers afterwards', async () => {
      const slow = 'UNWIND range(1, 4000) AS a UNWIND range(1, 4000) AS b UNWIND range(1, 400) AS c WITH a, b, c WHERE (a * b + c) % 7919 = 1 RETURN count(*) AS n';
      const started = Date.now();
      const error = await run(store, slow, { timeoutMs: 250 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QueryTimeoutError);
      expect((error as QueryTimeoutError).details).toEqual({ timeoutMs: 250 });
      expect(Date.now() - started).toBeLessThan(5000);
      expect((await run(store, 'MATCH (p:Person) RETURN count(p) AS n')).rows).toEqual([[1]]);
    });

    it('reports a mistake with the database message and where it is', async () => {
      const error = await run(store, 'MATCH (n:Person)\nRETRUN n').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QuerySyntaxError);
      expect((error as QuerySyntaxError).message.length).toBeGreaterThan(5);
      expect((error as QuerySyntaxError).details).toMatchObject({ position: { line: expect.any(Number), column: expect.any(Number) } });
    });

    it('leaves every count as it was', async () => {
      expect(await store.counts()).toEqual(before);
      const detail = await store.getNode('person:jane-marsh');
      expect(detail?.node.name).toBe('Jane Marsh');
    });
  });
}

describe('the read-only transaction LadybugDB gives the console', () => {
  it('refuses a write by itself, with no text check and no planning check in front', async () => {
    const db = new lbug.Database(path.join(tempDir('readonly'), 'graph.lbug'));
    const conn = new lbug.Connection(db);
    await conn.query('CREATE NODE TABLE P(id STRING PRIMARY KEY)');
    await conn.query('BEGIN TRANSACTION READ ONLY');
    const error = await conn.query("CREATE (:P {id: 'x'})").then(() => null, (e: unknown) => e);
    await conn.query('ROLLBACK');
    expect(String(error)).toMatch(/read-only transaction/i);
    const rows = await (await conn.query('MATCH (p:P) RETURN count(*) AS n') as { getAll(): Promise<unknown[]> }).getAll();
    expect(rows).toEqual([{ n: 0 }]);
    await conn.close();
    await db.close();
  });
});
