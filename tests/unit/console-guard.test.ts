import { describe, expect, it } from 'vitest';
import { QueryRefusedError } from '../../server/errors.js';
import { codeOnly, guardConsoleQuery, refuseUnsafeForms } from '../../server/store/shared/console-guard.js';

const reason = (query: string) => {
  try {
    guardConsoleQuery(query);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(QueryRefusedError);
    return ((error as QueryRefusedError).details as { reason: string }).reason;
  }
};

describe('the console guard', () => {
  it('lets plain read queries through', () => {
    expect(reason('MATCH (p:Person)-[:SAID]->(q:Quote) RETURN p.name, q.text LIMIT 10')).toBeNull();
    expect(reason('CALL db.labels()')).toBeNull();
    expect(reason('MATCH (n) WHERE n.name CONTAINS "create" RETURN n')).toBeNull();
  });

  it('does not mistake words inside strings and comments for keywords', () => {
    expect(codeOnly("RETURN 'DELETE everything' // CREATE\n")).not.toMatch(/DELETE|CREATE/);
    expect(reason("MATCH (q:Quote) WHERE q.text CONTAINS 'set up a review' RETURN q")).toBeNull();
  });

  it('names writes, file access, procedures and administration as the reason', () => {
    expect(reason("CREATE (:Person {id: 'person:x'})")).toBe('write');
    expect(reason('MATCH (n) DETACH DELETE n')).toBe('write');
    expect(reason('MATCH (n) set n.x = 1')).toBe('write');
    expect(reason("LOAD CSV FROM 'https://evil.example/x.csv' AS r RETURN r")).toBe('file-access');
    expect(reason("LOAD FROM '/etc/passwd' RETURN *")).toBe('file-access');
    expect(reason("COPY Person FROM 'x.csv'")).toBe('file-access');
    expect(reason('INSTALL httpfs')).toBe('file-access');
    expect(reason("CALL apoc.load.json('http://x') YIELD value RETURN value")).toBe('file-access');
    expect(reason('CALL dbms.components()')).toBe('procedure');
    expect(reason("CALL apoc.create.node(['X'], {})")).toBe('procedure');
    expect(reason('CALL threads = 1')).toBe('procedure');
    expect(reason('CHECKPOINT')).toBe('admin');
    expect(reason('CALL db.index.fulltext.queryNodes("x", "y")')).toBe('procedure');
    expect(reason('SHOW USERS')).toBe('admin');
    expect(reason('MATCH (n) RETURN n; MATCH (m) RETURN m')).toBe('multiple-statements');
  });

  it('sees through comments, strings and case, but not into them', () => {
    expect(reason('MATCH (n) /* read only */ DETACH DELETE n')).toBe('write');
    expect(reason("MATCH (n) WHERE n.x = '/*' SET n.y = 1 RETURN n")).toBe('write');
    expect(reason("match (n) where n.x = 'it''s' return n")).toBeNull();
    expect(reason("MATCH (n) WHERE n.text CONTAINS 'LOAD CSV FROM x' RETURN n // COPY\n")).toBeNull();
    expect(reason('MATCH (`CREATE`:Person) RETURN `CREATE`')).toBe('write');
    expect(reason("CALL { CREATE (:Person {id: 'x'}) } RETURN 1")).toBe('write');
  });

  it('lets the stores keep their own write check: the unsafe-form check alone passes a plain write', () => {
    expect(() => refuseUnsafeForms("CREATE (:Person {id: 'person:x'})")).not.toThrow();
  });
});
