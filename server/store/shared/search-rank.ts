import { foldText } from '../../model/search-text.js';

// Ranking is the same on every store: candidates come from the store's own index or scan,
// the order comes from here.

export const RANK = { exactName: 4, exactAlias: 3, prefix: 2, contains: 1 } as const;

export function queryTokens(text: string): string[] {
  return foldText(text).split(' ').filter(Boolean).slice(0, 8);
}

/** Every query word must start a word of one name (prefix), or failing that appear inside it. */
export function rankNames(query: string, name: string, aliases: readonly string[]): { rank: number; matched: string } | null {
  const q = foldText(query);
  const tokens = queryTokens(query);
  if (!tokens.length) return null;
  const names = [name, ...aliases];
  const folded = names.map(foldText);
  if (folded[0] === q) return { rank: RANK.exactName, matched: name };
  const aliasIdx = folded.findIndex((f, i) => i > 0 && f === q);
  if (aliasIdx > 0) return { rank: RANK.exactAlias, matched: names[aliasIdx]! };
  const prefixIdx = folded.findIndex((f) => tokens.every((t) => ` ${f}`.includes(` ${t}`)));
  if (prefixIdx >= 0) return { rank: RANK.prefix, matched: names[prefixIdx]! };
  const containsIdx = folded.findIndex((f) => tokens.every((t) => f.includes(t)));
  if (containsIdx >= 0) return { rank: RANK.contains, matched: names[containsIdx]! };
  return null;
}

/** The order of search hits on every store: best rank, then the shorter name, then the id. */
export function compareHits(a: { rank: number; node: { id: string; name: string } }, b: { rank: number; node: { id: string; name: string } }): number {
  return b.rank - a.rank || a.node.name.length - b.node.name.length || (a.node.id < b.node.id ? -1 : a.node.id > b.node.id ? 1 : 0);
}
