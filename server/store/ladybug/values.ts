import { displayName, labelOfId, nodeKind, edgeId, NODE_LABELS, REL_TYPES, type GraphEdge, type GraphNode, type NodeLabel, type RelType } from '../../model/graph.js';

// Convert at the edge: LadybugDB values never leave this folder.

interface InternalId { offset: number | bigint; table: number | bigint }
type Raw = Record<string, unknown>;

export function internalKey(id: unknown): string {
  const v = id as InternalId;
  return `${v.table}:${v.offset}`;
}

export function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    const obj = value as Raw;
    if (isNode(obj)) return toGraphNode(obj);
    if (isPath(obj)) return { nodes: (obj._nodes as Raw[]).map(toGraphNode), relationships: (obj._rels as Raw[]).map((r) => r._label) };
    return Object.fromEntries(Object.entries(obj).filter(([k]) => !k.startsWith('_')).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

export function isNode(v: Raw): boolean {
  return typeof v._label === 'string' && '_id' in v && !('_src' in v) && NODE_LABELS.includes(v._label as NodeLabel);
}
export function isRel(v: Raw): boolean {
  return typeof v._label === 'string' && '_src' in v && '_dst' in v;
}
export function isPath(v: Raw): boolean {
  return Array.isArray(v._nodes) && Array.isArray(v._rels);
}

export function nodeProperties(raw: Raw): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k.startsWith('_') || k === 'searchText' || v === null || v === undefined) continue;
    props[k] = plain(v);
  }
  return props;
}

export function toGraphNode(raw: Raw): GraphNode {
  const props = nodeProperties(raw);
  const id = String(props.id);
  const label = (labelOfId(id) ?? raw._label) as NodeLabel;
  return { id, label, name: displayName(label, props), kind: nodeKind(label, props), properties: props };
}

/** A relationship value with its endpoints resolved through the internal ids of nodes seen alongside it. */
export function toGraphEdge(raw: Raw, idsByInternal: Map<string, string>): GraphEdge | null {
  const source = idsByInternal.get(internalKey(raw._src));
  const target = idsByInternal.get(internalKey(raw._dst));
  const type = raw._label as RelType;
  if (!source || !target || !REL_TYPES.includes(type)) return null;
  const props = nodeProperties(raw);
  return { id: edgeId(type, source, target, (props.docId as string) ?? null), type, source, target, properties: props };
}
