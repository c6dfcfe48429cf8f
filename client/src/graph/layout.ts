import type cytoscape from 'cytoscape';

// fcose layouts: the whole canvas, or only what an expansion added, around a node that stays put.

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

function run(eles: cytoscape.Collection, options: Record<string, unknown>): Promise<void> {
  return new Promise((resolve) => {
    if (eles.nodes().empty()) {
      resolve();
      return;
    }
    const layout = eles.layout({ ...BASE, ...options } as unknown as cytoscape.LayoutOptions);
    layout.one('layoutstop', () => resolve());
    layout.run();
  });
}

/** Lays out everything visible. Pinned nodes stay where the user put them. */
export function layoutAll(cy: cytoscape.Core, options: { animate?: boolean; fit?: boolean } = {}): Promise<void> {
  const eles = cy.elements().not('.filtered, .hidden');
  const count = eles.nodes().length;
  const pinned = eles.nodes('.pinned');
  return run(eles, {
    randomize: true,
    animate: options.animate ?? count < 250,
    animationDuration: 400,
    fit: options.fit ?? true,
    // big graphs: fewer iterations, the result is still readable
    numIter: count > 400 ? 1200 : 2500,
    fixedNodeConstraint: pinned.nonempty() ? pinned.map((n) => ({ nodeId: n.id(), position: { ...n.position() } })) : undefined,
  });
}

/**
 * Lays out only the nodes an expansion added, around the expanded node, which does not
 * move; nothing else on the canvas moves either.
 */
export function layoutAround(cy: cytoscape.Core, anchorId: string, added: cytoscape.NodeCollection): Promise<void> {
  const anchor = cy.getElementById(anchorId);
  if (added.empty() || anchor.empty()) return Promise.resolve();
  const part = added.union(anchor).union(added.edgesWith(anchor)).union(added.edgesWith(added));
  return run(part, {
    randomize: false,
    animate: added.length < 200,
    animationDuration: 350,
    fit: false,
    packComponents: false,
    tile: false,
    fixedNodeConstraint: [{ nodeId: anchorId, position: { ...anchor.position() } }],
  });
}
