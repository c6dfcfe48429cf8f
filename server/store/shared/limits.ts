import { NODE_LABELS, type NodeLabel } from '../../model/graph.js';

// Bounds and orders that every store applies the same way.

/** Which neighbours a capped expansion shows first: who and which bodies, then what they said, then where. */
export const NEIGHBOUR_ORDER: readonly NodeLabel[] = ['Person', 'Organization', 'Report', 'Quote', 'Document', 'Claim'];

/** Most provenance entries (document, span, relationship type) a node detail lists; the total is given beside them. */
export const PROVENANCE_CAP = 200;

/** Search looks at every kind unless told otherwise: a document is found by its title too. */
export const SEARCH_DEFAULT_LABELS: NodeLabel[] = [...NODE_LABELS];

/**
 * What a neighbourhood carries of each node and relationship: enough to draw and label it
 * (the node's own endpoint has the rest). Every store returns exactly these, so a graph
 * looks the same on either, and the embedded store reads no more columns than it shows.
 */
export const SUMMARY_NODE_PROPERTIES: Record<NodeLabel, readonly string[]> = {
  Document: ['id', 'title', 'publisher', 'publishedAt', 'kind'],
  Person: ['id', 'name', 'kind'],
  Organization: ['id', 'name', 'kind'],
  Report: ['id', 'title', 'publisher', 'year'],
  Quote: ['id', 'text'],
  Claim: ['id', 'text', 'value', 'unit', 'measure'],
};
export const SUMMARY_REL_PROPERTIES: readonly string[] = ['docId', 'title', 'startOffset', 'endOffset', 'count', 'year'];

export function pickProperties(props: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => props[k] !== undefined && props[k] !== null).map((k) => [k, props[k]]));
}

/** A node or relationship cut down to its summary properties (name and kind stay as they were). */
export function summaryNode<T extends { label: NodeLabel; properties: Record<string, unknown> }>(node: T): T {
  return { ...node, properties: pickProperties(node.properties, SUMMARY_NODE_PROPERTIES[node.label]) };
}
export function summaryEdge<T extends { properties: Record<string, unknown> }>(edge: T): T {
  return { ...edge, properties: pickProperties(edge.properties, SUMMARY_REL_PROPERTIES) };
}

/**
 * The console's answer, row by row, within its caps: rows and bytes of JSON. A row that would
 * pass the byte cap is not taken, so a few huge values cannot exhaust the server.
 */
export class AnswerBudget {
  private bytes = 0;
  truncatedBy: 'rows' | 'bytes' | null = null;

  constructor(private readonly rowLimit: number, private readonly byteLimit: number) {}

  /** false, and the reason recorded, when the row may not be taken */
  admit(rowsSoFar: number, row: unknown[]): boolean {
    if (rowsSoFar >= this.rowLimit) { this.truncatedBy = 'rows'; return false; }
    // a comma between rows
    this.bytes += jsonSize(row) + 1;
    if (this.bytes > this.byteLimit) { this.truncatedBy = 'bytes'; return false; }
    return true;
  }
}

function jsonSize(value: unknown): number {
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))?.length ?? 4;
  } catch {
    return 0;
  }
}
