import { NODE_LABELS, REL_ENDPOINTS, REL_TYPES, type NodeLabel } from '../../model/graph.js';

// LadybugDB needs declared tables. They follow the model: one node table per label, one
// relationship table per type with every FROM/TO pair the model allows.

export const NODE_COLUMNS: Record<NodeLabel, Record<string, string>> = {
  Document: { id: 'STRING', title: 'STRING', publisher: 'STRING', url: 'STRING', publishedAt: 'STRING', kind: 'STRING', text: 'STRING', sha256: 'STRING', fileName: 'STRING', searchText: 'STRING' },
  Person: { id: 'STRING', name: 'STRING', aliases: 'STRING[]', kind: 'STRING', titles: 'STRING[]', searchText: 'STRING' },
  Organization: { id: 'STRING', name: 'STRING', aliases: 'STRING[]', kind: 'STRING', searchText: 'STRING' },
  Report: { id: 'STRING', title: 'STRING', publisher: 'STRING', year: 'INT64', reference: 'STRING', searchText: 'STRING' },
  Quote: { id: 'STRING', text: 'STRING', startOffset: 'INT64', endOffset: 'INT64', documentId: 'STRING', searchText: 'STRING' },
  Claim: { id: 'STRING', text: 'STRING', value: 'DOUBLE', unit: 'STRING', measure: 'STRING', searchText: 'STRING' },
};

export const REL_COLUMNS: Record<string, string> = {
  docId: 'STRING', startOffset: 'INT64', endOffset: 'INT64', title: 'STRING', count: 'INT64', spanStarts: 'INT64[]', spanEnds: 'INT64[]', year: 'INT64',
};

export function schemaStatements(): string[] {
  const nodes = NODE_LABELS.map((label) => {
    const cols = Object.entries(NODE_COLUMNS[label]).map(([name, type]) => `${name} ${type}${name === 'id' ? ' PRIMARY KEY' : ''}`);
    return `CREATE NODE TABLE IF NOT EXISTS ${label}(${cols.join(', ')})`;
  });
  const rels = REL_TYPES.map((type) => {
    const pairs = REL_ENDPOINTS[type].map(([a, b]) => `FROM ${a} TO ${b}`);
    const cols = Object.entries(REL_COLUMNS).map(([name, t]) => `${name} ${t}`);
    return `CREATE REL TABLE IF NOT EXISTS ${type}(${[...pairs, ...cols].join(', ')})`;
  });
  return [...nodes, ...rels];
}

/** A typed expression for a struct field: nulls inside UNWIND lists are otherwise bound as STRING. */
export function typedField(row: string, field: string, type: string): string {
  return type === 'STRING' ? `${row}.${field}` : `CAST(${row}.${field} AS ${type})`;
}
