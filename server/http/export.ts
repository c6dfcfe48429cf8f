import type { Element } from './elements.js';

// Exports of what the user sees: JSON as loaded, CSV with one row per element, GraphML for Gephi and yEd.

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  // a cell starting with = + - @ is a formula to a spreadsheet
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function rowsToCsv(columns: string[], rows: unknown[][]): string {
  return `${[columns, ...rows].map((r) => r.map(csvCell).join(',')).join('\n')}\n`;
}

export function toCsv(elements: Element[]): string {
  const keys = ['group', 'id', 'kind', 'label', 'source', 'target', 'subkind', 'docId'];
  return rowsToCsv(keys, elements.map((e) => keys.map((k) => (k === 'group' ? e.group : (e.data as Record<string, unknown>)[k]))));
}

const xml = (s: unknown) => String(s ?? '').replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
  // characters XML 1.0 cannot hold
  .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

export function toGraphml(elements: Element[]): string {
  const nodes = elements.filter((e) => e.group === 'nodes');
  const edges = elements.filter((e) => e.group === 'edges');
  const keys = ['label', 'kind', 'subkind', 'docId'];
  const data = (d: Record<string, unknown>) => keys.filter((k) => d[k] != null).map((k) => `<data key="${k}">${xml(d[k])}</data>`).join('');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    ...keys.map((k) => `<key id="${k}" for="all" attr.name="${k}" attr.type="string"/>`),
    '<graph id="oversight-graph" edgedefault="directed">',
    ...nodes.map((n) => `<node id="${xml(n.data.id)}">${data(n.data)}</node>`),
    ...edges.map((e) => `<edge id="${xml(e.data.id)}" source="${xml(e.data.source)}" target="${xml(e.data.target)}">${data(e.data)}</edge>`),
    '</graph>',
    '</graphml>',
    '',
  ].join('\n');
}
