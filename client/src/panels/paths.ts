import type cytoscape from 'cytoscape';
import { ApiError, api } from '../api.js';
import type { AppContext } from '../app-context.js';
import { clear, h, swatch } from '../dom.js';
import { clearHighlight, highlightPath } from '../graph/expand.js';
import { KIND_LOOK, colorOf, isNodeKind } from '../graph/kinds.js';
import { fitView } from '../graph/layout.js';
import { toElements } from '../graph/to-elements.js';
import { attachCombobox } from './search.js';

// How are two nodes connected? Pick the ends from search or from the selection; the shortest
// paths are added to the canvas and highlighted, and listed step by step.

export interface PathsPanel {
  setEnd(end: 'from' | 'to', id: string, name?: string): void;
  find(): Promise<void>;
}

/** One path through the answer's elements, from → to, as alternating node and edge ids. */
export function orderPath(elements: readonly cytoscape.ElementDefinition[], from: string, to: string): string[] {
  const adjacency = new Map<string, { edge: string; other: string }[]>();
  for (const e of elements) {
    if (e.group !== 'edges') continue;
    const { id, source, target } = e.data as { id: string; source: string; target: string };
    adjacency.set(source, [...(adjacency.get(source) ?? []), { edge: id, other: target }]);
    adjacency.set(target, [...(adjacency.get(target) ?? []), { edge: id, other: source }]);
  }
  const previous = new Map<string, { node: string; edge: string }>();
  const queue = [from];
  const seen = new Set([from]);
  while (queue.length) {
    const node = queue.shift()!;
    if (node === to) break;
    for (const { edge, other } of adjacency.get(node) ?? []) {
      if (seen.has(other)) continue;
      seen.add(other);
      previous.set(other, { node, edge });
      queue.push(other);
    }
  }
  if (!seen.has(to)) return [];
  const out = [to];
  let at = to;
  while (at !== from) {
    const step = previous.get(at)!;
    out.unshift(step.node, step.edge);
    at = step.node;
  }
  return out;
}

export function createPathsPanel(root: HTMLElement, app: AppContext): PathsPanel {
  const ends: Record<'from' | 'to', string | null> = { from: app.state.pathFrom, to: app.state.pathTo };
  const inputs = {} as Record<'from' | 'to', HTMLInputElement>;
  const combos = {} as Record<'from' | 'to', ReturnType<typeof attachCombobox>>;
  const hops = h('select', { id: 'path-hops', 'aria-label': 'Most steps' },
    ...[2, 3, 4, 5, 6, 8].map((n) => h('option', { value: String(n), ...(n === 6 ? { selected: true } : {}) }, `${n} steps`)));
  const result = h('div', { class: 'path-result', 'aria-live': 'polite' });

  const endField = (end: 'from' | 'to', label: string) => {
    const input = h('input', { id: `path-${end}`, type: 'text', placeholder: 'Search, or use the selected node' });
    const list = h('ul', { id: `path-${end}-list`, class: 'suggestions', hidden: true });
    inputs[end] = input;
    combos[end] = attachCombobox({
      input, list,
      onChoose: (hit) => { ends[end] = hit.node.id; app.updateState(end === 'from' ? { pathFrom: hit.node.id } : { pathTo: hit.node.id }); },
    });
    input.addEventListener('input', () => { ends[end] = null; });
    const useSelected = () => {
      const selected = app.cy.nodes(':selected').first();
      if (selected.empty()) { app.toast('Select a node in the graph first'); return; }
      setEnd(end, selected.id(), String(selected.data('label')));
    };
    return h('div', { class: 'field combo' },
      h('label', { for: `path-${end}` }, label),
      h('div', { class: 'combo-row' }, input, h('button', { type: 'button', onclick: useSelected, title: 'Use the node selected in the graph' }, 'Use selected')),
      list);
  };

  function setEnd(end: 'from' | 'to', id: string, name?: string): void {
    ends[end] = id;
    combos[end].setValue(name ?? String(app.cy.getElementById(id).data('label') ?? id));
    app.updateState(end === 'from' ? { pathFrom: id } : { pathTo: id });
  }

  async function find(): Promise<void> {
    const { from, to } = ends;
    clear(result);
    if (!from || !to) {
      result.append(h('p', { class: 'error' }, 'Choose both ends: pick each from the suggestions or use the selected node.'));
      return;
    }
    if (from === to) {
      result.append(h('p', { class: 'error' }, 'The two ends are the same node.'));
      return;
    }
    result.append(h('p', { class: 'muted' }, 'Looking for a path…'));
    try {
      const answer = await api.path(from, to, Number(hops.value));
      clear(result);
      if (!answer.found || !answer.elements.length) {
        highlightPath(app.cy, []);
        result.append(h('p', {}, `No path of ${hops.value} steps or fewer joins them.`));
        return;
      }
      const defs = toElements({ elements: answer.elements });
      const anchor = app.cy.getElementById(from).nonempty() ? from : app.cy.getElementById(to).nonempty() ? to : null;
      await app.addElements(defs, { anchorId: anchor, layout: 'added' });
      const ids = defs.map((d) => String(d.data.id));
      highlightPath(app.cy, ids);
      fitView(app.cy, app.cy.elements('.path'), { padding: 60 });
      const steps = orderPath(defs, from, to);
      const docTitle = (docId: string) => String(app.cy.getElementById(docId).data('label') ?? docId);
      const nodeCount = defs.filter((d) => d.group === 'nodes').length;
      result.append(
        h('p', {}, `${(steps.length - 1) / 2} step${steps.length === 3 ? '' : 's'}`, nodeCount > (steps.length + 1) / 2 ? ' (other paths of the same length are highlighted too)' : ''),
        h('ol', { class: 'path-steps' }, ...steps.map((id, i) => {
          const el = app.cy.getElementById(id);
          if (i % 2 === 1) {
            // the relationship's own direction, whichever way the path runs through it
            const forward = el.data('source') === steps[i - 1];
            const kind = String(el.data('kind'));
            return h('li', { class: 'path-edge' }, forward ? `— ${kind} →` : `← ${kind} —`, el.data('docId') ? h('span', { class: 'muted' }, ` stated in ${docTitle(String(el.data('docId')))}`) : null);
          }
          const kind = String(el.data('kind'));
          return h('li', { class: 'path-node' },
            swatch(colorOf(kind, el.data('subkind') as string | null), isNodeKind(kind) ? KIND_LOOK[kind].shape : 'round-rectangle', 14), ' ',
            h('button', { type: 'button', class: 'link-like', onclick: () => void app.select(id, { center: true }) }, String(el.data('label') ?? id)));
        })),
        h('button', { type: 'button', onclick: () => { clearHighlight(app.cy); clear(result); } }, 'Clear highlight'),
      );
    } catch (error) {
      clear(result);
      result.append(h('p', { class: 'error', role: 'alert' }, `Path search failed: ${error instanceof ApiError ? error.message : String(error)}`));
    }
  }

  clear(root);
  root.append(
    h('h2', {}, 'How are they connected?'),
    h('p', { class: 'muted' }, 'The shortest paths between two people, organisations, reports or documents, highlighted in the graph.'),
    endField('from', 'From'),
    endField('to', 'To'),
    h('div', { class: 'field row' }, h('label', { for: 'path-hops' }, 'At most'), hops,
      h('button', { type: 'button', class: 'primary', id: 'path-find', onclick: () => void find() }, 'Find path')),
    result,
  );
  for (const end of ['from', 'to'] as const) {
    const id = ends[end];
    if (id) combos[end].setValue(id);
  }
  return { setEnd, find };
}
