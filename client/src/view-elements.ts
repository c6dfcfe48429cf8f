import cytoscape from 'cytoscape';
import { api } from './api.js';
import { type Point, mergeElements, planExpansion, remainingAfter, setMoreNode, shownNeighbours } from './graph/expand.js';
import { NODE_KINDS, REL_KINDS } from './graph/kinds.js';
import { MORE_KIND, isMoreId, toElements } from './graph/to-elements.js';
import type { ViewState } from './state/url-state.js';

// What a view state stands for on the canvas, fetched from the API: the focus and its
// neighbourhood (or the overview), then every expansion in order, with the state's filters.
// The same steps serve a link being opened, the filters changing and a single expansion.

export const PER_NODE = 25;
export const OVERVIEW_SIZE = 40;

type Defs = cytoscape.ElementDefinition[];
export type ApiFilters = { kinds?: string[]; rels?: string[] };

/** What to ask the API for: only the kinds and types switched on (nothing when all are). */
export function apiFilters(state: Pick<ViewState, 'hiddenKinds' | 'hiddenRels'>): ApiFilters {
  const kinds = NODE_KINDS.filter((k) => !state.hiddenKinds.includes(k));
  const rels = REL_KINDS.filter((r) => !state.hiddenRels.includes(r));
  return {
    kinds: kinds.length < NODE_KINDS.length ? kinds : undefined,
    rels: rels.length < REL_KINDS.length ? rels : undefined,
  };
}

/** One or more nodes' neighbours, as element definitions (with "+N more" nodes where the API cut them). */
export async function neighbourhood(ids: string[], filters: ApiFilters, perNode = PER_NODE): Promise<Defs> {
  const answer = await api.neighbourhood({ ids, depth: 1, perNode: Math.min(perNode, 500), ...filters });
  return toElements({ elements: answer.elements, truncated: answer.truncated });
}

/** Adds the rest of a node's neighbours, held back by a "+N more" node, to a graph (the canvas or a headless one). */
export async function moreInto(core: cytoscape.Core, moreId: string, filters: ApiFilters, guard: () => boolean): Promise<cytoscape.NodeCollection | null> {
  const more = core.getElementById(moreId);
  if (more.empty()) return null;
  const anchorId = String(more.data('anchor'));
  const total = shownNeighbours(core, anchorId).length + Number(more.data('hidden') || 0);
  const plan = planExpansion(core, moreId, PER_NODE);
  const defs = await neighbourhood(plan.ids, filters, plan.perNode);
  if (!guard()) return null;
  const added = mergeElements(core, defs, { anchorId }).nodes;
  setMoreNode(core, anchorId, remainingAfter(total, core, anchorId));
  return added;
}

/**
 * The elements a view state stands for, built in a headless graph. `guard` says whether the
 * answer is still wanted (the user may have moved on); null when it is not.
 */
export async function elementsFor(state: ViewState, guard: () => boolean): Promise<Defs | null> {
  const g = cytoscape({ headless: true, styleEnabled: false });
  try {
    const filters = apiFilters(state);
    if (state.focus) {
      const defs = await neighbourhood([state.focus], filters);
      if (!guard()) return null;
      mergeElements(g, defs, {});
      g.getElementById(state.focus).addClass('focus expanded');
    } else {
      const overview = await api.overview(OVERVIEW_SIZE);
      if (!guard()) return null;
      mergeElements(g, toElements({ elements: overview.elements }), {});
    }
    for (const id of state.expanded) {
      if (isMoreId(id)) {
        await moreInto(g, id, filters, guard);
      } else {
        const defs = await neighbourhood([id], filters);
        if (!guard()) return null;
        mergeElements(g, defs, { anchorId: g.getElementById(id).nonempty() ? id : null });
        g.getElementById(id).addClass('expanded');
      }
      if (!guard()) return null;
    }
    return g.elements().jsons() as unknown as Defs;
  } finally {
    g.destroy();
  }
}

/**
 * Adds the nodes of `defs` that are not on the canvas next to a neighbour that is (else at
 * `fallback`), then the relationships; updates "+N more" counts. Returns the nodes added.
 */
export function placeNear(cy: cytoscape.Core, defs: Defs, fallback: Point): cytoscape.NodeCollection {
  const edges = defs.filter((d) => d.group === 'edges');
  const groups = new Map<string, Defs>();
  for (const def of defs) {
    const id = String(def.data.id);
    if (def.group !== 'nodes') continue;
    const existing = cy.getElementById(id);
    if (existing.nonempty()) {
      if (def.data.kind === MORE_KIND) existing.data({ hidden: def.data.hidden, label: def.data.label, short: def.data.short });
      continue;
    }
    let anchor = isMoreId(id) ? String(def.data.anchor) : '';
    if (!anchor) {
      for (const e of edges) {
        const other = e.data.source === id ? e.data.target : e.data.target === id ? e.data.source : null;
        if (other && cy.getElementById(String(other)).nonempty()) {
          anchor = String(other);
          break;
        }
      }
    }
    groups.set(anchor, [...(groups.get(anchor) ?? []), { group: 'nodes', data: def.data, classes: def.classes }]);
  }
  let added = cy.collection() as cytoscape.NodeCollection;
  for (const [anchor, group] of groups) {
    const at = anchor ? cy.getElementById(anchor) : null;
    const center: Point = at?.nonempty() ? { ...at.position() } : fallback;
    added = added.union(mergeElements(cy, group, { center }).nodes);
  }
  mergeElements(cy, edges.map((e) => ({ group: 'edges', data: e.data })), {});
  return added;
}
