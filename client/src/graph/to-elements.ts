import type cytoscape from 'cytoscape';
import type { ApiElement, GraphNode, Truncation } from '../api-types.js';
import { isNodeKind } from './kinds.js';

// Pure: API answers in, Cytoscape element definitions out. Every node gets a display label
// (`short`), its kind and subkind; every truncated node gets one "+N more" node.

export const MORE_KIND = 'More';
export const MORE_EDGE_KIND = 'MORE';
const MORE_PREFIX = 'more:';

const ID_PREFIX_KIND: Record<string, string> = {
  doc: 'Document', person: 'Person', org: 'Organization', report: 'Report', quote: 'Quote', claim: 'Claim',
};

export interface GraphDto {
  elements?: readonly ApiElement[] | null;
  /** the store's own shape, accepted too */
  nodes?: readonly GraphNode[] | null;
  edges?: readonly { id: string; type: string; source: string; target: string; properties?: Record<string, unknown> }[] | null;
  truncated?: readonly Truncation[] | boolean | null;
}

export function kindOfId(id: string): string | null {
  return ID_PREFIX_KIND[id.slice(0, id.indexOf(':'))] ?? null;
}

export function moreNodeId(anchorId: string): string {
  return `${MORE_PREFIX}${anchorId}`;
}

export function isMoreId(id: string): boolean {
  return id.startsWith(MORE_PREFIX);
}

export function shortLabel(kind: string, label: string, max = kind === 'Person' || kind === 'Organization' || kind === 'Report' ? 60 : 36): string {
  const clean = label.replace(/\s+/g, ' ').trim();
  const cut = clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
  return kind === 'Quote' ? `“${cut}”` : cut;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.length ? value : null;
}

/** One node's data, normalised whatever shape it came in. */
export function nodeData(raw: Record<string, unknown>): Record<string, unknown> & { id: string; kind: string; label: string } {
  const id = String(raw.id);
  let kind = str(raw.kind);
  let label = str(raw.label);
  let subkind = raw.subkind === undefined ? undefined : (str(raw.subkind) ?? null);
  // a store-shaped node: {label: 'Person', name, kind: 'inspector'}
  if (!isNodeKind(kind) && isNodeKind(label)) {
    subkind = subkind ?? kind;
    kind = label;
    label = str(raw.name);
  }
  if (!isNodeKind(kind)) kind = kindOfId(id) ?? kind ?? 'Other';
  const display = label ?? str(raw.name) ?? str(raw.title) ?? str(raw.text) ?? id;
  const data: Record<string, unknown> = { ...raw, id, kind, label: display, subkind: subkind ?? null, short: shortLabel(kind, display) };
  return data as Record<string, unknown> & { id: string; kind: string; label: string };
}

export function nodeElement(node: GraphNode): cytoscape.ElementDefinition {
  return {
    group: 'nodes',
    data: nodeData({ ...node.properties, id: node.id, kind: node.label, label: node.name, subkind: node.kind }),
  };
}

function edgeData(raw: Record<string, unknown>): Record<string, unknown> & { id: string; source: string; target: string; kind: string } {
  const source = String(raw.source);
  const target = String(raw.target);
  const kind = str(raw.kind) ?? str(raw.type) ?? str(raw.label) ?? 'RELATED';
  const docId = str(raw.docId);
  const id = str(raw.id) ?? `${kind}:${source}->${target}@${docId ?? '-'}`;
  return { ...raw, id, source, target, kind, label: str(raw.label) ?? kind, docId };
}

export function moreElements(anchorId: string, hidden: number): cytoscape.ElementDefinition[] {
  const id = moreNodeId(anchorId);
  return [
    { group: 'nodes', data: { id, kind: MORE_KIND, label: `+${hidden} more`, short: `+${hidden} more`, anchor: anchorId, hidden, subkind: null } },
    { group: 'edges', data: { id: `${id}:edge`, source: anchorId, target: id, kind: MORE_EDGE_KIND, label: '' } },
  ];
}

export function toElements(dto: GraphDto): cytoscape.ElementDefinition[] {
  const nodes = new Map<string, cytoscape.ElementDefinition>();
  const edges = new Map<string, cytoscape.ElementDefinition>();
  for (const element of dto.elements ?? []) {
    if (!element || typeof element !== 'object' || !element.data || element.data.id === undefined) continue;
    if (element.group === 'edges' || ('source' in element.data && 'target' in element.data)) {
      const data = edgeData(element.data as Record<string, unknown>);
      edges.set(data.id, { group: 'edges', data });
    } else {
      const data = nodeData(element.data as Record<string, unknown>);
      nodes.set(data.id, { group: 'nodes', data });
    }
  }
  for (const node of dto.nodes ?? []) nodes.set(node.id, nodeElement(node));
  for (const edge of dto.edges ?? []) {
    const data = edgeData({ ...edge.properties, id: edge.id, source: edge.source, target: edge.target, kind: edge.type });
    edges.set(data.id, { group: 'edges', data });
  }
  const out = [...nodes.values(), ...edges.values()];
  if (Array.isArray(dto.truncated)) {
    for (const { id, hidden } of dto.truncated) {
      if (hidden > 0 && nodes.has(id)) out.push(...moreElements(id, hidden));
    }
  }
  return out;
}

/** The node ids of a set of definitions, "+N more" nodes left out. */
export function nodeIds(elements: readonly cytoscape.ElementDefinition[]): string[] {
  return elements
    .filter((e) => e.group === 'nodes' && !isMoreId(String(e.data.id)))
    .map((e) => String(e.data.id));
}
