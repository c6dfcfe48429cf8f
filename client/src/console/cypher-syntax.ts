// Pure: Cypher text in, tokens for highlighting, completions from the live schema and the
// range a database error points at out. No DOM here; the editor renders what this returns.

export interface SchemaNames {
  labels: { label: string; properties: string[] }[];
  relationshipTypes: { type: string; properties: string[] }[];
}

export type TokenKind =
  | 'keyword' | 'function' | 'string' | 'number' | 'comment' | 'label' | 'param' | 'variable' | 'property' | 'punct' | 'space';

export interface Token {
  kind: TokenKind;
  from: number;
  to: number;
}

export const KEYWORDS = [
  'MATCH', 'OPTIONAL MATCH', 'WHERE', 'RETURN', 'WITH', 'ORDER BY', 'LIMIT', 'SKIP', 'DISTINCT', 'AS', 'AND', 'OR', 'NOT', 'XOR',
  'CONTAINS', 'STARTS WITH', 'ENDS WITH', 'IN', 'IS NULL', 'IS NOT NULL', 'UNWIND', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END',
  'DESC', 'ASC', 'UNION', 'UNION ALL', 'EXISTS', 'CALL', 'YIELD', 'TRUE', 'FALSE', 'NULL',
];

export const FUNCTIONS = [
  'count', 'collect', 'coalesce', 'size', 'labels', 'label', 'type', 'id', 'nodes', 'relationships', 'length', 'lower', 'upper',
  'toLower', 'toUpper', 'toString', 'toInteger', 'min', 'max', 'avg', 'sum', 'shortestPath', 'allShortestPaths', 'startNode', 'endNode',
  'head', 'last', 'range', 'trim', 'substring', 'split', 'properties', 'keys', 'abs', 'round',
];

/** Every word that is a keyword on its own (the parts of the multi-word ones too), and the write and admin words, upper case. */
const KEYWORD_WORDS = new Set([
  ...KEYWORDS.flatMap((k) => k.split(' ')),
  'ALL', 'ANY', 'NONE', 'SINGLE', 'BY', 'ORDER', 'OPTIONAL', 'STARTS', 'ENDS', 'IS', 'DESCENDING', 'ASCENDING',
  'CREATE', 'MERGE', 'DELETE', 'DETACH', 'SET', 'REMOVE', 'FOREACH', 'ON', 'LOAD', 'CSV', 'FROM', 'HEADERS', 'FIELDTERMINATOR',
  'USE', 'SHOW', 'DROP', 'INDEX', 'CONSTRAINT', 'COPY', 'ATTACH', 'INSTALL', 'EXTENSION', 'BEGIN', 'COMMIT', 'ROLLBACK',
]);

const WORD = /[A-Za-z_\u00C0-\uFFFF][\w\u00C0-\uFFFF]*/y;
const NUMBER = /(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+)/y;

function quoted(text: string, from: number, quote: string): number {
  let i = from + 1;
  while (i < text.length) {
    if (text[i] === '\\') i += 2;
    else if (text[i] === quote) return i + 1;
    else i++;
  }
  return text.length;
}

function previousSignificant(tokens: readonly Token[]): Token | undefined {
  for (let i = tokens.length - 1; i >= 0; i--) if (tokens[i]!.kind !== 'space' && tokens[i]!.kind !== 'comment') return tokens[i];
  return undefined;
}

/** Splits Cypher into tokens that cover the text exactly, end to end. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, to: number) => {
    tokens.push({ kind, from: i, to });
    i = to;
  };
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (/\s/.test(c)) {
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j]!)) j++;
      push('space', j);
    } else if (c === '/' && next === '/') {
      const end = text.indexOf('\n', i);
      push('comment', end < 0 ? text.length : end);
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      push('comment', end < 0 ? text.length : end + 2);
    } else if (c === "'" || c === '"') {
      push('string', quoted(text, i, c));
    } else if (c === '`') {
      const end = text.indexOf('`', i + 1);
      const prev = previousSignificant(tokens);
      push(prev && text.slice(prev.from, prev.to) === ':' ? 'label' : 'variable', end < 0 ? text.length : end + 1);
    } else if (c === '$') {
      WORD.lastIndex = i + 1;
      const m = WORD.exec(text);
      push('param', m ? i + 1 + m[0].length : i + 1);
    } else if (/\d/.test(c) || (c === '.' && next !== undefined && /\d/.test(next))) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      push('number', i + (m ? m[0].length : 1));
    } else {
      WORD.lastIndex = i;
      const m = WORD.exec(text);
      if (!m) {
        push('punct', i + 1);
        continue;
      }
      const word = m[0];
      const end = i + word.length;
      const prev = previousSignificant(tokens);
      const prevText = prev ? text.slice(prev.from, prev.to) : '';
      const after = /^\s*\(/.test(text.slice(end, end + 40));
      let kind: TokenKind;
      if (prevText === ':' || (prevText === '|' && isInRelationship(text, i))) kind = 'label';
      else if (prevText === '.' && prev?.kind === 'punct') kind = 'property';
      else if (KEYWORD_WORDS.has(word.toUpperCase())) kind = 'keyword';
      else if (after) kind = 'function';
      else kind = 'variable';
      push(kind, end);
    }
  }
  return tokens;
}

function isInRelationship(text: string, at: number): boolean {
  const before = text.slice(0, at);
  return before.lastIndexOf('[') > before.lastIndexOf(']');
}

/** What the text before the cursor asks for: a label, a relationship type, a property or a word. */
export function completionContext(before: string): { kind: 'label' | 'rel' | 'property' | 'word'; variable?: string } {
  if (/\.\s*\w*$/.test(before) && !/\d\.\w*$/.test(before)) {
    const variable = /([A-Za-z_]\w*)\s*\.\s*\w*$/.exec(before)?.[1];
    if (variable) return { kind: 'property', variable };
  }
  if (/[:|]\s*`?\w*$/.test(before)) {
    const lastParen = before.lastIndexOf('(');
    const lastBracket = before.lastIndexOf('[');
    const closedBracket = before.lastIndexOf(']');
    if (lastBracket > lastParen && lastBracket > closedBracket) return { kind: 'rel' };
    if (/:\s*`?\w*$/.test(before)) return { kind: 'label' };
  }
  return { kind: 'word' };
}

/** The label a variable was bound to in the query, e.g. `(p:Person)` → Person. */
export function labelOfVariable(query: string, variable: string): string | null {
  const escaped = variable.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`[([]\\s*${escaped}\\s*:\\s*\`?(\\w+)`).exec(query)?.[1] ?? null;
}

export interface Completion {
  label: string;
  /** what is inserted in place of the word being typed */
  apply: string;
  detail: string;
}

export interface CompletionResult {
  /** where the word being replaced starts */
  from: number;
  options: Completion[];
}

/**
 * Completions at a cursor: labels after ':' in a node pattern, relationship types inside
 * '[...]', the properties of a variable's label after 'var.', else keywords and functions
 * (only once a word is started, unless asked for explicitly).
 */
export function completionsAt(query: string, pos: number, schema: SchemaNames | null, explicit = false): CompletionResult | null {
  const before = query.slice(0, pos);
  const word = /\w*$/.exec(before)?.[0] ?? '';
  const from = pos - word.length;
  // never inside a string or a comment
  const inside = tokenize(before).at(-1);
  if (inside && (inside.kind === 'string' || inside.kind === 'comment') && inside.to === pos) {
    const t = before.slice(inside.from);
    const closed = inside.kind === 'string' ? t.length > 1 && t.endsWith(t[0]!) : t.startsWith('/*') && t.endsWith('*/');
    if (!closed) return null;
  }
  const what = completionContext(before);
  let options: Completion[] = [];
  if (what.kind === 'label') {
    options = (schema?.labels ?? []).map((l) => ({ label: l.label, apply: l.label, detail: 'label' }));
  } else if (what.kind === 'rel') {
    options = (schema?.relationshipTypes ?? []).map((r) => ({ label: r.type, apply: r.type, detail: 'relationship' }));
  } else if (what.kind === 'property') {
    const label = what.variable ? labelOfVariable(query, what.variable) : null;
    const owners = [
      ...(schema?.labels.map((l) => ({ name: l.label, properties: l.properties })) ?? []),
      ...(schema?.relationshipTypes.map((r) => ({ name: r.type, properties: r.properties })) ?? []),
    ];
    const chosen = label ? owners.filter((o) => o.name === label) : owners;
    const names = new Map<string, string>();
    for (const owner of chosen) for (const p of owner.properties) if (!names.has(p)) names.set(p, owner.name);
    options = [...names].map(([p, owner]) => ({ label: p, apply: p, detail: label ? `${owner} property` : 'property' }));
  } else {
    if (!explicit && word.length < 2) return null;
    options = [
      ...KEYWORDS.map((k) => ({ label: k, apply: k, detail: 'keyword' })),
      ...FUNCTIONS.map((f) => ({ label: f, apply: `${f}(`, detail: 'function' })),
    ];
  }
  const lower = word.toLowerCase();
  const matching = options.filter((o) => o.label.toLowerCase().startsWith(lower) && o.label !== word);
  if (!matching.length) return null;
  return { from, options: matching.slice(0, 40) };
}

/** The text range a database error position points at: its line and column, else an absolute offset. */
export function errorRange(text: string, position: { line?: number | null; column?: number | null; offset?: number | null }): { from: number; to: number } {
  const lines = text.split('\n');
  let from: number;
  if (position.line && position.line >= 1 && position.line <= lines.length && position.column && position.column >= 1) {
    const lineStart = lines.slice(0, position.line - 1).reduce((sum, l) => sum + l.length + 1, 0);
    from = Math.min(lineStart + position.column - 1, lineStart + lines[position.line - 1]!.length);
  } else {
    from = Math.max(0, Math.min(text.length, position.offset ?? 0));
  }
  // mark the token there (or the last character when the error is at the end)
  if (from >= text.length) return { from: Math.max(0, text.length - 1), to: text.length };
  const rest = /^[^\s()[\]{},;:.]+/.exec(text.slice(from))?.[0].length ?? 1;
  return { from, to: Math.min(text.length, from + Math.max(1, rest)) };
}
