import type cytoscape from 'cytoscape';
import { MORE_KIND, isMoreId, moreElements, moreNodeId } from './to-elements.js';

// Growing and shrinking the canvas without disturbing what is already laid out: new nodes are
// placed in rings around the node they came from (the caller may then lay out only them);
// "+N more" nodes hold the neighbours a limit left out; collapse takes back what an expansion
// added; filters and hiding switch elements off without removing them.

export interface Point {
  x: number;
  y: number;
}

export interface MergeResult {
  nodes: cytoscape.NodeCollection;
  edges: cytoscape.EdgeCollection;
}

/** Positions on concentric rings around a centre, the inner ring first. */
export function ringPositions(center: Point, count: number, firstRadius = 110, spacing = 44): Point[] {
  const out: Point[] = [];
  let radius = firstRadius;
  let ring = 0;
  while (out.length < count) {
    const capacity = Math.max(6, Math.floor((2 * Math.PI * radius) / spacing));
    const here = Math.min(capacity, count - out.length);
    const offset = ring % 2 ? Math.PI / here : 0;
    for (let i = 0; i < here; i++) {
      const angle = offset + (2 * Math.PI * i) / here - Math.PI / 2;
      out.push({ x: center.x + radius * Math.cos(angle), y: center.y + radius * Math.sin(angle) });
    }
    radius += spacing * 1.4;
    ring++;
  }
  return out;
}

/** How far from the centre the outermost of `count` ring positions lies. */
export function ringRadius(count: number, firstRadius = 110, spacing = 44): number {
  let radius = firstRadius;
  let left = count;
  for (;;) {
    left -= Math.max(6, Math.floor((2 * Math.PI * radius) / spacing));
    if (left <= 0) return radius;
    radius += spacing * 1.4;
  }
}

function viewportCenter(cy: cytoscape.Core): Point {
  const ext = cy.extent();
  if (Number.isFinite(ext.x1) && Number.isFinite(ext.w) && ext.w > 0) return { x: ext.x1 + ext.w / 2, y: ext.y1 + ext.h / 2 };
  return { x: 0, y: 0 };
}

/**
 * Adds what is new in `defs` to the graph. Nodes already there keep their position and
 * classes; edges whose ends are not on the canvas are left out; an anchor's "+N more" node
 * is replaced by the one the answer carries (or removed when the answer has none).
 */
export function mergeElements(
  cy: cytoscape.Core,
  defs: readonly cytoscape.ElementDefinition[],
  options: { anchorId?: string | null; center?: Point } = {},
): MergeResult {
  const anchor = options.anchorId ? cy.getElementById(options.anchorId) : null;
  const newNodes: cytoscape.ElementDefinition[] = [];
  const newEdges: cytoscape.ElementDefinition[] = [];
  const seen = new Set<string>();
  const incomingMore = new Set(defs.filter((d) => d.data.kind === MORE_KIND).map((d) => String(d.data.anchor)));

  cy.batch(() => {
    if (options.anchorId && !incomingMore.has(options.anchorId)) cy.getElementById(moreNodeId(options.anchorId)).remove();
    for (const def of defs) {
      const id = String(def.data.id);
      if (seen.has(id)) continue;
      seen.add(id);
      if (def.group === 'edges') {
        newEdges.push(def);
        continue;
      }
      const existing = cy.getElementById(id);
      if (existing.nonempty()) {
        if (def.data.kind === MORE_KIND) existing.data({ hidden: def.data.hidden, label: def.data.label, short: def.data.short });
        continue;
      }
      newNodes.push(def);
    }
  });

  const center = anchor?.nonempty() ? anchor.position() : options.center ?? viewportCenter(cy);
  const places = ringPositions(center, newNodes.length);
  const placed = newNodes.map((def, i) => ({ ...def, position: places[i] }));

  let nodes = cy.collection() as cytoscape.NodeCollection;
  let edges = cy.collection() as cytoscape.EdgeCollection;
  cy.batch(() => {
    if (placed.length) nodes = cy.add(placed).nodes();
    const edgeDefs = newEdges.filter((def) => {
      const { id, source, target } = def.data as { id: string; source: string; target: string };
      return cy.getElementById(id).empty() && cy.getElementById(source).nonempty() && cy.getElementById(target).nonempty();
    });
    if (edgeDefs.length) edges = cy.add(edgeDefs).edges();
  });
  return { nodes, edges };
}

/** Neighbours on the canvas, "+N more" nodes left out. */
export function shownNeighbours(cy: cytoscape.Core, id: string): cytoscape.NodeCollection {
  return cy.getElementById(id).neighborhood().nodes().filter((n) => !isMoreId(n.id()));
}

export interface ExpansionRequest {
  ids: string[];
  perNode: number;
}

/** The API's cap on neighbours per node. */
export const MAX_PER_NODE = 500;

/**
 * What to ask the API for when a node is expanded: its first `perNode` neighbours; or, for a
 * "+N more" node, enough to cover those shown and up to `maxMore` of the rest. (The API has no
 * way to skip the ones shown, so they come again and are merged away.)
 */
export function planExpansion(cy: cytoscape.Core, id: string, perNode = 25, maxMore = 250): ExpansionRequest {
  if (!isMoreId(id)) return { ids: [id], perNode };
  const more = cy.getElementById(id);
  const anchorId = String(more.data('anchor'));
  const shown = shownNeighbours(cy, anchorId).length;
  const hidden = Number(more.data('hidden')) || perNode;
  return { ids: [anchorId], perNode: Math.min(MAX_PER_NODE, shown + Math.min(hidden, maxMore)) };
}

/**
 * After a "+N more" expansion: how many neighbours are still left out. The total is known
 * from the count the "+N more" node carried before.
 */
export function remainingAfter(totalNeighbours: number, cy: cytoscape.Core, anchorId: string): number {
  return Math.max(0, totalNeighbours - shownNeighbours(cy, anchorId).length);
}

export function setMoreNode(cy: cytoscape.Core, anchorId: string, hidden: number): void {
  const id = moreNodeId(anchorId);
  const existing = cy.getElementById(id);
  if (hidden <= 0) {
    existing.remove();
    return;
  }
  if (existing.nonempty()) {
    existing.data({ hidden, label: `+${hidden} more`, short: `+${hidden} more` });
    return;
  }
  mergeElements(cy, moreElements(anchorId, hidden), {});
  const anchor = cy.getElementById(anchorId);
  if (anchor.nonempty()) cy.getElementById(id).position({ x: anchor.position().x + 60, y: anchor.position().y - 50 });
}

/**
 * Takes back what expanding `id` added: neighbours that hang only on it and that the user
 * has not expanded, pinned or focused. Returns the ids removed.
 */
export function collapse(cy: cytoscape.Core, id: string, keep: (node: cytoscape.NodeSingular) => boolean = () => false): string[] {
  const node = cy.getElementById(id);
  if (node.empty()) return [];
  const removed: string[] = [];
  cy.batch(() => {
    const more = cy.getElementById(moreNodeId(id));
    if (more.nonempty()) {
      removed.push(more.id());
      more.remove();
    }
    const leaves = node.neighborhood().nodes().filter((n) => {
      if (n.id() === id || keep(n) || n.hasClass('expanded') || n.hasClass('pinned') || n.hasClass('focus')) return false;
      const others = n.neighborhood().nodes().filter((m) => m.id() !== id && !isMoreId(m.id()));
      return others.empty();
    });
    for (const leaf of leaves.toArray()) {
      const leafMore = cy.getElementById(moreNodeId(leaf.id()));
      if (leafMore.nonempty()) { removed.push(leafMore.id()); leafMore.remove(); }
      removed.push(leaf.id());
    }
    leaves.remove();
    node.removeClass('expanded');
  });
  return removed;
}

export interface Filters {
  hiddenKinds: readonly string[];
  hiddenRels: readonly string[];
  /** documents published in this range stay (YYYY-MM-DD, either end open); undated ones always do */
  since?: string | null;
  until?: string | null;
}

/** Whether a document's date falls outside the range; an undated document never does. */
export function outOfTime(publishedAt: unknown, since: string | null | undefined, until: string | null | undefined): boolean {
  if (typeof publishedAt !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(publishedAt)) return false;
  const d = publishedAt.slice(0, 10);
  return (!!since && d < since) || (!!until && d > until);
}

/** Switches node kinds and relationship types off (class `filtered`) and back on. */
export function applyFilters(cy: cytoscape.Core, filters: Filters): void {
  const kinds = new Set(filters.hiddenKinds);
  const rels = new Set(filters.hiddenRels);
  // out of the time range: documents published outside it, and quotes and figures whose every
  // document on the canvas is
  const late = (n: cytoscape.NodeSingular) => outOfTime(n.data('publishedAt'), filters.since, filters.until);
  const timed = !!(filters.since || filters.until);
  const outside = (n: cytoscape.NodeSingular): boolean => {
    if (!timed) return false;
    const kind = n.data('kind');
    if (kind === 'Document') return late(n);
    if (kind !== 'Quote' && kind !== 'Claim') return false;
    const docs = n.connectedEdges('[kind = "QUOTED_IN"], [kind = "STATES"]').connectedNodes('[kind = "Document"]');
    return docs.nonempty() && docs.every((d) => late(d as cytoscape.NodeSingular));
  };
  cy.batch(() => {
    cy.nodes().forEach((n) => {
      const kind = String(n.data('kind'));
      const off = kind === MORE_KIND ? kinds.has(String(cy.getElementById(String(n.data('anchor'))).data('kind'))) : kinds.has(kind) || outside(n);
      n.toggleClass('filtered', off);
    });
    cy.edges().forEach((e) => { e.toggleClass('filtered', rels.has(String(e.data('kind')))); });
  });
}

/** Hides nodes (and their "+N more" nodes) until the user shows them again. */
export function hideNodes(cy: cytoscape.Core, ids: readonly string[]): void {
  cy.batch(() => {
    for (const id of ids) {
      cy.getElementById(id).addClass('hidden').unselect();
      cy.getElementById(moreNodeId(id)).addClass('hidden');
    }
  });
}

export function showHidden(cy: cytoscape.Core): number {
  const hidden = cy.elements('.hidden');
  hidden.removeClass('hidden');
  return hidden.nodes().length;
}

export function togglePin(cy: cytoscape.Core, id: string): boolean {
  const node = cy.getElementById(id);
  if (node.empty()) return false;
  const pinned = !node.hasClass('pinned');
  node.toggleClass('pinned', pinned);
  if (pinned) node.lock();
  else node.unlock();
  return pinned;
}

/** Marks a set of elements as a path: they stand out, everything else fades. */
export function highlightPath(cy: cytoscape.Core, ids: readonly string[]): void {
  const wanted = new Set(ids);
  cy.batch(() => {
    cy.elements().removeClass('path dimmed');
    if (!ids.length) return;
    cy.elements().forEach((e) => {
      if (wanted.has(e.id())) e.addClass('path');
      else e.addClass('dimmed');
    });
  });
}

export function clearHighlight(cy: cytoscape.Core): void {
  cy.elements().removeClass('path dimmed result');
}
