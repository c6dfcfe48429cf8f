import { foldText } from '../../model/search-text.js';

// Ranking is the same on every store: candidates come from the store's own index or scan,
// the order comes from here.

export const RANK = { exactName: 4, exactAlias: 3, prefix: 2, contains: 1, oneTypo: 0 } as const;

/** Shorter words are not corrected: one edit turns "kent" into "rent" and "sent". */
export const TYPO_MIN_LENGTH = 5;

/** At most one letter added, dropped, changed, or two neighbours swapped ("billingam", "billnigham"). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length, lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * Every query word starts a word of the name, or (being long enough) is one edit away from a
 * word of it, and at least one needed the edit: a name found only by tolerating a typo.
 */
export function matchesWithOneTypo(tokens: readonly string[], foldedName: string): boolean {
  const words = foldedName.split(' ');
  let corrected = false;
  for (const t of tokens) {
    if (words.some((w) => w.startsWith(t))) continue;
    if (t.length < TYPO_MIN_LENGTH || !words.some((w) => withinOneEdit(t, w))) return false;
    corrected = true;
  }
  return corrected;
}

export function queryTokens(text: string): string[] {
  return foldText(text).split(' ').filter(Boolean).slice(0, 8);
}

/** Every query word must start a word of one name (prefix), or failing that appear inside it, or failing that be one typo away. */
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
  const typoIdx = folded.findIndex((f) => matchesWithOneTypo(tokens, f));
  if (typoIdx >= 0) return { rank: RANK.oneTypo, matched: names[typoIdx]! };
  return null;
}

/** The order of search hits on every store: best rank, then the shorter name, then the id. */
export function compareHits(a: { rank: number; node: { id: string; name: string } }, b: { rank: number; node: { id: string; name: string } }): number {
  return b.rank - a.rank || a.node.name.length - b.node.name.length || (a.node.id < b.node.id ? -1 : a.node.id > b.node.id ? 1 : 0);
}
