import { ATTRIBUTION_COLUMNS } from '../shared/attribution.js';
import {
  NODE_LABELS, NODE_PROPERTIES, QUOTE_FIRST_WRITER_PROPERTIES, REL_ENDPOINTS, REL_PROPERTIES, REL_TYPES, type NodeLabel, type RelType,
} from '../../model/graph.js';
import { NEIGHBOUR_ORDER } from '../shared/limits.js';
import { FULLTEXT_INDEX, FULLTEXT_LABELS, constraintName, docIdIndexName } from './schema.js';

// Every Cypher statement the Neo4j adapter sends, and nothing else: named constants, and
// small builders whose only inputs are labels and relationship types from the model's
// allow-lists, flags, and a hop count checked to be a small integer. Values always travel
// as parameters. The lint test (tests/contract/cypher-lint.test.ts) enumerates every export
// of this module and checks each statement with Neo4j's own Cypher language support.

function label(value: string): NodeLabel {
  if (!(NODE_LABELS as readonly string[]).includes(value)) throw new Error(`not a node label of the model: ${JSON.stringify(value)}`);
  return value as NodeLabel;
}

function relType(value: string): RelType {
  if (!(REL_TYPES as readonly string[]).includes(value)) throw new Error(`not a relationship type of the model: ${JSON.stringify(value)}`);
  return value as RelType;
}

// ---------------------------------------------------------------------------------- schema

export function createConstraint(of: NodeLabel): string {
  const l = label(of);
  return `CREATE CONSTRAINT ${constraintName(l)} IF NOT EXISTS FOR (n:${l}) REQUIRE n.id IS UNIQUE`;
}

/** standard-no-stop-words: "the" and "of" are words people type in the names of bodies */
export const CREATE_FULLTEXT_INDEX =
  `CREATE FULLTEXT INDEX ${FULLTEXT_INDEX} IF NOT EXISTS FOR (n:${FULLTEXT_LABELS.join('|')}) ON EACH [n.searchText]
   OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'standard-no-stop-words', \`fulltext.eventually_consistent\`: false } }`;

export function createDocIdIndex(of: RelType): string {
  const t = relType(of);
  return `CREATE INDEX ${docIdIndexName(t)} IF NOT EXISTS FOR ()-[r:${t}]-() ON (r.docId)`;
}

/** Each schema statement runs in a transaction of its own. */
export function schemaStatements(): string[] {
  return [...NODE_LABELS.map(createConstraint), CREATE_FULLTEXT_INDEX, ...REL_TYPES.map(createDocIdIndex)];
}

/** A new index is usable once populated; waits up to $seconds. */
export const AWAIT_INDEXES = 'CALL db.awaitIndexes($seconds)';

// ---------------------------------------------------------------------------------- writes

export const DOCUMENT_HASH = 'MATCH (d:Document {id: $id}) RETURN d.sha256 AS sha';

/** Removes what a document stated before; returns the ends, to find nodes left with nothing. */
export function deleteDocumentRelationships(of: RelType): string {
  return `MATCH (a)-[r:${relType(of)}]->(b) WHERE r.docId IN $docIds DELETE r RETURN a.id AS fromId, b.id AS toId`;
}

export function storedEntities(of: 'Person' | 'Organization'): string {
  const l = label(of);
  if (l !== 'Person' && l !== 'Organization') throw new Error(`${l} is not a merged entity`);
  return `MATCH (n:${l}) WHERE n.id IN $ids RETURN n.id AS id, n.name AS name, n.aliases AS aliases, n.kind AS kind, n.titles AS titles`;
}

/** MERGE by id, then SET every property; a Quote keeps the offsets of the first document that carried it. */
export function upsertNodes(of: NodeLabel): string {
  const l = label(of);
  const properties = Object.keys(NODE_PROPERTIES[l]).filter((p) => p !== 'id');
  const once = l === 'Quote' ? properties.filter((p) => (QUOTE_FIRST_WRITER_PROPERTIES as readonly string[]).includes(p)) : [];
  const always = properties.filter((p) => !once.includes(p));
  const set = (ps: string[]) => ps.map((p) => `n.${p} = row.${p}`).join(', ');
  return `UNWIND $rows AS row
MERGE (n:${l} {id: row.id})${once.length ? `\nON CREATE SET ${set(once)}` : ''}
SET ${set(always)}`;
}

/** One batch per relationship type and pair of endpoint labels, so both ends are found by their unique id. */
export function createRelationships(of: RelType, from: NodeLabel, to: NodeLabel): string {
  const t = relType(of), a = label(from), b = label(to);
  if (!REL_ENDPOINTS[t].some(([x, y]) => x === a && y === b)) throw new Error(`${t} cannot join ${a} to ${b}`);
  const properties = Object.keys(REL_PROPERTIES).map((p) => `${p}: row.${p}`).join(', ');
  return `UNWIND $rows AS row
MATCH (a:${a} {id: row.from})
MATCH (b:${b} {id: row.to})
CREATE (a)-[:${t} {${properties}}]->(b)`;
}

export function deleteOrphans(of: NodeLabel): string {
  return `MATCH (n:${label(of)}) WHERE n.id IN $ids AND NOT EXISTS { (n)--() } DELETE n`;
}

export const STORED_DOCUMENTS = 'MATCH (d:Document) RETURN d.id AS id, d.corpus AS corpus, d.sha256 AS sha256';

/** After a document's statements are gone: the node itself, with anything left that joined it. */
export const DELETE_DOCUMENT = 'MATCH (d:Document {id: $docId}) DETACH DELETE d';

/** A quote that outlives the document whose offsets it held takes those of a document that still has it. */
export const REANCHOR_QUOTES = `UNWIND $ids AS id
MATCH (q:Quote {id: id}) WHERE q.documentId = $docId
CALL (q) {
  MATCH (q)-[r:QUOTED_IN]->(d:Document)
  RETURN d.id AS documentId, r.startOffset AS startOffset, r.endOffset AS endOffset
  ORDER BY documentId LIMIT 1
}
SET q.documentId = documentId, q.startOffset = startOffset, q.endOffset = endOffset`;

/** The ids of `ids` still present, to say what a removal took. */
export const EXISTING_IDS = 'UNWIND $ids AS id MATCH (n {id: id}) RETURN n.id AS id';

export const MERGE_RENAME = `MATCH (a:Organization {id: $from})
MATCH (b:Organization {id: $to})
MERGE (a)-[r:RENAMED_TO]->(b)
SET r.year = $year`;

/** Removes up to $batch nodes with their relationships; for tests and a full re-seed. */
export const DELETE_BATCH = 'MATCH (n) WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS deleted';

// ---------------------------------------------------------------------------------- search

/** $query is a Lucene query built from folded tokens; $labels narrows the entity kinds. */
export const FULLTEXT_SEARCH = `CALL db.index.fulltext.queryNodes('${FULLTEXT_INDEX}', $query) YIELD node
WHERE any(l IN labels(node) WHERE l IN $labels)
RETURN node LIMIT $limit`;

/** The fallback: every folded token appears in the folded names. */
export function scanSearch(of: NodeLabel): string {
  return `MATCH (n:${label(of)}) WHERE all(t IN $tokens WHERE n.searchText CONTAINS t) RETURN n LIMIT $limit`;
}

/** People by the titles of their roles (all words, lower case). */
export const ROLES_MATCHING = `MATCH (p:Person)-[h:HOLDS_ROLE]->(o:Organization) WHERE all(t IN $tokens WHERE toLower(h.title) CONTAINS t)
RETURN DISTINCT p.id AS person, h.title AS title, o.name AS org ORDER BY person, title LIMIT $limit`;

// ---------------------------------------------------------------------------------- nodes

export function nodeById(of: NodeLabel): string {
  return `MATCH (n:${label(of)} {id: $id}) RETURN n`;
}

export function nodesByIds(of: NodeLabel): string {
  return `MATCH (n:${label(of)}) WHERE n.id IN $ids RETURN n`;
}

/** Relationship counts by type and direction: one row per pair, however many relationships. */
export function nodeRelationshipCounts(of: NodeLabel): string {
  return `MATCH (n:${label(of)} {id: $id})-[r]-()
RETURN type(r) AS type, startNode(r) = n AS outgoing, count(*) AS total`;
}

function nodeSpans(of: NodeLabel): string {
  return `MATCH (n:${label(of)} {id: $id})-[r]-()
WHERE r.docId IS NOT NULL
WITH DISTINCT r.docId AS docId, r.startOffset AS startOffset, r.endOffset AS endOffset, type(r) AS via`;
}

/** One row per document, span and relationship type, in a fixed order, at most $limit. */
export function nodeProvenance(of: NodeLabel): string {
  return `${nodeSpans(of)}
RETURN docId, startOffset, endOffset, via
ORDER BY docId, startOffset, via LIMIT $limit`;
}

export function nodeProvenanceCount(of: NodeLabel): string {
  return `${nodeSpans(of)}
RETURN count(*) AS total`;
}

export const DOCUMENT_TITLES = 'MATCH (d:Document) WHERE d.id IN $ids RETURN d.id AS id, d.title AS title';

export interface NeighbourFilter {
  /** keep relationships whose type is in $types */
  relTypes: boolean;
  /** keep neighbours with a label in $labels */
  labels: boolean;
}

/** Entities first, then what they said, where, and the figures (NEIGHBOUR_ORDER), then by id; labels come from the model. */
const NEIGHBOUR_RANK = `CASE ${NEIGHBOUR_ORDER.map((l, i) => `WHEN m:${label(l)} THEN ${i}`).join(' ')} ELSE ${NEIGHBOUR_ORDER.length} END`;

/**
 * One ring of a neighbourhood in one round trip: for each node of $ids, its first $limit
 * neighbours in display order, and how many neighbours it has in all.
 */
export function neighbourRing(of: NodeLabel, filter: NeighbourFilter): string {
  const conditions = [
    ...(filter.relTypes ? ['type(r) IN $types'] : []),
    ...(filter.labels ? ['any(l IN labels(m) WHERE l IN $labels)'] : []),
  ];
  const where = conditions.length ? `\n  WHERE ${conditions.join(' AND ')}` : '';
  return `UNWIND $ids AS id
MATCH (n:${label(of)} {id: id})
CALL (n) {
  MATCH (n)-[r]-(m)${where}
  WITH r, m ORDER BY ${NEIGHBOUR_RANK}, m.id LIMIT $limit
  RETURN collect({rel: r, source: startNode(r).id, target: endNode(r).id, node: m}) AS found
}
CALL (n) {
  MATCH (n)-[r]-(m)${where}
  RETURN count(DISTINCT m) AS total
}
RETURN n.id AS id, found, total`;
}

export const MAX_PATH_HOPS = 10;

/** A variable-length bound cannot be a parameter, so the hop count is checked and written in. */
export function shortestPaths(from: NodeLabel, to: NodeLabel, hops: number): string {
  if (!Number.isInteger(hops) || hops < 1 || hops > MAX_PATH_HOPS) throw new Error(`hops must be an integer from 1 to ${MAX_PATH_HOPS}, not ${hops}`);
  return `MATCH p = allShortestPaths((a:${label(from)} {id: $from})-[*..${hops}]-(b:${label(to)} {id: $to}))
RETURN p LIMIT 10`;
}

// ---------------------------------------------------------------------------------- quotes

export interface QuoteClauses {
  /** $speakerId said it */
  speaker: boolean;
  /** a speaker of this label said it */
  speakerLabel: 'Person' | 'Organization' | 'Report' | null;
  /** $organizationId said it, a person holding a role there said it, or it concerns it */
  organization: boolean;
  /** $reportId said it, or a document quoting it covers the report */
  report: boolean;
  /** document $documentId quotes it */
  document: boolean;
  /** every token of $tokens (each with a leading space: a word start) appears in its folded text */
  text: boolean;
  /** its id is in $quoteIds */
  ids: boolean;
  /** a document quoting it was published in the range (the condition of published-range.ts, on `d`) */
  published: string | null;
}

function quoteWhere(c: QuoteClauses): string {
  const conditions: string[] = [];
  if (c.speaker) conditions.push('EXISTS { MATCH (s)-[:SAID]->(q) WHERE s.id = $speakerId }');
  if (c.speakerLabel) {
    const l = label(c.speakerLabel);
    if (!REL_ENDPOINTS.SAID.some(([from]) => from === l)) throw new Error(`${l} cannot say anything`);
    conditions.push(`EXISTS { MATCH (:${l})-[:SAID]->(q) }`);
  }
  if (c.organization) {
    conditions.push(`(EXISTS { MATCH (:Organization {id: $organizationId})-[:SAID]->(q) }
  OR EXISTS { MATCH (p:Person)-[:SAID]->(q), (p)-[:HOLDS_ROLE]->(:Organization {id: $organizationId}) }
  OR EXISTS { MATCH (q)-[:CONCERNS]->(:Organization {id: $organizationId}) })`);
  }
  if (c.report) {
    conditions.push(`(EXISTS { MATCH (:Report {id: $reportId})-[:SAID]->(q) }
  OR EXISTS { MATCH (q)-[:QUOTED_IN]->(:Document)-[:COVERS]->(:Report {id: $reportId}) })`);
  }
  if (c.document) conditions.push('EXISTS { MATCH (q)-[:QUOTED_IN]->(:Document {id: $documentId}) }');
  if (c.text) conditions.push('all(t IN $tokens WHERE q.searchText CONTAINS t)');
  if (c.ids) conditions.push('q.id IN $quoteIds');
  if (c.published) conditions.push(`EXISTS { MATCH (q)-[:QUOTED_IN]->(d:Document) WHERE ${c.published} }`);
  return conditions.length ? `\nWHERE ${conditions.join('\n  AND ')}` : '';
}

export function quoteCount(c: QuoteClauses): string {
  return `MATCH (q:Quote)${quoteWhere(c)}
RETURN count(q) AS total`;
}

export function quotePage(c: QuoteClauses): string {
  return `MATCH (q:Quote)${quoteWhere(c)}
RETURN q.id AS id ORDER BY q.documentId, q.startOffset, q.id SKIP $skip LIMIT $limit`;
}

/** One row per quote and quoting document, with the speaker that document names. */
export const QUOTE_VIEWS = `MATCH (q:Quote)-[qi:QUOTED_IN]->(d:Document) WHERE q.id IN $ids
OPTIONAL MATCH (s)-[said:SAID]->(q) WHERE said.docId = d.id
RETURN q.id AS id, q.text AS text, d.id AS docId, d.title AS title, d.publisher AS publisher, d.publishedAt AS publishedAt, d.url AS url, d.pageStarts AS pageStarts,
       qi.startOffset AS startOffset, qi.endOffset AS endOffset, s.id AS speakerId, coalesce(s.name, s.title) AS speaker,
       ${ATTRIBUTION_COLUMNS}
ORDER BY id, docId`;

export const SPEAKER_ROLES = `MATCH (p:Person)-[h:HOLDS_ROLE]->(o:Organization) WHERE p.id IN $ids
RETURN p.id AS person, h.title AS title, h.docId AS docId, o.id AS orgId, o.name AS org`;

// ---------------------------------------------------------------------------------- documents

export const DOCUMENT_BY_ID = 'MATCH (d:Document {id: $id}) RETURN d';

export const DOCUMENT_QUOTES = `MATCH (q:Quote)-[qi:QUOTED_IN]->(:Document {id: $id})
OPTIONAL MATCH (s)-[said:SAID]->(q) WHERE said.docId = $id
RETURN q.id AS id, qi.startOffset AS startOffset, qi.endOffset AS endOffset, s.id AS speakerId, coalesce(s.name, s.title) AS speaker,
       ${ATTRIBUTION_COLUMNS}
ORDER BY startOffset`;

export const DOCUMENT_MENTIONS = `MATCH (:Document {id: $id})-[m:MENTIONS]->(x)
RETURN x.id AS id, coalesce(x.name, x.title) AS name, m.spanStarts AS spanStarts, m.spanEnds AS spanEnds`;

// ---------------------------------------------------------------------------------- claims

export interface ClaimClauses {
  /** document $documentId states it */
  document: boolean;
  /** every token of $tokens (each with a leading space: a word start) appears in its folded text and measure */
  measure: boolean;
}

function claimWhere(c: ClaimClauses): string {
  const conditions = [
    ...(c.document ? ['EXISTS { MATCH (:Document {id: $documentId})-[:STATES]->(c) }'] : []),
    ...(c.measure ? ['all(t IN $tokens WHERE c.searchText CONTAINS t)'] : []),
  ];
  return conditions.length ? `\nWHERE ${conditions.join(' AND ')}` : '';
}

export function claimCount(c: ClaimClauses): string {
  return `MATCH (c:Claim)${claimWhere(c)}
RETURN count(c) AS total`;
}

export function claimPage(c: ClaimClauses): string {
  return `MATCH (c:Claim)${claimWhere(c)}
WITH c ORDER BY c.measure, c.value, c.id SKIP $skip LIMIT $limit
MATCH (d:Document)-[s:STATES]->(c)
OPTIONAL MATCH (c)-[:SOURCED_FROM]->(r:Report)
RETURN c.id AS id, c.text AS text, c.value AS value, c.unit AS unit, c.measure AS measure,
       d.id AS docId, d.title AS title, d.publisher AS publisher, s.startOffset AS startOffset, s.endOffset AS endOffset,
       r.id AS reportId, r.title AS report
ORDER BY measure, value, id, docId, startOffset`;
}

// ---------------------------------------------------------------------------------- overview

export function countNodes(of: NodeLabel): string {
  return `MATCH (n:${label(of)}) RETURN count(n) AS total`;
}

export function countRelationships(of: RelType): string {
  return `MATCH ()-[r:${relType(of)}]->() RETURN count(r) AS total`;
}

export function topNodes(of: NodeLabel): string {
  return `MATCH (n:${label(of)})-[r]-() RETURN n, count(r) AS degree ORDER BY degree DESC, n.id LIMIT $limit`;
}

// ---------------------------------------------------------------------------------- console

/** Plans a user's statement without running it: the summary says whether it would write. */
export function explain(query: string): string {
  return `EXPLAIN ${query}`;
}
