import { api, isAbort } from '../api.js';
import type { ClaimView, DocumentText, TraceResult } from '../api-types.js';
import type { AppContext, ReaderTarget } from '../app-context.js';
import { clear, formatDate, h, safeHref } from '../dom.js';
import { quoteRoles } from '../quote-roles.js';
import { type MarkNode, type Span, markTree } from '../text/highlight.js';

// A source document with the chosen quote (or span) highlighted and scrolled into view, the
// other quotes and the entity mentions marked, claims marked, and every other document that
// carries the same quote. Document text only ever becomes text nodes and <mark> elements.

export interface Reader {
  open(target: ReaderTarget): Promise<void>;
  current(): ReaderTarget | null;
}

const SOURCE_LABEL: Record<DocumentText['textSource'], string> = {
  text: 'text file', html: 'web page', pdf: 'PDF', ocr: 'scanned PDF (OCR)', docx: 'Word document',
};

/** "p. 37" for a document with pages, or nothing. */
export const pageLabel = (page: number | null | undefined): string => (page ? `p. ${page}` : '');

/** "pages 2–4, 7" from a sorted list of page numbers. */
function pageRanges(pages: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < pages.length; i++) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j]! + 1) j++;
    parts.push(i === j ? `${pages[i]}` : `${pages[i]}–${pages[j]}`);
    i = j;
  }
  return `${pages.length === 1 ? 'page' : 'pages'} ${parts.join(', ')}`;
}

const MENTION_CLASS: Record<string, string> = {
  Person: 'm-person', Organization: 'm-org', Report: 'm-report', Document: 'm-doc', Quote: 'm-quote', Claim: 'm-claim',
};

type Attribution = DocumentText['quotes'][number]['attribution'];

/** "lead-in, resolved by name · 99% sure", "confirmed by curator" */
export function evidenceLine(a: Attribution): string {
  if (a.resolvedBy === 'curator') return 'confirmed by curator';
  const how = [a.sieve, a.resolvedBy && `resolved by ${a.resolvedBy}`].filter(Boolean).join(', ');
  const sure = a.confidence === null ? '' : `${Math.round(a.confidence * 100)}% sure`;
  return [how, sure].filter(Boolean).join(' · ') || 'no evidence recorded';
}

/** How the quote came by its speaker in this document, or who it might be when it was withheld. */
function attributionNote(a: Attribution | null): HTMLElement | null {
  if (!a) return null;
  if (a.candidates.length) {
    return h('p', { class: 'evidence withheld' }, `Speaker withheld as unsure. It might be: ${a.candidates.map((c) => `${c.name} (${Math.round(c.score * 100)}%)`).join(', ')}.`);
  }
  if (!a.sieve && !a.resolvedBy && a.confidence === null) return null;
  return h('p', { class: 'evidence' }, `How it was attributed: ${evidenceLine(a)}`, a.mention ? h('span', { class: 'muted' }, ' (the speaker is marked in the text)') : null);
}

/** DOM for a tree of marks: text nodes and <mark>s, never HTML. */
export function renderMarks(tree: MarkNode, onMark: (mark: HTMLElement, span: Span) => void): DocumentFragment {
  const fragment = document.createDocumentFragment();
  const walk = (node: MarkNode, parent: Node) => {
    for (const child of node.children) {
      if (typeof child === 'string') {
        parent.appendChild(document.createTextNode(child));
        continue;
      }
      const mark = document.createElement('mark');
      const span = child.span!;
      mark.dataset.kind = span.kind;
      mark.dataset.id = span.id;
      if (span.title) mark.title = span.title;
      onMark(mark, span);
      walk(child, mark);
      parent.appendChild(mark);
    }
  };
  walk(tree, fragment);
  return fragment;
}

export function createReader(root: HTMLElement, app: AppContext): Reader {
  let current: ReaderTarget | null = null;
  let doc: DocumentText | null = null;
  let claims: ClaimView[] = [];
  let controller: AbortController | null = null;
  let showMentions = true;

  const empty = () => {
    clear(root);
    root.append(h('div', { class: 'empty' },
      h('h2', {}, 'Reader'),
      h('p', {}, 'Click a quote — in the details panel, the graph or the console — to read it in its source, highlighted, with every other document that carries it.')));
  };

  function spansFor(text: DocumentText, target: ReaderTarget): { spans: Span[]; focus: Span | null } {
    const spans: Span[] = [];
    let focus: Span | null = null;
    for (const q of text.quotes) {
      const page = pageLabel(q.page);
      const span: Span = { start: q.start, end: q.end, kind: 'quote', id: q.id, title: `Quote${q.speaker ? ` — ${q.speaker}` : ''}${page ? `, ${page}` : ''} (Enter or click to follow)` };
      if (target.quoteId && q.id === target.quoteId && !focus) {
        focus = { ...span, kind: 'focus' };
        spans.push(focus);
        // the evidence beside it: where the text names the speaker, and the words that tie them
        const a = q.attribution;
        if (a.mention && q.speaker) spans.push({ start: a.mention.start, end: a.mention.end, kind: 'speaker', id: q.speakerId ?? 'speaker', title: `the speaker: ${q.speaker} (${evidenceLine(a)})` });
        if (a.cue) spans.push({ start: a.cue.start, end: a.cue.end, kind: 'cue', id: 'cue', title: 'the words that tie the quote to its speaker' });
      } else {
        spans.push(span);
      }
    }
    if (!focus && target.span) {
      focus = { start: target.span.start, end: target.span.end, kind: 'focus', id: 'span', title: target.span.label ?? 'selected span' };
      spans.push(focus);
    }
    for (const claim of claims) {
      for (const s of claim.sources) {
        if (s.documentId === text.id) spans.push({ start: s.start, end: s.end, kind: 'claim', id: claim.id, title: `Claim: ${claim.text}` });
      }
    }
    if (showMentions) {
      for (const m of text.mentions) spans.push({ start: m.start, end: m.end, kind: 'mention', id: m.id, label: m.label, title: `${m.label}: ${m.name}` });
    }
    return { spans, focus };
  }

  function traceSection(trace: TraceResult | null, docId: string): HTMLElement | null {
    if (!trace) return null;
    const quote = trace.quote;
    const role = quoteRoles(quote);
    const herePage = pageLabel(trace.sources.find((s) => s.documentId === docId)?.page);
    return h('section', { class: 'trace', 'aria-label': 'The quote and where else it appears' },
      h('blockquote', { class: 'trace-quote' }, `“${quote.text}”`),
      h('p', { class: 'quote-meta' },
        quote.speaker
          ? h('button', { type: 'button', class: 'link-like speaker', onclick: () => void app.select(quote.speaker!.id, { center: true }) }, quote.speaker.name)
          : h('span', { class: 'muted' }, 'speaker not attributed'),
        role ? h('span', { class: 'role' }, ` ${role}`) : null,
        herePage ? h('span', { class: 'page' }, ` · ${herePage}`) : null),
      attributionNote(quote.sources.find((s) => s.documentId === docId)?.attribution ?? null),
      h('h3', {}, trace.sources.length > 1 ? `Carried by ${trace.sources.length} documents` : 'Only in this document'),
      h('ol', { class: 'trace-list' }, ...trace.sources.map((s) => {
        const here = s.documentId === docId;
        return h('li', { class: here ? 'here' : '' },
          here
            ? h('strong', {}, s.title, ' (this document)')
            : h('button', { type: 'button', class: 'link-like', onclick: () => void open({ docId: s.documentId, quoteId: quote.id }) }, s.title),
          h('div', { class: 'muted' }, [s.publisher, formatDate(s.publishedAt), pageLabel(s.page)].filter(Boolean).join(' · ')),
          s.sentence?.text ? h('div', { class: 'sentence' }, s.sentence.text) : null);
      })));
  }

  function renderText(container: HTMLElement, text: DocumentText, target: ReaderTarget): HTMLElement | null {
    const { spans, focus } = spansFor(text, target);
    const tree = markTree(text.text, spans);
    let focusMark: HTMLElement | null = null;
    const fragment = renderMarks(tree, (mark, span) => {
      if (span.kind === 'focus') {
        mark.className = 'hl-focus';
        if (!focusMark) {
          focusMark = mark;
          mark.id = 'reader-focus';
          mark.tabIndex = -1;
        }
      } else if (span.kind === 'quote') {
        mark.className = 'hl-quote';
        mark.tabIndex = 0;
        mark.setAttribute('role', 'button');
        const follow = () => void open({ docId: text.id, quoteId: span.id });
        mark.addEventListener('click', follow);
        mark.addEventListener('keydown', (event) => { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); follow(); } });
      } else if (span.kind === 'claim') {
        mark.className = 'hl-claim';
      } else if (span.kind === 'speaker' || span.kind === 'cue') {
        mark.className = span.kind === 'speaker' ? 'hl-speaker' : 'hl-cue';
      } else {
        mark.className = `hl-mention ${MENTION_CLASS[span.label ?? ''] ?? ''}`;
        mark.tabIndex = -1;
        mark.setAttribute('role', 'button');
        const show = () => void app.select(span.id, { center: true });
        mark.addEventListener('click', (event) => {
          event.stopPropagation();
          show();
        });
        mark.addEventListener('keydown', (event) => {
          if (event.key !== 'Enter' && event.key !== ' ') return;
          event.preventDefault();
          event.stopPropagation();
          show();
        });
      }
    });
    // a mention inside a quote stays clickable and reachable by M, but is no button of its own:
    // a button inside the quote's button is one control inside another for assistive technology
    for (const inner of fragment.querySelectorAll('mark[role="button"] mark[role="button"]')) inner.removeAttribute('role');
    container.replaceChildren(fragment);
    if (focus && text.text.slice(focus.start, focus.end).length === 0) return null;
    return focusMark;
  }

  function moveQuote(textEl: HTMLElement, direction: 1 | -1, selector = 'mark.hl-quote, mark.hl-focus'): void {
    const marks = [...textEl.querySelectorAll<HTMLElement>(selector)];
    if (!marks.length) return;
    const index = marks.indexOf(document.activeElement as HTMLElement);
    const next = marks[(index + direction + marks.length) % marks.length] ?? marks[0]!;
    next.focus();
    next.scrollIntoView({ block: 'center' });
  }

  async function open(target: ReaderTarget): Promise<void> {
    controller?.abort();
    controller = new AbortController();
    const { signal } = controller;
    current = target;
    app.showTab('reader');
    app.updateState({ doc: target.docId, quote: target.quoteId ?? null, tab: 'reader' });
    clear(root);
    root.append(h('p', { class: 'muted' }, 'Loading document…'));
    try {
      const needDoc = !doc || doc.id !== target.docId;
      const [docText, trace, docClaims] = await Promise.all([
        needDoc ? api.document(target.docId, { signal }) : Promise.resolve(doc!),
        target.quoteId ? api.quoteTrace(target.quoteId, { signal }).catch((e: unknown) => { if (isAbort(e)) throw e; return null; }) : Promise.resolve(null),
        needDoc ? api.claims({ document: target.docId }, { signal }).then((r) => r.claims).catch((e: unknown) => { if (isAbort(e)) throw e; return []; }) : Promise.resolve(claims),
      ]);
      if (signal.aborted) return;
      doc = docText;
      claims = docClaims;
      const textEl = h('div', { class: 'doc-text', tabindex: '0', 'aria-label': 'Document text. N and P move between quotes, M between the people and bodies it mentions; Enter follows.' });
      const link = safeHref(docText.url);
      const mentionsToggle = h('input', { type: 'checkbox', id: 'reader-mentions', ...(showMentions ? { checked: true } : {}) });
      mentionsToggle.addEventListener('change', () => {
        showMentions = mentionsToggle.checked;
        renderText(textEl, docText, current ?? target);
      });
      const quoteCount = docText.quotes.length;
      clear(root);
      root.append(
        h('header', { class: 'reader-header' },
          h('h2', { id: 'reader-title' }, docText.title),
          h('p', { class: 'muted' },
            [docText.publisher, formatDate(docText.publishedAt), docText.kind, SOURCE_LABEL[docText.textSource], docText.pageStarts.length ? `${docText.pageStarts.length} pages` : ''].filter(Boolean).join(' · '),
            link ? [' · ', h('a', { href: link, target: '_blank', rel: 'noopener noreferrer' }, 'original')] : null),
          h('div', { class: 'reader-tools' },
            h('button', { type: 'button', onclick: () => moveQuote(textEl, -1), title: 'Previous quote (P)' }, '◀ Quote'),
            h('button', { type: 'button', onclick: () => moveQuote(textEl, 1), title: 'Next quote (N)' }, 'Quote ▶'),
            h('label', {}, mentionsToggle, ' mentions'),
            h('button', { type: 'button', onclick: () => void app.select(docText.id, { center: true }) }, 'Show in graph'),
            h('span', { class: 'muted' }, `${quoteCount} quote${quoteCount === 1 ? '' : 's'}, ${docText.mentions.length} mentions, ${claims.length} claims`)),
          h('p', { class: 'reader-key' },
            h('mark', { class: 'hl-focus' }, 'this quote'), ' ', h('mark', { class: 'hl-quote' }, 'other quotes'), ' ',
            h('mark', { class: 'hl-mention m-person' }, 'person'), ' ', h('mark', { class: 'hl-mention m-org' }, 'organisation'), ' ',
            h('mark', { class: 'hl-mention m-report' }, 'report'), ' ', h('mark', { class: 'hl-claim' }, 'claim'))),
        docText.ocrPages.length
          ? h('p', { class: 'warning ocr-note', role: 'note' },
            `The text of ${pageRanges(docText.ocrPages)} was read by OCR from a scan: check a quote against the original before you use it.`)
          : '',
        traceSection(trace, docText.id) ?? '',
        textEl,
      );
      textEl.addEventListener('keydown', (event) => {
        if (event.target instanceof HTMLInputElement) return;
        if (event.key === 'n' || event.key === 'N') { event.preventDefault(); moveQuote(textEl, 1); }
        if (event.key === 'p' || event.key === 'P') { event.preventDefault(); moveQuote(textEl, -1); }
        if (event.key === 'm' || event.key === 'M') { event.preventDefault(); moveQuote(textEl, event.shiftKey ? -1 : 1, 'mark.hl-mention'); }
      });
      // a quote the document's own list lacks: fall back to the offsets the trace gives for it
      let shown = target;
      if (target.quoteId && !docText.quotes.some((q) => q.id === target.quoteId)) {
        const source = trace?.sources.find((s) => s.documentId === docText.id);
        if (source) shown = { ...target, span: { start: source.start, end: source.end, label: 'quote' } };
        else textEl.before(h('p', { class: 'warning', role: 'note' }, 'This quote is not marked in this document.'));
      }
      current = shown;
      const focusMark = renderText(textEl, docText, shown);
      if (focusMark) {
        focusMark.scrollIntoView({ block: 'center' });
        focusMark.focus({ preventScroll: true });
      } else {
        root.scrollTop = 0;
      }
    } catch (error) {
      if (isAbort(error)) return;
      clear(root);
      root.append(h('p', { class: 'error', role: 'alert' }, `Could not open the document: ${(error as Error).message}`));
    }
  }

  empty();
  return { open, current: () => current };
}
