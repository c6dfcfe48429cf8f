// Building DOM without HTML strings: text always goes in as text nodes.

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') {
      el.addEventListener(key.replace(/^on/, ''), value);
    } else if (key === 'class') {
      el.className = String(value);
    } else if (value === true) {
      el.setAttribute(key, '');
    } else {
      el.setAttribute(key, String(value));
    }
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

export function clear(el: Element): void {
  el.replaceChildren();
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el as T;
}

/** A link only when the address is http(s): nothing else from a document becomes an href. */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}/.test(value)) return value;
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): ((...args: A) => void) & { cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const wrapped = (...args: A) => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => { timer = undefined; fn(...args); }, ms);
  };
  wrapped.cancel = () => { if (timer !== undefined) clearTimeout(timer); timer = undefined; };
  return wrapped;
}

/** A small shape swatch in a kind's colour, for suggestions and the legend. */
export function swatch(color: string, shape: string, size = 14): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('viewBox', '0 0 1 1');
  svg.setAttribute('aria-hidden', 'true');
  svg.classList.add('swatch');
  let shapeEl: SVGElement;
  const points: Record<string, string> = {
    diamond: '0.5,0.02 0.98,0.5 0.5,0.98 0.02,0.5',
    hexagon: '0.25,0.07 0.75,0.07 0.98,0.5 0.75,0.93 0.25,0.93 0.02,0.5',
    tag: '0.02,0.12 0.68,0.12 0.98,0.5 0.68,0.88 0.02,0.88',
    rectangle: '0.12,0.04 0.88,0.04 0.88,0.96 0.12,0.96',
  };
  if (shape === 'ellipse') {
    shapeEl = document.createElementNS(ns, 'circle');
    shapeEl.setAttribute('cx', '0.5');
    shapeEl.setAttribute('cy', '0.5');
    shapeEl.setAttribute('r', '0.46');
  } else if (points[shape]) {
    shapeEl = document.createElementNS(ns, 'polygon');
    shapeEl.setAttribute('points', points[shape]!);
  } else {
    shapeEl = document.createElementNS(ns, 'rect');
    shapeEl.setAttribute('x', '0.04');
    shapeEl.setAttribute('y', '0.14');
    shapeEl.setAttribute('width', '0.92');
    shapeEl.setAttribute('height', '0.72');
    shapeEl.setAttribute('rx', '0.18');
  }
  shapeEl.setAttribute('fill', color);
  if (shape === 'dashed') {
    shapeEl.setAttribute('fill', '#fff');
    shapeEl.setAttribute('stroke', color);
    shapeEl.setAttribute('stroke-width', '0.08');
    shapeEl.setAttribute('stroke-dasharray', '0.12 0.08');
  }
  svg.appendChild(shapeEl);
  return svg;
}
