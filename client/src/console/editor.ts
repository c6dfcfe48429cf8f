import { h } from '../dom.js';
import { type Completion, type SchemaNames, completionsAt, tokenize } from './cypher-syntax.js';

// The Cypher editor: a plain <textarea> (native editing, undo, selection and screen-reader
// support) over a highlighted copy of its text, a completion list fed by the live schema,
// and the database's error position marked in the text. A few kilobytes instead of a full
// editor framework, so the whole client stays within its size budget.
// Keys: Ctrl/⌘+Enter (or Shift+Enter) runs; Ctrl+Space completes; in the list, arrows move,
// Enter or Tab accept, Escape closes. Tab otherwise moves focus, as everywhere else.

export type { SchemaNames };

export interface QueryEditor {
  value(): string;
  setValue(text: string): void;
  markError(range: { from: number; to: number } | null): void;
  focus(): void;
}

export interface EditorOptions {
  initial: string;
  run(): void;
  schema(): SchemaNames | null;
  label: string;
  placeholder?: string;
}

let editors = 0;

export function createQueryEditor(parent: HTMLElement, options: EditorOptions): QueryEditor {
  const n = ++editors;
  const listId = `query-completions-${n}`;
  const textarea = h('textarea', {
    class: 'query-input',
    spellcheck: 'false',
    autocapitalize: 'off',
    autocomplete: 'off',
    wrap: 'off',
    rows: 6,
    'aria-label': options.label,
    'aria-autocomplete': 'list',
    'aria-controls': listId,
    placeholder: options.placeholder ?? 'MATCH (p:Person)-[:SAID]->(q:Quote) RETURN p, q LIMIT 25',
  });
  const highlight = h('pre', { class: 'query-highlight', 'aria-hidden': 'true' });
  const list = h('ul', { class: 'query-completions', id: listId, role: 'listbox', 'aria-label': 'Completions', hidden: true });
  const wrap = h('div', { class: 'query-editor' }, highlight, textarea, list);
  parent.append(wrap);
  textarea.value = options.initial;

  let error: { from: number; to: number } | null = null;
  let completion: { from: number; options: Completion[]; active: number } | null = null;

  function render(): void {
    const text = textarea.value;
    const pieces: Node[] = [];
    let errorMark: HTMLElement | null = null;
    const put = (from: number, to: number, kind: string) => {
      if (to <= from) return;
      const span = h('span', { class: `tok-${kind}` }, text.slice(from, to));
      const inError = error && from >= error.from && to <= error.to;
      if (inError) {
        errorMark ??= h('mark', { class: 'query-error' });
        errorMark.append(span);
        if (!pieces.includes(errorMark)) pieces.push(errorMark);
      } else {
        pieces.push(span);
      }
    };
    for (const token of tokenize(text)) {
      if (error && token.from < error.to && token.to > error.from) {
        // cut the token at the error's edges so exactly those characters are marked
        const cuts = [token.from, Math.max(token.from, error.from), Math.min(token.to, error.to), token.to];
        for (let i = 0; i + 1 < cuts.length; i++) put(cuts[i]!, cuts[i + 1]!, token.kind);
      } else {
        put(token.from, token.to, token.kind);
      }
    }
    // a trailing newline needs a character after it to take up its line
    highlight.replaceChildren(...pieces, '\n');
    syncScroll();
  }

  function syncScroll(): void {
    highlight.scrollTop = textarea.scrollTop;
    highlight.scrollLeft = textarea.scrollLeft;
  }

  /** Viewport-relative box of the caret, measured on the highlighted copy of the text. */
  function caretBox(pos: number): { left: number; bottom: number } | null {
    const walker = document.createTreeWalker(highlight, NodeFilter.SHOW_TEXT);
    let seen = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const length = node.textContent?.length ?? 0;
      if (seen + length >= pos) {
        const range = document.createRange();
        range.setStart(node, pos - seen);
        range.setEnd(node, pos - seen);
        const rect = range.getClientRects()[0] ?? range.getBoundingClientRect();
        return { left: rect.left, bottom: rect.bottom };
      }
      seen += length;
    }
    return null;
  }

  function closeCompletion(): void {
    completion = null;
    list.hidden = true;
    list.replaceChildren();
    textarea.removeAttribute('aria-activedescendant');
  }

  function showCompletion(explicit: boolean): void {
    const pos = textarea.selectionStart;
    if (pos !== textarea.selectionEnd) { closeCompletion(); return; }
    const result = completionsAt(textarea.value, pos, options.schema(), explicit);
    if (!result) { closeCompletion(); return; }
    completion = { ...result, active: 0 };
    list.replaceChildren(...result.options.map((option, i) => {
      const item = h('li', { id: `${listId}-${i}`, role: 'option', class: 'query-completion', 'aria-selected': 'false' },
        h('span', { class: 'completion-label' }, option.label), h('span', { class: 'completion-detail' }, option.detail));
      item.addEventListener('mousedown', (event) => {
        event.preventDefault();
        accept(i);
      });
      return item;
    }));
    list.hidden = false;
    const box = caretBox(pos);
    const host = wrap.getBoundingClientRect();
    if (box) {
      list.style.left = `${Math.max(0, Math.min(box.left - host.left, host.width - 220))}px`;
      list.style.top = `${box.bottom - host.top + 2}px`;
    }
    setActive(0);
  }

  function setActive(index: number): void {
    if (!completion) return;
    const count = completion.options.length;
    completion.active = (index + count) % count;
    const items = list.querySelectorAll<HTMLElement>('[role="option"]');
    items.forEach((item, i) => { item.setAttribute('aria-selected', String(i === completion!.active)); });
    const item = items[completion.active];
    if (item) {
      textarea.setAttribute('aria-activedescendant', item.id);
      item.scrollIntoView({ block: 'nearest' });
    }
  }

  function accept(index: number): void {
    if (!completion) return;
    const option = completion.options[index];
    const from = completion.from;
    closeCompletion();
    if (!option) return;
    textarea.focus();
    textarea.setSelectionRange(from, textarea.selectionStart);
    insertText(option.apply);
  }

  /** Inserts at the selection as typing would, so the browser's undo keeps working. */
  function insertText(text: string): void {
    const start = textarea.selectionStart;
    // execCommand is the only way to edit a textarea and keep the native undo history
    const done = typeof document.execCommand === 'function' && document.execCommand('insertText', false, text);
    if (!done) {
      textarea.setRangeText(text, start, textarea.selectionEnd, 'end');
      textarea.dispatchEvent(new Event('input'));
    }
  }

  textarea.addEventListener('input', (event) => {
    error = null;
    render();
    const typed = (event as InputEvent).inputType;
    if (typed === undefined || typed.startsWith('insert')) showCompletion(false);
    else closeCompletion();
  });
  textarea.addEventListener('scroll', syncScroll);
  textarea.addEventListener('blur', () => closeCompletion());
  textarea.addEventListener('click', () => closeCompletion());
  textarea.addEventListener('keydown', (event) => {
    const mod = event.ctrlKey || event.metaKey;
    if (event.key === 'Enter' && (mod || event.shiftKey)) {
      event.preventDefault();
      closeCompletion();
      options.run();
      return;
    }
    if (event.key === ' ' && event.ctrlKey) {
      event.preventDefault();
      showCompletion(true);
      return;
    }
    if (!completion) return;
    if (event.key === 'ArrowDown') { event.preventDefault(); setActive(completion.active + 1); }
    else if (event.key === 'ArrowUp') { event.preventDefault(); setActive(completion.active - 1); }
    else if (event.key === 'Enter' || event.key === 'Tab') { event.preventDefault(); accept(completion.active); }
    else if (event.key === 'Escape') { event.preventDefault(); event.stopPropagation(); closeCompletion(); }
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowRight' || event.key === 'Home' || event.key === 'End') closeCompletion();
  });

  render();
  return {
    value: () => textarea.value,
    setValue(text: string) {
      closeCompletion();
      error = null;
      textarea.value = text;
      render();
    },
    markError(range) {
      error = range && range.to > range.from ? range : null;
      render();
      if (error) {
        textarea.setSelectionRange(error.from, error.from);
        const mark = highlight.querySelector('mark.query-error');
        if (mark) {
          // scroll the textarea so the marked characters are in view
          const top = (mark as HTMLElement).offsetTop - textarea.clientHeight / 2;
          textarea.scrollTop = Math.max(0, top);
          syncScroll();
        }
      }
    },
    focus: () => textarea.focus(),
  };
}
