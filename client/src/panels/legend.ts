import { h, swatch } from '../dom.js';
import { KIND_LOOK, MORE_LOOK, NODE_KINDS, SUBKIND_COLOR } from '../graph/kinds.js';

// What the colours, shapes and outlines on the canvas mean. Read from the same table as the stylesheet.

export function renderLegend(root: HTMLElement): void {
  const kinds = NODE_KINDS.map((kind) => {
    const look = KIND_LOOK[kind];
    const subkinds = Object.entries(SUBKIND_COLOR[kind] ?? {});
    return h('li', {},
      swatch(look.color, look.shape), ' ', h('span', { class: 'legend-kind' }, look.title),
      subkinds.length
        ? h('ul', { class: 'legend-sub' }, ...subkinds.map(([sub, color]) => h('li', {}, swatch(color, look.shape, 11), ' ', sub)))
        : null);
  });
  root.replaceChildren(
    h('h3', {}, 'Legend'),
    h('ul', { class: 'legend-list' }, ...kinds,
      h('li', {}, swatch(MORE_LOOK.border, 'dashed'), ' ', h('span', { class: 'legend-kind' }, '+N more'), ' (click to add)')),
    h('ul', { class: 'legend-marks' },
      h('li', {}, h('span', { class: 'mark-focus' }), ' focus'),
      h('li', {}, h('span', { class: 'mark-expanded' }), ' expanded'),
      h('li', {}, h('span', { class: 'mark-pinned' }), ' pinned'),
      h('li', {}, h('span', { class: 'mark-path' }), ' on a path')),
  );
}
