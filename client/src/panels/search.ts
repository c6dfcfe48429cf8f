import { ApiError, api, isAbort } from '../api.js';
import type { SearchHit } from '../api-types.js';
import { clear, debounce, h, swatch } from '../dom.js';
import { KIND_LOOK, colorOf, isNodeKind } from '../graph/kinds.js';

// A search box with suggestions as you type: an ARIA combobox (input + listbox) driven by the
// keyboard (arrows, Home/End, Enter, Escape) or the pointer. Used by the top search and by
// the two ends of the paths panel.

export interface ComboboxOptions {
  input: HTMLInputElement;
  list: HTMLUListElement;
  /** announces the number of suggestions to screen readers */
  status?: HTMLElement;
  kinds?: string[];
  limit?: number;
  /** `shift`: chosen with Shift held (Shift+Enter, Shift-click) */
  onChoose(hit: SearchHit, how: { shift: boolean }): void;
  /** what choosing does, said below the suggestions and to screen readers */
  chooseHint?: string;
  /** counts by kind above the suggestions, each a filter (Alt+Left and Alt+Right move between them) */
  facets?: boolean;
}

export interface Combobox {
  close(): void;
  setValue(text: string): void;
}

export function roleLine(hit: SearchHit): string {
  const { node } = hit;
  const kind = isNodeKind(node.label) ? KIND_LOOK[node.label].title : node.label;
  const parts = [node.kind ? `${kind} · ${node.kind}` : kind];
  const titles = node.properties.titles;
  if (Array.isArray(titles) && typeof titles[0] === 'string') parts.push(titles[0]);
  if (node.label === 'Report' && node.properties.year) parts.push(String(node.properties.year));
  if (node.label === 'Document' && typeof node.properties.publisher === 'string') parts.push(node.properties.publisher);
  if (hit.matched && hit.matched !== node.name && hit.rank >= 3) parts.push(`also known as “${hit.matched}”`);
  if (hit.role) parts.push(`${hit.role.title}, ${hit.role.organization}`);
  return parts.join(' — ');
}

export function attachCombobox(options: ComboboxOptions): Combobox {
  const { input, list } = options;
  let hits: SearchHit[] = [];
  let active = -1;
  let controller: AbortController | null = null;
  let lastQuery = '';

  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('autocomplete', 'off');
  input.spellcheck = false;
  list.setAttribute('role', 'listbox');

  const announce = (text: string) => { if (options.status) options.status.textContent = text; };

  // beside the list, not in it: a listbox holds options only
  const facetBar = options.facets ? h('div', { class: 'suggestion-facets', role: 'group', 'aria-label': 'Kinds' }) : null;
  const hint = options.chooseHint || facetBar ? h('div', { class: 'suggestion-hint', hidden: true }, facetBar, options.chooseHint ? h('span', { 'aria-hidden': 'true' }, options.chooseHint) : null) : null;
  if (hint) list.before(hint);
  let facets: { kind: string; count: number }[] = [];
  let facet: string | null = null;
  const kindsAsked = () => (facet ? [facet] : options.kinds);
  const renderFacets = () => {
    if (!facetBar) return;
    const all = facets.reduce((n, f) => n + f.count, 0);
    const chip = (kind: string | null, label: string) => h('button', {
      type: 'button', tabindex: '-1', class: 'facet', 'data-kind': kind ?? 'all', 'aria-pressed': String(facet === kind),
      onmousedown: (e: Event) => { e.preventDefault(); setFacet(kind); },
    }, label);
    facetBar.replaceChildren(chip(null, `All ${all}`), ...facets.map((f) => chip(f.kind, `${isNodeKind(f.kind) ? KIND_LOOK[f.kind].title : f.kind} ${f.count}`)));
  };
  const setFacet = (kind: string | null) => {
    facet = kind;
    renderFacets();
    announce(kind ? `only ${isNodeKind(kind) ? KIND_LOOK[kind].title : kind}` : 'every kind');
    if (lastQuery.length >= 2) fetchHits(lastQuery);
  };

  const open = (yes: boolean) => {
    list.hidden = !yes;
    if (hint) hint.hidden = !yes || (!hits.length && !facet);
    input.setAttribute('aria-expanded', String(yes));
    if (!yes) {
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }
  };

  const setActive = (index: number) => {
    const items = [...list.querySelectorAll<HTMLLIElement>('[role="option"]:not([aria-disabled="true"])')];
    if (!items.length) return;
    active = (index + items.length) % items.length;
    items.forEach((item, i) => { item.setAttribute('aria-selected', String(i === active)); });
    const item = items[active]!;
    input.setAttribute('aria-activedescendant', item.id);
    item.scrollIntoView({ block: 'nearest' });
  };

  const choose = (index: number, shift: boolean) => {
    const hit = hits[index];
    if (!hit) return;
    input.value = hit.node.name;
    lastQuery = input.value;
    open(false);
    options.onChoose(hit, { shift });
  };

  const message = (text: string) => {
    clear(list);
    list.append(h('li', { class: 'suggestion-message', role: 'option', 'aria-disabled': 'true', id: `${list.id}-msg` }, text));
    open(true);
    announce(text);
  };

  const render = () => {
    clear(list);
    if (!hits.length) {
      message(`No matches for “${lastQuery}”`);
      return;
    }
    hits.forEach((hit, i) => {
      const kind = hit.node.label;
      const look = isNodeKind(kind) ? KIND_LOOK[kind] : null;
      const li = h('li', { id: `${list.id}-opt-${i}`, role: 'option', 'aria-selected': 'false', class: 'suggestion', 'data-id': hit.node.id },
        swatch(colorOf(kind, hit.node.kind), look?.shape ?? 'round-rectangle', 16),
        h('span', { class: 'suggestion-text' },
          h('span', { class: 'suggestion-name' }, hit.node.name),
          h('span', { class: 'suggestion-role' }, roleLine(hit))));
      li.addEventListener('mousedown', (event) => {
        event.preventDefault();
        choose(i, event.shiftKey);
      });
      li.addEventListener('mousemove', () => { if (active !== i) setActive(i); });
      list.append(li);
    });
    open(true);
    announce(`${hits.length} suggestion${hits.length === 1 ? '' : 's'}; arrows to move, ${options.chooseHint ?? 'Enter to choose'}`);
  };

  const fetchHits = debounce(async (query: string) => {
    controller?.abort();
    controller = new AbortController();
    try {
      const result = await api.search(query, { kinds: kindsAsked(), limit: options.limit ?? 10, facets: options.facets }, { quiet: true, signal: controller.signal });
      if (query !== input.value.trim()) return;
      hits = result.hits;
      facets = result.facets ?? [];
      renderFacets();
      active = -1;
      render();
    } catch (error) {
      if (isAbort(error)) return;
      hits = [];
      message(error instanceof ApiError ? `Search failed: ${error.message}` : 'Search failed');
    }
  }, 160);

  input.addEventListener('input', () => {
    const query = input.value.trim();
    lastQuery = query;
    if (query.length < 2) {
      fetchHits.cancel();
      controller?.abort();
      hits = [];
      open(false);
      return;
    }
    fetchHits(query);
  });

  input.addEventListener('keydown', (event) => {
    const expanded = !list.hidden;
    if (facetBar && expanded && event.altKey && (event.key === 'ArrowRight' || event.key === 'ArrowLeft')) {
      event.preventDefault();
      const order = [null, ...facets.map((f) => f.kind)];
      const at = order.indexOf(facet);
      setFacet(order[(at + (event.key === 'ArrowRight' ? 1 : order.length - 1)) % order.length] ?? null);
      return;
    }
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!expanded && hits.length) { render(); setActive(0); } else setActive(active + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (expanded) setActive(active - 1);
        break;
      case 'Home':
        if (expanded && hits.length) { event.preventDefault(); setActive(0); }
        break;
      case 'End':
        if (expanded && hits.length) { event.preventDefault(); setActive(hits.length - 1); }
        break;
      case 'Enter':
        if (expanded && hits.length) {
          event.preventDefault();
          choose(Math.max(active , 0), event.shiftKey);
        }
        break;
      case 'Escape':
        if (expanded) { event.preventDefault(); open(false); } else if (input.value) { input.value = ''; hits = []; }
        break;
      case 'Tab':
        open(false);
        break;
      default:
    }
  });
  input.addEventListener('blur', () => setTimeout(() => open(false), 120));
  input.addEventListener('focus', () => { if (hits.length && input.value.trim() === lastQuery && lastQuery.length >= 2) render(); });

  return {
    close: () => open(false),
    setValue: (text: string) => { input.value = text; lastQuery = text; hits = []; open(false); },
  };
}
