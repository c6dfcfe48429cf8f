import { ApiError, api } from '../api.js';
import type { CypherResponse, Example, SchemaResult } from '../api-types.js';
import type { AppContext } from '../app-context.js';
import { errorRange } from '../console/cypher-syntax.js';
import { type QueryEditor, type SchemaNames, createQueryEditor } from '../console/editor.js';
import { clear, h } from '../dom.js';
import { fitView } from '../graph/layout.js';
import { toElements } from '../graph/to-elements.js';
import { download } from '../export.js';

// The Cypher console: a read-only query, its rows as a table and — when they hold nodes,
// relationships or paths — its graph on the canvas. Refusals, errors (marked where the
// database points), the row cap and the time limit are said plainly.
// Loaded on demand, when the console tab is first opened.

export interface ConsolePanel {
  setQuery(query: string, run?: boolean): void;
  run(): Promise<void>;
}

const REFUSAL_REASON: Record<string, string> = {
  write: 'a write',
  'file-access': 'file or network access',
  procedure: 'a procedure call',
  admin: 'an administration command',
  'multiple-statements': 'more than one statement',
};

const DEFAULT_QUERY = `MATCH (p:Person)-[:SAID]->(q:Quote)-[:QUOTED_IN]->(d:Document)
RETURN p, q, d
LIMIT 25`;

/** Schema property lists may come as names or as {name, type}. */
export function normaliseSchema(schema: SchemaResult | null): SchemaNames | null {
  if (!schema) return null;
  const names = (props: unknown[]) => props.map((p) => (typeof p === 'string' ? p : String((p as { name?: unknown }).name ?? ''))).filter(Boolean);
  return {
    labels: (schema.labels ?? []).map((l) => ({ label: l.label, properties: names(l.properties ?? []) })),
    relationshipTypes: (schema.relationshipTypes ?? []).map((r) => ({ type: r.type, properties: names(r.properties ?? []) })),
  };
}

function isNodeValue(value: unknown): value is { id: string; label: string; name: string } {
  return !!value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string'
    && typeof (value as { label?: unknown }).label === 'string' && typeof (value as { name?: unknown }).name === 'string';
}

function isPathValue(value: unknown): value is { nodes: { id: string; name: string }[] } {
  return !!value && typeof value === 'object' && Array.isArray((value as { nodes?: unknown }).nodes);
}

export function createConsole(root: HTMLElement, app: AppContext): ConsolePanel {
  let schema: SchemaNames | null = null;
  let running = false;
  const examples = h('select', { id: 'console-examples', 'aria-label': 'Example queries' }, h('option', { value: '' }, 'Examples…'));
  const editorHost = h('div', { class: 'editor', id: 'console-editor' });
  const message = h('div', { class: 'console-message', id: 'console-message', 'aria-live': 'polite' });
  const meta = h('p', { class: 'muted', id: 'console-meta' });
  const table = h('div', { class: 'table-wrap', id: 'console-results', tabindex: '0', 'aria-label': 'Query results' });
  const toGraph = h('input', { type: 'checkbox', id: 'console-to-graph', checked: true });
  const runButton = h('button', { type: 'button', class: 'primary', id: 'console-run', title: 'Run (Ctrl+Enter or ⌘+Enter)' }, 'Run');
  // the last query that ran, exported by the API's own route (the same limits, the full values)
  let lastRun: string | null = null;
  const exportBar = h('div', { class: 'console-export', id: 'console-export', hidden: true, role: 'group', 'aria-label': 'Export the result' },
    'Export ', ...(['csv', 'json', 'graphml'] as const).map((format) => h('button', { type: 'button', 'data-format': format, onclick: () => void exportAs(format) }, format.toUpperCase())));
  async function exportAs(format: 'csv' | 'json' | 'graphml'): Promise<void> {
    if (!lastRun) return;
    try {
      download(await api.exportCypher(lastRun, format), `console-result.${format}`);
    } catch (error) {
      app.toast(error instanceof ApiError ? error.message : 'The export failed', 'error');
    }
  }

  const editor: QueryEditor = createQueryEditor(editorHost, {
    initial: app.state.query ?? DEFAULT_QUERY,
    run: () => void run(),
    schema: () => schema,
    label: 'Cypher query. Ctrl+Enter runs it.',
  });
  runButton.addEventListener('click', () => void run());

  const say = (tone: 'info' | 'error' | 'refusal' | 'warning', ...parts: (Node | string)[]) => {
    clear(message);
    message.className = `console-message ${tone}`;
    message.setAttribute('role', tone === 'info' ? 'status' : 'alert');
    message.append(...parts);
  };

  function cell(value: unknown): HTMLElement {
    const td = h('td', {});
    if (value === null || value === undefined) {
      td.append(h('span', { class: 'muted' }, 'null'));
    } else if (isNodeValue(value)) {
      td.append(h('button', { type: 'button', class: 'chip', title: value.id, onclick: () => void app.select(value.id, { center: true }) }, `${value.label}: ${value.name}`));
    } else if (isPathValue(value)) {
      td.append(value.nodes.map((n) => n.name).join(' → '));
    } else if (Array.isArray(value)) {
      if (value.every(isNodeValue)) {
        for (const v of value) td.append(h('button', { type: 'button', class: 'chip', onclick: () => void app.select(v.id, { center: true }) }, `${v.label}: ${v.name}`));
      } else {
        td.textContent = value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ');
      }
    } else if (typeof value === 'object') {
      td.textContent = JSON.stringify(value);
    } else {
      td.textContent = String(value);
    }
    if (td.textContent && td.textContent.length > 80) td.title = td.textContent;
    return td;
  }

  async function render(result: CypherResponse): Promise<void> {
    clear(table);
    const rowCount = result.rows.length;
    meta.textContent = `${rowCount} row${rowCount === 1 ? '' : 's'} in ${result.elapsedMs} ms`
      + (result.elements.length ? ` · ${result.elements.filter((e) => e.group === 'nodes').length} nodes for the graph` : '');
    if (result.truncated) {
      const cap = result.truncatedBy === 'bytes' ? 'the answer size cap' : 'the row cap';
      say('warning', `Showing the first ${rowCount} rows: ${cap} stopped the rest. Add a LIMIT, return fewer or shorter values, or aggregate, to see what you need.`);
    } else {
      clear(message);
      message.className = 'console-message';
    }
    if (!result.columns.length) return;
    table.append(h('table', {},
      h('thead', {}, h('tr', {}, ...result.columns.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, ...result.rows.map((row) => h('tr', {}, ...row.map(cell))))));
    if (toGraph.checked && result.elements.length) {
      const defs = toElements({ elements: result.elements });
      await app.addElements(defs, { layout: 'added' });
      const ids = new Set(defs.map((d) => String(d.data.id)));
      app.cy.elements().removeClass('result');
      const found = app.cy.nodes().filter((n) => ids.has(n.id()));
      found.addClass('result');
      if (found.nonempty()) fitView(app.cy, found, { padding: 50 });
    }
  }

  async function run(): Promise<void> {
    const query = editor.value().trim();
    if (!query || running) return;
    running = true;
    runButton.disabled = true;
    editor.markError(null);
    say('info', 'Running…');
    app.updateState({ query });
    try {
      const result = await api.cypher({ query });
      lastRun = query;
      exportBar.hidden = false;
      await render(result);
    } catch (error) {
      clear(table);
      meta.textContent = '';
      if (!(error instanceof ApiError)) {
        say('error', `The query could not be run: ${String(error)}`);
      } else if (error.code === 'QUERY_REFUSED') {
        const reason = (error.details as { reason?: string } | null)?.reason;
        say('refusal', h('strong', {}, 'Refused: '), error.message.replace(/^refused:\s*/i, ''), reason ? h('span', { class: 'muted' }, ` (${REFUSAL_REASON[reason] ?? reason})`) : '',
          h('p', {}, 'Nothing was run or written. The console only reads: one MATCH … RETURN query at a time.'));
      } else if (error.code === 'QUERY_TIMEOUT') {
        say('error', h('strong', {}, 'Stopped. '), error.message, h('p', {}, 'Narrow the pattern, add a LIMIT, or start from a specific node.'));
      } else if (error.code === 'QUERY_ERROR') {
        const position = (error.details as { position?: { line: number; column: number; offset: number } | null } | null)?.position ?? null;
        if (position) {
          editor.markError(errorRange(editor.value(), position));
          say('error', h('strong', {}, `Error at line ${position.line}, column ${position.column}: `), error.message);
        } else {
          say('error', h('strong', {}, 'Error: '), error.message);
        }
      } else {
        say('error', h('strong', {}, 'Error: '), error.message);
      }
    } finally {
      running = false;
      runButton.disabled = false;
    }
  }

  examples.addEventListener('change', () => {
    const query = examples.value;
    if (!query) return;
    editor.setValue(query);
    examples.value = '';
    editor.focus();
  });

  clear(root);
  root.append(
    h('div', { class: 'console-head' },
      h('h2', {}, 'Cypher console'),
      h('span', { class: 'badge' }, 'read-only')),
    h('div', { class: 'console-tools' }, examples, runButton,
      h('label', { for: 'console-to-graph' }, toGraph, ' show in graph'),
      h('span', { class: 'muted' }, 'Ctrl/⌘+Enter runs')),
    editorHost,
    message,
    h('div', { class: 'console-result-bar' }, meta, exportBar),
    table,
  );

  void api.schema({ quiet: true }).then((s) => { schema = normaliseSchema(s); }).catch(() => undefined);
  void api.examples({ quiet: true }).then((list: Example[]) => {
    for (const example of list) examples.append(h('option', { value: example.query }, example.title));
  }).catch(() => undefined);

  return {
    setQuery(query: string, runNow = false) {
      if (editor.value() !== query) editor.setValue(query);
      if (runNow) void run();
    },
    run,
  };
}
