import type cytoscape from 'cytoscape';
import type { Tab, ViewState } from './state/url-state.js';

// What the panels may ask of the app. Panels never reach into each other.

export interface ReaderTarget {
  docId: string;
  /** the quote to highlight and scroll to */
  quoteId?: string | null;
  /** or a span (a claim, a role, a mention) */
  span?: { start: number; end: number; label?: string } | null;
}

export interface AddOptions {
  anchorId?: string | null;
  /** around: only the new nodes, around the anchor; all: the whole canvas; none: ring placement only */
  layout: 'around' | 'all' | 'none';
}

export interface AppContext {
  readonly cy: cytoscape.Core;
  readonly state: Readonly<ViewState>;
  /** selects a node (adding it to the canvas with its neighbourhood if absent) and shows its details */
  select(id: string | null, options?: { center?: boolean }): Promise<void>;
  /** makes a node the focus: its neighbourhood, centred; `add` keeps what is on the canvas */
  focus(id: string, options?: { add?: boolean }): Promise<void>;
  expand(id: string): Promise<void>;
  collapse(id: string): void;
  hide(id: string): void;
  pin(id: string): boolean;
  addElements(defs: cytoscape.ElementDefinition[], options: AddOptions): Promise<cytoscape.NodeCollection>;
  openReader(target: ReaderTarget): Promise<void>;
  showTab(tab: Tab): void;
  /** paths panel with one end filled in */
  pathFrom(id: string, end: 'from' | 'to'): void;
  updateState(patch: Partial<ViewState>, options?: { push?: boolean }): void;
  toast(message: string, tone?: 'info' | 'error'): void;
}
