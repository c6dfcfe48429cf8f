import { ApiError, api, isAbort } from '../api.js';
import type { NodeDetailResult, QuoteView } from '../api-types.js';
import type { AppContext } from '../app-context.js';
import { append, clear, formatDate, h, swatch } from '../dom.js';
import { KIND_LOOK, colorOf, isNodeKind } from '../graph/kinds.js';
import { isMoreId } from '../graph/to-elements.js';
import { quoteRoles } from '../quote-roles.js';
import { claimSourcesSection } from './claim-sources.js';
import { asCurator } from './curator-access.js';
import { attachCombobox } from './search.js';

// The selected node: what it is, its properties, the roles it holds (with the documents that
// state them), what it said (speaker, role, document, publisher, date), where it comes from.
// Quotes and documents open in the reader.

const HIDDEN_PROPS = new Set(['id', 'searchText', 'text', 'short', 'label', 'kind', 'subkind', 'name', 'title']);

export interface DetailsPanel {
  show(id: string | null): Promise<void>;
  refreshActions(): void;
}

export function quoteCard(quote: QuoteView, app: AppContext, options: { showSpeaker?: boolean } = {}): HTMLElement {
  const source = quote.sources[0];
  const role = quoteRoles(quote);
  const open = () => {
    if (source) void app.openReader({ docId: source.documentId, quoteId: quote.id });
  };
  const card = h('li', { class: 'quote-card' },
    h('button', { type: 'button', class: 'quote-text link-like', title: 'Read it in its source document', 'data-quote-id': quote.id, onclick: open },
      `“${quote.text}”`),
    h('div', { class: 'quote-meta' },
      options.showSpeaker !== false && quote.speaker
        ? h('button', { type: 'button', class: 'link-like speaker', onclick: () => void app.select(quote.speaker!.id, { center: true }) }, quote.speaker.name)
        : null,
      role ? h('span', { class: 'role' }, role) : null),
    source
      ? h('div', { class: 'quote-source' },
        h('span', { class: 'doc-title' }, source.title),
        h('span', { class: 'publisher' }, source.publisher ?? 'publisher not stated'),
        source.publishedAt ? h('time', { datetime: source.publishedAt }, formatDate(source.publishedAt)) : h('span', { class: 'date' }, 'undated'),
        quote.sources.length > 1 ? h('span', { class: 'badge', title: 'Documents carrying this quote' }, `in ${quote.sources.length} documents`) : null)
      : null);
  return card;
}

function section(title: string, ...children: (Node | null)[]): HTMLElement {
  return h('section', { class: 'detail-section' }, h('h3', {}, title), ...children);
}

function propertyValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (value && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function createDetailsPanel(root: HTMLElement, app: AppContext): DetailsPanel {
  let controller: AbortController | null = null;
  let currentId: string | null = null;
  const actions = h('div', { class: 'actions', role: 'group', 'aria-label': 'Node actions' });

  const renderEmpty = () => {
    clear(root);
    root.append(
      h('div', { class: 'empty' },
        h('h2', {}, 'Nothing selected'),
        h('p', {}, 'Search above, or click a node in the graph to see who it is, the roles it holds and what it said.'),
        h('p', { class: 'muted' }, 'Keyboard: focus the graph and use the arrow keys to move between nodes; Enter expands, C collapses, P pins, Delete hides, F fits.')));
  };

  const renderActions = () => {
    clear(actions);
    if (!currentId) return;
    const node = app.cy.getElementById(currentId);
    const expanded = node.hasClass('expanded');
    const pinned = node.hasClass('pinned');
    const isFocus = currentId === app.state.focus;
    append(actions,
      isFocus
        ? null
        : h('button', { type: 'button', 'data-action': expanded ? 'collapse' : 'expand', onclick: () => void (expanded ? app.collapse(currentId!) : app.expand(currentId!)) }, expanded ? 'Collapse' : 'Expand'),
      isFocus ? null : h('button', { type: 'button', 'data-action': 'focus', onclick: () => void app.focus(currentId!) }, 'Focus'),
      h('button', { type: 'button', 'data-action': 'pin', 'aria-pressed': String(pinned), onclick: () => { app.pin(currentId!); renderActions(); } }, pinned ? 'Unpin' : 'Pin'),
      h('button', { type: 'button', 'data-action': 'hide', onclick: () => app.hide(currentId!) }, 'Hide'),
      h('button', { type: 'button', 'data-action': 'path-from', onclick: () => app.pathFrom(currentId!, 'from') }, 'Path from here'),
      h('button', { type: 'button', 'data-action': 'path-to', onclick: () => app.pathFrom(currentId!, 'to') }, 'Path to here'),
    );
  };

  /** A correction, then the panel read again (`next` when the node it showed is gone). */
  const write = async (change: () => Promise<void>, next: string) => {
    if (await asCurator(change, app.toast)) await show(next);
  };

  const curateEntity = (node: NodeDetailResult['node']) => {
    const kinds = [node.label];
    const sameInput = h('input', { id: 'curate-same', type: 'search', placeholder: `Another ${node.label === 'Person' ? 'person' : 'body'} it is the same as…` });
    const sameList = h('ul', { id: 'curate-same-list', class: 'suggestions', hidden: true });
    attachCombobox({ input: sameInput, list: sameList, kinds, limit: 8, onChoose: (hit) => {
      if (hit.node.id === node.id) return;
      if (!window.confirm(`Merge “${node.name}” into “${hit.node.name}”? Its quotes, roles and mentions move there; the audit list can undo it.`)) return;
      void write(async () => {
        await api.merge([node.id], hit.node.id);
        app.cy.getElementById(node.id).remove();
        app.toast(`${node.name} merged into ${hit.node.name}`);
        void app.select(hit.node.id, { center: true });
      }, hit.node.id);
    } });
    const rows: Node[] = [h('div', { class: 'curate-row search' }, h('label', { for: 'curate-same' }, 'The same as'), sameInput, sameList)];
    if (node.label === 'Person') {
      let organization: string | null = null;
      const title = h('input', { id: 'curate-role-title', type: 'text', required: true, minlength: '2', placeholder: 'e.g. Chief Constable' });
      const orgInput = h('input', { id: 'curate-role-org', type: 'search', placeholder: 'At which body (optional)' });
      const orgList = h('ul', { id: 'curate-role-org-list', class: 'suggestions', hidden: true });
      orgInput.addEventListener('input', () => { organization = null; });
      attachCombobox({ input: orgInput, list: orgList, kinds: ['Organization'], limit: 8, onChoose: (hit) => { organization = hit.node.id; orgInput.value = hit.node.name; } });
      const form = h('form', { class: 'curate-role', 'aria-label': 'Add a role' },
        h('label', { for: 'curate-role-title' }, 'Add a role the documents leave out'), title,
        h('div', { class: 'search' }, orgInput, orgList),
        h('button', { type: 'submit' }, 'Add the role'));
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        const t = title.value.trim();
        if (t.length < 2) return;
        void write(async () => {
          await api.addRole(node.id, t, organization);
          app.toast(`${node.name}: “${t}” added`);
        }, node.id);
      });
      rows.push(form);
    }
    return h('details', { class: 'curate' }, h('summary', {}, 'Correct this entry'), ...rows);
  };

  const curateQuote = (quote: QuoteView) => {
    const input = h('input', { id: 'curate-speaker', type: 'search', placeholder: 'Who said it…' });
    const list = h('ul', { id: 'curate-speaker-list', class: 'suggestions', hidden: true });
    attachCombobox({ input, list, kinds: ['Person', 'Organization'], limit: 8, onChoose: (hit) => void write(async () => {
      await api.setSpeaker(quote.id, hit.node.id);
      app.toast(`Attributed to ${hit.node.name}`);
    }, quote.id) });
    return h('details', { class: 'curate' }, h('summary', {}, 'Correct the speaker'),
      h('div', { class: 'curate-row search' }, h('label', { for: 'curate-speaker' }, 'Said by'), input, list),
      h('div', { class: 'curate-row' },
        quote.speaker ? h('button', { type: 'button', id: 'curate-confirm', onclick: () => void write(async () => {
          await api.setSpeaker(quote.id, quote.speaker!.id);
          app.toast(`Confirmed: ${quote.speaker!.name}`);
        }, quote.id) }, `Confirm ${quote.speaker.name}`) : null,
        h('button', { type: 'button', id: 'curate-unattributed', onclick: () => void write(async () => {
          await api.setSpeaker(quote.id, null);
          app.toast('Marked unattributed');
        }, quote.id) }, 'Nobody can be named')));
  };

  const header = (detail: NodeDetailResult['node']) => {
    const look = isNodeKind(detail.label) ? KIND_LOOK[detail.label] : null;
    return h('header', { class: 'detail-header' },
      swatch(colorOf(detail.label, detail.kind), look?.shape ?? 'round-rectangle', 22),
      h('div', {},
        h('h2', { id: 'details-title' }, detail.name),
        h('p', { class: 'muted' }, [look?.title ?? detail.label, detail.kind].filter(Boolean).join(' · '), ' ', h('code', {}, detail.id))));
  };

  const propertiesTable = (props: Record<string, unknown>) => {
    const rows = Object.entries(props).filter(([k, v]) => !HIDDEN_PROPS.has(k) && v !== null && v !== '' && !(Array.isArray(v) && !v.length));
    if (!rows.length) return null;
    return section('Properties', h('dl', { class: 'props' }, ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, propertyValue(v))])));
  };

  const rolesSection = (detail: NodeDetailResult) => {
    const roles = detail.roles ?? [];
    if (!roles.length) return null;
    const titles = new Map(detail.provenance.map((p) => [p.documentId, p.title]));
    const grouped = new Map<string, { title: string; organizationId: string; organization: string; docs: string[] }>();
    for (const role of roles) {
      const key = `${role.title}|${role.organizationId}`;
      const entry = grouped.get(key) ?? { title: role.title, organizationId: role.organizationId, organization: role.organization, docs: [] };
      if (role.documentId && !entry.docs.includes(role.documentId)) entry.docs.push(role.documentId);
      grouped.set(key, entry);
    }
    return section('Roles', h('ul', { class: 'roles' }, ...[...grouped.values()].map((role) => h('li', {},
      h('span', { class: 'role-title' }, role.title),
      role.organizationId && role.organizationId !== detail.node.id
        ? [' — ', h('button', { type: 'button', class: 'link-like', onclick: () => void app.select(role.organizationId, { center: true }) }, role.organization)]
        : null,
      detail.node.label === 'Person'
        ? h('button', { type: 'button', class: 'role-remove', title: 'Take this role off in every document stating it', onclick: () => void write(async () => {
          await api.removeRole(detail.node.id, role.title, role.organizationId);
          app.toast(`“${role.title}” taken off ${detail.node.name}`);
        }, detail.node.id) }, 'Not right')
        : null,
      role.docs.length
        ? h('div', { class: 'stated-in' }, 'stated in ', ...role.docs.map((docId, i) => [
          i ? ', ' : '',
          h('button', { type: 'button', class: 'link-like', onclick: () => void app.openReader({ docId }) }, titles.get(docId) ?? docId),
        ]))
        : null))));
  };

  const quotesSection = (quotes: QuoteView[], total: number | null, title = 'Quotes', showSpeaker = true) => {
    if (!quotes.length) return null;
    return section(`${title} (${total ?? quotes.length})`, h('ul', { class: 'quotes' }, ...quotes.map((q) => quoteCard(q, app, { showSpeaker }))),
      total !== null && total > quotes.length ? h('p', { class: 'muted' }, `Showing ${quotes.length} of ${total}. Use the console for the rest.`) : null);
  };

  const provenanceSection = (detail: NodeDetailResult) => {
    const byDoc = new Map<string, { title: string; spans: { start: number | null; end: number | null; via: string }[] }>();
    for (const p of detail.provenance) {
      const entry = byDoc.get(p.documentId) ?? { title: p.title, spans: [] };
      entry.spans.push({ start: p.start, end: p.end, via: p.via });
      byDoc.set(p.documentId, entry);
    }
    if (!byDoc.size) return null;
    return section('Sources', h('ul', { class: 'sources' }, ...[...byDoc].map(([docId, entry]) => {
      const span = entry.spans.find((s) => s.start !== null && s.end !== null && s.end > s.start);
      return h('li', {},
        h('button', {
          type: 'button', class: 'link-like',
          onclick: () => void app.openReader({ docId, span: span ? { start: span.start!, end: span.end!, label: span.via } : null }),
        }, entry.title),
        h('span', { class: 'muted' }, ` ${[...new Set(entry.spans.map((s) => s.via))].join(', ')}`));
    })));
  };

  const countsSection = (detail: NodeDetailResult) => {
    if (!detail.relationshipCounts.length) return null;
    return section('Connections', h('ul', { class: 'counts' }, ...detail.relationshipCounts.map((c) =>
      h('li', {}, h('span', { class: 'rel' }, c.type), ` ${c.direction === 'out' ? '→' : '←'} ${c.count}`))));
  };

  async function show(id: string | null): Promise<void> {
    controller?.abort();
    currentId = id;
    if (!id) { renderEmpty(); return; }
    if (isMoreId(id)) {
      const more = app.cy.getElementById(id);
      const anchorId = String(more.data('anchor'));
      clear(root);
      root.append(h('div', { class: 'empty' },
        h('h2', {}, `${more.data('hidden')} more neighbours`),
        h('p', {}, `of ${app.cy.getElementById(anchorId).data('label') ?? anchorId}, left out to keep the canvas readable.`),
        h('button', { type: 'button', class: 'primary', onclick: () => void app.expand(id) }, 'Add them')));
      return;
    }
    controller = new AbortController();
    const signal = controller.signal;
    clear(root);
    root.append(h('p', { class: 'muted' }, 'Loading…'));
    try {
      const detail = await api.node(id, { signal });
      // the quote lists keep to the time the canvas does
      const range = { ...(app.state.since ? { from: app.state.since } : {}), ...(app.state.until ? { to: app.state.until } : {}) };
      const label = detail.node.label;
      const extra: (Node | null)[] = [];
      if (label === 'Person' || label === 'Organization') {
        const quotes = !range.from && !range.to && detail.quotes ? detail.quotes : (await api.quotes({ speaker: id, limit: 20, ...range }, { signal })).quotes;
        extra.push(rolesSection(detail), quotesSection(quotes, null, 'Said', false), curateEntity(detail.node));
        if (label === 'Organization' && detail.lineage?.length) {
          // one body under its names: where it came from and went, and what it said under each
          extra.push(section('Also known as', h('ul', { class: 'lineage' }, ...detail.lineage.map((l) => h('li', {},
            h('button', { type: 'button', class: 'link-like', onclick: () => void app.select(l.id, { center: true }) }, l.name),
            h('span', { class: 'muted' }, l.year ? ` — ${l.relation === 'predecessor' ? 'its name to' : 'its name from'} ${l.year}` : ` — ${l.relation === 'predecessor' ? 'earlier' : 'later'} name`))))));
          for (const l of detail.lineage) {
            const said = await api.quotes({ speaker: l.id, limit: 20, ...range }, { signal }).catch(() => null);
            if (said?.quotes.length) extra.push(quotesSection(said.quotes, said.total, `Said as ${l.name}`, false));
          }
        }
        if (label === 'Organization') {
          // each quote once: the body's own words above, then its people's (named, with their role), then words about it
          const related = await api.quotes({ organization: id, limit: 40, ...range }, { signal }).catch(() => null);
          const others = related?.quotes.filter((q) => q.speaker?.id !== id) ?? [];
          const byItsPeople = others.filter((q) => q.roles.some((r) => r.organizationId === id));
          extra.push(quotesSection(byItsPeople, null, 'Said by its people'));
          extra.push(quotesSection(others.filter((q) => !byItsPeople.includes(q)), null, 'About it'));
        }
      } else if (label === 'Report') {
        const quotes = await api.quotes({ report: id, limit: 20, ...range }, { signal }).catch(() => null);
        if (quotes) extra.push(quotesSection(quotes.quotes, quotes.total, 'Quotes from or about this report'));
      } else if (label === 'Quote') {
        const trace = await api.quoteTrace(id, { signal }).catch(() => null);
        if (trace) {
          extra.push(section('Quote', h('ul', { class: 'quotes' }, quoteCard(trace.quote, app))), curateQuote(trace.quote),
            section(`Carried by ${trace.sources.length} document${trace.sources.length === 1 ? '' : 's'}`,
              h('ul', { class: 'sources' }, ...trace.sources.map((s) => h('li', {},
                h('button', { type: 'button', class: 'link-like', onclick: () => void app.openReader({ docId: s.documentId, quoteId: id }) }, s.title),
                h('span', { class: 'muted' }, ` ${[s.publisher, formatDate(s.publishedAt)].filter(Boolean).join(', ')}`))))));
        }
      } else if (label === 'Claim') {
        // the figures for the same measure (to compare), or the stating document's (to find this one)
        const measure = typeof detail.node.properties.measure === 'string' ? detail.node.properties.measure.trim() : '';
        const docId = detail.provenance.find((p) => p.via === 'STATES')?.documentId ?? detail.provenance[0]?.documentId;
        const claims = measure || docId
          ? await api.claims(measure ? { measure } : { document: docId }, { signal }).catch((e: unknown) => { if (isAbort(e)) throw e; return null; })
          : null;
        const claim = claims?.claims.find((c) => c.id === id);
        if (claim && claims) extra.push(claimSourcesSection(claim, claims.claims, app));
      } else if (label === 'Document') {
        extra.push(h('p', {}, h('button', { type: 'button', class: 'primary', onclick: () => void app.openReader({ docId: id }) }, 'Read this document')));
        const quotes = await api.quotes({ document: id, limit: 50 }, { signal }).catch(() => null);
        if (quotes) extra.push(quotesSection(quotes.quotes, quotes.total, 'Quotes in this document'));
      }
      if (signal.aborted) return;
      clear(root);
      renderActions();
      root.append(
        header(detail.node),
        actions,
        ...extra.filter((x): x is Node => !!x),
        propertiesTable(detail.node.properties) ?? '',
        label !== 'Quote' && label !== 'Claim' ? provenanceSection(detail) ?? '' : '',
        countsSection(detail) ?? '',
      );
    } catch (error) {
      if (isAbort(error)) return;
      clear(root);
      root.append(h('p', { class: 'error', role: 'alert' },
        error instanceof ApiError && error.status === 404 ? `“${id}” is not in the graph.` : `Could not load details: ${(error as Error).message}`));
    }
  }

  renderEmpty();
  return { show, refreshActions: renderActions };
}
