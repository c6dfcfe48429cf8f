import { h, swatch } from '../dom.js';
import type { Filters } from '../graph/expand.js';
import { KIND_LOOK, NODE_KINDS, REL_COLOR, REL_KINDS } from '../graph/kinds.js';

// Switch node kinds and relationship types on and off. The canvas keeps the elements; the
// next expansions ask the API only for what is switched on.

export interface FiltersPanel {
  set(filters: Filters): void;
  /** draws the timeline again from the documents on the canvas */
  refresh(): void;
}

/** The canvas's dated documents, for the timeline. */
export type DatedDocuments = () => string[];

export function createFilters(root: HTMLElement, initial: Filters, onChange: (filters: Filters) => void, dates: DatedDocuments = () => []): FiltersPanel {
  const hiddenKinds = new Set(initial.hiddenKinds);
  const hiddenRels = new Set(initial.hiddenRels);
  const boxes = new Map<string, HTMLInputElement>();
  const since = h('input', { type: 'date', id: 'filter-since', value: initial.since ?? '' });
  const until = h('input', { type: 'date', id: 'filter-until', value: initial.until ?? '' });

  const emit = () => onChange({ hiddenKinds: [...hiddenKinds], hiddenRels: [...hiddenRels], since: since.value || null, until: until.value || null });
  since.addEventListener('change', emit);
  until.addEventListener('change', emit);
  const timeline = createTimeline(dates, (from, to) => { since.value = from ?? ''; until.value = to ?? ''; emit(); });

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
    h('fieldset', { class: 'filter-dates' },
      h('legend', {}, 'Published'),
      timeline.element,
      h('div', { class: 'date-range' },
        h('label', { for: 'filter-since' }, 'from'), since,
        h('label', { for: 'filter-until' }, 'to'), until,
        h('button', { type: 'button', id: 'filter-dates-clear', onclick: () => { since.value = ''; until.value = ''; emit(); } }, 'Any time')),
      h('p', { class: 'muted' }, 'Documents outside it leave the canvas, with the quotes and figures only they carry; undated documents stay.')),
  );

  return {
    refresh: () => timeline.draw(since.value || null, until.value || null),
    set(filters: Filters) {
      since.value = filters.since ?? '';
      until.value = filters.until ?? '';
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

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A strip of the canvas's documents by month of publication (by year over a long span). Drag
 * across it to keep a stretch of time; the bars outside fade.
 */
function createTimeline(dates: DatedDocuments, pick: (from: string | null, to: string | null) => void) {
  const svgNs = 'http://www.w3.org/2000/svg';
  const element = h('div', { class: 'timeline', id: 'timeline' });
  let buckets: { key: string; from: string; to: string; count: number }[] = [];

  function draw(from: string | null, to: string | null): void {
    const days = dates().map((d) => d.slice(0, 10)).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort();
    element.replaceChildren();
    if (!days.length) { element.append(h('p', { class: 'muted' }, 'No dated document on the canvas.')); buckets = []; return; }
    const first = days[0]!, last = days[days.length - 1]!;
    const months = (Number(last.slice(0, 4)) - Number(first.slice(0, 4))) * 12 + Number(last.slice(5, 7)) - Number(first.slice(5, 7)) + 1;
    const byYear = months > 36;
    buckets = [];
    if (byYear) {
      for (let y = Number(first.slice(0, 4)); y <= Number(last.slice(0, 4)); y++) buckets.push({ key: String(y), from: `${y}-01-01`, to: `${y}-12-31`, count: 0 });
    } else {
      let y = Number(first.slice(0, 4)), m = Number(first.slice(5, 7));
      for (let i = 0; i < months; i++) {
        const mm = String(m).padStart(2, '0');
        const end = new Date(Date.UTC(y, m, 0)).getUTCDate();
        buckets.push({ key: `${MONTH_NAMES[m - 1]} ${y}`, from: `${y}-${mm}-01`, to: `${y}-${mm}-${end}`, count: 0 });
        m++;
        if (m > 12) { m = 1; y++; }
      }
    }
    for (const d of days) { const b = buckets.find((x) => d >= x.from && d <= x.to); if (b) b.count++; }
    const max = Math.max(...buckets.map((b) => b.count));
    const width = 260, height = 48, bar = width / buckets.length;
    const svg = document.createElementNS(svgNs, 'svg');
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', `Documents on the canvas by ${byYear ? 'year' : 'month'}: ${buckets.filter((b) => b.count).map((b) => `${b.key} ${b.count}`).join(', ')}`);
    buckets.forEach((b, i) => {
      const r = document.createElementNS(svgNs, 'rect');
      const hgt = b.count ? Math.max(3, (b.count / max) * (height - 4)) : 1;
      r.setAttribute('x', String(i * bar + 0.5));
      r.setAttribute('y', String(height - hgt));
      r.setAttribute('width', String(Math.max(1, bar - 1)));
      r.setAttribute('height', String(hgt));
      r.setAttribute('data-from', b.from);
      const inside = (!from || b.to >= from) && (!to || b.from <= to);
      r.setAttribute('class', inside ? 'bar in' : 'bar out');
      const title = document.createElementNS(svgNs, 'title');
      title.textContent = `${b.key}: ${b.count} document${b.count === 1 ? '' : 's'}`;
      r.append(title);
      svg.append(r);
    });
    element.append(svg);
    // drag across the strip to keep that stretch of time
    let start: number | null = null;
    const at = (event: PointerEvent) => {
      const box = svg.getBoundingClientRect();
      return Math.min(buckets.length - 1, Math.max(0, Math.floor(((event.clientX - box.left) / box.width) * buckets.length)));
    };
    svg.addEventListener('pointerdown', (event) => { start = at(event); svg.setPointerCapture(event.pointerId); });
    svg.addEventListener('pointerup', (event) => {
      if (start === null) return;
      const [a, b] = [start, at(event)].sort((x, y) => x - y) as [number, number];
      start = null;
      pick(buckets[a]!.from, buckets[b]!.to);
    });
  }
  return { element, draw };
}
