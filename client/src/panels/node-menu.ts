import type { AppContext } from '../app-context.js';
import { h } from '../dom.js';
import { isMoreId } from '../graph/to-elements.js';

// What can be done to nodes, where the pointer or the keyboard is: a context menu on a right
// click (or the Menu key, or Shift+F10, on the canvas), and a bar for several nodes at once
// (Shift-click or Shift-drag a box). An action on a node that is part of a selection of several
// is done to all of them.

interface Action { label: string; run(ids: string[]): void | Promise<void>; when?(ids: string[]): boolean }

export interface NodeMenu {
  open(id: string, at: { x: number; y: number }): void;
  close(): void;
  /** the canvas's selection changed */
  selectionChanged(): void;
}

export function createNodeMenu(container: HTMLElement, app: AppContext): NodeMenu {
  const menu = h('div', { class: 'node-menu', role: 'menu', id: 'node-menu', hidden: true, 'aria-label': 'Node actions' });
  const bar = h('div', { class: 'selection-bar', role: 'toolbar', id: 'selection-bar', hidden: true, 'aria-label': 'Selected nodes' });
  container.append(menu, bar);

  const selected = () => app.cy.nodes(':selected').filter((n) => !isMoreId(n.id())).map((n) => n.id());
  const each = (ids: string[], f: (id: string) => unknown) => Promise.all(ids.map((id) => f(id))).then(() => undefined);
  const actions: Action[] = [
    { label: 'Details', when: (ids) => ids.length === 1, run: ([id]) => app.select(id!) },
    { label: 'Expand', when: (ids) => ids.some((id) => !app.cy.getElementById(id).hasClass('expanded')), run: (ids) => each(ids.filter((id) => !app.cy.getElementById(id).hasClass('expanded')), (id) => app.expand(id)) },
    { label: 'Collapse', when: (ids) => ids.some((id) => app.cy.getElementById(id).hasClass('expanded')), run: (ids) => { for (const id of ids) if (app.cy.getElementById(id).hasClass('expanded')) app.collapse(id); } },
    { label: 'Focus', when: (ids) => ids.length === 1, run: ([id]) => app.focus(id!) },
    { label: 'Pin', when: (ids) => ids.some((id) => !app.cy.getElementById(id).hasClass('pinned')), run: (ids) => { for (const id of ids) if (!app.cy.getElementById(id).hasClass('pinned')) app.pin(id); } },
    { label: 'Unpin', when: (ids) => ids.some((id) => app.cy.getElementById(id).hasClass('pinned')), run: (ids) => { for (const id of ids) if (app.cy.getElementById(id).hasClass('pinned')) app.pin(id); } },
    { label: 'Hide', run: (ids) => { for (const id of ids) app.hide(id); } },
    { label: 'Path from here', when: (ids) => ids.length === 1, run: ([id]) => app.pathFrom(id!, 'from') },
    { label: 'Path to here', when: (ids) => ids.length === 1, run: ([id]) => app.pathFrom(id!, 'to') },
    { label: 'Read this document', when: (ids) => ids.length === 1 && ids[0]!.startsWith('doc:'), run: ([id]) => app.openReader({ docId: id! }) },
  ];

  let returnFocus: HTMLElement | null = null;
  function close(): void {
    if (menu.hidden) return;
    menu.hidden = true;
    menu.replaceChildren();
    returnFocus?.focus();
    returnFocus = null;
  }

  function open(id: string, at: { x: number; y: number }): void {
    if (isMoreId(id)) return;
    const many = selected();
    const ids = many.length > 1 && many.includes(id) ? many : [id];
    const name = ids.length > 1 ? `${ids.length} nodes` : String(app.cy.getElementById(id).data('label') ?? id);
    const items = actions.filter((a) => !a.when || a.when(ids)).map((a) =>
      h('button', { type: 'button', role: 'menuitem', tabindex: '-1', 'data-action': a.label, onclick: () => { close(); void a.run(ids); } }, a.label));
    menu.replaceChildren(h('p', { class: 'node-menu-title', 'aria-hidden': 'true' }, name), ...items);
    menu.setAttribute('aria-label', `Actions for ${name}`);
    returnFocus = document.activeElement as HTMLElement | null;
    menu.hidden = false;
    // inside the canvas, whichever corner keeps it whole
    const box = container.getBoundingClientRect();
    const x = Math.min(at.x, box.width - menu.offsetWidth - 4);
    const y = Math.min(at.y, box.height - menu.offsetHeight - 4);
    menu.style.left = `${Math.max(4, x)}px`;
    menu.style.top = `${Math.max(4, y)}px`;
    items[0]?.focus();
  }

  menu.addEventListener('keydown', (event) => {
    const items = [...menu.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    let next: number | null = null;
    if (event.key === 'ArrowDown') next = (at + 1) % items.length;
    else if (event.key === 'ArrowUp') next = (at - 1 + items.length) % items.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = items.length - 1;
    else if (event.key === 'Escape' || event.key === 'Tab') { event.preventDefault(); close(); return; }
    if (next === null) return;
    event.preventDefault();
    items[next]?.focus();
  });
  document.addEventListener('pointerdown', (event) => { if (!menu.contains(event.target as Node)) close(); });

  function selectionChanged(): void {
    const ids = selected();
    if (ids.length < 2) { bar.hidden = true; bar.replaceChildren(); return; }
    bar.replaceChildren(
      h('span', { class: 'selection-count' }, `${ids.length} selected`),
      ...actions.filter((a) => !a.when || a.when(ids)).map((a) =>
        h('button', { type: 'button', 'data-action': a.label, onclick: () => void Promise.resolve(a.run(ids)).then(selectionChanged) }, a.label)),
      h('button', { type: 'button', 'data-action': 'clear', onclick: () => { app.cy.nodes(':selected').unselect(); selectionChanged(); } }, 'Clear'));
    bar.hidden = false;
  }

  return { open, close, selectionChanged };
}
