import type { Tab } from '../state/url-state.js';

// ARIA tabs for the side panel: click or arrow keys (Home/End too) switch panels.

export interface Tabs {
  show(tab: Tab, options?: { focus?: boolean }): void;
  current(): Tab;
}

export function createTabs(tablist: HTMLElement, names: readonly Tab[], onShow: (tab: Tab) => void): Tabs {
  let active: Tab = names[0]!;
  const tab = (name: Tab) => tablist.querySelector<HTMLButtonElement>(`#tab-${name}`)!;
  const panel = (name: Tab) => document.getElementById(`panel-${name}`)!;

  function show(name: Tab, options: { focus?: boolean } = {}): void {
    active = name;
    for (const other of names) {
      const selected = other === name;
      tab(other).setAttribute('aria-selected', String(selected));
      tab(other).tabIndex = selected ? 0 : -1;
      panel(other).hidden = !selected;
    }
    if (options.focus) tab(name).focus();
    onShow(name);
  }

  for (const name of names) {
    tab(name).addEventListener('click', () => show(name));
  }
  tablist.addEventListener('keydown', (event) => {
    const index = names.indexOf(active);
    let next: number | null = null;
    if (event.key === 'ArrowRight') next = (index + 1) % names.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + names.length) % names.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = names.length - 1;
    if (next === null || !(event.target as HTMLElement).matches('[role="tab"]')) return;
    event.preventDefault();
    show(names[next]!, { focus: true });
  });
  return { show, current: () => active };
}
