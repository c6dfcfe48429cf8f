import type { GraphEdge, GraphNode, Subgraph } from '../model/graph.js';

// The shape Cytoscape loads directly: data.id, data.source, data.target, data.kind, data.label.

export interface NodeElement { group: 'nodes'; data: Record<string, unknown> & { id: string; label: string; kind: string; subkind: string | null } }
export interface EdgeElement { group: 'edges'; data: Record<string, unknown> & { id: string; source: string; target: string; kind: string; label: string } }
export type Element = NodeElement | EdgeElement;

export function nodeElement(n: GraphNode): NodeElement {
  const { text, ...props } = n.properties;
  // a document's full text stays out of the graph payload; the reader fetches it
  const extra = n.label === 'Document' ? props : { ...props, ...(text !== undefined ? { text } : {}) };
  return { group: 'nodes', data: { ...extra, id: n.id, label: n.name, kind: n.label, subkind: n.kind } };
}

export function edgeElement(e: GraphEdge): EdgeElement {
  return { group: 'edges', data: { ...e.properties, id: e.id, source: e.source, target: e.target, kind: e.type, label: e.type } };
}

export function toElements(g: Pick<Subgraph, 'nodes' | 'edges'>): Element[] {
  const ids = new Set(g.nodes.map((n) => n.id));
  return [...g.nodes.map(nodeElement), ...g.edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map(edgeElement)];
}
