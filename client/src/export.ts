import type cytoscape from 'cytoscape';
import { KIND_LOOK, NODE_KINDS } from './graph/kinds.js';
import { isMoreId } from './graph/to-elements.js';

// Saving what is on the canvas: a PNG picture with its legend and caption, the elements as
// JSON, CSV, GraphML or GEXF. The pure parts (what goes in the files) take a Cytoscape core,
// so tests run them headless.

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

const xml = (v: unknown) => String(v ?? '').replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
  // characters XML 1.0 cannot hold at all
  .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

const NODE_KEYS = ['kind', 'subkind', 'label'] as const;
const EDGE_KEYS = ['kind', 'docId'] as const;

/** What the canvas shows as GraphML (yEd, Gephi, networkx), with each element's kind, name and source document. */
export function elementsGraphml(cy: cytoscape.Core): string {
  const { nodes, edges } = elementsJson(cy);
  const key = (owner: 'node' | 'edge', name: string) => `  <key id="${owner[0]}_${name}" for="${owner}" attr.name="${name}" attr.type="string"/>`;
  const data = (owner: 'n' | 'e', d: Record<string, unknown>, keys: readonly string[]) =>
    keys.filter((k) => d[k] !== undefined && d[k] !== null).map((k) => `<data key="${owner}_${k}">${xml(d[k])}</data>`).join('');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    ...NODE_KEYS.map((k) => key('node', k)), ...EDGE_KEYS.map((k) => key('edge', k)),
    '  <graph id="view" edgedefault="directed">',
    ...nodes.map((n) => `    <node id="${xml(n.id)}">${data('n', n, NODE_KEYS)}</node>`),
    ...edges.map((e) => `    <edge id="${xml(e.id)}" source="${xml(e.source)}" target="${xml(e.target)}">${data('e', e, EDGE_KEYS)}</edge>`),
    '  </graph>',
    '</graphml>',
    '',
  ].join('\n');
}

/** The same as GEXF 1.3 (Gephi's own format), positions included. */
export function elementsGexf(cy: cytoscape.Core): string {
  const eles = visible(cy);
  const attr = (i: number, v: unknown) => (v === undefined || v === null ? '' : `<attvalue for="${i}" value="${xml(v)}"/>`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">',
    `  <meta><creator>oversight-graph</creator><description>${xml(`${eles.nodes().length} nodes, ${eles.edges().length} relationships`)}</description></meta>`,
    '  <graph defaultedgetype="directed" mode="static">',
    '    <attributes class="node"><attribute id="0" title="kind" type="string"/><attribute id="1" title="subkind" type="string"/></attributes>',
    '    <attributes class="edge"><attribute id="0" title="kind" type="string"/><attribute id="1" title="docId" type="string"/></attributes>',
    '    <nodes>',
    ...eles.nodes().map((n) => `      <node id="${xml(n.id())}" label="${xml(n.data('label'))}"><attvalues>${attr(0, n.data('kind'))}${attr(1, n.data('subkind'))}</attvalues><viz:position x="${n.position('x').toFixed(1)}" y="${(-n.position('y')).toFixed(1)}" z="0"/></node>`),
    '    </nodes>',
    '    <edges>',
    ...eles.edges().map((e) => `      <edge id="${xml(e.id())}" source="${xml(e.data('source'))}" target="${xml(e.data('target'))}" label="${xml(e.data('kind'))}"><attvalues>${attr(0, e.data('kind'))}${attr(1, e.data('docId'))}</attvalues></edge>`),
    '    </edges>',
    '  </graph>',
    '</gexf>',
    '',
  ].join('\n');
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

/** The view's caption for a picture: what it shows, when, and from how many documents. */
export function pictureCaption(cy: cytoscape.Core, view: string, now = new Date()): string {
  const eles = visible(cy);
  const docs = new Set<string>([...eles.nodes('[kind = "Document"]').map((n) => n.id()), ...eles.edges().map((e) => e.data('docId')).filter((d): d is string => typeof d === 'string')]);
  const date = now.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
  return `${view || 'Oversight graph'} · ${eles.nodes().length} nodes from ${docs.size} source document${docs.size === 1 ? '' : 's'} · ${date}`;
}

/** The kinds a picture shows, for its legend: title and colour, in the legend's order. */
export function pictureLegend(cy: cytoscape.Core): { title: string; color: string }[] {
  const present = new Set(visible(cy).nodes().map((n) => String(n.data('kind'))));
  return NODE_KINDS.filter((k) => present.has(k)).map((k) => ({ title: KIND_LOOK[k].title, color: KIND_LOOK[k].color }));
}

/** The canvas as a PNG, with a caption above it and a legend of the kinds it shows below. */
export async function exportPng(cy: cytoscape.Core, view: string): Promise<void> {
  const scale = 2;
  const uri = cy.png({ output: 'base64uri', full: true, scale, bg: '#ffffff', maxWidth: 8000, maxHeight: 8000 }) as unknown as string;
  const image = new Image();
  await new Promise<void>((resolve, reject) => { image.onload = () => resolve(); image.onerror = () => reject(new Error('the picture could not be drawn')); image.src = uri; });
  const caption = pictureCaption(cy, view);
  const legend = pictureLegend(cy);
  const band = 28 * scale;
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(image.width, 900 * scale);
  canvas.height = image.height + 2 * band;
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.drawImage(image, (canvas.width - image.width) / 2, band);
  g.fillStyle = '#1d232b';
  g.font = `600 ${13 * scale}px system-ui, sans-serif`;
  g.textBaseline = 'middle';
  g.fillText(caption, 10 * scale, band / 2, canvas.width - 20 * scale);
  let x = 10 * scale;
  const y = image.height + band + band / 2;
  g.font = `${12 * scale}px system-ui, sans-serif`;
  for (const { title, color } of legend) {
    g.fillStyle = color;
    g.beginPath();
    g.arc(x + 6 * scale, y, 6 * scale, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = '#1d232b';
    g.fillText(title, x + 16 * scale, y);
    x += (24 + g.measureText(title).width / scale) * scale;
  }
  const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no picture'))), 'image/png'));
  download(blob, `oversight-graph-${stamp()}.png`);
}

export function exportGraphml(cy: cytoscape.Core): void {
  download(new Blob([elementsGraphml(cy)], { type: 'application/graphml+xml' }), `oversight-graph-${stamp()}.graphml`);
}

export function exportGexf(cy: cytoscape.Core): void {
  download(new Blob([elementsGexf(cy)], { type: 'application/gexf+xml' }), `oversight-graph-${stamp()}.gexf`);
}

export function exportJson(cy: cytoscape.Core): void {
  download(new Blob([JSON.stringify(elementsJson(cy), null, 2)], { type: 'application/json' }), `oversight-graph-${stamp()}.json`);
}

export function exportCsv(cy: cytoscape.Core): void {
  download(new Blob([elementsCsv(cy)], { type: 'text/csv;charset=utf-8' }), `oversight-graph-${stamp()}.csv`);
}
