import type cytoscape from 'cytoscape';
import { isMoreId } from './graph/to-elements.js';

// Saving what is on the canvas: a PNG picture, the elements as JSON or CSV. The pure parts
// (what goes in the files) take a Cytoscape core, so tests run them headless.

const SKIP_DATA = new Set(['short', 'text', 'searchText']);

function visible(cy: cytoscape.Core): cytoscape.Collection {
  return cy.elements().filter((e) => !e.hasClass('filtered') && !e.hasClass('hidden') && !isMoreId(e.id()) && !isMoreId(String(e.data('target') ?? '')));
}

function cleanData(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([k, v]) => !SKIP_DATA.has(k) && v !== undefined));
}

export function elementsJson(cy: cytoscape.Core): { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[] } {
  const eles = visible(cy);
  return {
    nodes: eles.nodes().map((n) => cleanData(n.data() as Record<string, unknown>)),
    edges: eles.edges().map((e) => cleanData(e.data() as Record<string, unknown>)),
  };
}

/** A CSV cell: quoted when it must be, and never read as a formula by a spreadsheet. */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : Array.isArray(value) ? value.join('; ') : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const CSV_COLUMNS = ['group', 'id', 'kind', 'subkind', 'label', 'source', 'target', 'docId'] as const;

export function elementsCsv(cy: cytoscape.Core): string {
  const { nodes, edges } = elementsJson(cy);
  const rows = [
    ...nodes.map((d) => ({ ...d, group: 'node' })),
    ...edges.map((d) => ({ ...d, group: 'edge' })),
  ].map((d) => CSV_COLUMNS.map((c) => csvCell((d as Record<string, unknown>)[c])).join(','));
  return `${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}

export function download(data: Blob, fileName: string): void {
  const url = URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function stamp(): string {
  return new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-');
}

export function exportPng(cy: cytoscape.Core): void {
  const blob = cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff', maxWidth: 8000, maxHeight: 8000 }) as unknown as Blob;
  download(blob, `oversight-graph-${stamp()}.png`);
}

export function exportJson(cy: cytoscape.Core): void {
  download(new Blob([JSON.stringify(elementsJson(cy), null, 2)], { type: 'application/json' }), `oversight-graph-${stamp()}.json`);
}

export function exportCsv(cy: cytoscape.Core): void {
  download(new Blob([elementsCsv(cy)], { type: 'text/csv;charset=utf-8' }), `oversight-graph-${stamp()}.csv`);
}
