import type cytoscape from 'cytoscape';
import { fitView, motion } from './layout.js';
import { registerExtensions } from './register.js';
import { graphStyle } from './style.js';
import { MORE_KIND } from './to-elements.js';

// The Cytoscape instance and what the pointer and keyboard do on it. The rest of the app
// hears about it through the handlers; the cursor and the hint say what a click will do.

export interface CanvasHandlers {
  select(id: string | null): void;
  expand(id: string): void;
  /** double-click on a node already expanded */
  collapse(id: string): void;
  hide(id: string): void;
  pin(id: string): void;
  hint(text: string): void;
  /** the node's actions at a point of the canvas (right click, the Menu key, Shift+F10) */
  menu(id: string, at: { x: number; y: number }): void;
  /** nodes were added to or taken from a selection of several */
  selectionChanged(): void;
}

/** Elements on the canvas from which it draws with WebGL (Cytoscape 3.31+): the 2D canvas draws each element itself, and slows past a few thousand. */
export const WEBGL_FROM = 4000;
/** and back to 2D (sharper labels) only well below, so a view near the line does not flip at each step */
const CANVAS_BELOW = 3000;

export function createCanvas(container: HTMLElement, handlers: CanvasHandlers): cytoscape.Core {
  const cytoscape = registerExtensions();
  const cy = cytoscape({
    container,
    style: graphStyle(),
    minZoom: 0.05,
    maxZoom: 4,
    wheelSensitivity: 0.3,
    selectionType: 'single',
    // Shift-drag a box (and Shift-click) to select several; a plain drag still pans
    boxSelectionEnabled: true,
    // large canvases stay responsive while panning and zooming
    textureOnViewport: false,
    hideEdgesOnViewport: false,
    motionBlur: false,
  });
  wireRenderer(cy, container);
  wirePointer(cy, container, handlers);
  wireKeyboard(cy, container, handlers);
  return cy;
}

/** Set to "webgl" or "canvas" in the browser's localStorage to choose the renderer of big views by hand. */
export const RENDERER_SETTING = 'og.renderer';

let webgl2: 'hardware' | 'software' | null | undefined;
/** WebGL2 and whether a GPU draws it: a software one (SwiftShader, llvmpipe) draws ten thousand elements slower than the 2D canvas. */
function webglKind(): 'hardware' | 'software' | null {
  if (webgl2 === undefined) {
    const gl = document.createElement('canvas').getContext('webgl2');
    const info = gl?.getExtension('WEBGL_debug_renderer_info');
    const name = gl ? String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER)) : '';
    webgl2 = !gl ? null : /swiftshader|llvmpipe|softpipe|software/i.test(name) ? 'software' : 'hardware';
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
  }
  return webgl2;
}

function webglWanted(): boolean {
  const chosen = localStorage.getItem(RENDERER_SETTING);
  if (chosen === 'canvas') return false;
  const kind = webglKind();
  return chosen === 'webgl' ? kind !== null : kind === 'hardware';
}

/**
 * The renderer options Cytoscape (3.31 to 3.34) mounts with: its own copy of those it was
 * created with, which no public call changes. The browser test of the switch below fails if
 * a later version moves them.
 */
function rendererOptions(cy: cytoscape.Core): { webgl?: boolean } {
  return (cy as unknown as { _private: { options: { renderer: { webgl?: boolean } } } })._private.options.renderer;
}

/**
 * Draws with WebGL while the canvas holds WEBGL_FROM elements or more and a GPU draws WebGL
 * (or RENDERER_SETTING asks for it), with the 2D canvas otherwise (Cytoscape itself draws a
 * close zoom with the 2D canvas either way). The renderer
 * takes its options when it mounts, so a change remounts it on the same container: elements,
 * viewport, classes and handlers stay.
 */
function wireRenderer(cy: cytoscape.Core, container: HTMLElement): void {
  const options = rendererOptions(cy);
  container.dataset.renderer = 'canvas';
  container.dataset.crowded = 'false';
  // counted as they come and go: a collection of the whole canvas per event would cost its square
  let count = cy.elements().length;
  let crowded = false;
  let pending = false;
  const decide = () => {
    pending = false;
    if (crowded && count < CANVAS_BELOW) {
      crowded = false;
      cy.batch(() => cy.elements('.crowd').removeClass('crowd'));
    }
    container.dataset.crowded = String(crowded);
    const want = crowded && webglWanted();
    if (want === !!options.webgl) return;
    options.webgl = want;
    cy.mount(container);
    container.dataset.renderer = want ? 'webgl' : 'canvas';
  };
  const later = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(decide);
  };
  cy.on('add', (event) => {
    count++;
    // marked as it arrives, before any layout or frame measures its label
    if (crowded) event.target.addClass('crowd');
    else if (count >= WEBGL_FROM) {
      crowded = true;
      cy.elements().addClass('crowd');
    }
    later();
  });
  cy.on('remove', () => {
    count--;
    later();
  });
}

function describe(node: cytoscape.NodeSingular): { cursor: string; hint: string } {
  if (node.data('kind') === MORE_KIND) {
    return { cursor: 'copy', hint: `Click to add the ${node.data('hidden')} neighbours left out` };
  }
  const name = String(node.data('label'));
  if (node.hasClass('focus')) return { cursor: 'pointer', hint: `${name} (the focus) — click: details · drag: move` };
  return node.hasClass('expanded')
    ? { cursor: 'pointer', hint: `${name} — click: details · double-click: collapse · drag: move` }
    : { cursor: 'pointer', hint: `${name} — click: details · double-click: expand neighbours · drag: move` };
}

const IDLE_HINT = 'Drag the background to pan · scroll to zoom · click a node for details, double-click to expand';

function wirePointer(cy: cytoscape.Core, container: HTMLElement, handlers: CanvasHandlers): void {
  container.dataset.cursor = 'grab';
  handlers.hint(IDLE_HINT);
  cy.on('mouseover', 'node', (event) => {
    const node = event.target as cytoscape.NodeSingular;
    const { cursor, hint } = describe(node);
    container.dataset.cursor = cursor;
    handlers.hint(hint);
    node.addClass('hover');
    node.connectedEdges().addClass('hover');
  });
  cy.on('mouseout', 'node', (event) => {
    const node = event.target as cytoscape.NodeSingular;
    container.dataset.cursor = 'grab';
    handlers.hint(IDLE_HINT);
    node.removeClass('hover');
    node.connectedEdges().removeClass('hover');
  });
  cy.on('mouseover', 'edge', (event) => {
    const edge = event.target as cytoscape.EdgeSingular;
    edge.addClass('hover');
    handlers.hint(`${edge.data('kind')}: ${edge.source().data('label')} → ${edge.target().data('label')}${edge.data('docId') ? ` (stated in ${edge.data('docId')})` : ''}`);
  });
  cy.on('mouseout', 'edge', (event) => {
    (event.target as cytoscape.EdgeSingular).removeClass('hover');
    handlers.hint(IDLE_HINT);
  });
  cy.on('tapstart', (event) => { if (event.target === cy) container.dataset.cursor = 'grabbing'; });
  cy.on('tapend', (event) => { if (event.target === cy) container.dataset.cursor = 'grab'; });
  cy.on('grab', 'node', () => { container.dataset.cursor = 'grabbing'; });
  cy.on('free', 'node', () => { container.dataset.cursor = 'pointer'; });

  cy.on('tap', 'node', (event) => {
    const node = event.target as cytoscape.NodeSingular;
    if (node.data('kind') === MORE_KIND) {
      handlers.expand(node.id());
      return;
    }
    // with Shift, Ctrl or Cmd Cytoscape adds the node to the selection (or takes it out) itself
    const e = event.originalEvent as MouseEvent | undefined;
    if (e && (e.shiftKey || e.ctrlKey || e.metaKey)) return;
    handlers.select(node.id());
  });
  cy.on('cxttap', 'node', (event) => {
    const node = event.target as cytoscape.NodeSingular;
    handlers.menu(node.id(), event.renderedPosition ?? node.renderedPosition());
  });
  let pending = false;
  cy.on('select unselect', 'node', () => {
    if (pending) return;
    pending = true;
    queueMicrotask(() => { pending = false; handlers.selectionChanged(); });
  });
  cy.on('tap', (event) => { if (event.target === cy) handlers.select(null); });
  cy.on('dbltap', 'node', (event) => {
    const node = event.target as cytoscape.NodeSingular;
    if (node.data('kind') === MORE_KIND) return;
    if (node.hasClass('expanded')) handlers.collapse(node.id());
    else handlers.expand(node.id());
  });
}

/** Arrow keys move the selection to the nearest visible node in that direction. */
export function nearestInDirection(cy: cytoscape.Core, from: cytoscape.NodeSingular, key: string): cytoscape.NodeSingular | null {
  const p = from.position();
  let best: cytoscape.NodeSingular | null = null;
  let bestScore = Number.POSITIVE_INFINITY;
  cy.nodes(':visible').forEach((n) => {
    if (n.same(from)) return;
    const dx = n.position().x - p.x;
    const dy = n.position().y - p.y;
    const along = key === 'ArrowRight' ? dx : key === 'ArrowLeft' ? -dx : key === 'ArrowDown' ? dy : -dy;
    const across = key === 'ArrowRight' || key === 'ArrowLeft' ? Math.abs(dy) : Math.abs(dx);
    if (along <= 0) return;
    const score = along + 2 * across;
    if (score < bestScore) { bestScore = score; best = n; }
  });
  return best;
}

function wireKeyboard(cy: cytoscape.Core, container: HTMLElement, handlers: CanvasHandlers): void {
  container.addEventListener('keydown', (event) => {
    const selected = cy.nodes(':selected').first();
    const key = event.key;
    if (key.startsWith('Arrow')) {
      event.preventDefault();
      const start = selected.nonempty() ? selected : cy.nodes('.focus').first();
      const from = start.nonempty() ? start : cy.nodes(':visible').first();
      if (from.empty()) return;
      const next = selected.empty() ? from : nearestInDirection(cy, from, key);
      if (next) {
        handlers.select(next.id());
        if (motion(150)) cy.animate({ center: { eles: next } }, { duration: 150 });
        else cy.center(next);
      }
      return;
    }
    if (key === '+' || key === '=') { cy.zoom({ level: cy.zoom() * 1.25, renderedPosition: { x: container.clientWidth / 2, y: container.clientHeight / 2 } }); return; }
    if (key === '-') { cy.zoom({ level: cy.zoom() / 1.25, renderedPosition: { x: container.clientWidth / 2, y: container.clientHeight / 2 } }); return; }
    if (key === 'f' || key === 'F') { fitView(cy); return; }
    if (selected.empty()) return;
    if (key === 'ContextMenu' || (key === 'F10' && event.shiftKey)) { event.preventDefault(); handlers.menu(selected.id(), selected.renderedPosition()); return; }
    if (key === 'Enter') { event.preventDefault(); handlers.expand(selected.id()); }
    else if (key === 'Delete' || key === 'Backspace') { event.preventDefault(); handlers.hide(selected.id()); }
    else if (key === 'p' || key === 'P') handlers.pin(selected.id());
    else if (key === 'c' || key === 'C') handlers.collapse(selected.id());
    else if (key === 'Escape') handlers.select(null);
  });
}
