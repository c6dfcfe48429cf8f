import type cytoscape from 'cytoscape';
import { type Point, ringPositions, ringRadius } from './expand.js';
import { KIND_LOOK, isNodeKind } from './kinds.js';
import { spreadApart } from './overlap.js';
import { MORE_KIND } from './to-elements.js';

// fcose layouts: the whole canvas, or only what an expansion (or a query, or a path) added,
// with everything already on the canvas held where it is. Fitting never zooms a small graph
// in so far that its labels crowd each other. Motion follows the user's reduced-motion setting.

const BASE = {
  name: 'fcose',
  quality: 'default',
  nodeDimensionsIncludeLabels: false,
  uniformNodeDimensions: false,
  packComponents: true,
  nodeRepulsion: 6500,
  idealEdgeLength: 80,
  edgeElasticity: 0.45,
  nestingFactor: 0.1,
  gravity: 0.25,
  numIter: 2500,
  tile: true,
  padding: 30,
};

/** The most a fit zooms in: labels stay at about their design size. */
export const READABLE_ZOOM = 1.25;

export function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** An animation length, or 0 when the user asked for less motion. */
export function motion(ms: number): number {
  return reducedMotion() ? 0 : ms;
}

let running = 0;

/** Layouts still running (for the busy indicator and the browser tests). */
export function layoutsRunning(): number {
  return running;
}

function run(eles: cytoscape.Collection, options: Record<string, unknown>): Promise<void> {
  return new Promise((resolve) => {
    if (eles.nodes().empty()) {
      resolve();
      return;
    }
    running++;
    const layout = eles.layout({ ...BASE, ...options } as unknown as cytoscape.LayoutOptions);
    layout.one('layoutstop', () => {
      running--;
      resolve();
    });
    layout.run();
  });
}

/** Moves the viewport to show `eles` (by default every visible node), never zooming in past READABLE_ZOOM. */
export function fitView(
  cy: cytoscape.Core, eles: cytoscape.Collection | cytoscape.NodeCollection = cy.nodes(':visible'), options: { padding?: number; animate?: boolean; labels?: boolean } = {},
): void {
  if (eles.empty() || cy.width() === 0 || cy.height() === 0) return;
  const padding = options.padding ?? 30;
  const bb = eles.boundingBox({ includeLabels: options.labels ?? true, includeOverlays: false });
  const w = Math.max(1, cy.width() - 2 * padding);
  const h = Math.max(1, cy.height() - 2 * padding);
  const zoom = Math.max(cy.minZoom(), Math.min(READABLE_ZOOM, w / Math.max(bb.w, 1), h / Math.max(bb.h, 1)));
  const pan = { x: cy.width() / 2 - zoom * (bb.x1 + bb.w / 2), y: cy.height() / 2 - zoom * (bb.y1 + bb.h / 2) };
  const duration = options.animate === false ? 0 : motion(250);
  cy.stop(true, false);
  if (duration) cy.animate({ zoom, pan }, { duration });
  else cy.viewport({ zoom, pan });
}

/** From this many nodes on, satellites are set round their hub rather than simulated. */
export const LARGE_GRAPH = 250;
/** Nodes left to lay out besides the rings of satellites beyond which the layout drafts (see layoutAll). */
const DRAFT_CORE = 600;
const RING_FIRST = 50;
const RING_SPACING = 30;

export interface SatelliteSplit {
  /** the nodes the force simulation places */
  core: cytoscape.NodeCollection;
  /** hub id → the satellites set round it */
  satellites: Map<string, cytoscape.NodeSingular[]>;
}

/**
 * Satellites: nodes with one or two relationships whose neighbours are all busier (a quote
 * between its speaker and its document, a figure in one document). On a big canvas they
 * are set in rings round their busiest neighbour, so the simulation only has to place the
 * hubs: a few thousand elements lay out in well under a second and stay readable.
 */
export function splitSatellites(eles: cytoscape.Collection): SatelliteSplit {
  const degree = new Map<string, number>();
  const neighbours = new Map<string, string[]>();
  eles.edges().forEach((e) => {
    const s = e.source().id();
    const t = e.target().id();
    if (s === t) return;
    for (const [a, b] of [[s, t], [t, s]] as const) {
      degree.set(a, (degree.get(a) ?? 0) + 1);
      const list = neighbours.get(a);
      if (list) list.push(b);
      else neighbours.set(a, [b]);
    }
  });
  const satellites = new Map<string, cytoscape.NodeSingular[]>();
  const placed = new Set<string>();
  eles.nodes().forEach((n) => {
    const d = degree.get(n.id()) ?? 0;
    if (d < 1 || d > 2 || n.hasClass('pinned') || n.hasClass('focus')) return;
    const around = neighbours.get(n.id()) ?? [];
    if (!around.every((m) => (degree.get(m) ?? 0) >= 3)) return;
    const hub = around.reduce((best, m) => ((degree.get(m) ?? 0) > (degree.get(best) ?? 0) ? m : best), around[0]!);
    const list = satellites.get(hub);
    if (list) list.push(n);
    else satellites.set(hub, [n]);
    placed.add(n.id());
  });
  return { core: eles.nodes().filter((n) => !placed.has(n.id())), satellites };
}

/** Half a node's size by its kind (from the look table, so no style is computed for it). */
function radiusOf(kind: string): number {
  if (kind === MORE_KIND) return 36;
  return (isNodeKind(kind) ? KIND_LOOK[kind].size : 28) / 2;
}

/**
 * Sets every node at its planned place (or where it is), moving nodes that would lie on one
 * another apart first; pinned nodes stay. One write per node that moves.
 */
function settleNodes(cy: cytoscape.Core, nodes: cytoscape.NodeCollection, planned: ReadonlyMap<string, Point>): void {
  const circles = nodes.map((n) => {
    const at = planned.get(n.id()) ?? n.position();
    return { x: at.x, y: at.y, r: radiusOf(String(n.data('kind'))), fixed: n.hasClass('pinned') };
  });
  spreadApart(circles, { margin: 8, rounds: 400, settle: 30 });
  cy.batch(() => nodes.forEach((n, i) => {
    const c = circles[i]!;
    const p = n.position();
    if (c.x !== p.x || c.y !== p.y) n.position({ x: c.x, y: c.y });
  }));
}

/** Lays out everything visible. Pinned nodes stay where the user put them. */
export async function layoutAll(cy: cytoscape.Core, options: { animate?: boolean; fit?: boolean } = {}): Promise<void> {
  // a user-timing entry ('og:layout' in the browser's performance tools and the UI benchmark)
  const started = performance.now();
  const shown = cy.nodes().not('.filtered, .hidden');
  const eles = shown.union(shown.edgesWith(shown).not('.filtered, .hidden'));
  const count = shown.length;
  const pinned = eles.nodes('.pinned');
  const fixedNodeConstraint = pinned.nonempty() ? pinned.map((n) => ({ nodeId: n.id(), position: { ...n.position() } })) : undefined;
  if (count < LARGE_GRAPH) {
    await run(eles, {
      randomize: true,
      animate: (options.animate ?? true) && !reducedMotion(),
      animationDuration: 400,
      fit: false,
      // small graphs make room for their labels
      nodeDimensionsIncludeLabels: count <= 60,
      fixedNodeConstraint,
    });
  } else {
    const { core, satellites } = splitSatellites(eles);
    // while the hubs are placed, each takes the room its ring of satellites will need
    const hubs = core.filter((n) => satellites.has(n.id()));
    cy.batch(() => hubs.forEach((hub) => {
      const size = 2 * (ringRadius(satellites.get(hub.id())!.length, RING_FIRST, RING_SPACING) + 16);
      hub.style({ width: size, height: size });
    }));
    try {
      // fcose's repulsion among hubs as large as their rings grows with the square of their
      // number: past DRAFT_CORE the spectral draft alone (about 0.5 s for a thousand) places them
      const draft = core.length > DRAFT_CORE ? { quality: 'draft' } : {};
      await run(core.union(core.edgesWith(core)), { randomize: true, animate: false, fit: false, numIter: 1000, idealEdgeLength: 50, fixedNodeConstraint, ...draft });
    } finally {
      cy.batch(() => hubs.removeStyle('width height'));
    }
    const planned = new Map<string, Point>();
    for (const [hub, nodes] of satellites) {
      const places = ringPositions(cy.getElementById(hub).position(), nodes.length, RING_FIRST, RING_SPACING);
      nodes.forEach((n, i) => { planned.set(n.id(), places[i]!); });
    }
    settleNodes(cy, shown, planned);
  }
  // labels are too small to read when a big graph is fitted: leave them out of its measure
  // (nodes only: relationships run between them, and measuring thousands of curves is slow)
  if (options.fit ?? true) fitView(cy, cy.nodes(':visible'), { animate: false, labels: count < LARGE_GRAPH });
  performance.measure('og:layout', { start: started, detail: { nodes: count } });
}

/**
 * Lays out only the nodes in `added`, among their neighbours on the canvas, which do not
 * move; nothing else on the canvas moves either. Added nodes with no neighbour on the canvas
 * (a query result on its own) are laid out as a group and set down beside the canvas.
 */
export async function layoutAdded(cy: cytoscape.Core, added: cytoscape.NodeCollection): Promise<void> {
  const fresh = added.filter((n) => n.inside() && !n.hasClass('filtered') && !n.hasClass('hidden'));
  if (fresh.empty()) return;
  const anchors = fresh.neighborhood().nodes().not(fresh).filter((n) => !n.hasClass('filtered') && !n.hasClass('hidden')) as cytoscape.NodeCollection;
  const attached = anchors.nonempty()
    ? fresh.filter((n) => n.neighborhood().nodes().intersection(anchors).nonempty() || n.neighborhood().nodes().intersection(fresh).nonempty())
    : cy.collection();
  const loose = fresh.not(attached);
  if (attached.nonempty()) {
    const part = attached.union(anchors).union(attached.edgesWith(anchors)).union(attached.edgesWith(attached));
    await run(part, {
      randomize: false,
      animate: attached.length < 200 && !reducedMotion(),
      animationDuration: 350,
      fit: false,
      packComponents: false,
      tile: false,
      fixedNodeConstraint: anchors.map((n) => ({ nodeId: n.id(), position: { ...n.position() } })),
    });
  }
  if (loose.nonempty()) await layoutBeside(cy, loose);
}

/** Lays out a group of nodes on their own, then moves it to the right of everything else. */
export async function layoutBeside(cy: cytoscape.Core, group: cytoscape.NodeCollection): Promise<void> {
  const others = cy.nodes(':visible').not(group);
  await run(group.union(group.edgesWith(group)), { randomize: true, animate: false, fit: false, packComponents: true });
  if (others.empty()) return;
  const there = others.boundingBox();
  const mine = group.boundingBox();
  const dx = there.x2 + 120 - mine.x1;
  const dy = (there.y1 + there.y2) / 2 - (mine.y1 + mine.y2) / 2;
  group.positions((n) => {
    const p = (n as cytoscape.NodeSingular).position();
    return { x: p.x + dx, y: p.y + dy };
  });
}
