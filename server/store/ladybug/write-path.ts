import {
  NODE_LABELS, QUOTE_FIRST_WRITER_PROPERTIES, labelOfId, relationshipGroups,
  type DocumentGraph, type NodeLabel, type OrganizationNode, type PersonNode,
} from '../../model/graph.js';
import { withSearchText } from '../../model/search-text.js';
import { mergeEntity } from '../shared/merge-entities.js';
import type { Row, Session } from './connections.js';
import { NODE_COLUMNS, REL_COLUMNS, typedField } from './schema.js';
import { carries, type BulkFiles } from './bulk-copy.js';
import { toGraphNode } from './values.js';

// Writing one document's graph in one transaction, with statements whose cost follows the
// size of the document, not of the graph. Two LadybugDB planner facts shape them:
//  - `UNWIND $rows ... MERGE (n {id: row.id})` scans the whole table, while
//    `UNWIND $rows ... MATCH (n {id: row.id})` is a primary-key lookup: so upserts look up
//    which ids exist, then SET those and CREATE the others;
//  - `MATCH (a {id: row.from}), (b {id: row.to})` (one MATCH, a comma) is planned as a cross
//    product of two full scans; two MATCH clauses are two lookups.

export interface WriteOutcome {
  /** every node written, as it now stands: for the in-memory indexes */
  written: WrittenNode[];
  /** documents that were stored before, whose earlier statements were replaced */
  rewritten: string[];
  /** nodes deleted because nothing pointed at them any more */
  removed: string[];
}

export interface WrittenNode { id: string; label: NodeLabel; properties: Record<string, unknown> }

/**
 * Writes documents' graphs in the caller's transaction, with one statement per label and
 * relationship type for the whole batch: the same result as writing them one after another
 * (a later document's view of a shared person is merged over an earlier one's; a quote keeps
 * the offsets of the first document that carried it), for a fraction of the statements.
 * Document ids must be distinct within a batch.
 */
export async function writeDocuments(s: Session, graphs: DocumentGraph[], bulk: BulkFiles | null = null): Promise<WriteOutcome> {
  const docIds = graphs.map((g) => g.document.id);
  if (new Set(docIds).size !== docIds.length) throw new Error('a batch names the same document twice');
  const stored = new Set((await s.run('UNWIND $ids AS x MATCH (d:Document {id: x}) RETURN d.id AS id', { ids: docIds })).map((r) => r.id as string));
  const rewritten = docIds.filter((id) => stored.has(id));
  const touched = new Set<string>();
  for (const docId of rewritten) for (const id of await deleteDocumentStatements(s, docId)) touched.add(id);
  const written: WrittenNode[] = [];
  const put = async (label: NodeLabel, rows: Record<string, unknown>[], onCreateOnly: readonly string[] = []) => {
    await upsertNodes(s, label, rows, onCreateOnly, undefined, bulk);
    for (const r of rows) written.push({ id: r.id as string, label, properties: r });
  };
  // the text itself is in a file beside the graph (see TextFiles)
  await put('Document', graphs.map((g) => withSearchText('Document', { ...g.document, text: null })));
  written.push(...(await upsertEntities(s, 'Person', graphs.flatMap((g) => g.people), bulk)));
  written.push(...(await upsertEntities(s, 'Organization', graphs.flatMap((g) => g.organizations), bulk)));
  await put('Report', graphs.flatMap((g) => g.reports).map((r) => withSearchText('Report', r)));
  await put('Quote', firstWriterWins(graphs.flatMap((g) => g.quotes), QUOTE_FIRST_WRITER_PROPERTIES).map((q) => withSearchText('Quote', q)), QUOTE_FIRST_WRITER_PROPERTIES);
  await put('Claim', graphs.flatMap((g) => g.claims).map((c) => withSearchText('Claim', c)));
  await createRelationships(s, graphs.flatMap((g) => g.relationships), bulk);
  const writtenIds = new Set(written.map((e) => e.id));
  const removed = await deleteOrphans(s, [...touched].filter((id) => !writtenIds.has(id) && !docIds.includes(id)));
  // the last word on each node, as sequential writes would leave it
  const latest = [...new Map(written.map((e) => [e.id, e])).values()];
  return { written: latest, rewritten, removed };
}

/** Rows by id, the last row winning except for `first` properties, which keep the first row's values. */
function firstWriterWins<T extends { id: string }>(rows: T[], first: readonly string[]): Record<string, unknown>[] {
  const out = new Map<string, Record<string, unknown>>();
  for (const row of rows) {
    const had = out.get(row.id);
    out.set(row.id, had ? { ...row, ...Object.fromEntries(first.map((k) => [k, had[k]])) } : { ...row });
  }
  return [...out.values()];
}

/**
 * Removes every relationship this document stated and returns the nodes they touched. Each
 * statement has an end next to the document (see DocumentGraph), so all of them lie within
 * two steps of the document: found from it, never by scanning a relationship table.
 */
export async function deleteDocumentStatements(s: Session, docId: string): Promise<string[]> {
  const near = await s.run('MATCH (d:Document {id: $docId})-[]-(n) RETURN DISTINCT n.id AS id', { docId });
  if (!near.length) return [];
  const touched = new Set<string>(near.map((r) => r.id as string));
  for (const r of await s.run('MATCH (d:Document {id: $docId})-[]-(a)-[r]-(b) WHERE r.docId = $docId RETURN DISTINCT b.id AS id', { docId })) {
    touched.add(r.id as string);
  }
  // the far ones first, while the document's own relationships still lead to them; LadybugDB
  // deletes directed matches only; DISTINCT because a relationship can be reached twice
  await s.run('MATCH (d:Document {id: $docId})-[]-(a)-[r]->(b) WHERE r.docId = $docId AND b.id <> $docId WITH DISTINCT r DELETE r', { docId });
  await s.run('MATCH (d:Document {id: $docId})-[]-(a)<-[r]-(b) WHERE r.docId = $docId AND b.id <> $docId WITH DISTINCT r DELETE r', { docId });
  await s.run('MATCH (d:Document {id: $docId})-[r]->() WHERE r.docId = $docId DELETE r', { docId });
  await s.run('MATCH (d:Document {id: $docId})<-[r]-() WHERE r.docId = $docId DELETE r', { docId });
  touched.delete(docId);
  return [...touched];
}

/**
 * Removes a document, what it stated and what nothing else supports, in the caller's
 * transaction. A quote another document still carries keeps its place in one of those: the
 * offsets a quote holds are those of a document that has it.
 */
export async function removeDocument(s: Session, docId: string): Promise<{ removed: string[]; updated: WrittenNode[]; sha256: string | null }> {
  const [doc] = await s.run('MATCH (d:Document {id: $docId}) RETURN d.sha256 AS sha', { docId });
  if (!doc) return { removed: [], updated: [], sha256: null };
  const touched = await deleteDocumentStatements(s, docId);
  // what is left joins the document without a statement's provenance (none today; kept exact)
  await s.run('MATCH (d:Document {id: $docId})-[r]->() DELETE r', { docId });
  await s.run('MATCH (d:Document {id: $docId})<-[r]-() DELETE r', { docId });
  await s.run('MATCH (d:Document {id: $docId}) DELETE d', { docId });
  const removed = await deleteOrphans(s, touched);
  const gone = new Set(removed);
  const updated: WrittenNode[] = [];
  for (const id of touched.filter((t) => labelOfId(t) === 'Quote' && !gone.has(t))) {
    const [held] = await s.run('MATCH (q:Quote {id: $id}) RETURN q.documentId AS documentId', { id });
    if (held?.documentId !== docId) continue;
    const [other] = await s.run(
      'MATCH (q:Quote {id: $id})-[r:QUOTED_IN]->(d:Document) RETURN d.id AS documentId, r.startOffset AS startOffset, r.endOffset AS endOffset ORDER BY d.id LIMIT 1',
      { id },
    );
    if (!other) continue;
    const [row] = await s.run('MATCH (q:Quote {id: $id}) SET q.documentId = $documentId, q.startOffset = $startOffset, q.endOffset = $endOffset RETURN q', { id, ...other });
    if (row) updated.push({ id, label: 'Quote', properties: toGraphNode(row.q as Row).properties });
  }
  return { removed: [docId, ...removed], updated, sha256: (doc.sha as string) ?? null };
}

/** Deletes those of `ids` that no relationship reaches any more; returns the ids deleted. */
async function deleteOrphans(s: Session, ids: string[]): Promise<string[]> {
  const removed: string[] = [];
  // one primary-key statement per candidate: a batched EXISTS is planned as a scan, and
  // candidates are few (only what an edited document stopped saying)
  for (const id of ids) {
    const label = labelOfId(id);
    if (!label) continue;
    const [row] = await s.run(`MATCH (n:${label} {id: $id}) OPTIONAL MATCH (n)-[r]-() RETURN count(r) AS degree`, { id });
    if (row && Number(row.degree) === 0) {
      await s.run(`MATCH (n:${label} {id: $id}) DELETE n`, { id });
      removed.push(id);
    }
  }
  return removed;
}

/** People and bodies arrive from many documents: what is stored is merged with what comes in. Returns the merged nodes. */
export async function upsertEntities(
  s: Session, label: 'Person' | 'Organization', incoming: (PersonNode | OrganizationNode)[], bulk: BulkFiles | null = null,
): Promise<WrittenNode[]> {
  if (!incoming.length) return [];
  const existing = await s.run(`UNWIND $ids AS x MATCH (n:${label} {id: x}) RETURN n`, { ids: incoming.map((e) => e.id) });
  const stored = new Map(existing.map((r) => {
    const p = toGraphNode(r.n as Row).properties;
    return [p.id as string, { aliases: [], titles: [], ...p } as unknown as PersonNode];
  }));
  const known = new Set(stored.keys());
  const before = new Map(stored);
  const merged = new Map<string, Record<string, unknown>>();
  for (const e of incoming) {
    const m = mergeEntity(stored.get(e.id) as typeof e | undefined, e);
    stored.set(e.id, m as PersonNode);
    merged.set(e.id, withSearchText(label, m));
  }
  const rows = [...merged.values()];
  // a person most documents name is most often stored as they name them: nothing to SET
  const columns = Object.keys(NODE_COLUMNS[label]).filter((c) => c !== 'searchText');
  const unchanged = (r: Record<string, unknown>) => {
    const was = before.get(r.id as string) as unknown as Record<string, unknown> | undefined;
    return was !== undefined && columns.every((c) => JSON.stringify(was[c] ?? null) === JSON.stringify(r[c] ?? null));
  };
  await upsertNodes(s, label, rows.filter((r) => !unchanged(r)), [], known, bulk);
  return rows.map((r) => ({ id: r.id as string, label, properties: r }));
}

/**
 * Writes rows by id: existing nodes get every column SET (but `onCreateOnly` ones, which keep
 * the first writer's value), new ones are created whole (by COPY when `bulk` is given and
 * they are many).
 */
export async function upsertNodes(
  s: Session, label: NodeLabel, input: Record<string, unknown>[], onCreateOnly: readonly string[] = [], knownIds?: Set<string>, bulk: BulkFiles | null = null,
): Promise<void> {
  if (!input.length) return;
  // the last row for an id wins, as a MERGE would have it
  const rows = [...new Map(input.map((r) => [r.id as string, r])).values()];
  const columns = Object.entries(NODE_COLUMNS[label]).filter(([c]) => c !== 'id');
  const exists = knownIds ?? new Set((await s.run(`UNWIND $ids AS x MATCH (n:${label} {id: x}) RETURN n.id AS id`, { ids: rows.map((r) => r.id) })).map((r) => r.id as string));
  const update = rows.filter((r) => exists.has(r.id as string));
  const create = rows.filter((r) => !exists.has(r.id as string));
  const [copied, created] = bulk ? split(create, (r) => carries(r, columns)) : [[], create];
  if (copied.length) await bulk!.copyNodes(s, label, copied, [['id', 'STRING'], ...columns]);
  // a list mixing 436 and 48.5 is refused as two struct types: doubles travel as text and are cast back
  const params = (list: Record<string, unknown>[]) => list.map((r) => Object.fromEntries([['id', r.id], ...columns.map(([c, t]) => [c, t === 'DOUBLE' && r[c] != null ? String(r[c]) : r[c] ?? null])]));
  if (update.length) {
    const sets = columns.filter(([c]) => !onCreateOnly.includes(c)).map(([c, t]) => `n.${c} = ${typedField('row', c, t)}`).join(', ');
    await s.run(`UNWIND $rows AS row MATCH (n:${label} {id: row.id}) SET ${sets}`, { rows: params(update) });
  }
  if (created.length) {
    const props = ['id: row.id', ...columns.map(([c, t]) => `${c}: ${typedField('row', c, t)}`)].join(', ');
    await s.run(`UNWIND $rows AS row CREATE (n:${label} {${props}})`, { rows: params(created) });
  }
}

/** The items that pass and those that do not. */
function split<T>(items: T[], test: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (test(item) ? yes : no).push(item);
  return [yes, no];
}

export async function createRelationships(s: Session, rels: DocumentGraph['relationships'], bulk: BulkFiles | null = null): Promise<void> {
  const columns = Object.entries(REL_COLUMNS);
  const props = columns.map(([c, t]) => `${c}: ${typedField('row', c, t)}`).join(', ');
  for (const { type, from, to, rels: group } of relationshipGroups(rels)) {
    const [copied, rest] = bulk ? split(group, (r) => carries(r.props, columns)) : [[], group];
    if (copied.length) await bulk!.copyRelationships(s, type, from, to, copied, columns);
    if (!rest.length) continue;
    // as for nodes: a confidence of 1 beside 0.98 would make two struct types, so doubles travel as text
    const rows = rest.map((r) => ({ from: r.from, to: r.to, ...Object.fromEntries(Object.entries(r.props).map(([c, v]) => [c, REL_COLUMNS[c as keyof typeof REL_COLUMNS] === 'DOUBLE' && v != null ? String(v) : v])) }));
    await s.run(`UNWIND $rows AS row MATCH (a:${from} {id: row.from}) MATCH (b:${to} {id: row.to}) CREATE (a)-[:${type} {${props}}]->(b)`, { rows });
  }
}

/** The labels a list of ids names, each with its ids: for statements that need a label to use the primary key. */
export function byLabel(ids: readonly string[]): [NodeLabel, string[]][] {
  return NODE_LABELS.map((label) => [label, ids.filter((id) => labelOfId(id) === label)] as [NodeLabel, string[]]).filter(([, mine]) => mine.length);
}
