import type cytoscape from 'cytoscape';
import { ApiError, api } from './api.js';
import type { AddOptions, AppContext, ReaderTarget } from './app-context.js';
import {
  type Filters, type Point, applyFilters, collapse, hideNodes, mergeElements, planExpansion, remainingAfter, setMoreNode, shownNeighbours, togglePin,
} from './graph/expand.js';
import { NODE_KINDS, REL_KINDS } from './graph/kinds.js';
import { layoutAll, layoutAround } from './graph/layout.js';
import { isMoreId, moreNodeId, toElements } from './graph/to-elements.js';
import { type Tab, type ViewState, emptyState } from './state/url-state.js';

// The controller: what is on the canvas and why (overview, focus, expansions), kept in step
// with the URL. Panels call it through AppContext; it calls them through these hooks.

export interface AppHooks {
  showDetails(id: string | null): void;
  refreshDetails(): void;
  openReader(target: ReaderTarget): Promise<void>;
  showTab(tab: Tab): void;
  pathFrom(id: string, end: 'from' | 'to'): void;
  writeUrl(state: ViewState, push: boolean): void;
  toast(message: string, tone: 'info' | 'error'): void;
  mode(text: string): void;
}

const PER_NODE = 25;

export class GraphApp implements AppContext {
  readonly state: ViewState = emptyState();
  /** bumped whenever the canvas is replaced; a late answer for an older canvas is dropped */
  private generation = 0;
  private restoring = false;

  constructor(readonly cy: cytoscape.Core, private readonly hooks: AppHooks) {}

  // state and URL

  updateState(patch: Partial<ViewState>, options: { push?: boolean } = {}): void {
    Object.assign(this.state, patch);
    if (!this.restoring) this.hooks.writeUrl(this.state, options.push ?? false);
  }

  filters(): Filters {
    return { hiddenKinds: this.state.hiddenKinds, hiddenRels: this.state.hiddenRels };
  }

  setFilters(filters: Filters): void {
    this.updateState({ hiddenKinds: [...filters.hiddenKinds], hiddenRels: [...filters.hiddenRels] });
    applyFilters(this.cy, filters);
  }

  /** What to ask the API for: only kinds and types switched on (nothing when all are). */
  private apiFilters(): { kinds?: string[]; rels?: string[] } {
    const kinds = NODE_KINDS.filter((k) => !this.state.hiddenKinds.includes(k));
    const rels = REL_KINDS.filter((r) => !this.state.hiddenRels.includes(r));
    return {
      kinds: kinds.length < NODE_KINDS.length ? kinds : undefined,
      rels: rels.length < REL_KINDS.length ? rels : undefined,
    };
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
    if (error instanceof ApiError && error.code === 'UNREACHABLE') return; // the banner says it
    this.toast(`${what}: ${(error as Error).message}`, 'error');
  }

  // the canvas

  private replaceCanvas(): number {
    this.generation++;
    this.cy.elements().remove();
    this.hooks.showDetails(null);
    return this.generation;
  }

  async addElements(defs: cytoscape.ElementDefinition[], options: AddOptions): Promise<cytoscape.NodeCollection> {
    const added = mergeElements(this.cy, defs, { anchorId: options.anchorId });
    applyFilters(this.cy, this.filters());
    if (options.layout === 'all') await layoutAll(this.cy);
    else if (options.layout === 'around' && options.anchorId) await layoutAround(this.cy, options.anchorId, added.nodes);
    return added.nodes;
  }

  async showOverview(): Promise<void> {
    const generation = this.replaceCanvas();
    this.updateState({ focus: null, expanded: [] }, { push: true });
    this.hooks.mode('Overview: the most connected people, organisations and reports');
    try {
      const overview = await api.overview(40);
      if (generation !== this.generation) return;
      await this.addElements(toElements({ elements: overview.elements }), { layout: 'all' });
      if (this.cy.nodes().empty()) this.hooks.mode('The graph is empty: seed it with npm run seed');
    } catch (error) {
      this.fail('Could not load the overview', error);
    }
  }

  /** Loads a neighbourhood onto the canvas; returns the nodes added. */
  private async loadNeighbourhood(
    ids: string[], anchorId: string | null, extra: { perNode?: number; exclude?: string[]; center?: Point } = {},
  ): Promise<cytoscape.NodeCollection | null> {
    const generation = this.generation;
    const answer = await api.neighbourhood({ ids, depth: 1, perNode: extra.perNode ?? PER_NODE, exclude: extra.exclude, ...this.apiFilters() });
    if (generation !== this.generation) return null;
    const defs = toElements({ elements: answer.elements, truncated: answer.truncated });
    const added = mergeElements(this.cy, defs, { anchorId, center: extra.center });
    applyFilters(this.cy, this.filters());
    return added.nodes;
  }

  /** Free space to the right of what is on the canvas. */
  private besideCanvas(): Point {
    const visible = this.cy.elements(':visible');
    if (visible.empty()) return { x: 0, y: 0 };
    const bb = visible.boundingBox();
    return { x: bb.x2 + 260, y: (bb.y1 + bb.y2) / 2 };
  }

  /**
   * Adds a node that is not on the canvas, with its neighbourhood, beside what is there;
   * only the new nodes are laid out. Returns false when the API does not know it.
   */
  private async addBeside(id: string): Promise<boolean> {
    const center = this.besideCanvas();
    const added = await this.loadNeighbourhood([id], null, { center });
    const node = this.cy.getElementById(id);
    if (!added || node.empty()) return false;
    node.position(center);
    node.addClass('expanded');
    await layoutAround(this.cy, id, added.not(node));
    return true;
  }

  async focus(id: string, options: { add?: boolean } = {}): Promise<void> {
    const onCanvas = this.cy.getElementById(id).nonempty() && !isMoreId(id);
    const keep = options.add === true || (onCanvas && this.state.focus !== null);
    try {
      if (keep) {
        this.updateState({ expanded: [...this.state.expanded.filter((x) => x !== id), id] }, { push: true });
        if (onCanvas) {
          const added = await this.loadNeighbourhood([id], id);
          if (!added) return;
          this.cy.getElementById(id).addClass('expanded');
          await layoutAround(this.cy, id, added);
        } else if (!(await this.addBeside(id))) {
          this.toast(`“${id}” is not in the graph`, 'error');
          return;
        }
      } else {
        this.replaceCanvas();
        this.updateState({ focus: id, expanded: [] }, { push: true });
        const added = await this.loadNeighbourhood([id], null);
        if (!added) return;
        const node = this.cy.getElementById(id);
        if (node.empty()) {
          this.toast(`“${id}” is not in the graph`, 'error');
          return;
        }
        this.cy.nodes('.focus').removeClass('focus');
        node.addClass('focus expanded');
        await layoutAll(this.cy);
        this.hooks.mode(`Focus: ${node.data('label')}`);
      }
      await this.select(id, { center: true });
    } catch (error) {
      this.fail('Could not load the neighbourhood', error);
    }
  }

  async expand(id: string): Promise<void> {
    if (isMoreId(id)) return this.expandMore(id);
    try {
      if (this.cy.getElementById(id).empty()) {
        if (await this.addBeside(id)) this.updateState({ expanded: [...this.state.expanded, id] });
        return;
      }
      const before = shownNeighbours(this.cy, id).length;
      const added = await this.loadNeighbourhood([id], id);
      if (!added) return;
      this.cy.getElementById(id).addClass('expanded');
      if (id !== this.state.focus && !this.state.expanded.includes(id)) this.updateState({ expanded: [...this.state.expanded, id] });
      await layoutAround(this.cy, id, added);
      if (added.empty() && shownNeighbours(this.cy, id).length === before) this.toast('No further neighbours to add');
      this.hooks.refreshDetails();
    } catch (error) {
      this.fail('Could not expand', error);
    }
  }

  private async expandMore(moreId: string): Promise<void> {
    const more = this.cy.getElementById(moreId);
    if (more.empty()) return;
    const anchorId = String(more.data('anchor'));
    const total = shownNeighbours(this.cy, anchorId).length + Number(more.data('hidden') || 0);
    const plan = planExpansion(this.cy, moreId, PER_NODE);
    try {
      const added = await this.loadNeighbourhood(plan.ids, anchorId, { perNode: plan.perNode, exclude: plan.exclude });
      if (!added) return;
      setMoreNode(this.cy, anchorId, remainingAfter(total, this.cy, anchorId));
      applyFilters(this.cy, this.filters());
      await layoutAround(this.cy, anchorId, added);
      // the URL remembers it by the "+N more" node's id, replayed in order on restore
      if (!this.state.expanded.includes(moreId)) this.updateState({ expanded: [...this.state.expanded, moreId] });
    } catch (error) {
      this.fail('Could not add the remaining neighbours', error);
    }
  }

  collapse(id: string): void {
    collapse(this.cy, id, (n) => n.id() === this.state.focus);
    this.updateState({ expanded: this.state.expanded.filter((x) => x !== id && x !== moreNodeId(id)) });
    this.hooks.refreshDetails();
  }

  hide(id: string): void {
    hideNodes(this.cy, [id]);
    if (this.cy.nodes(':selected').empty()) this.hooks.showDetails(null);
    this.toast('Hidden. “Show hidden” in the toolbar brings it back.');
  }

  pin(id: string): boolean {
    return togglePin(this.cy, id);
  }

  async select(id: string | null, options: { center?: boolean } = {}): Promise<void> {
    if (!id) {
      this.cy.nodes(':selected').unselect();
      this.hooks.showDetails(null);
      return;
    }
    let node = this.cy.getElementById(id);
    if (node.empty() || node.hasClass('hidden')) {
      if (node.nonempty()) node.removeClass('hidden');
      else {
        try {
          if (await this.addBeside(id)) this.updateState({ expanded: [...this.state.expanded, id] });
        } catch (error) {
          this.fail('Could not add it to the graph', error);
          return;
        }
      }
      node = this.cy.getElementById(id);
    }
    if (node.empty()) return;
    this.cy.nodes(':selected').not(node).unselect();
    node.select();
    if (options.center) this.cy.animate({ center: { eles: node }, zoom: Math.max(this.cy.zoom(), 0.9) }, { duration: 250 });
    this.hooks.showDetails(id);
  }

  // restoring a shared view

  async restore(state: ViewState): Promise<void> {
    this.restoring = true;
    try {
      Object.assign(this.state, emptyState(), state, { expanded: [] });
      const generation = this.replaceCanvas();
      if (!state.focus && !state.expanded.length) {
        this.restoring = false;
        await this.showOverview();
        return;
      }
      if (state.focus) {
        await this.loadNeighbourhood([state.focus], null);
        this.cy.getElementById(state.focus).addClass('focus expanded');
      }
      for (const id of state.expanded) {
        if (generation !== this.generation) return;
        if (isMoreId(id)) {
          const more = this.cy.getElementById(id);
          if (more.empty()) continue;
          const anchorId = String(more.data('anchor'));
          const total = shownNeighbours(this.cy, anchorId).length + Number(more.data('hidden') || 0);
          const plan = planExpansion(this.cy, id, PER_NODE);
          await this.loadNeighbourhood(plan.ids, anchorId, { perNode: plan.perNode, exclude: plan.exclude });
          setMoreNode(this.cy, anchorId, remainingAfter(total, this.cy, anchorId));
        } else {
          await this.loadNeighbourhood([id], this.cy.getElementById(id).nonempty() ? id : null);
          this.cy.getElementById(id).addClass('expanded');
        }
        this.state.expanded.push(id);
      }
      applyFilters(this.cy, this.filters());
      await layoutAll(this.cy);
      if (state.focus) {
        const focus = this.cy.getElementById(state.focus);
        if (focus.nonempty()) {
          this.hooks.mode(`Focus: ${focus.data('label')}`);
          focus.select();
          this.hooks.showDetails(state.focus);
        } else {
          this.toast(`“${state.focus}” is not in the graph`, 'error');
        }
      }
    } catch (error) {
      this.fail('Could not restore the view', error);
    } finally {
      this.restoring = false;
    }
  }
}
