import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import type { RelType, Subgraph } from '../server/model/graph.js';
import type { GraphStore } from '../server/store/port.js';
import { CHROMIUM_PATH, launchBrowser, openPage } from './support/browser.js';
import { buildClient, serveExplorer } from './support/explorer.js';
import { generateNeighbourhood } from './support/generated-neighbourhood.js';
import { RENDERER_SETTING, WEBGL_FROM } from '../client/src/graph/canvas.js';

// npm run bench:ui [-- ELEMENTS RUNS] [--webgl]: builds the client and measures its gzipped size (every JS
// and CSS file of the build); then serves it with the real API over a store that answers one
// generated neighbourhood of ELEMENTS nodes and relationships (default 2,000: a force with the
// documents, reports, people, quotes and figures around it) and times it in headless Chromium:
//   - choose the node on a loaded page → its neighbourhood fetched, laid out, drawn and selected
//     (the figure held to 1.5 s), the layout's own share, and until nothing is pending;
//   - cold: a link to that view opened in a fresh tab, until laid out and idle;
//   - a real click on a node afterwards, until it is selected (the graph is interactive).
// Prints p50/p95 over RUNS (after one uncounted warm-up run) and how many nodes overlap.

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const ELEMENTS = Number(positional[0] ?? 2000);
const RUNS = Number(positional[1] ?? 7);
/** --webgl: WebGL for big views even where the browser's WebGL is software (as headless Chromium's is) */
const FORCE_WEBGL = process.argv.includes('--webgl');
const BUNDLE_BUDGET_KB = 300;
/** a neighbourhood of the design's size within 1.5 s; one of ten thousand elements within 2 s */
const TIME_BUDGET_MS = ELEMENTS > 5000 ? 2000 : 1500;

/** A store that answers the generated neighbourhood for any request: only what the page asks for. */
export function benchStore(graph: Subgraph): GraphStore {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const counts = {
    nodes: Object.fromEntries(['Document', 'Person', 'Organization', 'Report', 'Quote', 'Claim'].map((l) => [l, graph.nodes.filter((n) => n.label === l).length])),
    relationships: {},
  };
  const store = {
    backend: 'ladybug',
    counts: async () => counts,
    topNodes: async () => graph.nodes.slice(0, 1),
    neighbourhood: async (query: { relTypes?: RelType[] }) => {
      if (!query.relTypes) return graph;
      const edges = graph.edges.filter((e) => query.relTypes!.includes(e.type));
      const ids = new Set(edges.flatMap((e) => [e.source, e.target]));
      return { nodes: graph.nodes.filter((n) => ids.has(n.id)), edges, truncated: [] };
    },
    getNode: async (id: string) => {
      const n = byId.get(id);
      return n ? { node: n, relationshipCounts: [], provenance: [] } : null;
    },
    quotes: async () => ({ quotes: [], total: 0 }),
    claims: async () => ({ claims: [], total: 0 }),
    search: async () => ({ hits: [], total: 0 }),
    documentText: async () => null,
    shortestPath: async () => null,
    close: async () => undefined,
  };
  return store as unknown as GraphStore;
}

function bundleSize(dir: string): { files: { name: string; bytes: number; gzip: number; br: number }[]; gzip: number; bytes: number; br: number } {
  const files: { name: string; bytes: number; gzip: number; br: number }[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(js|mjs|css)$/.test(entry.name)) {
        const content = fs.readFileSync(full);
        // the .br beside it is what the server sends a browser (vite-plugin-compression2 writes it)
        const br = fs.existsSync(`${full}.br`) ? fs.statSync(`${full}.br`).size : content.length;
        files.push({ name: path.relative(dir, full), bytes: content.length, gzip: zlib.gzipSync(content, { level: 9 }).length, br });
      }
    }
  };
  walk(dir);
  return { files, gzip: files.reduce((s, f) => s + f.gzip, 0), bytes: files.reduce((s, f) => s + f.bytes, 0), br: files.reduce((s, f) => s + f.br, 0) };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n: number) => `${Math.round(n)} ms`;

async function main(): Promise<void> {
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`no Chromium at ${CHROMIUM_PATH}: apt-get install chromium`);
  const clientDir = await buildClient({ fresh: true });
  const size = bundleSize(clientDir);
  console.log(`client bundle (${clientDir}):`);
  for (const f of size.files) console.log(`  ${f.name}  ${kb(f.bytes)} raw, ${kb(f.gzip)} gzip`);
  console.log(`  total: ${kb(size.bytes)} raw, ${kb(size.gzip)} gzip -9 (budget ${BUNDLE_BUDGET_KB} KB) ${size.gzip <= BUNDLE_BUDGET_KB * 1024 ? 'OK' : 'OVER BUDGET'}; as served: ${kb(size.br)} brotli`);

  console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)} (other work on it slows the figures down)`);
  const graph = generateNeighbourhood(ELEMENTS);
  const focus = 'org:bench-force';
  const server = await serveExplorer(benchStore(graph), clientDir);
  const browser = await launchBrowser();
  console.log(`\nneighbourhood: ${graph.nodes.length} nodes + ${graph.edges.length} relationships = ${graph.nodes.length + graph.edges.length} elements; ${RUNS} runs each, headless Chromium (${browser.version()}), 1280×800`);
  const cold: number[] = [];
  const warm: number[] = [];
  const settled: number[] = [];
  const layout: number[] = [];
  const click: number[] = [];
  let overlap = 0;
  let renderer = '?';
  try {
    for (let run = 0; run < RUNS + 1; run++) {
      const { page, context, errors } = await openPage(browser);
      if (FORCE_WEBGL) await context.addInitScript((key) => localStorage.setItem(key, 'webgl'), RENDERER_SETTING);
      // cold: a link to the view opened in a new tab, until the graph is laid out and idle
      await page.goto(`${server.url}#focus=${encodeURIComponent(focus)}`);
      await page.waitForFunction(() => window.__og?.ready === true, null, { timeout: 60_000 });
      await page.evaluate(() => window.__og!.idle());
      const coldMs = await page.evaluate(() => performance.now());
      // warm: from the overview of a loaded page, choose the force: load, lay out, select
      await page.evaluate(() => window.__og!.app.showOverview());
      await page.evaluate(() => window.__og!.idle());
      const timing = await page.evaluate(async (id) => {
        const cy = window.__og!.cy;
        performance.clearMeasures('og:layout');
        const t0 = performance.now();
        await window.__og!.app.focus(id);
        // the frame after the layout has been drawn: the graph is on screen and answers the pointer
        for (let i = 0; i < 2; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
        const painted = performance.now() - t0;
        await window.__og!.idle();
        const layout = performance.getEntriesByName('og:layout').at(-1)?.duration ?? Number.NaN;
        return { painted, total: performance.now() - t0, layout, nodes: cy.nodes(':visible').length, edges: cy.edges(':visible').length, renderer: cy.container()?.dataset.renderer ?? '?' };
      }, focus);
      // interactive: a real click on a node selects it and opens its details
      const target = await page.evaluate(() => {
        const cy = window.__og!.cy;
        const node = cy.nodes('[kind = "Person"]').first();
        cy.center(node);
        const p = node.renderedPosition();
        const box = cy.container()!.getBoundingClientRect();
        return { id: node.id(), x: box.left + p.x, y: box.top + p.y };
      });
      const t1 = Date.now();
      await page.mouse.click(target.x, target.y);
      await page.waitForFunction((id) => window.__og!.cy.getElementById(id).selected(), target.id);
      const clickMs = Date.now() - t1;
      if (timing.nodes + timing.edges < graph.nodes.length + graph.edges.length) throw new Error(`only ${timing.nodes} nodes and ${timing.edges} edges on the canvas`);
      if (errors.length) throw new Error(`the page reported: ${errors.join('; ')}`);
      renderer = timing.renderer;
      if (run === 0) {
        // the first run warms the browser's caches; it is not counted
        overlap = await page.evaluate(() => {
          const nodes = window.__og!.cy.nodes(':visible');
          const cells = new Map<string, { x: number; y: number }[]>();
          let crowded = 0;
          nodes.forEach((n) => {
            const { x, y } = n.position();
            const key = `${Math.floor(x / 20)}:${Math.floor(y / 20)}`;
            cells.set(key, [...(cells.get(key) ?? []), { x, y }]);
          });
          nodes.forEach((n) => {
            const { x, y } = n.position();
            const cx = Math.floor(x / 20);
            const cy = Math.floor(y / 20);
            let near = 0;
            for (let i = -1; i <= 1; i++) for (let j = -1; j <= 1; j++) for (const q of cells.get(`${cx + i}:${cy + j}`) ?? []) if (Math.hypot(q.x - x, q.y - y) < 18) near++;
            if (near > 1) crowded++;
          });
          return crowded / nodes.length;
        });
        await page.evaluate(() => { window.__og!.cy.fit(undefined, 20); });
        fs.mkdirSync('tests/e2e/screenshots', { recursive: true });
        await page.screenshot({ path: `tests/e2e/screenshots/bench-${ELEMENTS}.png` });
      } else {
        cold.push(coldMs);
        warm.push(timing.painted);
        settled.push(timing.total);
        layout.push(timing.layout);
        click.push(clickMs);
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(clientDir, { recursive: true, force: true });
  }
  const line = (name: string, values: number[], budget?: number) =>
    console.log(`  ${name.padEnd(68)} p50 ${ms(percentile(values, 50)).padStart(7)}   p95 ${ms(percentile(values, 95)).padStart(7)}${budget ? `   (target < ${budget} ms: ${percentile(values, 95) < budget ? 'OK' : 'OVER'})` : ''}`);
  line('choose the node → loaded, laid out, drawn, selected', warm, TIME_BUDGET_MS);
  line('  of which the layout (fcose on the hubs, rings, overlap removal)', layout);
  line('  and until its details are loaded and nothing is pending', settled);
  line('cold: open a link to the view → laid out, idle', cold);
  line('then a click on a node → selected', click);
  console.log(`  drawn by Cytoscape's ${renderer === 'webgl' ? 'WebGL' : '2D canvas'} renderer (WebGL from ${WEBGL_FROM} elements where a GPU draws it, or with --webgl)`);
  console.log(`  nodes lying on another node after layout: ${(overlap * 100).toFixed(1)}% (picture: tests/e2e/screenshots/bench-${ELEMENTS}.png)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
