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
  /** where new nodes start: around this node when it is on the canvas */
  anchorId?: string | null;
  /** added: only the new nodes, among their neighbours (or beside the canvas); all: the whole canvas */
  layout: 'added' | 'all';
}

export interface AppContext {
  readonly cy: cytoscape.Core;
  readonly state: Readonly<ViewState>;
  /** selects a node (adding it to the canvas with its neighbourhood if absent) and shows its details */
  select(id: string | null, options?: { center?: boolean }): Promise<void>;
  /** makes a node the focus: its neighbourhood, centred; `add` keeps what is on the canvas and adds it */
  focus(id: string, options?: { add?: boolean }): Promise<void>;
  expand(id: string): Promise<void>;
  collapse(id: string): void;
  hide(id: string): void;
  /** brings back every hidden node; returns how many */
  showHidden(): number;
  pin(id: string): boolean;
  addElements(defs: cytoscape.ElementDefinition[], options: AddOptions): Promise<cytoscape.NodeCollection>;
  openReader(target: ReaderTarget): Promise<void>;
  showTab(tab: Tab): void;
  /** paths panel with one end filled in */
  pathFrom(id: string, end: 'from' | 'to'): void;
  updateState(patch: Partial<ViewState>, options?: { push?: boolean }): void;
  toast(message: string, tone?: 'info' | 'error'): void;
}
