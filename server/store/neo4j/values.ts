import neo4j, { type Integer, type Node, type Path, type Relationship } from 'neo4j-driver';
import {
  NODE_LABELS, REL_TYPES, displayName, edgeId, labelOfId, nodeKind,
  type GraphEdge, type GraphNode, type NodeLabel, type Properties, type RelType,
} from '../../model/graph.js';
import type { PropertyType } from '../../model/graph.js';

// Convert at the edge: driver values (Integer, Node, Relationship, Path, temporal and spatial
// types) never leave this folder, and values going in get the types Neo4j should store.

export type Row = Record<string, unknown>;

// ----------------------------------------------------------------------------- going in

/** A JavaScript number is sent as a float; counts, offsets and limits must be integers. */
export function int(value: number): Integer {
  return neo4j.int(Math.trunc(value));
}

function typed(value: unknown, type: PropertyType): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'int') return int(value as number);
  if (type === 'int[]') return (value as number[]).map(int);
  return value;
}

/** One row of an UNWIND batch: exactly the declared properties, each as its declared type. */
export function typedRow(value: Record<string, unknown>, properties: Record<string, PropertyType>, extra: Row = {}): Row {
  const row: Row = { ...extra };
  for (const [name, type] of Object.entries(properties)) row[name] = typed(value[name], type);
  return row;
}

/**
 * A console user's parameters arrive as JSON, which has one kind of number; whole numbers go
 * to Neo4j as integers so that `LIMIT $n` and `n.year = $y` behave as the user means.
 */
export function userParams(value: unknown): unknown {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return neo4j.int(value);
  if (Array.isArray(value)) return value.map(userParams);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, userParams(v)]));
  }
  return value;
}

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/** Each folded token becomes a prefix term, all required: "jane mar" finds "Jane Marsh". */
/** Word prefixes, all required; with `oneTypo`, a word at least that long may also be one edit away. */
export function luceneQuery(tokens: readonly string[], options: { oneTypo?: number } = {}): string {
  return tokens.map((t) => {
    const term = t.replace(LUCENE_SPECIAL, (c) => `\\${c}`);
    return options.oneTypo && t.length >= options.oneTypo ? `(${term}* OR ${term}~1)` : `${term}*`;
  }).join(' AND ');
}

// ----------------------------------------------------------------------------- coming out

export function num(value: unknown): number {
  if (neo4j.isInt(value)) return (value as Integer).toNumber();
  if (typeof value === 'bigint') return Number(value);
  return Number(value);
}

export function numOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : num(value);
}

export function strOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** Any value a result can hold, as plain JSON-friendly data. */
export function plain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (neo4j.isInt(value)) return num(value);
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value !== 'object') return value;
  if (neo4j.isNode(value)) return toGraphNode(value as Node) ?? plainProperties((value as Node).properties);
  // as on the embedded store: a relationship in a row is its properties
  if (neo4j.isRelationship(value) || neo4j.isUnboundRelationship(value)) return plainProperties((value as Relationship).properties);
  if (neo4j.isPath(value)) {
    const path = value as Path;
    return { nodes: pathNodes(path).map((n) => plain(n)), relationships: path.segments.map((s) => s.relationship.type) };
  }
  if (neo4j.isPathSegment(value)) {
    const s = value as { start: Node; relationship: Relationship; end: Node };
    return { start: plain(s.start), relationship: s.relationship.type, end: plain(s.end) };
  }
  if (
    neo4j.isDate(value) || neo4j.isDateTime(value) || neo4j.isLocalDateTime(value) ||
    neo4j.isTime(value) || neo4j.isLocalTime(value) || neo4j.isDuration(value)
  ) {
    return String(value);
  }
  if (neo4j.isPoint(value)) {
    const p = value as { srid: unknown; x: number; y: number; z?: number };
    return { srid: num(p.srid), x: p.x, y: p.y, ...(p.z === undefined ? {} : { z: p.z }) };
  }
  if (neo4j.isVector(value)) return Array.from((value as { asTypedArray(): ArrayLike<number | bigint> }).asTypedArray(), (v) => Number(v));
  if (Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return String(value);
}

/** Stored properties as the API shows them: no derived search text, no nulls. */
export function plainProperties(raw: Record<string, unknown>): Properties {
  const props: Properties = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'searchText' || v === null || v === undefined) continue;
    props[k] = plain(v);
  }
  return props;
}

/** A node of the model as a GraphNode; null for anything without a model id and label. */
export function toGraphNode(node: Node): GraphNode | null {
  const props = plainProperties(node.properties);
  if (typeof props.id !== 'string') return null;
  const label = labelOfId(props.id) ?? (node.labels.find((l) => (NODE_LABELS as readonly string[]).includes(l)) as NodeLabel | undefined);
  if (!label) return null;
  return { id: props.id, label, name: displayName(label, props), kind: nodeKind(label, props), properties: props };
}

/** A node the adapter's own statements returned: always a node of the model. */
export function modelNode(value: unknown): GraphNode {
  const node = neo4j.isNode(value) ? toGraphNode(value as Node) : null;
  if (!node) throw new Error('expected a node of the graph model in the result');
  return node;
}

export function toGraphEdge(rel: Relationship, source: string, target: string): GraphEdge | null {
  const type = rel.type as RelType;
  if (!REL_TYPES.includes(type)) return null;
  const props = plainProperties(rel.properties);
  return { id: edgeId(type, source, target, (props.docId as string | undefined) ?? null), type, source, target, properties: props };
}

function pathNodes(path: Path): Node[] {
  return [path.start, ...path.segments.map((s) => s.end)];
}

/**
 * Every node, relationship and path anywhere in a set of values, as graph elements.
 * Relationship ends are matched to nodes by elementId; a relationship whose ends are not
 * among the values is left out, as on the embedded store.
 */
export function collectGraph(values: unknown[]): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodes = new Map<string, GraphNode>();
  const idsByElement = new Map<string, string>();
  const rels: Relationship[] = [];
  const visit = (v: unknown): void => {
    if (!v || typeof v !== 'object') return;
    if (Array.isArray(v)) { v.forEach(visit); return; }
    if (neo4j.isNode(v)) {
      const node = toGraphNode(v as Node);
      if (node) { nodes.set(node.id, node); idsByElement.set((v as Node).elementId, node.id); }
      return;
    }
    if (neo4j.isRelationship(v)) { rels.push(v as Relationship); return; }
    if (neo4j.isPath(v)) {
      const path = v as Path;
      pathNodes(path).forEach(visit);
      for (const s of path.segments) visit(s.relationship);
      return;
    }
    if (neo4j.isPathSegment(v)) {
      const s = v as { start: Node; relationship: Relationship; end: Node };
      visit(s.start); visit(s.end); visit(s.relationship);
      return;
    }
    if (Object.getPrototypeOf(v) === Object.prototype) Object.values(v).forEach(visit);
  };
  values.forEach(visit);
  const edges = new Map<string, GraphEdge>();
  for (const rel of rels) {
    const source = idsByElement.get(rel.startNodeElementId);
    const target = idsByElement.get(rel.endNodeElementId);
    const edge = source && target ? toGraphEdge(rel, source, target) : null;
    if (edge) edges.set(edge.id, edge);
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
