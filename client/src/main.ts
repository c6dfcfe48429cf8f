import './styles.css';
import type cytoscape from 'cytoscape';
import { api, apiStatus, inFlightRequests, onApiStatus } from './api.js';
import type { ReaderTarget } from './app-context.js';
import { GraphApp } from './app.js';
import { byId, h } from './dom.js';
import { exportCsv, exportGexf, exportGraphml, exportJson, exportPng } from './export.js';
import { createCanvas } from './graph/canvas.js';
import { fitView, layoutsRunning } from './graph/layout.js';
import { layoutCode } from './graph/positions.js';
import { isMoreId } from './graph/to-elements.js';
import type { ConsolePanel } from './panels/console.js';
import { createDetailsPanel } from './panels/details.js';
import { createFilters } from './panels/filters.js';
import { renderLegend } from './panels/legend.js';
import { createPathsPanel } from './panels/paths.js';
import { createNodeMenu } from './panels/node-menu.js';
import { createReader } from './panels/reader.js';
import { createReviewPanel, type ReviewPanel } from './panels/review.js';
import { attachCombobox } from './panels/search.js';
import { createTabs } from './panels/tabs.js';
import { TABS, type ViewState, decodeState, encodeState } from './state/url-state.js';

// Wires the page: the canvas, the controller, the panels, the toolbar, the URL and the API status.

declare global {
  interface Window {
    /** for browser tests: read graph state through page.evaluate */
    __og?: { cy: cytoscape.Core; app: GraphApp; ready: boolean; idle(): Promise<void>; link(): string };
  }
}

const toastEl = byId('toast');
let toastTimer: ReturnType<typeof setTimeout> | undefined;
function toast(message: string, tone: 'info' | 'error' = 'info'): void {
  toastEl.textContent = message;
  toastEl.className = `toast visible ${tone}`;
  if (toastTimer) clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { toastEl.className = 'toast'; }, tone === 'error' ? 7000 : 3500);
}

const hintEl = byId('graph-hint');
const modeEl = byId('graph-mode');

// Late-bound panels: the controller is built first, the panels need it.
let details: ReturnType<typeof createDetailsPanel>;
let reader: ReturnType<typeof createReader>;
let paths: ReturnType<typeof createPathsPanel> | null = null;
let consolePanel: Promise<ConsolePanel> | null = null;

/**
 * The address follows the view. Each canvas step is its own entry in the browser's history
 * (pushed when the step is kept, see historyChanged), carrying how deep in the canvas history
 * it stands, so Back and Forward undo and redo the same steps as Ctrl+Z and Ctrl+Shift+Z.
 */
// a new entry is the step's to make (historyChanged), so the app's wish to push is not needed here
function writeUrl(state: ViewState, _push: boolean): void {
  if (app.inStep) return;
  const target = addressOf(state);
  if ((location.hash || '') === target.replace(/^[^#]*/, '')) return;
  history.replaceState(history.state, '', target);
}

function addressOf(state: ViewState): string {
  const hash = encodeState(state);
  return hash ? `#${hash}` : `${location.pathname}${location.search}`;
}

interface EntryState { ogDepth?: number }

function historyChanged(how: 'step' | 'travel' | 'clear'): void {
  renderHistoryButtons();
  if (how === 'step') history.pushState({ ogDepth: app.history.depth } satisfies EntryState, '', addressOf(app.state));
  // an undo by key or button: this entry now stands where the canvas does
  else history.replaceState({ ogDepth: app.history.depth } satisfies EntryState, '', location.href);
}

/** Back or Forward to an entry of this page: undo or redo until the canvas stands there. */
function travelTo(depth: number): boolean {
  let moved = false;
  while (app.history.depth > depth && app.undo()) moved = true;
  while (app.history.depth < depth && app.redo()) moved = true;
  return moved;
}

const cy = createCanvas(byId('cy'), {
  select: (id) => void app.select(id),
  expand: (id) => void app.expand(id),
  collapse: (id) => app.collapse(id),
  hide: (id) => app.hide(id),
  pin: (id) => { app.pin(id); details.refreshActions(); },
  hint: (text) => { hintEl.textContent = text; },
  menu: (id, at) => nodeMenu.open(id, at),
  selectionChanged: () => nodeMenu.selectionChanged(),
});

const tabs = createTabs(byId('panel-details').parentElement!.querySelector('[role="tablist"]')!, TABS, (tab) => {
  if (tab === 'console') void loadConsole();
  if (tab === 'paths') loadPaths();
  if (tab === 'review') void loadReview().refresh();
  app.updateState({ tab: tab === 'details' ? null : tab });
});

const app = new GraphApp(cy, {
  showDetails: (id, reveal = true) => {
    if (reveal && id && !isMoreId(id) && tabs.current() === 'reader') tabs.show('details');
    void details.show(id);
  },
  refreshDetails: () => details.refreshActions(),
  openReader: (target: ReaderTarget) => reader.open(target),
  showTab: (tab) => { if (tabs.current() !== tab) tabs.show(tab); },
  pathFrom: (id, end) => {
    tabs.show('paths');
    loadPaths().setEnd(end, id);
  },
  writeUrl,
  toast,
  mode: (text) => { modeEl.textContent = text; },
  historyChanged: (how) => historyChanged(how),
});

const undoButton = byId<HTMLButtonElement>('tool-undo');
const redoButton = byId<HTMLButtonElement>('tool-redo');
function renderHistoryButtons(): void {
  undoButton.disabled = !app.history.canUndo;
  redoButton.disabled = !app.history.canRedo;
  undoButton.title = app.history.nextUndo ? `Undo ${app.history.nextUndo} (Ctrl+Z)` : 'Nothing to undo';
  redoButton.title = app.history.nextRedo ? `Redo ${app.history.nextRedo} (Ctrl+Shift+Z)` : 'Nothing to redo';
}
undoButton.addEventListener('click', () => { app.undo(); });
redoButton.addEventListener('click', () => { app.redo(); });

details = createDetailsPanel(byId('panel-details'), app);
const nodeMenu = createNodeMenu(byId('cy').parentElement!, app);
reader = createReader(byId('panel-reader'), app);

function loadPaths(): ReturnType<typeof createPathsPanel> {
  paths ??= createPathsPanel(byId('panel-paths'), app);
  return paths;
}

let review: ReviewPanel | null = null;
function loadReview(): ReviewPanel {
  review ??= createReviewPanel(byId('panel-review'), app);
  return review;
}

function loadConsole(): Promise<ConsolePanel> {
  consolePanel ??= import('./panels/console.js').then((m) => m.createConsole(byId('panel-console'), app));
  return consolePanel;
}

// legend and filters
const filters = createFilters(byId('filters'), app.filters(), (f) => { app.setFilters(f); filters.refresh(); void details.show(app.cy.nodes(':selected').first().id() || null); },
  () => cy.nodes('[kind = "Document"]').filter((n) => !n.hasClass('hidden')).map((n) => String(n.data('publishedAt') ?? '')));
renderLegend(byId('legend'));
const legendButton = byId<HTMLButtonElement>('tool-legend');
legendButton.addEventListener('click', () => {
  const drawer = byId('legend-drawer');
  drawer.hidden = !drawer.hidden;
  if (!drawer.hidden) filters.refresh();
  legendButton.setAttribute('aria-expanded', String(!drawer.hidden));
});

// skip links: to a panel, its tab first, then the focus into it
for (const link of document.querySelectorAll<HTMLAnchorElement>('.skip-link')) {
  link.addEventListener('click', (event) => {
    const target = document.querySelector<HTMLElement>(link.hash);
    if (!target) return;
    event.preventDefault();
    const tab = link.dataset.tab as (typeof TABS)[number] | undefined;
    if (tab) tabs.show(tab);
    target.focus();
  });
}

// search
attachCombobox({
  input: byId<HTMLInputElement>('search-input'),
  list: byId<HTMLUListElement>('search-list'),
  status: byId('search-status'),
  // what the user built is kept: a result joins the canvas, unless asked to be the new focus;
  // over the overview alone, where nothing is the user's yet, it becomes the focus
  onChoose: (hit, how) => void app.focus(hit.node.id, { add: !how.shift && (app.state.focus !== null || app.state.expanded.length > 0) }),
  chooseHint: 'Enter adds it to the graph · Shift+Enter makes it the focus · Alt+←/→ a kind',
  facets: true,
});
document.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement;
  const typing = target.matches('input, textarea, select, [contenteditable]');
  if (event.key === '/' && !typing) {
    event.preventDefault();
    byId('search-input').focus();
  }
  // undo and redo of canvas work; in a text field the keys keep their own meaning
  const key = event.key.toLowerCase();
  if ((event.ctrlKey || event.metaKey) && !event.altKey && !typing && (key === 'z' || key === 'y')) {
    event.preventDefault();
    const done = key === 'y' || event.shiftKey ? app.redo() : app.undo();
    if (!done) toast(key === 'y' || event.shiftKey ? 'Nothing to redo' : 'Nothing to undo');
  }
});

// toolbar
byId('tool-overview').addEventListener('click', () => void app.showOverview());
byId('tool-fit').addEventListener('click', () => fitView(cy));
const zoomBy = (factor: number) => cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
byId('tool-zoom-in').addEventListener('click', () => zoomBy(1.25));
byId('tool-zoom-out').addEventListener('click', () => zoomBy(0.8));
byId('tool-layout').addEventListener('click', () => void app.relayout());
byId('tool-show-hidden').addEventListener('click', () => {
  const count = app.showHidden();
  toast(count ? `${count} node${count === 1 ? '' : 's'} shown again` : 'Nothing is hidden');
});
const exportMenu = byId<HTMLDetailsElement>('export-menu');
const closeMenu = () => { exportMenu.open = false; };
byId('export-png').addEventListener('click', () => {
  closeMenu();
  exportPng(cy, modeEl.textContent ?? '').catch((error: unknown) => toast(`The picture could not be made: ${(error as Error).message}`, 'error'));
});
byId('export-json').addEventListener('click', () => { exportJson(cy); closeMenu(); });
byId('export-csv').addEventListener('click', () => { exportCsv(cy); closeMenu(); });
byId('export-graphml').addEventListener('click', () => { exportGraphml(cy); closeMenu(); });
byId('export-gexf').addEventListener('click', () => { exportGexf(cy); closeMenu(); });
/** The sheet of the quotes the canvas shows (the API takes at most 400 ids a sheet). */
const QUOTE_SHEET_IDS = 400;
for (const format of ['csv', 'xlsx'] as const) {
  byId(`export-quotes-${format}`).addEventListener('click', () => {
    closeMenu();
    const ids = cy.nodes('[kind = "Quote"]').filter((n) => n.visible()).map((n) => n.id());
    if (!ids.length) { toast('No quote is on the canvas: expand a speaker or a document first'); return; }
    if (ids.length > QUOTE_SHEET_IDS) toast(`The sheet holds the first ${QUOTE_SHEET_IDS} of the ${ids.length} quotes on the canvas`);
    const a = h('a', { href: api.quoteSheetUrl(ids.slice(0, QUOTE_SHEET_IDS), format), download: `quotes.${format}` });
    document.body.append(a);
    a.click();
    a.remove();
  });
}
/** This view as a link: what the address holds, and where each node stands. */
function viewLink(): string {
  const hash = encodeState({ ...app.state, layout: layoutCode(cy) });
  return `${location.origin}${location.pathname}${location.search}${hash ? `#${hash}` : ''}`;
}

byId('tool-share').addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText(viewLink());
    toast('Link to this view copied');
  } catch {
    toast('Copy the address bar: it holds this view');
  }
});
const sideWide = byId('side-wide');
sideWide.addEventListener('click', () => {
  const wide = document.body.classList.toggle('side-wide');
  sideWide.setAttribute('aria-pressed', String(wide));
  setTimeout(() => cy.resize(), 50);
});
window.addEventListener('resize', () => cy.resize());

// API status: loading indicator after 300 ms, banner when unreachable
const loadingEl = byId('loading');
const banner = byId('banner');
let retryTimer: ReturnType<typeof setInterval> | undefined;
let needsReload = false;
onApiStatus((status) => {
  loadingEl.hidden = !status.busy;
  document.body.classList.toggle('busy', status.busy);
  if (status.unreachable) {
    byId('banner-text').textContent = status.unreachable;
    banner.hidden = false;
    needsReload = needsReload || cy.elements().empty();
    retryTimer ??= setInterval(() => void api.health({ quiet: true }).catch(() => undefined), 5000);
  } else {
    banner.hidden = true;
    if (retryTimer) { clearInterval(retryTimer); retryTimer = undefined; }
    if (needsReload) {
      needsReload = false;
      void restoreFromUrl();
    }
  }
});
byId('banner-retry').addEventListener('click', () => void api.health().then(showBackend).catch(() => undefined));

function showBackend(health: Awaited<ReturnType<typeof api.health>>): void {
  const nodes = Object.values(health.counts?.nodes ?? {}).reduce((a, b) => a + b, 0);
  byId('backend').textContent = `${health.backend} · ${nodes.toLocaleString('en-GB')} nodes`;
}

// the URL
async function restoreFromUrl(): Promise<void> {
  const state = decodeState(location.hash);
  filters.set({ hiddenKinds: state.hiddenKinds, hiddenRels: state.hiddenRels, since: state.since, until: state.until });
  const graph = app.restore(state);
  if (state.pathFrom || state.pathTo) {
    const panel = loadPaths();
    if (state.pathFrom) panel.setEnd('from', state.pathFrom);
    if (state.pathTo) panel.setEnd('to', state.pathTo);
  }
  if (state.query) {
    const panel = await loadConsole();
    panel.setQuery(state.query, state.tab === 'console');
  }
  if (state.tab) tabs.show(state.tab);
  if (state.doc) void reader.open({ docId: state.doc, quoteId: state.quote });
  await graph;
  if (state.pathFrom && state.pathTo && state.tab === 'paths') await loadPaths().find();
  if (window.__og) window.__og.ready = true;
}

function onUrlChange(): void {
  const next = decodeState(location.hash);
  if (encodeState(next) === encodeState(app.state)) return;
  void restoreFromUrl();
}
window.addEventListener('popstate', (event) => {
  const depth = (event.state as EntryState | null)?.ogDepth;
  if (typeof depth === 'number' && travelTo(depth)) return;
  onUrlChange();
});
window.addEventListener('hashchange', onUrlChange);

/** Settles when no load, request, layout or viewport animation is running (two frames in a row). */
async function idle(): Promise<void> {
  for (let calm = 0; calm < 2;) {
    await app.idle();
    await new Promise((resolve) => requestAnimationFrame(resolve));
    if (inFlightRequests() === 0 && layoutsRunning() === 0 && !cy.animated()) calm++;
    else {
      calm = 0;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

window.__og = { cy, app, ready: false, idle, link: viewLink };
// this entry is where the canvas history starts; one reloaded keeps its address, and Back to an
// entry the canvas cannot reach by undo or redo is rebuilt from its address
history.replaceState({ ogDepth: 0 } satisfies EntryState, '', location.href);
void api.health({ quiet: true }).then(showBackend).catch(() => undefined);
if (!apiStatus().unreachable) void restoreFromUrl();
