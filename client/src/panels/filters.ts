import { h, swatch } from '../dom.js';
import type { Filters } from '../graph/expand.js';
import { KIND_LOOK, NODE_KINDS, REL_COLOR, REL_KINDS } from '../graph/kinds.js';

// Switch node kinds and relationship types on and off. The canvas keeps the elements; the
// next expansions ask the API only for what is switched on.

export interface FiltersPanel {
  set(filters: Filters): void;
}

export function createFilters(root: HTMLElement, initial: Filters, onChange: (filters: Filters) => void): FiltersPanel {
  const hiddenKinds = new Set(initial.hiddenKinds);
  const hiddenRels = new Set(initial.hiddenRels);
  const boxes = new Map<string, HTMLInputElement>();

  const emit = () => onChange({ hiddenKinds: [...hiddenKinds], hiddenRels: [...hiddenRels] });

  const box = (group: 'kind' | 'rel', value: string, label: string, mark: Node) => {
    const id = `filter-${group}-${value}`;
    const set = group === 'kind' ? hiddenKinds : hiddenRels;
    const input = h('input', { type: 'checkbox', id, 'data-filter': group, value });
    input.checked = !set.has(value);
    input.addEventListener('change', () => {
      if (input.checked) set.delete(value);
      else set.add(value);
      emit();
    });
    boxes.set(`${group}:${value}`, input);
    return h('li', {}, h('label', { for: id }, input, ' ', mark, ' ', label));
  };

  const relMark = (color: string) => {
    const line = h('span', { class: 'rel-line' });
    line.style.backgroundColor = color;
    return line;
  };

  root.replaceChildren(
    h('fieldset', {},
      h('legend', {}, 'Show kinds'),
      h('ul', { class: 'filter-list' }, ...NODE_KINDS.map((kind) => box('kind', kind, KIND_LOOK[kind].title, swatch(KIND_LOOK[kind].color, KIND_LOOK[kind].shape))))),
    h('fieldset', {},
      h('legend', {}, 'Show relationships'),
      h('ul', { class: 'filter-list' }, ...REL_KINDS.map((rel) => box('rel', rel, rel, relMark(REL_COLOR[rel]))))),
  );

  return {
    set(filters: Filters) {
      hiddenKinds.clear();
      hiddenRels.clear();
      for (const k of filters.hiddenKinds) hiddenKinds.add(k);
      for (const r of filters.hiddenRels) hiddenRels.add(r);
      for (const [key, input] of boxes) {
        const [group, value] = key.split(':') as ['kind' | 'rel', string];
        input.checked = !(group === 'kind' ? hiddenKinds : hiddenRels).has(value);
      }
    },
  };
}
