import { displayName, type NodeLabel, type Properties } from '../../model/graph.js';
import { foldText } from '../../model/search-text.js';

// What the embedded store's search index (memory-search.ts) keeps of a node: its folded
// names or text and the length of its display name. Pure.

/** Labels found by their names (word prefixes, exact names and aliases). */
export const NAME_LABELS = ['Person', 'Organization', 'Report', 'Document'] as const satisfies readonly NodeLabel[];
/** Labels found by the words of their text. */
export const TEXT_LABELS = ['Quote', 'Claim'] as const satisfies readonly NodeLabel[];
export type NameLabel = (typeof NAME_LABELS)[number];
export type TextLabel = (typeof TEXT_LABELS)[number];

export function isNameLabel(label: NodeLabel): label is NameLabel {
  return (NAME_LABELS as readonly string[]).includes(label);
}

/** The folded lines a node is found by: its name first, then its aliases; or its text. */
export function searchLines(label: NodeLabel, props: Properties): string[] {
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const raw: (string | null)[] = {
    Person: () => [str(props.name), ...list(props.aliases)],
    Organization: () => [str(props.name), ...list(props.aliases)],
    // a report's reference ("HMICFRS 2019/123") is another name for it; its publisher is not
    Report: () => [str(props.title), str(props.reference)],
    Document: () => [str(props.title)],
    Quote: () => [str(props.text)],
    Claim: () => [str(props.text), str(props.measure)],
  }[label]();
  const lines: string[] = [];
  for (const value of raw) {
    const folded = value ? foldText(value) : '';
    if (folded && !lines.includes(folded)) lines.push(folded);
  }
  return lines;
}

/** What the index keeps of a node: enough to order candidates and to check them without reading the node. */
export interface IndexEntry {
  id: string;
  label: NodeLabel;
  /** folded lines joined by "|", the same shape as the model's searchText */
  lines: string;
  /** length of the display name: shorter names come first among equal matches */
  len: number;
}

export function indexEntry(id: string, label: NodeLabel, props: Properties): IndexEntry {
  const lines = searchLines(label, props);
  return { id, label, lines: lines.join('|'), len: displayName(label, props).length };
}

/** Does every token start a word of one line (all but the last must be whole words when `wholeWords`)? */
export function linesMatch(lines: string, tokens: readonly string[], wholeWords: boolean): boolean {
  return lines.split('|').some((line) => {
    const padded = ` ${line} `;
    return tokens.every((t, i) => padded.includes(wholeWords && i < tokens.length - 1 ? ` ${t} ` : ` ${t}`));
  });
}
