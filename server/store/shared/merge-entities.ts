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

/** The entity without these aliases and titles (compared as folded to lower case). */
export function withoutNames<T extends Entity>(entity: T, forget: { aliases?: string[]; titles?: string[] }): T {
  const drop = (list: readonly string[] | undefined, names: string[] | undefined) => {
    const gone = new Set((names ?? []).map((n) => n.toLowerCase()));
    return (list ?? []).filter((x) => !gone.has(x.toLowerCase()));
  };
  const out = { ...entity, aliases: drop(entity.aliases, forget.aliases) } as T;
  if ('titles' in entity) (out as unknown as PersonNode).titles = drop((entity as unknown as PersonNode).titles, forget.titles);
  return out;
}
