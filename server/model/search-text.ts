import type { NodeLabel } from './graph.js';

// Search runs without a full-text index on the embedded store, so every searchable node keeps
// a folded copy of its names. The same folding applies to the user's query.

export function foldText(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    // "Majesty’s" and "majestys" are the same word to someone typing
    .replace(/['‘’‚‛′`´]/g, '')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** One line per name, each framed by spaces so that a word prefix is a plain substring test. */
export function searchTextOf(names: readonly (string | null | undefined)[]): string {
  const folded = names.filter((n): n is string => !!n).map(foldText).filter(Boolean);
  return folded.map((n) => ` ${n} `).join('|');
}

/** The properties each label's searchText is folded from: one rule for both stores. */
const SEARCHED: Record<NodeLabel, readonly string[]> = {
  Document: ['title', 'publisher'],
  Person: ['name', 'aliases'],
  Organization: ['name', 'aliases'],
  Report: ['title', 'publisher', 'reference'],
  Quote: ['text'],
  Claim: ['text', 'measure'],
};

/** A node's properties with its searchText. */
export function withSearchText<T extends object>(label: NodeLabel, node: T): T & { searchText: string } {
  const props = node as Record<string, unknown>;
  return { ...node, searchText: searchTextOf(SEARCHED[label].flatMap((k) => (props[k] ?? null) as string | string[] | null)) };
}
