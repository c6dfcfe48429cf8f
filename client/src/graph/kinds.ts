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

/**
 * Shades within a kind: same shape, the kind's own hue, so a union never reads as a report nor a
 * politician as a quote (tests/unit/client-pure.test.ts checks hue and contrast).
 */
export const SUBKIND_COLOR: Partial<Record<NodeLabel, Record<string, string>>> = {
  Person: {
    inspector: '#2563a8',
    commissioner: '#2b4c9f',
    'chief-officer': '#12355b',
    official: '#3f86c9',
    politician: '#1d6f96',
    executive: '#45597e',
    other: '#6b8bb3',
  },
  Organization: {
    force: '#15603b',
    inspectorate: '#2f9a62',
    'commissioner-office': '#3e7d2c',
    union: '#0f7a6a',
    charity: '#2d8a45',
    government: '#2f5233',
    regulator: '#1a6e5a',
    academic: '#4f8a4a',
    media: '#49735a',
    other: '#6f8f7a',
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
