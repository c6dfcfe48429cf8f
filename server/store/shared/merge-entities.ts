import type { PersonNode, OrganizationNode } from '../../model/graph.js';

// The same person or body arrives from many documents. What one document adds (an alias,
// a more specific kind) is kept; nothing another document said is lost.

type Entity = PersonNode | OrganizationNode;

export function mergeEntity<T extends Entity>(stored: T | undefined, incoming: T): T {
  if (!stored) return { ...incoming, aliases: uniqueAliases(incoming.name, incoming.aliases) };
  const kind = incoming.kind !== 'other' ? incoming.kind : stored.kind;
  const merged = { ...stored, kind, aliases: uniqueAliases(stored.name, [...stored.aliases, ...incoming.aliases, incoming.name]) } as T;
  if ('titles' in incoming || 'titles' in stored) {
    (merged as PersonNode).titles = [...new Set([...((stored as PersonNode).titles ?? []), ...((incoming as PersonNode).titles ?? [])])];
  }
  return merged;
}

function uniqueAliases(name: string, aliases: readonly string[]): string[] {
  const seen = new Set([name.toLowerCase()]);
  const out: string[] = [];
  for (const alias of aliases) {
    const key = alias.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(alias);
  }
  return out;
}
