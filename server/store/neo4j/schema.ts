import { NODE_LABELS, REL_TYPES, type NodeLabel, type RelType } from '../../model/graph.js';

// Neo4j declares no tables, but the adapter still writes a fixed set of properties, with the
// same names as the embedded store's columns, so the same console Cypher works on either.
// The types decide how a value is sent: Neo4j keeps integers and floats apart, and a plain
// JavaScript number always arrives as a float.

export type PropertyType = 'string' | 'string[]' | 'int' | 'int[]' | 'float';

export const NODE_PROPERTIES: Record<NodeLabel, Record<string, PropertyType>> = {
  Document: { id: 'string', title: 'string', publisher: 'string', url: 'string', publishedAt: 'string', kind: 'string', text: 'string', sha256: 'string', fileName: 'string', searchText: 'string' },
  Person: { id: 'string', name: 'string', aliases: 'string[]', kind: 'string', searchText: 'string' },
  Organization: { id: 'string', name: 'string', aliases: 'string[]', kind: 'string', searchText: 'string' },
  Report: { id: 'string', title: 'string', publisher: 'string', year: 'int', reference: 'string', searchText: 'string' },
  Quote: { id: 'string', text: 'string', startOffset: 'int', endOffset: 'int', documentId: 'string', searchText: 'string' },
  Claim: { id: 'string', text: 'string', value: 'float', unit: 'string', measure: 'string', searchText: 'string' },
};

export const REL_PROPERTIES: Record<string, PropertyType> = {
  docId: 'string', startOffset: 'int', endOffset: 'int', title: 'string', count: 'int', spanStarts: 'int[]', spanEnds: 'int[]', year: 'int',
};

/** Properties a Quote keeps from the first document that carried it. */
export const QUOTE_FIRST_WRITER_PROPERTIES = ['startOffset', 'endOffset', 'documentId'] as const;

/** Labels the full-text index covers: every searchable entity. Documents are found by scan. */
export const FULLTEXT_LABELS = ['Person', 'Organization', 'Report', 'Quote', 'Claim'] as const satisfies readonly NodeLabel[];
export const FULLTEXT_INDEX = 'entity_names';

/** Relationship types written per document: each gets a range index on docId for the re-write. */
export const DOCUMENT_REL_TYPES = REL_TYPES.filter((t) => t !== 'RENAMED_TO');

export function constraintName(label: NodeLabel): string {
  return `${label.toLowerCase()}_id_unique`;
}

export function docIdIndexName(type: RelType): string {
  return `${type.toLowerCase()}_doc_id`;
}

/** Every property key the adapter writes, for the lint's schema. */
export function propertyKeys(): string[] {
  const keys = new Set<string>(Object.keys(REL_PROPERTIES));
  for (const label of NODE_LABELS) for (const key of Object.keys(NODE_PROPERTIES[label])) keys.add(key);
  return [...keys].sort();
}
