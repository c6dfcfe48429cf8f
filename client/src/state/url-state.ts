// The view lives in the URL hash, so a copied link opens the same view: the focus node, the
// nodes the user expanded (in order), the nodes they hid, the kinds and relationship types
// switched off, the console query, the open panel, the document and quote in the reader, a path,
// the pinned nodes and, in a copied link, where every node stood.
// Pure: no window access here; main.ts reads and writes location.hash.

export const TABS = ['details', 'reader', 'paths', 'console', 'review'] as const;
export type Tab = (typeof TABS)[number];

export interface ViewState {
  focus: string | null;
  expanded: string[];
  /** nodes the user hid */
  hidden: string[];
  hiddenKinds: string[];
  hiddenRels: string[];
  query: string | null;
  tab: Tab | null;
  /** reader: document and (optionally) quote */
  doc: string | null;
  quote: string | null;
  /** a path between two nodes */
  pathFrom: string | null;
  pathTo: string | null;
  /** nodes pinned where the user put them */
  pinned: string[];
  /** node positions, in a copied link only (graph/positions.ts) */
  layout: string | null;
  /** the time the canvas and the quote lists keep to: documents published from and to (YYYY-MM-DD) */
  since: string | null;
  until: string | null;
}

export function emptyState(): ViewState {
  return { focus: null, expanded: [], hidden: [], hiddenKinds: [], hiddenRels: [], query: null, tab: null, doc: null, quote: null, pathFrom: null, pathTo: null, pinned: [], layout: null, since: null, until: null };
}

const LIST_SEPARATOR = ',';
// ids are "label:slug"; a comma never appears in one (the seed slugs names), but encode it anyway
const encodeItem = (id: string) => id.replaceAll('%', '%25').replaceAll(',', '%2C');
const decodeItem = (id: string) => id.replaceAll('%2C', ',').replaceAll('%25', '%');

function list(value: string | null): string[] {
  if (!value) return [];
  return value.split(LIST_SEPARATOR).filter(Boolean).map(decodeItem);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** The hash for a state, without the leading '#'; empty for the empty state. */
export function encodeState(state: ViewState): string {
  const params = new URLSearchParams();
  const set = (key: string, value: string | null) => { if (value) params.set(key, value); };
  const setList = (key: string, values: readonly string[]) => { if (values.length) params.set(key, unique(values).map(encodeItem).join(LIST_SEPARATOR)); };
  set('focus', state.focus);
  setList('expanded', state.expanded);
  setList('hide', state.hidden);
  setList('hideKinds', state.hiddenKinds);
  setList('hideRels', state.hiddenRels);
  set('tab', state.tab);
  set('doc', state.doc);
  set('quote', state.quote);
  set('from', state.pathFrom);
  set('to', state.pathTo);
  set('q', state.query);
  setList('pins', state.pinned);
  set('at', state.layout);
  set('since', state.since);
  set('until', state.until);
  return params.toString();
}

/** Reads a hash (with or without '#'); unknown keys and malformed values are ignored. */
export function decodeState(hash: string): ViewState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const text = (key: string) => {
    const value = params.get(key);
    return value && value.length <= 100_000 ? value : null;
  };
  const tab = text('tab');
  return {
    focus: text('focus'),
    expanded: unique(list(text('expanded'))),
    hidden: unique(list(text('hide'))),
    hiddenKinds: unique(list(text('hideKinds'))),
    hiddenRels: unique(list(text('hideRels'))),
    query: text('q'),
    tab: tab && (TABS as readonly string[]).includes(tab) ? (tab as Tab) : null,
    doc: text('doc'),
    quote: text('quote'),
    pathFrom: text('from'),
    pathTo: text('to'),
    pinned: unique(list(text('pins'))),
    layout: text('at'),
    since: day(text('since')),
    until: day(text('until')),
  };
}

const day = (value: string | null): string | null => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null);

export function sameState(a: ViewState, b: ViewState): boolean {
  return encodeState(a) === encodeState(b);
}
