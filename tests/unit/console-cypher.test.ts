import { describe, expect, it } from 'vitest';
import { QueryRefusedError, QuerySyntaxError } from '../../server/errors.js';
import { canonicalConsoleQuery, MAX_QUERY_LENGTH } from '../../server/store/shared/console-cypher.js';

const reason = (query: string): string | null => {
  try {
    canonicalConsoleQuery(query);
    return null;
  } catch (error) {
    if (error instanceof QuerySyntaxError) return 'syntax';
    expect(error).toBeInstanceOf(QueryRefusedError);
    return ((error as QueryRefusedError).details as { reason: string }).reason;
  }
};

describe('the console subset', () => {
  it('accepts reading queries and prints them again in its own words', () => {
    expect(canonicalConsoleQuery('match (p:Person)-[:SAID]->(q:Quote)\n// who\nreturn p.name, q.text limit 10'))
      .toBe('MATCH (p:Person)-[:SAID]->(q:Quote) RETURN p.name, q.text LIMIT 10');
    expect(canonicalConsoleQuery("MATCH (n) WHERE n.name CONTAINS \"create\" RETURN n")).toBe("MATCH (n) WHERE n.name CONTAINS 'create' RETURN n");
    expect(canonicalConsoleQuery('MATCH p = (a:Person)-[*1..4]-(b:Organization) RETURN p LIMIT 5')).toBe('MATCH p = (a:Person)-[*1..4]-(b:Organization) RETURN p LIMIT 5');
    expect(canonicalConsoleQuery('MATCH (a)-[e* SHORTEST 1..3]->(b) RETURN length(e)')).toBe('MATCH (a)-[e* SHORTEST 1..3]->(b) RETURN length(e)');
    expect(canonicalConsoleQuery("RETURN CASE WHEN 2 < -1 THEN 'a' ELSE 'b' END AS x, [y IN [1, 2] WHERE y > 1 | y * 2] AS ys"))
      .toBe("RETURN CASE WHEN 2 < -1 THEN 'a' ELSE 'b' END AS x, [y IN [1, 2] WHERE y > 1 | y * 2] AS ys");
    expect(reason('MATCH (o:Organization) OPTIONAL MATCH (o)<-[:HOLDS_ROLE]-(p) WITH o, count(p) AS n WHERE n > 1 RETURN o.name ORDER BY n DESC SKIP 1 LIMIT 5 UNION RETURN 1 AS x')).toBeNull();
  });

  it('does not mistake words inside strings, comments and property names for clauses', () => {
    expect(reason("MATCH (q:Quote) WHERE q.text CONTAINS 'set up a review; then DELETE it' RETURN q // COPY\n")).toBeNull();
    expect(reason('MATCH (n {set: 1}) RETURN n.delete, n.create')).toBeNull();
    expect(canonicalConsoleQuery("RETURN 'it\\'s /* not a comment */'")).toBe("RETURN 'it\\'s /* not a comment */'");
  });

  it('names writes, file access, procedures and administration as the reason', () => {
    expect(reason("CREATE (:Person {id: 'person:x'})")).toBe('write');
    expect(reason('MATCH (n) /* only looking */ DETACH DELETE n')).toBe('write');
    expect(reason('match (n) set n.x = 1')).toBe('write');
    expect(reason('MATCH (`CREATE`:Person) MERGE (x) RETURN 1')).toBe('write');
    expect(reason("LOAD WITH HEADERS (line STRING) FROM '/etc/passwd' (file_format='csv', header=false) RETURN line")).toBe('file-access');
    expect(reason("LOAD CSV FROM 'https://example.org/x.csv' AS r RETURN r")).toBe('file-access');
    expect(reason("COPY (MATCH (p) RETURN p) TO '/tmp/out.csv'")).toBe('file-access');
    expect(reason("ATTACH '/tmp/x.lbug' AS x (dbtype lbug)")).toBe('file-access');
    expect(reason('INSTALL httpfs')).toBe('file-access');
    expect(reason('LOAD EXTENSION httpfs')).toBe('file-access');
    expect(reason("CALL apoc.load.json('http://x') YIELD value RETURN value")).toBe('file-access');
    expect(reason('CALL dbms.components()')).toBe('procedure');
    expect(reason('CALL show_tables() RETURN *')).toBe('procedure');
    expect(reason('CALL auto_checkpoint = false')).toBe('procedure');
    expect(reason("CALL { CREATE (:Person {id: 'x'}) } RETURN 1")).toBe('write');
    expect(reason('CHECKPOINT')).toBe('admin');
    expect(reason('BEGIN TRANSACTION')).toBe('admin');
    expect(reason('SHOW USERS')).toBe('admin');
    expect(reason('MATCH (n) RETURN n; MATCH (m) RETURN m')).toBe('multiple-statements');
  });

  it('treats the separator characters some databases read as spaces as spaces, so they hide nothing', () => {
    for (const sep of ['\u001c', '\u001d', '\u001e', '\u001f', '\u00a0', '\u2028', '\u200b', '\ufeff']) {
      expect(reason(`EXPORT${sep}DATABASE '/tmp/anywhere'`), JSON.stringify(sep)).toBe('file-access');
      expect(reason(`IMPORT${sep}DATABASE '/tmp/anywhere'`)).toBe('file-access');
      expect(reason(`LOAD${sep}CSV FROM 'file:///etc/passwd' AS l RETURN l`)).toBe('file-access');
      expect(canonicalConsoleQuery(`MATCH${sep}(n)${sep}RETURN${sep}n`)).toBe('MATCH (n) RETURN n');
    }
  });

  it('refuses control characters, unknown escapes and odd quoted names', () => {
    expect(reason('MATCH (n) RETURN n\u0000')).toBe('control-character');
    expect(reason("RETURN 'a\u0007b'")).toBe('control-character');
    expect(reason("RETURN '\\u0041'")).toBe('syntax');
    expect(reason('MATCH (n:`Per;son`) RETURN n')).toBe('name');
  });

  it('refuses functions outside its list, namespaced functions and procedures', () => {
    expect(reason("RETURN lpad('', 600000, 'x')")).toBe('function');
    expect(reason("RETURN repeat('x', 100000000)")).toBe('function');
    expect(reason('RETURN apoc.text.join([], "")')).toBe('function');
    expect(reason('RETURN current_setting("threads")')).toBe('function');
    expect(reason('UNWIND range(1, 1000000000) AS i RETURN count(*)')).toBe('function');
    expect(reason('UNWIND range(1, $n) AS i RETURN i')).toBe('function');
    expect(reason('UNWIND range(1, 1000) AS i RETURN i')).toBeNull();
  });

  it('bounds length, nesting and hops, so no parser works for long', () => {
    expect(reason(`RETURN ${'('.repeat(2500)}1${')'.repeat(2500)}`)).toBe('too-large');
    expect(reason(`RETURN ${'('.repeat(30)}1${')'.repeat(30)}`)).toBe('too-deep');
    expect(reason(`RETURN ${'['.repeat(30)}1${']'.repeat(30)}`)).toBe('too-deep');
    expect(reason(`RETURN ${'{a: '.repeat(30)}1${'}'.repeat(30)}`)).toBe('too-deep');
    let cases = '1';
    for (let i = 0; i < 50; i++) cases = `CASE WHEN true THEN ${cases} ELSE 0 END`;
    expect(reason(`RETURN ${cases}`)).toBe('too-deep');
    expect(reason(`RETURN ${'x'.repeat(MAX_QUERY_LENGTH)}`)).toBe('too-large');
    expect(reason(`RETURN ${Array.from({ length: 400 }, (_, i) => i).join(', ')}`)).toBe('too-large');
    expect(reason('MATCH (a)-[*]->(b) RETURN count(*)')).toBe('unbounded');
    expect(reason('MATCH (a)-[*1..50]->(b) RETURN count(*)')).toBe('unbounded');
  });

  it('says where a broken query breaks', () => {
    const error = (() => { try { canonicalConsoleQuery('MATCH (n:Person)\nRETURN n,'); } catch (e) { return e; } })() as QuerySyntaxError;
    expect(error).toBeInstanceOf(QuerySyntaxError);
    expect(error.details).toEqual({ position: { line: 2, column: 10, offset: 26 } });
    expect(reason('MATCH (n) RETURN n ORDER n.name')).toBe('syntax');
  });
});

describe('the console examples', () => {
  it('are all inside the subset', async () => {
    const { EXAMPLE_QUERIES: EXAMPLES } = await import('../../server/http/examples.js');
    for (const example of EXAMPLES) expect(() => canonicalConsoleQuery(example.query), example.title).not.toThrow();
  });
});
