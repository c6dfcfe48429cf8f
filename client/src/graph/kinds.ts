import type { NodeLabel, RelType } from '../api-types.js';

// What each kind of node looks like: one colour and one shape per label, a shade per subkind.
// The stylesheet, the legend, the search suggestions and the reader's marks all read this.

export type NodeShape = 'ellipse' | 'round-rectangle' | 'rectangle' | 'diamond' | 'hexagon' | 'tag' | 'round-tag' | 'barrel';

export interface KindLook {
  title: string;
  color: string;
  shape: NodeShape;
  size: number;
  /** label size: entities read from further out than quotes and figures */
  fontSize: number;
}

export const NODE_KINDS = ['Person', 'Organization', 'Report', 'Document', 'Quote', 'Claim'] as const satisfies readonly NodeLabel[];

export const KIND_LOOK: Record<NodeLabel, KindLook> = {
  Person: { title: 'Person', color: '#2563a8', shape: 'ellipse', size: 34, fontSize: 12 },
  Organization: { title: 'Organisation', color: '#1f7a4d', shape: 'round-rectangle', size: 36, fontSize: 12 },
  Report: { title: 'Report', color: '#b7791f', shape: 'tag', size: 34, fontSize: 12 },
  Document: { title: 'Document', color: '#5b6473', shape: 'rectangle', size: 26, fontSize: 11 },
  Quote: { title: 'Quote', color: '#c0306a', shape: 'diamond', size: 24, fontSize: 10 },
  Claim: { title: 'Claim', color: '#6d3fc0', shape: 'hexagon', size: 26, fontSize: 10 },
};

/** Shades within a kind: same shape, its own colour. */
export const SUBKIND_COLOR: Partial<Record<NodeLabel, Record<string, string>>> = {
  Person: {
    inspector: '#2563a8',
    commissioner: '#7b3fa0',
    'chief-officer': '#12355b',
    official: '#4f93d2',
    politician: '#b0357a',
    executive: '#4b5d7f',
    other: '#7f9bbd',
  },
  Organization: {
    force: '#15603b',
    inspectorate: '#2f9a62',
    'commissioner-office': '#5f8f1f',
    union: '#a84a16',
    charity: '#d0861c',
    government: '#4a5a23',
    regulator: '#137c7c',
    academic: '#6f8f3a',
    media: '#8a6048',
    other: '#7c9a86',
  },
};

export const MORE_LOOK = { title: 'More neighbours', color: '#ffffff', border: '#5b6473' };

export const REL_KINDS = [
  'SAID', 'QUOTED_IN', 'HOLDS_ROLE', 'PUBLISHED', 'COVERS', 'CONCERNS', 'MENTIONS', 'RENAMED_TO', 'STATES', 'SOURCED_FROM',
] as const satisfies readonly RelType[];

export const REL_COLOR: Record<RelType, string> = {
  SAID: '#c0306a',
  QUOTED_IN: '#9a8f8f',
  HOLDS_ROLE: '#2563a8',
  PUBLISHED: '#b7791f',
  COVERS: '#8a7350',
  CONCERNS: '#1f7a4d',
  MENTIONS: '#b5bcc6',
  RENAMED_TO: '#333333',
  STATES: '#6d3fc0',
  SOURCED_FROM: '#8d6cc9',
};

export function isNodeKind(value: unknown): value is NodeLabel {
  return typeof value === 'string' && (NODE_KINDS as readonly string[]).includes(value);
}

export function colorOf(kind: string, subkind?: string | null): string {
  if (!isNodeKind(kind)) return MORE_LOOK.border;
  return (subkind && SUBKIND_COLOR[kind]?.[subkind]) || KIND_LOOK[kind].color;
}
