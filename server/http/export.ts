import type { Element } from './elements.js';

// Exports of what the user sees: JSON as loaded, CSV with one row per element, GraphML for
// Gephi and yEd. Every property an element carries goes out, not only the display fields.

const CORE = ['group', 'id', 'kind', 'label', 'source', 'target', 'subkind'];

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  // a cell starting with = + - @ is a formula to a spreadsheet
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function rowsToCsv(columns: string[], rows: unknown[][]): string {
  return `${[columns, ...rows].map((r) => r.map(csvCell).join(',')).join('\n')}\n`;
}

/** Every data key the elements carry: the display fields first, then the rest in order. */
function dataKeys(elements: Element[]): string[] {
  const rest = new Set<string>();
  for (const e of elements) for (const k of Object.keys(e.data)) if (!CORE.includes(k)) rest.add(k);
  return [...CORE.slice(1), ...[...rest].sort()];
}

export function toCsv(elements: Element[]): string {
  const keys = dataKeys(elements);
  return rowsToCsv(['group', ...keys], elements.map((e) => ['group', ...keys].map((k) => (k === 'group' ? e.group : (e.data as Record<string, unknown>)[k]))));
}

const xml = (s: unknown) => String(s ?? '').replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
  // characters XML 1.0 cannot hold
  .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

type AttrType = 'string' | 'long' | 'double' | 'boolean';

/** One GraphML type per key, for every element that has it: a key that is sometimes text is text. */
function attrTypes(elements: Element[], keys: string[], group: Element['group']): Map<string, AttrType> {
  const types = new Map<string, AttrType>();
  for (const k of keys) {
    let type: AttrType | null = null;
    for (const e of elements) {
      if (e.group !== group) continue;
      const v = (e.data as Record<string, unknown>)[k];
      if (v === null || v === undefined) continue;
      const t: AttrType = typeof v === 'boolean' ? 'boolean' : typeof v === 'number' ? (Number.isInteger(v) ? 'long' : 'double') : 'string';
      type = type === null || type === t ? t : type !== 'string' && t !== 'string' && type !== 'boolean' && t !== 'boolean' ? 'double' : 'string';
    }
    if (type) types.set(k, type);
  }
  return types;
}

export function toGraphml(elements: Element[]): string {
  const nodes = elements.filter((e) => e.group === 'nodes');
  const edges = elements.filter((e) => e.group === 'edges');
  const keys = dataKeys(elements).filter((k) => k !== 'id' && k !== 'source' && k !== 'target');
  const nodeTypes = attrTypes(elements, keys, 'nodes');
  const edgeTypes = attrTypes(elements, keys, 'edges');
  const keyId = (group: 'n' | 'e', k: string) => `${group}_${k}`;
  const value = (v: unknown) => (typeof v === 'object' ? JSON.stringify(v) : v);
  const data = (group: 'n' | 'e', types: Map<string, AttrType>, d: Record<string, unknown>) =>
    [...types.keys()].filter((k) => d[k] !== null && d[k] !== undefined).map((k) => `<data key="${keyId(group, k)}">${xml(value(d[k]))}</data>`).join('');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    ...[...nodeTypes].map(([k, t]) => `<key id="${keyId('n', k)}" for="node" attr.name="${xml(k)}" attr.type="${t}"/>`),
    ...[...edgeTypes].map(([k, t]) => `<key id="${keyId('e', k)}" for="edge" attr.name="${xml(k)}" attr.type="${t}"/>`),
    '<graph id="oversight-graph" edgedefault="directed">',
    ...nodes.map((n) => `<node id="${xml(n.data.id)}">${data('n', nodeTypes, n.data)}</node>`),
    ...edges.map((e) => `<edge id="${xml(e.data.id)}" source="${xml(e.data.source)}" target="${xml(e.data.target)}">${data('e', edgeTypes, e.data)}</edge>`),
    '</graph>',
    '</graphml>',
    '',
  ].join('\n');
}
