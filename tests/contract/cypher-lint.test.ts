import fs from 'node:fs';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { lintCypherQuery, testData, type DbSchema, type Neo4jFunction, type Neo4jProcedure } from '@neo4j-cypher/language-support';
import { describe, expect, it } from 'vitest';
import {
  NODE_LABELS, NODE_PROPERTIES, NODE_SCHEMAS, REL_ENDPOINTS, REL_PROPERTIES, REL_TYPES, RelationshipPropsSchema, type NodeLabel,
} from '../../server/model/graph.js';
import * as S from '../../server/store/neo4j/statements.js';
import { Neo4jStore } from '../../server/store/neo4j/neo4j-store.js';
import { luceneQuery } from '../../server/store/neo4j/values.js';
import { publishedCondition } from '../../server/store/shared/published-range.js';
import { fixtureDocumentA, fixtureDocumentB } from '../support/fixture-graph.js';

// Every statement the Neo4j adapter can send is checked here, without a server, with Neo4j's
// own Cypher front end (@neo4j-cypher/language-support); the contract suite then runs them on a
// real server when NEO4J_URI is set (npm run neo4j:dev, .ci/run):
// syntax, semantics (undefined variables, type errors), and — against a schema built from
// the model — labels, relationship types, property keys, parameters, functions and procedures.
// The functions and procedures declared are only the ones the adapter means to use, so a
// function of another dialect (LadybugDB's `label(r)`) fails the lint too.

const CYPHER_VERSION = 'CYPHER 5'; // the language of Neo4j 5.26, the server the project runs

const FUNCTIONS = ['count', 'type', 'labels', 'startNode', 'endNode', 'coalesce', 'collect', 'toLower'];
const PROCEDURES = ['db.index.fulltext.queryNodes', 'db.awaitIndexes'];

/** Every parameter the adapter's statements may name, with a value of its kind. */
const PARAMETERS: Record<string, unknown> = {
  id: 'person:x', ids: ['person:x'], docId: 'doc:x', docIds: ['doc:x'], rows: [], from: 'org:a', to: 'org:b', year: 2017,
  seconds: 60, batch: 10_000, query: 'jane* AND mar*', labels: ['Person'], types: ['SAID'], tokens: ['jane'],
  limit: 10, skip: 0, speakerId: 'person:x', organizationId: 'org:x', reportId: 'report:x', documentId: 'doc:x',
  quoteIds: ['quote:x'], publishedFrom: '2019-01-01', publishedFromSpans: ['2019', '2019-01'], publishedToEnd: '2019-12-31~',
};

function pick<T>(registry: Record<string, T> | undefined, names: string[], what: string): Record<string, T> {
  return Object.fromEntries(names.map((name) => {
    const entry = registry?.[name];
    if (!entry) throw new Error(`the language-support package does not describe the ${what} ${name}`);
    return [name, entry];
  }));
}

/** Keys of the parameter rows the adapter UNWINDs that are not stored properties: a relationship's two ends. */
const ROW_KEYS = ['from', 'to'];

/** Every property key the adapter writes, and the row keys it reads. */
function propertyKeys(): string[] {
  const keys = new Set<string>([...Object.keys(REL_PROPERTIES), ...ROW_KEYS]);
  for (const label of NODE_LABELS) for (const key of Object.keys(NODE_PROPERTIES[label])) keys.add(key);
  return [...keys].sort();
}

/** The database the adapter writes, as the linter understands it: built from the model. */
function dbSchema(): DbSchema {
  const mock = testData.mockSchema;
  return {
    labels: [...NODE_LABELS],
    relationshipTypes: [...REL_TYPES],
    propertyKeys: propertyKeys(),
    parameters: PARAMETERS,
    functions: { [CYPHER_VERSION]: pick<Neo4jFunction>(mock.functions?.[CYPHER_VERSION], FUNCTIONS, 'function') },
    procedures: { [CYPHER_VERSION]: pick<Neo4jProcedure>(mock.procedures?.[CYPHER_VERSION], PROCEDURES, 'procedure') },
    defaultLanguage: CYPHER_VERSION,
    graphSchema: REL_TYPES.flatMap((relType) => REL_ENDPOINTS[relType].map(([from, to]) => ({ from, to, relType }))),
  };
}

const SCHEMA = dbSchema();

const ALL_FLAGS = [false, true];
const SPEAKER_LABELS = [null, 'Person', 'Organization', 'Report'] as const;
const quoteClauses: S.QuoteClauses[] = ALL_FLAGS.flatMap((speaker) => SPEAKER_LABELS.flatMap((speakerLabel) =>
  ALL_FLAGS.flatMap((organization) => ALL_FLAGS.flatMap((report) => ALL_FLAGS.flatMap((document) =>
    ALL_FLAGS.map((text) => ({ speaker, speakerLabel, organization, report, document, text, ids: false, published: null as string | null })))))))
  .concat(ALL_FLAGS.flatMap((ids) => [null, { from: '2019-01-01' }, { to: '2019-12-31' }, { from: '2019-01-01', to: '2019-12-31' }].map((range) => ({
    speaker: true, speakerLabel: 'Person' as const, organization: false, report: false, document: true, text: true, ids, published: range && publishedCondition(range),
  }))));
const claimClauses: S.ClaimClauses[] = ALL_FLAGS.flatMap((document) => ALL_FLAGS.map((measure) => ({ document, measure })));
const neighbourFilters: S.NeighbourFilter[] = ALL_FLAGS.flatMap((relTypes) => ALL_FLAGS.map((labels) => ({ relTypes, labels })));
const byLabel = (build: (l: NodeLabel) => string) => () => NODE_LABELS.map(build);

/**
 * How to enumerate each builder of statements.ts over every input it accepts. A builder
 * added there without an entry here fails the first test below.
 */
const ENUMERATE: Record<string, () => string[]> = {
  createConstraint: byLabel(S.createConstraint),
  createDocIdIndex: () => REL_TYPES.map(S.createDocIdIndex),
  schemaStatements: () => S.schemaStatements(),
  deleteDocumentRelationships: () => REL_TYPES.map(S.deleteDocumentRelationships),
  storedEntities: () => (['Person', 'Organization'] as const).map(S.storedEntities),
  upsertNodes: byLabel(S.upsertNodes),
  createRelationships: () => REL_TYPES.flatMap((t) => REL_ENDPOINTS[t].map(([a, b]) => S.createRelationships(t, a, b))),
  deleteOrphans: byLabel(S.deleteOrphans),
  scanSearch: byLabel(S.scanSearch),
  nodeById: byLabel(S.nodeById),
  nodesByIds: byLabel(S.nodesByIds),
  nodeRelationshipCounts: byLabel(S.nodeRelationshipCounts),
  nodeProvenance: byLabel(S.nodeProvenance),
  nodeProvenanceCount: byLabel(S.nodeProvenanceCount),
  neighbourRing: () => NODE_LABELS.flatMap((l) => neighbourFilters.map((f) => S.neighbourRing(l, f))),
  // every pair of end labels, and every hop count (the only other input, an integer literal)
  shortestPaths: () => [
    ...NODE_LABELS.flatMap((a) => NODE_LABELS.flatMap((b) => [S.shortestPaths(a, b, 1), S.shortestPaths(a, b, S.MAX_PATH_HOPS)])),
    ...Array.from({ length: S.MAX_PATH_HOPS }, (_, i) => S.shortestPaths('Organization', 'Person', i + 1)),
  ],
  quoteCount: () => quoteClauses.map(S.quoteCount),
  quotePage: () => quoteClauses.map(S.quotePage),
  claimCount: () => claimClauses.map(S.claimCount),
  claimPage: () => claimClauses.map(S.claimPage),
  countNodes: byLabel(S.countNodes),
  countRelationships: () => REL_TYPES.map(S.countRelationships),
  topNodes: byLabel(S.topNodes),
  // the console's planning step wraps a user's statement; lint it around typical reads
  explain: () => [
    S.explain('MATCH (p:Person)-[r:SAID]->(q:Quote) WHERE p.name = $id RETURN p, r, q'),
    S.explain('UNWIND $ids AS x MATCH (d:Document {id: x}) RETURN d.title'),
  ],
};

const exported = Object.entries(S as Record<string, unknown>);
const builders = exported.filter(([, v]) => typeof v === 'function').map(([name]) => name);

/** Every statement the adapter can send, by the export it comes from. */
function statementsByExport(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [name, value] of exported) {
    if (typeof value === 'string') out.set(name, [value]);
    else if (typeof value === 'function' && ENUMERATE[name]) out.set(name, [...new Set(ENUMERATE[name]())]);
  }
  return out;
}

const STATEMENTS = statementsByExport();
const EVERY_STATEMENT = new Set([...STATEMENTS.values()].flat());

interface Finding { statement: string; problems: string[] }

/** Errors always fail; so do warnings that name a label, type or property the model lacks, or an impossible path. */
function lint(statement: string): string[] {
  const { diagnostics } = lintCypherQuery(statement, SCHEMA);
  return diagnostics
    .map((d) => ({ ...d, message: typeof d.message === 'string' ? d.message : d.message.value }))
    .filter((d) => d.severity === 1 || /is not present in the database|has no (incoming|outgoing)/.test(d.message))
    .map((d) => `${d.severity === 1 ? 'error' : 'warning'} at ${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}`);
}

function report(findings: Finding[]): string {
  return findings.map((f) => `\n--- ${f.statement}\n    ${f.problems.join('\n    ')}`).join('\n');
}

describe('the Cypher the Neo4j adapter sends', () => {
  it('has an enumeration for every statement builder', () => {
    expect(builders.filter((name) => !ENUMERATE[name])).toEqual([]);
    expect(Object.keys(ENUMERATE).filter((name) => !builders.includes(name))).toEqual([]);
    console.log(`[cypher-lint] ${EVERY_STATEMENT.size} distinct statements from ${STATEMENTS.size} exports of server/store/neo4j/statements.ts`);
    expect(EVERY_STATEMENT.size).toBeGreaterThan(400);
  });

  it.each([...STATEMENTS.keys()])('%s lints clean against the schema built from the model', (name) => {
    const findings = STATEMENTS.get(name)!
      .map((statement) => ({ statement, problems: lint(statement) }))
      .filter((f) => f.problems.length);
    expect(findings, report(findings)).toEqual([]);
  }, 120_000);

  it('keeps every statement in statements.ts: the other adapter files hold no Cypher', () => {
    const dir = path.resolve('server/store/neo4j');
    const cypher = /\b(MATCH|MERGE|UNWIND|RETURN|DETACH DELETE|CALL db\.|CREATE (CONSTRAINT|INDEX|FULLTEXT))\b|\)-\[/;
    const offenders: string[] = [];
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'statements.ts')) {
      const code = fs.readFileSync(path.join(dir, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '');
      for (const literal of code.match(/'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g) ?? []) {
        if (cypher.test(literal)) offenders.push(`${file}: ${literal}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('stores every field of the model schemas, and nothing else but the folded search text', () => {
    for (const label of NODE_LABELS) {
      const fields = Object.keys(NODE_SCHEMAS[label].shape);
      expect(Object.keys(NODE_PROPERTIES[label]).sort(), label).toEqual([...fields, 'searchText'].sort());
    }
    expect(Object.keys(REL_PROPERTIES).sort()).toEqual(Object.keys(RelationshipPropsSchema.shape).sort());
  });

  it('refuses labels, types and hop counts outside the allow-lists', () => {
    const injected = "Person {id: 'x'}) DETACH DELETE n //" as NodeLabel;
    expect(() => S.nodeById(injected)).toThrow(/not a node label/);
    expect(() => S.countRelationships('SAID]->() DETACH DELETE r //' as never)).toThrow(/not a relationship type/);
    expect(() => S.createRelationships('SAID', 'Quote', 'Person')).toThrow(/cannot join/);
    expect(() => S.shortestPaths('Person', 'Person', 11)).toThrow(/hops/);
    expect(() => S.shortestPaths('Person', 'Person', 2.5)).toThrow(/hops/);
    expect(() => S.quoteCount({ speaker: false, speakerLabel: 'Quote' as never, organization: false, report: false, document: false, text: false, ids: false, published: null })).toThrow();
  });

  it('builds the full-text query from folded tokens, Lucene syntax escaped', () => {
    expect(luceneQuery(['jane', 'mar'])).toBe('jane* AND mar*');
    expect(luceneQuery(['a:b', 'c)'])).toBe('a\\:b* AND c\\)*');
  });
});

describe('the lint itself', () => {
  it.each([
    ['an undefined variable', 'MATCH (n:Person) RETURN m', /Variable `m` not defined/],
    ['a syntax error', 'MATCH (n:Person RETURN n', /Invalid input/],
    ['an undeclared parameter', 'MATCH (n:Person {id: $nobody}) RETURN n', /Parameter \$nobody is not defined/],
    ["the embedded store's dialect", 'MATCH (n:Person)-[r]-() RETURN label(r)', /Function label is not present/],
    ['a misspelt property', 'MATCH (n:Person) RETURN n.nmae', /nmae is not present/],
    ['a relationship the model does not allow', 'MATCH (q:Quote)-[:SAID]->(p:Person) RETURN q', /has no (incoming|outgoing)/],
  ])('fails on %s', (_what, statement, message) => {
    const problems = lint(statement);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toMatch(message);
  });
});

// ------------------------------------------------------------------------------------------
// The statements the store sends, with a stand-in driver that records each one. Without a
// server this is the check that the store only sends linted statements, supplies every
// parameter each names, and sends counts, offsets and limits as integers, not floats.

interface Sent { statement: string; params: Record<string, unknown> }

const elementId = (id: string) => `4:fake:${id}`;
function node(label: NodeLabel, properties: Record<string, unknown>) {
  return new neo4j.types.Node(neo4j.int(0), [label], properties, elementId(properties.id as string));
}
function rel(type: string, from: string, to: string, properties: Record<string, unknown>) {
  return new neo4j.types.Relationship(neo4j.int(0), neo4j.int(0), neo4j.int(0), type, properties, `5:fake:${from}-${type}-${to}`, elementId(from), elementId(to));
}

const JANE = node('Person', { id: 'person:jane-marsh', name: 'Jane Marsh', aliases: ['Ms Marsh'], kind: 'inspector', searchText: ' jane marsh | ms marsh ' });
const QUOTE = node('Quote', { id: 'quote:act-now', text: 'Forces must act now.', startOffset: 5, endOffset: 25, documentId: 'doc:a' });
const DOC = node('Document', { id: 'doc:a', title: 'Forces told to act', publisher: null, url: null, publishedAt: '2019-09-10', kind: 'news', text: 'x'.repeat(40), sha256: 'a'.repeat(64), fileName: 'a.txt' });

/** Canned answers for the statements whose rows drive further statements. */
function answer(statement: string): Record<string, unknown>[] {
  if (statement === S.FULLTEXT_SEARCH) return [{ node: JANE }];
  if (statement === S.scanSearch('Person')) return [{ n: JANE }];
  if (statement === S.nodeById('Person') || statement === S.nodesByIds('Person')) return [{ n: JANE }];
  if (statement === S.nodeRelationshipCounts('Person')) return [{ type: 'SAID', outgoing: true, total: 1 }];
  if (statement === S.nodeProvenance('Person')) return [{ docId: 'doc:a', startOffset: 1, endOffset: 9, via: 'SAID' }];
  if (statement.startsWith(S.neighbourRing('Person', { relTypes: false, labels: false }).split('\n').slice(0, 2).join('\n'))) {
    const said = rel('SAID', JANE.properties.id as string, 'quote:act-now', { docId: 'doc:a' });
    return [{ id: 'person:jane-marsh', found: [{ rel: said, source: 'person:jane-marsh', target: 'quote:act-now', node: QUOTE }], total: 1 }];
  }
  if (statement.includes('RETURN count(')) return [{ total: 1 }];
  if (statement === S.QUOTE_VIEWS) {
    return [{ id: 'quote:act-now', text: 'Forces must act now.', docId: 'doc:a', title: 'A', publisher: null, publishedAt: null, startOffset: 5, endOffset: 25, speakerId: 'person:jane-marsh', speaker: 'Jane Marsh' }];
  }
  if (statement.startsWith('MATCH (q:Quote)\n') && statement.includes('RETURN q.id AS id ORDER BY')) return [{ id: 'quote:act-now' }];
  if (statement === S.SPEAKER_ROLES) return [{ person: 'person:jane-marsh', title: 'HM Inspector', docId: 'doc:a', orgId: 'org:hmicfrs', org: 'HMICFRS' }];
  if (statement === S.DOCUMENT_BY_ID) return [{ d: DOC }];
  if (statement === S.DOCUMENT_QUOTES) return [{ id: 'quote:act-now', startOffset: 5, endOffset: 25, speakerId: null, speaker: null }];
  if (statement === S.DOCUMENT_MENTIONS) return [{ id: 'person:jane-marsh', name: 'Jane Marsh', spanStarts: [1, 30], spanEnds: [5, 34] }];
  if (statement === S.deleteDocumentRelationships('SAID')) return [{ fromId: 'org:refuge', toId: 'quote:women' }];
  if (statement === S.topNodes('Report')) return [{ n: node('Report', { id: 'report:v', title: 'Vetting', year: 2019 }), degree: 5 }];
  if (statement.startsWith(S.shortestPaths('Organization', 'Person', 1).slice(0, 20))) {
    const org = node('Organization', { id: 'org:refuge', name: 'Refuge', aliases: [], kind: 'charity' });
    const r = rel('SAID', 'org:refuge', 'quote:act-now', {});
    const path = new neo4j.types.Path(org, QUOTE, [new neo4j.types.PathSegment(org, r, QUOTE)]);
    return [{ p: path }];
  }
  return [];
}

function recordingDriver(sent: Sent[]) {
  const tx = {
    run(statement: string, params: Record<string, unknown> = {}) {
      sent.push({ statement, params });
      const rows = answer(statement);
      const keys = Object.keys(rows[0] ?? {});
      const records = rows.map((r) => new neo4j.types.Record(keys, keys.map((k) => r[k])));
      const result = Promise.resolve({ records, summary: { queryType: 'r' } });
      return Object.assign(result, {
        keys: async () => keys,
        async *[Symbol.asyncIterator]() { yield* records; },
      });
    },
  };
  const session = {
    executeRead: (work: (t: typeof tx) => unknown) => work(tx),
    executeWrite: (work: (t: typeof tx) => unknown) => work(tx),
    close: async () => undefined,
  };
  return { session: () => session, close: async () => undefined };
}

const INTEGER_PARAMS = ['limit', 'skip', 'batch', 'seconds', 'year'];

describe('the statements the Neo4j store sends', () => {
  it('are all linted statements, with every parameter they name supplied, and integers sent as integers', async () => {
    const sent: Sent[] = [];
    const store = new Neo4jStore(recordingDriver(sent) as never, undefined);
    await store.ensureSchema();
    await store.writeDocumentGraph(fixtureDocumentA());
    await store.writeDocumentGraph(fixtureDocumentB());
    await store.writeRenames([{ from: { id: 'org:hmic', name: 'HMIC', kind: 'inspectorate', aliases: [] }, to: { id: 'org:hmicfrs', name: 'HMICFRS', kind: 'inspectorate', aliases: [] }, year: 2017 }]);
    await store.documentHash('doc:a');
    expect((await store.search({ text: 'jane mar', limit: 1, offset: 0 })).hits[0]?.node.id).toBe('person:jane-marsh');
    await store.search({ text: 'jane mar', labels: ['Document', 'Person'], limit: 10, offset: 0 });
    const detail = await store.getNode('person:jane-marsh');
    expect(detail?.relationshipCounts).toEqual([{ type: 'SAID', direction: 'out', count: 1 }]);
    const hood = await store.neighbourhood({ ids: ['person:jane-marsh'], depth: 2, labels: ['Quote'], relTypes: ['SAID'], perNodeLimit: 5, limit: 10 });
    expect(hood.edges.map((e) => e.id)).toEqual(['SAID:person:jane-marsh->quote:act-now@doc:a']);
    await store.neighbourhood({ ids: ['person:jane-marsh'], depth: 1, perNodeLimit: 5, limit: 10 });
    const path = await store.shortestPath('org:refuge', 'person:jane-marsh', 4);
    expect(path?.edges).toHaveLength(1);
    await store.shortestPath('person:jane-marsh', 'person:jane-marsh', 4);
    const { quotes } = await store.quotes({ speakerId: 'person:jane-marsh', speakerKind: 'person', organizationId: 'org:x', reportId: 'report:x', documentId: 'doc:a', text: 'act', limit: 5, offset: 0 });
    expect(quotes[0]).toMatchObject({ speaker: { id: 'person:jane-marsh', label: 'Person' }, roles: [{ title: 'HM Inspector' }], sources: [{ start: 5, end: 25 }] });
    await store.quotes({ limit: 5, offset: 5 });
    const doc = await store.documentText('doc:a');
    expect(doc?.mentions.map((m) => m.start)).toEqual([1, 30]);
    await store.claims({ measure: 'allegations', documentId: 'doc:b', limit: 5, offset: 0 });
    await store.claims({ limit: 5, offset: 0 });
    await store.counts();
    expect((await store.topNodes(3))[0]?.id).toBe('report:v');
    const result = await store.runReadOnly({ query: 'MATCH (p:Person) RETURN p LIMIT $n', params: { n: 5 }, timeoutMs: 1000, rowLimit: 10 });
    expect(result.columns).toEqual([]);
    await store.deleteEverything();

    const fromConsole = sent.filter((s) => s.statement.includes('LIMIT $n'));
    expect(fromConsole.map((s) => neo4j.isInt(s.params.n))).toEqual([true, true]);
    const adapter = sent.filter((s) => !fromConsole.includes(s));
    expect(adapter.filter((s) => !EVERY_STATEMENT.has(s.statement)).map((s) => s.statement)).toEqual([]);
    const missing = adapter.flatMap((s) => [...s.statement.matchAll(/\$([A-Za-z_]\w*)/g)]
      .map((m) => m[1]!)
      .filter((name) => !(name in s.params))
      .map((name) => `$${name} in: ${s.statement}`));
    expect(missing).toEqual([]);
    const floats = adapter.flatMap((s) => INTEGER_PARAMS
      .filter((name) => s.params[name] !== undefined && s.params[name] !== null && !neo4j.isInt(s.params[name]))
      .map((name) => `$${name} in: ${s.statement}`));
    expect(floats).toEqual([]);
    const quoteRows = adapter.find((s) => s.statement === S.upsertNodes('Quote'))!.params.rows as Record<string, unknown>[];
    expect(neo4j.isInt(quoteRows[0]!.startOffset)).toBe(true);
    const mentions = adapter.find((s) => s.statement === S.createRelationships('MENTIONS', 'Document', 'Person'))!.params.rows as Record<string, unknown>[];
    expect((mentions[0]!.spanStarts as unknown[]).every((v) => neo4j.isInt(v))).toBe(true);
    // what every sent statement covers, for the record
    expect(new Set(adapter.map((s) => s.statement)).size).toBeGreaterThan(60);
  });
});
