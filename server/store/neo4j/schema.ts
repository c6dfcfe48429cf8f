import { REL_TYPES, type NodeLabel, type RelType } from '../../model/graph.js';

// Neo4j declares no tables; the adapter still writes exactly the model's properties
// (NODE_PROPERTIES, REL_PROPERTIES), whose types decide how a value is sent: Neo4j keeps
// integers and floats apart, and a plain JavaScript number always arrives as a float.

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
