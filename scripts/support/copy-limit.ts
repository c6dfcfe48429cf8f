import fs from 'node:fs';
import path from 'node:path';
import lbug from '@ladybugdb/core';
import { NODE_LABELS, relationshipGroups, type DocumentGraph, type NodeLabel, type Relationship } from '../../server/model/graph.js';
import { withSearchText } from '../../server/model/search-text.js';
import { BulkFiles } from '../../server/store/ladybug/bulk-copy.js';
import { Session } from '../../server/store/ladybug/connections.js';
import { NODE_COLUMNS, REL_COLUMNS, schemaStatements } from '../../server/store/ladybug/schema.js';

// What the embedded store itself can do with a graph: every node and relationship of the
// documents, each once, loaded into empty tables by one COPY FROM per table. The bar our own
// load is measured against; it skips all the load's checks, merges and journal.

export interface CopyLimit { seconds: number; nodes: number; relationships: number }

export async function copyLimit(graphs: Iterable<DocumentGraph>, dir: string): Promise<CopyLimit> {
  const nodes = new Map<NodeLabel, Map<string, Record<string, unknown>>>(NODE_LABELS.map((l) => [l, new Map()]));
  const rels: Relationship[] = [];
  for (const g of graphs) {
    const put = (label: NodeLabel, node: object) => nodes.get(label)!.set((node as { id: string }).id, withSearchText(label, node));
    put('Document', { ...g.document, text: null });
    for (const p of g.people) put('Person', p);
    for (const o of g.organizations) put('Organization', o);
    for (const r of g.reports) put('Report', r);
    for (const q of g.quotes) if (!nodes.get('Quote')!.has(q.id)) put('Quote', q);
    for (const c of g.claims) put('Claim', c);
    rels.push(...g.relationships);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const db = new lbug.Database(path.join(dir, 'graph.lbug'));
  const session = new Session(new lbug.Connection(db));
  // the generated texts hold no line breaks, so the store's parallel reader may take them
  const files = new BulkFiles(path.join(dir, 'csv'), true);
  try {
    for (const statement of schemaStatements()) await session.run(statement);
    const statements = [
      ...[...nodes].filter(([, rows]) => rows.size).map(([label, rows]) => files.nodeCopy(label, [...rows.values()], Object.entries(NODE_COLUMNS[label]))),
      ...relationshipGroups(rels).map((g) => files.relationshipCopy(g.type, g.from, g.to, g.rels, Object.entries(REL_COLUMNS))),
    ];
    // the files are written: what is timed is the database reading them
    const started = process.hrtime.bigint();
    for (const statement of statements) await session.once(statement);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { seconds, nodes: [...nodes.values()].reduce((n, m) => n + m.size, 0), relationships: rels.length };
  } finally {
    await session.conn.close();
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
