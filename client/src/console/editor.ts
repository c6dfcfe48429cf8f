import {
  autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap,
  type Completion, type CompletionContext, type CompletionResult,
} from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { StreamLanguage, bracketMatching, defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { cypher } from '@codemirror/legacy-modes/mode/cypher';
import { EditorState, StateEffect, StateField, type Extension } from '@codemirror/state';
import {
  Decoration, type DecorationSet, EditorView, drawSelection, highlightActiveLine, keymap, lineNumbers, placeholder,
} from '@codemirror/view';

// The Cypher editor: highlighting from the legacy Cypher mode, completion from the live schema
// (labels after ':' in a node pattern, relationship types inside '[...]', properties after
// 'var.'), the database's error position marked in the text. Tab is left to move focus.

export interface SchemaNames {
  labels: { label: string; properties: string[] }[];
  relationshipTypes: { type: string; properties: string[] }[];
}

const KEYWORDS = [
  'MATCH', 'OPTIONAL MATCH', 'WHERE', 'RETURN', 'WITH', 'ORDER BY', 'LIMIT', 'SKIP', 'DISTINCT', 'AS', 'AND', 'OR', 'NOT',
  'CONTAINS', 'STARTS WITH', 'ENDS WITH', 'IN', 'IS NULL', 'IS NOT NULL', 'UNWIND', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END',
  'DESC', 'ASC', 'UNION', 'EXISTS', 'CALL',
];
const FUNCTIONS = ['count', 'collect', 'coalesce', 'size', 'labels', 'label', 'type', 'id', 'nodes', 'relationships', 'length', 'lower', 'upper', 'toString', 'min', 'max', 'avg', 'sum', 'shortestPath'];

/** What the text before the cursor asks for: a label, a relationship type, a property or a word. */
export function completionContext(before: string): { kind: 'label' | 'rel' | 'property' | 'word'; variable?: string } {
  if (/\.\s*\w*$/.test(before)) {
    const variable = /([A-Za-z_]\w*)\s*\.\s*\w*$/.exec(before)?.[1];
    return { kind: 'property', variable };
  }
  if (/:\s*`?\w*$/.test(before)) {
    const lastParen = before.lastIndexOf('(');
    const lastBracket = before.lastIndexOf('[');
    const closedBracket = before.lastIndexOf(']');
    return { kind: lastBracket > lastParen && lastBracket > closedBracket ? 'rel' : 'label' };
  }
  return { kind: 'word' };
}

/** The label a variable was bound to in the query, e.g. `(p:Person)` → Person. */
export function labelOfVariable(query: string, variable: string): string | null {
  const escaped = variable.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\(\\s*${escaped}\\s*:\\s*\`?(\\w+)`).exec(query)?.[1] ?? null;
}

function schemaCompletions(getSchema: () => SchemaNames | null) {
  return (ctx: CompletionContext): CompletionResult | null => {
    const word = ctx.matchBefore(/\w*/);
    if (!word) return null;
    const line = ctx.state.doc.sliceString(0, ctx.pos);
    const what = completionContext(line);
    const schema = getSchema();
    let options: Completion[] = [];
    if (what.kind === 'label') {
      options = (schema?.labels ?? []).map((l) => ({ label: l.label, type: 'class', detail: 'label' }));
    } else if (what.kind === 'rel') {
      options = (schema?.relationshipTypes ?? []).map((r) => ({ label: r.type, type: 'type', detail: 'relationship' }));
    } else if (what.kind === 'property') {
      const query = ctx.state.doc.toString();
      const label = what.variable ? labelOfVariable(query, what.variable) : null;
      const owners = [...(schema?.labels.map((l) => ({ name: l.label, properties: l.properties })) ?? []), ...(schema?.relationshipTypes.map((r) => ({ name: r.type, properties: r.properties })) ?? [])];
      const chosen = label ? owners.filter((o) => o.name === label) : owners;
      const names = new Map<string, string>();
      for (const owner of chosen) for (const p of owner.properties) if (!names.has(p)) names.set(p, owner.name);
      options = [...names].map(([p, owner]) => ({ label: p, type: 'property', detail: label ? owner : 'property' }));
    } else {
      if (word.from === word.to && !ctx.explicit) return null;
      options = [
        ...KEYWORDS.map((k) => ({ label: k, type: 'keyword' })),
        ...FUNCTIONS.map((f) => ({ label: f, type: 'function', apply: `${f}(` })),
      ];
    }
    return { from: word.from, options, validFor: /^\w*$/ };
  };
}

const setErrorMark = StateEffect.define<{ from: number; to: number } | null>();

const errorField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    let next = tr.docChanged ? Decoration.none : marks.map(tr.changes);
    for (const effect of tr.effects) {
      if (effect.is(setErrorMark)) {
        next = effect.value && effect.value.to > effect.value.from
          ? Decoration.set([Decoration.mark({ class: 'cm-query-error', attributes: { title: 'the database points here' } }).range(effect.value.from, effect.value.to)])
          : Decoration.none;
      }
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/** Document position of a database error position: its line and column, else an absolute offset. */
export function errorRange(text: string, position: { line?: number | null; column?: number | null; offset?: number | null }): { from: number; to: number } {
  const lines = text.split('\n');
  let from: number;
  if (position.line && position.line >= 1 && position.line <= lines.length && position.column && position.column >= 1) {
    const lineStart = lines.slice(0, position.line - 1).reduce((sum, l) => sum + l.length + 1, 0);
    from = Math.min(lineStart + position.column - 1, lineStart + lines[position.line - 1]!.length);
  } else {
    from = Math.max(0, Math.min(text.length, position.offset ?? 0));
  }
  // mark the token there (or the character before the end)
  const rest = /^[^\s()[\]{},;:.]+/.exec(text.slice(from))?.[0].length ?? 1;
  if (from >= text.length) return { from: Math.max(0, text.length - 1), to: text.length };
  return { from, to: Math.min(text.length, from + Math.max(1, rest)) };
}

export interface QueryEditor {
  view: EditorView;
  value(): string;
  setValue(text: string): void;
  markError(range: { from: number; to: number } | null): void;
  focus(): void;
}

export function createQueryEditor(parent: HTMLElement, options: {
  initial: string;
  run(): void;
  schema(): SchemaNames | null;
  label: string;
}): QueryEditor {
  const runKeys = keymap.of([
    { key: 'Mod-Enter', run: () => { options.run(); return true; } },
    { key: 'Shift-Enter', run: () => { options.run(); return true; } },
  ]);
  const extensions: Extension[] = [
    lineNumbers(),
    history(),
    drawSelection(),
    highlightActiveLine(),
    bracketMatching(),
    closeBrackets(),
    StreamLanguage.define(cypher),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    autocompletion({ override: [schemaCompletions(options.schema)], activateOnTyping: true }),
    errorField,
    runKeys,
    keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap]),
    placeholder('MATCH (p:Person)-[:SAID]->(q:Quote) RETURN p, q LIMIT 25'),
    EditorView.lineWrapping,
    EditorView.contentAttributes.of({ 'aria-label': options.label }),
  ];
  const view = new EditorView({ parent, state: EditorState.create({ doc: options.initial, extensions }) });
  return {
    view,
    value: () => view.state.doc.toString(),
    setValue: (text: string) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    markError: (range) => {
      const effects = [setErrorMark.of(range)];
      if (range) view.dispatch({ effects, selection: { anchor: range.from }, scrollIntoView: true });
      else view.dispatch({ effects });
    },
    focus: () => view.focus(),
  };
}
