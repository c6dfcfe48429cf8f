import { ApiError, api } from '../api.js';
import type { CorrectionView, DocumentText, JobView, ReviewItem, SearchHit } from '../api-types.js';
import type { AppContext } from '../app-context.js';
import { append, clear, formatDate, h } from '../dom.js';
import { asCurator } from './curator-access.js';
import { attachCombobox } from './search.js';

// The curator's tab: add documents, work through the doubtful attributions one keystroke at a
// time, and see every correction with its undo. Writes go through asCurator, which asks for
// the curator token when the server wants it.

export interface ReviewPanel {
  /** loads the queue and the corrections (the tab shows them when first opened) */
  refresh(): Promise<void>;
}

const CONTEXT_CHARS = 220;
const REASON_TEXT: Record<string, string> = {
  withheld: 'speaker withheld as unsure',
  'low-confidence': 'low confidence',
  'close-candidates': 'close candidates',
  'speakers-differ': 'documents name different speakers',
  'speaker-quoted-once': 'speaker quoted nowhere else',
};

export function createReviewPanel(root: HTMLElement, app: AppContext): ReviewPanel {
  const guarded = async (write: () => Promise<void>): Promise<void> => { await asCurator(write, app.toast); };

  // adding documents
  const fileInput = h('input', { id: 'upload-files', type: 'file', multiple: true, accept: '.txt,.md,.html,.htm,.pdf,.docx', class: 'visually-hidden' });
  const meta = {
    title: h('input', { id: 'upload-title', type: 'text' }),
    publisher: h('input', { id: 'upload-publisher', type: 'text' }),
    url: h('input', { id: 'upload-url', type: 'url' }),
    publishedAt: h('input', { id: 'upload-date', type: 'date' }),
  };
  const jobsList = h('ul', { class: 'jobs', 'aria-live': 'polite', id: 'upload-jobs' });
  const dropzone = h('div', { class: 'dropzone', id: 'upload-drop' },
    h('strong', {}, 'Drop documents here'), ' or ',
    h('button', { type: 'button', id: 'upload-choose', 'aria-describedby': 'upload-help', onclick: () => fileInput.click() }, 'choose files'),
    h('label', { for: 'upload-files', class: 'visually-hidden' }, 'Documents to add'), fileInput,
    h('p', { id: 'upload-help', class: 'muted' }, 'Text, Markdown, HTML, PDF or Word; up to 20 at once.'));
  dropzone.addEventListener('dragover', (event) => { event.preventDefault(); dropzone.classList.add('over'); });
  dropzone.addEventListener('dragleave', () => dropzone.classList.remove('over'));
  dropzone.addEventListener('drop', (event) => {
    event.preventDefault();
    dropzone.classList.remove('over');
    const files = [...(event.dataTransfer?.files ?? [])];
    if (files.length) void guarded(() => upload(files));
  });
  fileInput.addEventListener('change', () => {
    const files = [...(fileInput.files ?? [])];
    fileInput.value = '';
    if (files.length) void guarded(() => upload(files));
  });

  async function upload(files: File[]): Promise<void> {
    const form = new FormData();
    for (const [field, input] of Object.entries(meta)) if (input.value.trim()) form.append(field, input.value.trim());
    for (const f of files) form.append('file', f, f.name);
    const { job, refused } = await api.upload(form);
    for (const input of Object.values(meta)) input.value = '';
    const line = h('li', { class: 'job' });
    jobsList.prepend(line);
    if (refused.length) app.toast(`${refused.length} file${refused.length === 1 ? '' : 's'} refused: ${refused.map((r) => r.file).join(', ')}`, 'error');
    await follow(job, line);
  }

  async function follow(job: JobView, line: HTMLElement): Promise<void> {
    for (;;) {
      renderJob(job, line);
      if (job.state === 'done' || job.state === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 400));
      job = (await api.job(job.id)).job;
    }
    if (job.documents.length) {
      app.toast(`Loaded ${job.documents.length} document${job.documents.length === 1 ? '' : 's'}: ${job.quotes} quotes`);
      void refresh();
    }
  }

  function renderJob(job: JobView, line: HTMLElement): void {
    const state = job.state === 'done' ? `Loaded ${job.documents.length} of ${job.total}` : job.state === 'failed' ? `Failed: ${job.error ?? ''}` : `${job.done} of ${job.total} files${job.current ? ` · ${job.current}` : ''}`;
    clear(line);
    append(line,
      h('span', { class: 'job-state' }, state),
      job.skipped.length ? h('ul', { class: 'job-skips' }, ...job.skipped.map((s) => h('li', {}, h('strong', {}, s.file), `: ${s.reason}`))) : null,
      job.state === 'done' && job.documents.length
        ? h('button', { type: 'button', class: 'job-show', onclick: () => { for (const [i, id] of job.documents.entries()) void app.focus(id, { add: i > 0 }); } }, 'Show on the canvas')
        : null,
    );
  }

  // the queue
  const reasonSelect = h('select', { id: 'review-reason', 'aria-label': 'Which attributions' },
    h('option', { value: '' }, 'All that need a look'),
    ...Object.entries(REASON_TEXT).map(([value, text]) => h('option', { value }, text)));
  reasonSelect.addEventListener('change', () => { index = 0; void loadQueue(); });
  const queueCount = h('span', { class: 'muted', id: 'review-count' });
  const card = h('article', { class: 'review-item', id: 'review-item', tabindex: '-1', 'aria-live': 'polite' });
  const noteInput = h('input', { id: 'review-note', type: 'text', placeholder: 'Why (optional, kept with the correction)' });
  const otherInput = h('input', { id: 'review-other', type: 'search', placeholder: 'Another person or body…' });
  const otherList = h('ul', { id: 'review-other-list', class: 'suggestions', hidden: true });
  const otherBox = h('div', { class: 'review-other search', hidden: true }, h('label', { for: 'review-other', class: 'visually-hidden' }, 'Another speaker'), otherInput, otherList);
  attachCombobox({ input: otherInput, list: otherList, kinds: ['Person', 'Organization'], limit: 8, onChoose: (hit: SearchHit) => { otherBox.hidden = true; void act({ speaker: hit.node.id, name: hit.node.name }); } });

  let items: ReviewItem[] = [];
  let total = 0;
  let index = 0;
  const documents = new Map<string, Promise<DocumentText>>();

  async function loadQueue(): Promise<void> {
    const result = await api.review({ reason: reasonSelect.value || undefined, limit: 200 });
    items = result.items;
    total = result.total;
    if (index >= items.length) index = 0;
    await renderItem();
  }

  async function renderItem(): Promise<void> {
    queueCount.textContent = total ? `${Math.min(index + 1, items.length)} of ${total}` : '';
    const item = items[index];
    otherBox.hidden = true;
    if (!item) {
      card.replaceChildren(h('p', { class: 'muted' }, 'Nothing to check: every attribution here is sure, or a curator has seen it.'));
      return;
    }
    const { quote } = item;
    const source = quote.sources[0]!;
    const docPromise = documents.get(source.documentId) ?? api.document(source.documentId);
    documents.set(source.documentId, docPromise);
    const context = h('blockquote', { class: 'review-context' }, quote.text);
    const candidates = source.attribution.candidates;
    clear(card);
    append(card,
      h('p', { class: 'review-reasons' }, item.reasons.map((r) => REASON_TEXT[r] ?? r).join(' · '), item.confidence !== null ? ` · confidence ${item.confidence.toFixed(2)}` : ''),
      context,
      h('p', { class: 'review-source' }, 'In ', h('a', { href: '#', onclick: (e: Event) => { e.preventDefault(); void app.openReader({ docId: source.documentId, quoteId: quote.id }); } }, source.title),
        source.publishedAt ? `, ${formatDate(source.publishedAt)}` : '', quote.sources.length > 1 ? ` and ${quote.sources.length - 1} more` : ''),
      h('p', { class: 'review-speaker' }, 'Speaker: ', quote.speaker ? h('strong', {}, quote.speaker.name) : h('em', {}, 'none named')),
      item.reasons.includes('speakers-differ')
        ? h('ul', { class: 'review-sources', 'aria-label': 'Who each document names' }, ...quote.sources.map((x) => h('li', {}, `${x.title}: `,
          x.speakerId ? h('a', { href: '#', onclick: (e: Event) => { e.preventDefault(); void app.select(x.speakerId!); } }, x.speakerId === quote.speaker?.id ? quote.speaker.name : x.speakerId.replace(/^\w+:/, '').replace(/-/g, ' ')) : h('em', {}, 'none named'))))
        : null,
      candidates.length
        ? h('ol', { class: 'review-candidates', 'aria-label': 'Candidates' }, ...candidates.slice(0, 5).map((c, i) =>
          h('li', {}, h('button', { type: 'button', 'data-key': String(i + 1), onclick: () => void pickCandidate(c.name) }, h('kbd', {}, String(i + 1)), ` ${c.name} `, h('span', { class: 'muted' }, c.score.toFixed(2))))))
        : null,
      h('div', { class: 'review-actions' },
        quote.speaker ? h('button', { type: 'button', id: 'review-confirm', onclick: () => void act({ speaker: quote.speaker!.id, name: quote.speaker!.name }) }, h('kbd', {}, 'Y'), ' Confirm') : null,
        h('button', { type: 'button', id: 'review-unattributed', onclick: () => void act({ speaker: null, name: null }) }, h('kbd', {}, 'U'), ' Unattributed'),
        h('button', { type: 'button', id: 'review-other-open', onclick: () => openOther() }, h('kbd', {}, 'O'), ' Someone else…'),
        h('button', { type: 'button', id: 'review-skip', onclick: () => skip() }, h('kbd', {}, 'N'), ' Skip')),
      otherBox,
      noteInput,
    );
    try {
      const doc = await docPromise;
      if (items[index] === item) context.replaceWith(renderContext(doc.text, source.start, source.end, source.attribution));
    } catch {
      // the quote alone stands when the document cannot be read
    }
  }

  function openOther(): void {
    otherBox.hidden = false;
    otherInput.value = '';
    otherInput.focus();
  }

  function skip(): void {
    if (!items.length) return;
    index = (index + 1) % items.length;
    void renderItem().then(() => card.focus());
  }

  async function pickCandidate(name: string): Promise<void> {
    const hits = (await api.search(name, { kinds: ['Person', 'Organization'], limit: 5 })).hits;
    const hit = hits.find((x) => x.node.name.toLowerCase() === name.toLowerCase()) ?? hits.find((x) => x.rank >= 3);
    if (!hit) {
      app.toast(`No person or body named “${name}” is in the graph: choose “Someone else”`, 'error');
      return;
    }
    await act({ speaker: hit.node.id, name: hit.node.name });
  }

  async function act(choice: { speaker: string | null; name: string | null }): Promise<void> {
    const item = items[index];
    if (!item) return;
    await guarded(async () => {
      await api.setSpeaker(item.quote.id, choice.speaker, noteInput.value.trim() || undefined);
      noteInput.value = '';
      app.toast(choice.speaker === null ? 'Marked unattributed' : `Attributed to ${choice.name}`);
      // the item leaves the queue; the next one takes its place
      await Promise.all([loadQueue(), loadCorrections()]);
      card.focus();
    });
  }

  card.addEventListener('keydown', (event) => {
    if ((event.target as HTMLElement).matches('input, textarea, select') || event.ctrlKey || event.metaKey || event.altKey) return;
    const item = items[index];
    if (!item) return;
    const key = event.key.toLowerCase();
    const candidates = item.quote.sources[0]!.attribution.candidates;
    if (key === 'y' && item.quote.speaker) void act({ speaker: item.quote.speaker.id, name: item.quote.speaker.name });
    else if (key === 'u') void act({ speaker: null, name: null });
    else if (key === 'o') openOther();
    else if (key === 'n' || key === 'arrowright') skip();
    else if (/^[1-5]$/.test(key) && candidates[Number(key) - 1]) void pickCandidate(candidates[Number(key) - 1]!.name);
    else return;
    event.preventDefault();
  });

  // the audit view
  const correctionsList = h('ul', { class: 'corrections', id: 'corrections-list' });

  async function loadCorrections(): Promise<void> {
    const { corrections } = await api.corrections();
    clear(correctionsList);
    if (!corrections.length) correctionsList.append(h('li', { class: 'muted' }, 'No corrections yet.'));
    for (const c of corrections) correctionsList.append(renderCorrection(c));
  }

  function renderCorrection(c: CorrectionView): HTMLElement {
    const when = c.at ? formatDate(c.at) : 'by hand';
    return h('li', { class: c.undone ? 'correction undone' : 'correction', 'data-id': c.id },
      h('span', { class: 'correction-summary' }, c.summary),
      h('span', { class: 'muted' }, ` — ${[c.by, when].filter(Boolean).join(', ')}`),
      c.note ? h('span', { class: 'correction-note' }, ` “${c.note}”`) : null,
      c.undone
        ? h('span', { class: 'muted' }, ` · undone ${formatDate(c.undone.at)}`)
        : h('button', { type: 'button', class: 'correction-undo', onclick: () => void guarded(async () => {
          await api.undoCorrection(c.id);
          app.toast('Correction undone');
          await Promise.all([loadCorrections(), loadQueue()]);
        }) }, 'Undo'));
  }

  root.append(
    h('h2', {}, 'Add documents'),
    dropzone,
    h('details', { class: 'upload-meta' }, h('summary', {}, 'Title, publisher, address and date (for one document)'),
      h('label', { for: 'upload-title' }, 'Title'), meta.title,
      h('label', { for: 'upload-publisher' }, 'Publisher'), meta.publisher,
      h('label', { for: 'upload-url' }, 'Address (URL)'), meta.url,
      h('label', { for: 'upload-date' }, 'Published'), meta.publishedAt),
    jobsList,
    h('h2', {}, 'Attributions to check ', queueCount),
    reasonSelect,
    card,
    h('h2', {}, 'Corrections'),
    correctionsList,
  );

  async function refresh(): Promise<void> {
    try {
      await Promise.all([loadQueue(), loadCorrections()]);
    } catch (error) {
      app.toast(error instanceof ApiError ? error.message : 'The review queue could not be read', 'error');
    }
  }
  return { refresh };
}

/** The quote in its surroundings, the quote, the cue and the speaker's mention marked. */
function renderContext(text: string, start: number, end: number, attribution: ReviewItem['quote']['sources'][number]['attribution']): HTMLElement {
  const spans = [{ start, end, cls: 'hl-quote' }];
  if (attribution.cue) spans.push({ ...attribution.cue, cls: 'hl-cue' });
  if (attribution.mention) spans.push({ ...attribution.mention, cls: 'hl-speaker' });
  let from = Math.max(0, Math.min(...spans.map((s) => s.start)) - CONTEXT_CHARS);
  let to = Math.min(text.length, Math.max(...spans.map((s) => s.end)) + CONTEXT_CHARS);
  while (from > 0 && /\S/.test(text[from - 1]!)) from--;
  while (to < text.length && /\S/.test(text[to]!)) to++;
  const cuts = [...new Set([from, to, ...spans.flatMap((s) => [s.start, s.end]).filter((o) => o > from && o < to)])].sort((a, b) => a - b);
  const out = h('blockquote', { class: 'review-context' }, from > 0 ? '…' : '');
  for (let i = 0; i < cuts.length - 1; i++) {
    const a = cuts[i]!, b = cuts[i + 1]!;
    const piece = text.slice(a, b);
    const covering = spans.filter((s) => s.start <= a && s.end >= b).map((s) => s.cls);
    out.append(covering.length ? h('mark', { class: covering.join(' ') }, piece) : document.createTextNode(piece));
  }
  if (to < text.length) out.append('…');
  return out;
}
