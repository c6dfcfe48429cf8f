import type cytoscape from 'cytoscape';
import { ApiError } from './api.js';
import type { AddOptions, AppContext, ReaderTarget } from './app-context.js';
import { type Filters, type Point, applyFilters, collapse, hideNodes, mergeElements, showHidden, shownNeighbours, togglePin } from './graph/expand.js';
import { CanvasHistory, type CanvasSnapshot, putBack, snapshot } from './graph/history.js';
import { applyLayoutCode } from './graph/positions.js';
import { layoutAdded, layoutAll, motion } from './graph/layout.js';
import { isMoreId, moreNodeId } from './graph/to-elements.js';
import { type Tab, type ViewState, emptyState } from './state/url-state.js';
import { apiFilters, elementsFor, moreInto, neighbourhood, placeNear } from './view-elements.js';

// The controller: what is on the canvas and why (overview, focus, expansions, hidden nodes,
// filters), kept in step with the URL. The canvas a state stands for is computed the same way
// when a link is opened and when the filters change, so a shared link shows what its sender saw.
// Panels call the controller through AppContext; it calls them through these hooks.

export interface AppHooks {
  /** shows a node's details; `reveal` brings the details tab forward (not while a view is being restored) */
  showDetails(id: string | null, reveal?: boolean): void;
  refreshDetails(): void;
  openReader(target: ReaderTarget): Promise<void>;
  showTab(tab: Tab): void;
  pathFrom(id: string, end: 'from' | 'to'): void;
  writeUrl(state: ViewState, push: boolean): void;
  toast(message: string, tone: 'info' | 'error'): void;
  mode(text: string): void;
  /** undo or redo became possible or impossible */
  historyChanged(how: 'step' | 'travel' | 'clear'): void;
}

const OVERVIEW_MODE = 'Overview: the most connected people, organisations and reports';

export class GraphApp implements AppContext {
  readonly state: ViewState = emptyState();
  /** bumped whenever the canvas is replaced; a late answer for an older canvas is dropped */
  private generation = 0;
  /** bumped on every filter change; only the latest re-sync lands */
  private filterRun = 0;
  private restoring = false;
  /** a step is being recorded: the steps it calls are part of it */
  private stepping = false;
  private readonly work = new Set<Promise<unknown>>();
  readonly history: CanvasHistory<ViewState>;

  constructor(readonly cy: cytoscape.Core, private readonly hooks: AppHooks) {
    this.history = new CanvasHistory((how) => hooks.historyChanged(how));
  }

  // undo and redo

  /** Runs a user's canvas action as one undoable step. */
  private async step<T>(what: string, run: () => Promise<T>): Promise<T> {
    if (this.restoring || this.stepping) return run();
    const before = snapshot(this.cy, this.state, what);
    this.stepping = true;
    try {
      return await run();
    } finally {
      this.endStep(before, what);
    }
  }

  private stepSync<T>(what: string, run: () => T): T {
    if (this.restoring || this.stepping) return run();
    const before = snapshot(this.cy, this.state, what);
    this.stepping = true;
    try {
      return run();
    } finally {
      this.endStep(before, what);
    }
  }

  /** A kept step gets its own entry in the browser's history (historyChanged); any other change only its address. */
  private endStep(before: CanvasSnapshot<ViewState>, what: string): void {
    this.stepping = false;
    if (!this.history.push(before, snapshot(this.cy, this.state, what))) this.hooks.writeUrl(this.state, false);
  }

  /** a step is running: the address waits for its end */
  get inStep(): boolean {
    return this.stepping;
  }

  /** Puts the canvas back as it was before the last step; false when there is none. */
  undo(): boolean {
    return this.travel(this.history.undo(snapshot(this.cy, this.state, '')));
  }

  redo(): boolean {
    return this.travel(this.history.redo(snapshot(this.cy, this.state, '')));
  }

  private travel(to: CanvasSnapshot<ViewState> | null): boolean {
    if (!to) return false;
    // a load still running belongs to the canvas being left
    this.generation++;
    this.cy.stop(true, false);
    putBack(this.cy, to);
    Object.assign(this.state, emptyState(), structuredClone(to.state));
    this.hooks.writeUrl(this.state, false);
    const selected = this.cy.nodes(':selected').first();
    this.hooks.showDetails(selected.nonempty() ? selected.id() : null, false);
    const focus = this.state.focus ? this.cy.getElementById(this.state.focus) : null;
    this.hooks.mode(focus?.nonempty() ? `Focus: ${focus.data('label')}` : this.state.focus ? '' : OVERVIEW_MODE);
    return true;
  }

  /** Lays the whole canvas out again, as an undoable step. */
  relayout(): Promise<void> {
    return this.track(this.step('layout', () => layoutAll(this.cy)));
  }

  /** Resolves once every load and layout started so far has finished (browser tests wait on it). */
  async idle(): Promise<void> {
    while (this.work.size) await Promise.allSettled([...this.work]);
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.work.add(promise);
    void promise.finally(() => this.work.delete(promise)).catch(() => undefined);
    return promise;
  }

  // state and URL

  updateState(patch: Partial<ViewState>, options: { push?: boolean } = {}): void {
    Object.assign(this.state, patch);
    if (!this.restoring) this.hooks.writeUrl(this.state, options.push ?? false);
  }

  filters(): Filters {
    return { hiddenKinds: this.state.hiddenKinds, hiddenRels: this.state.hiddenRels, since: this.state.since, until: this.state.until };
  }

  /** Switches kinds and types off at once; then brings the canvas in line with what the API gives for them. */
  setFilters(filters: Filters): void {
    this.updateState({ hiddenKinds: [...filters.hiddenKinds], hiddenRels: [...filters.hiddenRels], since: filters.since ?? null, until: filters.until ?? null });
    applyFilters(this.cy, filters);
    void this.track(this.resync());
  }

  toast(message: string, tone: 'info' | 'error' = 'info'): void {
    this.hooks.toast(message, tone);
  }

  showTab(tab: Tab): void {
    this.hooks.showTab(tab);
  }

  pathFrom(id: string, end: 'from' | 'to'): void {
    this.hooks.pathFrom(id, end);
  }

  openReader(target: ReaderTarget): Promise<void> {
    return this.hooks.openReader(target);
  }

  private fail(what: string, error: unknown): void {
    if (error instanceof ApiError && error.code === 'UNREACHABLE') {
      // the banner says what is wrong; the canvas says why it is empty
      if (this.cy.nodes().empty()) this.hooks.mode('Nothing to show until the API answers');
      return;
    }
    this.toast(`${what}: ${(error as Error).message}`, 'error');
  }

  /** After the filters changed: what they now let in is added among what stays; what they keep out goes. */
  private async resync(): Promise<void> {
    const run = ++this.filterRun;
    const generation = this.generation;
    const current = () => run === this.filterRun && generation === this.generation;
    try {
      const defs = await elementsFor({ ...this.state }, current);
      if (!defs || !current()) return;
      const wanted = new Set(defs.map((d) => String(d.data.id)));
      this.cy.nodes().filter((n) => !wanted.has(n.id()) && !n.hasClass('pinned') && !n.hasClass('extra')).remove();
      const added = placeNear(this.cy, defs, this.besideCanvas());
      hideNodes(this.cy, this.state.hidden);
      applyFilters(this.cy, this.filters());
      await layoutAdded(this.cy, added);
      this.hooks.refreshDetails();
    } catch (error) {
      this.fail('Could not apply the filters', error);
    }
  }

  // the canvas

  private replaceCanvas(): number {
    this.generation++;
    this.cy.stop(true, false);
    this.cy.elements().remove();
    this.hooks.showDetails(null);
    return this.generation;
  }

  /** Adds a query's or a path's elements; only the new nodes are laid out, among their neighbours or beside the canvas. */
  addElements(defs: cytoscape.ElementDefinition[], options: AddOptions): Promise<cytoscape.NodeCollection> {
    return this.track(this.step('add', async () => {
      const wasEmpty = this.cy.nodes().empty();
      const anchor = options.anchorId ? this.cy.getElementById(options.anchorId) : null;
      const added = mergeElements(this.cy, defs, { center: anchor?.nonempty() ? { ...anchor.position() } : this.besideCanvas() }).nodes;
      added.addClass('extra');
      applyFilters(this.cy, this.filters());
      if (options.layout === 'all' || wasEmpty) await layoutAll(this.cy);
      else await layoutAdded(this.cy, added);
      return added;
    }));
  }

  showOverview(): Promise<void> {
    return this.track(this.step('overview', async () => {
      this.updateState({ focus: null, expanded: [], hidden: [] }, { push: true });
      await this.doRestore({ ...this.state });
    }));
  }

  /** Free space to the right of what is on the canvas. */
  private besideCanvas(): Point {
    const visible = this.cy.nodes(':visible');
    if (visible.empty()) return { x: 0, y: 0 };
    const bb = visible.boundingBox();
    return { x: bb.x2 + 260, y: (bb.y1 + bb.y2) / 2 };
  }

  /**
   * Adds a node that is not on the canvas, with its neighbourhood, beside what is there;
   * only the new nodes are laid out. Returns false when the API does not know it.
   */
  private async addBeside(id: string): Promise<boolean> {
    const generation = this.generation;
    const center = this.besideCanvas();
    const defs = await neighbourhood([id], apiFilters(this.state));
    if (generation !== this.generation || !defs.some((d) => d.data.id === id)) return false;
    const added = mergeElements(this.cy, defs, { center }).nodes;
    const node = this.cy.getElementById(id);
    node.position(center);
    node.addClass('expanded');
    applyFilters(this.cy, this.filters());
    await layoutAdded(this.cy, added.not(node));
    return true;
  }

  focus(id: string, options: { add?: boolean } = {}): Promise<void> {
    return this.track(this.step(options.add ? 'add' : 'focus', () => this.doFocus(id, options.add === true)));
  }

  private async doFocus(id: string, add: boolean): Promise<void> {
    try {
      if (add && this.cy.nodes().nonempty()) {
        if (id !== this.state.focus && !this.state.expanded.includes(id)) this.updateState({ expanded: [...this.state.expanded, id] }, { push: true });
        if (this.cy.getElementById(id).nonempty() && !isMoreId(id)) await this.doExpand(id);
        else if (!(await this.addBeside(id))) {
          this.toast(`“${id}” is not in the graph`, 'error');
          return;
        }
      } else {
        const generation = this.replaceCanvas();
        this.updateState({ focus: id, expanded: [], hidden: [] }, { push: true });
        const defs = await neighbourhood([id], apiFilters(this.state));
        if (generation !== this.generation) return;
        mergeElements(this.cy, defs, {});
        const node = this.cy.getElementById(id);
        if (node.empty()) {
          this.hooks.mode('');
          this.toast(`“${id}” is not in the graph`, 'error');
          return;
        }
        node.addClass('focus expanded');
        applyFilters(this.cy, this.filters());
        await layoutAll(this.cy);
        if (generation !== this.generation) return;
        this.hooks.mode(`Focus: ${node.data('label')}`);
      }
      await this.doSelect(id, { center: true });
    } catch (error) {
      this.fail('Could not load the neighbourhood', error);
    }
  }

  expand(id: string): Promise<void> {
    return this.track(this.step('expand', () => (isMoreId(id) ? this.expandMore(id) : this.doExpand(id))));
  }

  private async doExpand(id: string): Promise<void> {
    try {
      if (this.cy.getElementById(id).empty()) {
        if (await this.addBeside(id)) this.updateState({ expanded: [...this.state.expanded, id] });
        return;
      }
      const generation = this.generation;
      const before = shownNeighbours(this.cy, id).length;
      const defs = await neighbourhood([id], apiFilters(this.state));
      if (generation !== this.generation) return;
      const added = mergeElements(this.cy, defs, { anchorId: id }).nodes;
      this.cy.getElementById(id).addClass('expanded');
      hideNodes(this.cy, this.state.hidden);
      applyFilters(this.cy, this.filters());
      if (id !== this.state.focus && !this.state.expanded.includes(id)) this.updateState({ expanded: [...this.state.expanded, id] });
      await layoutAdded(this.cy, added);
      if (added.empty() && shownNeighbours(this.cy, id).length === before) this.toast('No further neighbours to add');
      this.hooks.refreshDetails();
    } catch (error) {
      this.fail('Could not expand', error);
    }
  }

  private async expandMore(moreId: string): Promise<void> {
    const generation = this.generation;
    try {
      const added = await moreInto(this.cy, moreId, apiFilters(this.state), () => generation === this.generation);
      if (!added) return;
      hideNodes(this.cy, this.state.hidden);
      applyFilters(this.cy, this.filters());
      // the URL remembers it by the "+N more" node's id, replayed in order on restore
      if (!this.state.expanded.includes(moreId)) this.updateState({ expanded: [...this.state.expanded, moreId] });
      await layoutAdded(this.cy, added);
      this.hooks.refreshDetails();
    } catch (error) {
      this.fail('Could not add the remaining neighbours', error);
    }
  }

  collapse(id: string): void {
    if (id === this.state.focus) {
      this.toast('This is the focus: choose another node, or go back to the overview');
      return;
    }
    this.stepSync('collapse', () => {
      collapse(this.cy, id, (n) => n.id() === this.state.focus);
      this.updateState({ expanded: this.state.expanded.filter((x) => x !== id && x !== moreNodeId(id)) });
    });
    this.hooks.refreshDetails();
  }

  hide(id: string): void {
    this.stepSync('hide', () => {
      hideNodes(this.cy, [id]);
      if (!this.state.hidden.includes(id)) this.updateState({ hidden: [...this.state.hidden, id] });
    });
    if (this.cy.nodes(':selected').empty()) this.hooks.showDetails(null);
    this.toast('Hidden. Ctrl+Z, or “Unhide” in the toolbar, brings it back.');
  }

  showHidden(): number {
    return this.stepSync('show hidden', () => {
      const count = showHidden(this.cy);
      this.updateState({ hidden: [] });
      return count;
    });
  }

  pin(id: string): boolean {
    return this.stepSync('pin', () => {
      const pinned = togglePin(this.cy, id);
      this.updateState({ pinned: pinned ? [...this.state.pinned.filter((x) => x !== id), id] : this.state.pinned.filter((x) => x !== id) });
      return pinned;
    });
  }

  select(id: string | null, options: { center?: boolean } = {}): Promise<void> {
    return this.track(this.doSelect(id, options));
  }

  private async doSelect(id: string | null, options: { center?: boolean }): Promise<void> {
    if (!id) {
      this.cy.nodes(':selected').unselect();
      this.hooks.showDetails(null);
      return;
    }
    let node = this.cy.getElementById(id);
    if (node.nonempty() && node.hasClass('hidden')) {
      node.removeClass('hidden');
      this.cy.getElementById(moreNodeId(id)).removeClass('hidden');
      this.updateState({ hidden: this.state.hidden.filter((x) => x !== id) });
    } else if (node.empty()) {
      try {
        if (await this.addBeside(id)) this.updateState({ expanded: [...this.state.expanded, id] });
      } catch (error) {
        this.fail('Could not add it to the graph', error);
        return;
      }
      node = this.cy.getElementById(id);
    }
    if (node.empty()) return;
    this.cy.nodes(':selected').not(node).unselect();
    node.select();
    if (options.center) {
      const viewport = { center: { eles: node }, zoom: Math.max(this.cy.zoom(), 0.9) };
      const duration = motion(250);
      if (duration) this.cy.animate(viewport, { duration });
      else {
        this.cy.zoom(viewport.zoom);
        this.cy.center(node);
      }
    }
    this.hooks.showDetails(id);
  }

  // restoring a view (a shared link, the back button, the overview)

  /** A link's pins, and its positions when they were made for these very nodes; positions are the link's alone. */
  private putBackArrangement(state: ViewState): void {
    for (const id of state.pinned) {
      const node = this.cy.getElementById(id);
      if (node.nonempty() && !node.hasClass('pinned')) togglePin(this.cy, id);
    }
    this.state.pinned = state.pinned.filter((id) => this.cy.getElementById(id).nonempty());
    if (state.layout && !applyLayoutCode(this.cy, state.layout)) this.toast('The graph has changed since this link was made, so it is laid out afresh');
    this.state.layout = null;
  }

  restore(state: ViewState): Promise<void> {
    return this.track(this.doRestore(state));
  }

  private async doRestore(state: ViewState): Promise<void> {
    this.restoring = true;
    try {
      Object.assign(this.state, emptyState(), state);
      const generation = this.replaceCanvas();
      this.hooks.mode(state.focus ? 'Loading…' : OVERVIEW_MODE);
      const defs = await elementsFor({ ...this.state }, () => generation === this.generation);
      if (!defs || generation !== this.generation) return;
      this.cy.add(defs);
      hideNodes(this.cy, this.state.hidden);
      applyFilters(this.cy, this.filters());
      await layoutAll(this.cy);
      if (generation !== this.generation) return;
      this.putBackArrangement(state);
      if (!state.focus) {
        this.hooks.mode(this.cy.nodes().empty() ? 'The graph is empty: seed it with npm run seed' : OVERVIEW_MODE);
        return;
      }
      const focus = this.cy.getElementById(state.focus);
      if (focus.nonempty()) {
        this.hooks.mode(`Focus: ${focus.data('label')}`);
        focus.select();
        this.hooks.showDetails(state.focus, false);
      } else {
        this.hooks.mode('');
        this.toast(`“${state.focus}” is not in the graph`, 'error');
      }
    } catch (error) {
      this.fail('Could not load the view', error);
    } finally {
      this.restoring = false;
    }
  }
}
