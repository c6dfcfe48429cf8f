import { QueryRefusedError, QuerySyntaxError, type RefusalReason } from '../../errors.js';

// The console's Cypher: an allow-list over a parse of its own. A statement is tokenised and
// parsed into the read-only subset below, then printed again from the parse, so what reaches
// a database is only what was understood here (no comment, odd whitespace or escape of the
// user's survives). Everything else is refused before any database sees it.
//
//   statement  = query { UNION [ALL] query }
//   query      = { MATCH | OPTIONAL MATCH | UNWIND | WITH } RETURN
//   patterns   = node { rel node }, var-length rels bounded (*1..4, at most MAX_HOPS),
//                shortestPath()/allShortestPaths() (Neo4j) or * SHORTEST (LadybugDB)
//   expression = literals, $params, variables, properties, lists, maps, CASE, comparisons,
//                arithmetic, IN, STARTS/ENDS WITH, CONTAINS, =~, IS [NOT] NULL, AND/OR/XOR/NOT,
//                list comprehensions, and the functions of CONSOLE_FUNCTIONS
//
// Bounds keep parsing short on every store: LadybugDB parses outside its time limit, and
// deep nesting makes its parser hang or crash.

export const MAX_QUERY_LENGTH = 4000;
export const MAX_TOKENS = 600;
export const MAX_DEPTH = 24;
/** LadybugDB's parser takes time exponential in nested CASE: 12 deep 30 ms, 16 deep 0.2 s, 20 deep 2.4 s */
export const MAX_CASE_DEPTH = 8;
export const MAX_HOPS = 10;
/** range() in the console: literal bounds, at most this many values */
export const MAX_RANGE = 100_000;

/** Functions that exist on both stores (some under two names) and build nothing unbounded. */
export const CONSOLE_FUNCTIONS = new Set([
  'count', 'sum', 'avg', 'min', 'max', 'collect',
  'size', 'length', 'coalesce', 'tolower', 'toupper', 'lower', 'upper', 'trim', 'ltrim', 'rtrim',
  'substring', 'left', 'right', 'split', 'reverse', 'tostring', 'tointeger', 'tofloat',
  'abs', 'round', 'floor', 'ceil', 'sign', 'sqrt', 'head', 'last', 'tail',
  'nodes', 'relationships', 'rels', 'labels', 'label', 'type', 'range',
]);

const REFUSED_WORDS: [RegExp, RefusalReason, string][] = [
  [/^(LOAD|COPY|ATTACH|INSTALL|EXPORT|IMPORT)$/, 'file-access', 'reads or writes files, reaches the network or loads code'],
  [/^(CREATE|MERGE|DELETE|DETACH|SET|REMOVE|FOREACH|DROP|ALTER|FINISH)$/, 'write', 'creates, changes or deletes data'],
  [/^(BEGIN|COMMIT|ROLLBACK|SHOW|USE|GRANT|REVOKE|DENY|TERMINATE|START|STOP|CHECKPOINT|EXPLAIN|PROFILE|USING)$/, 'admin', 'administers the database or its transactions'],
  [/^(CALL|YIELD)$/, 'procedure', 'calls procedures, table functions or settings'],
];

const KEYWORDS = new Set([
  'MATCH', 'OPTIONAL', 'WHERE', 'WITH', 'UNWIND', 'RETURN', 'ORDER', 'BY', 'SKIP', 'LIMIT', 'UNION', 'ALL', 'DISTINCT', 'AS',
  'ASC', 'ASCENDING', 'DESC', 'DESCENDING', 'AND', 'OR', 'XOR', 'NOT', 'IN', 'IS', 'NULL', 'TRUE', 'FALSE', 'STARTS', 'ENDS',
  'CONTAINS', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END', 'SHORTEST',
]);

type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'param' | 'punct' | 'end';
interface Token { kind: TokenKind; text: string; offset: number }

const SUBSET = "see 'The console' in the README for the subset it accepts";

function refuse(reason: RefusalReason, message: string): never {
  throw new QueryRefusedError(reason, `refused: ${message}; the console runs one read-only query (${SUBSET})`);
}

/** Unicode spaces and format characters outside strings are spaces; control characters are refused. */
function isSpace(ch: string): boolean {
  return /[\s\p{Zs}\p{Cf}\u001c-\u001f\u0085]/u.test(ch);
}

function tokenize(source: string): Token[] {
  if (source.length > MAX_QUERY_LENGTH) refuse('too-large', `the query is ${source.length} characters long (limit ${MAX_QUERY_LENGTH})`);
  const tokens: Token[] = [];
  let i = 0;
  const syntax = (message: string, at: number): never => { throw syntaxError(source, message, at); };
  while (i < source.length) {
    const ch = source[i]!;
    if (isSpace(ch)) { i++; continue; }
    if (/[\u0000-\u0008\u000e-\u001b\u007f-\u009f]/.test(ch)) refuse('control-character', `the query holds a control character (U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`);
    if (source.startsWith('//', i)) { while (i < source.length && source[i] !== '\n') i++; continue; }
    if (source.startsWith('/*', i)) {
      const close = source.indexOf('*/', i + 2);
      if (close < 0) syntax('a comment is not closed', i);
      i = close + 2;
      continue;
    }
    const start = i;
    if (ch === "'" || ch === '"') {
      let text = '';
      i++;
      for (;;) {
        if (i >= source.length) syntax('a string is not closed', start);
        const c = source[i]!;
        if (c === ch) { i++; break; }
        if (c === '\\') {
          const e = source[i + 1];
          const map: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', n: '\n', t: '\t', r: '\r' };
          if (e === undefined || !(e in map)) syntax('only \\\\, \\\', \\", \\n, \\t and \\r escapes are allowed in strings', i);
          text += map[e!];
          i += 2;
          continue;
        }
        if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(c)) refuse('control-character', 'a string holds a control character');
        text += c;
        i++;
      }
      tokens.push({ kind: 'string', text, offset: start });
    } else if (ch === '`') {
      let text = '';
      i++;
      for (;;) {
        if (i >= source.length) syntax('a quoted name is not closed', start);
        if (source[i] === '`') {
          if (source[i + 1] === '`') { text += '`'; i += 2; continue; }
          i++;
          break;
        }
        text += source[i];
        i++;
      }
      if (!/^[\p{L}\p{N}_ .-]{1,100}$/u.test(text)) refuse('name', `the quoted name \`${text.slice(0, 40)}\` holds characters the console does not accept`);
      tokens.push({ kind: 'quoted', text, offset: start });
    } else if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const m = /^(\d+(\.\d+)?([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?)/.exec(source.slice(i, i + 40))!;
      // '1..3' is a range, not the number '1.'
      const text = m[0].includes('.') && source.startsWith('..', i + m[0].indexOf('.')) ? m[0].slice(0, m[0].indexOf('.')) : m[0];
      if (text.length > 24) syntax('a number is too long', i);
      tokens.push({ kind: 'number', text, offset: start });
      i += text.length;
    } else if (/[\p{L}_]/u.test(ch)) {
      const m = /^[\p{L}_][\p{L}\p{N}_]*/u.exec(source.slice(i, i + 200))!;
      tokens.push({ kind: 'word', text: m[0], offset: start });
      i += m[0].length;
    } else if (ch === '$') {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(source.slice(i, i + 80));
      if (!m) syntax('a parameter is $ followed by a name', i);
      tokens.push({ kind: 'param', text: m![1]!, offset: start });
      i += m![0].length;
    } else {
      const two = source.slice(i, i + 2);
      const punct = ['<=', '>=', '<>', '!=', '=~', '..'].includes(two) ? two : ch;
      if (!'()[]{},.:|;<>=+-*/%^'.includes(punct[0]!)) syntax(`unexpected character '${ch}'`, i);
      tokens.push({ kind: 'punct', text: punct, offset: start });
      i += punct.length;
    }
    if (tokens.length > MAX_TOKENS) refuse('too-large', `the query has more than ${MAX_TOKENS} tokens`);
  }
  tokens.push({ kind: 'end', text: '', offset: source.length });
  return tokens;
}

function syntaxError(source: string, message: string, offset: number): QuerySyntaxError {
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return new QuerySyntaxError(`Parser exception: ${message} (line ${line}, offset ${column})`, { line, column, offset });
}

/** The words of a refused form, named before any parse error could hide them. */
function refuseForbiddenWords(tokens: Token[]): void {
  const semicolon = tokens.findIndex((t) => t.kind === 'punct' && t.text === ';');
  if (semicolon >= 0 && tokens[semicolon + 1]!.kind !== 'end') refuse('multiple-statements', 'one statement at a time');
  // the most serious form found decides the reason: file access, then writes, then the rest
  let worst: { rank: number; word: string } | null = null;
  tokens.forEach((t, i) => {
    if (t.kind !== 'word') return;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    // a property, label or map key spelled like a keyword is a name; a namespace is not (apoc.load.json)
    const namespace = next?.kind === 'punct' && (next.text === '.' || next.text === '(') && REFUSED_WORDS[0]![0].test(t.text.toUpperCase());
    if (prev?.kind === 'punct' && (prev.text === '.' || prev.text === ':') && !namespace) return;
    if (tokens[i + 1]?.kind === 'punct' && tokens[i + 1]!.text === ':' && prev?.kind === 'punct' && (prev.text === '{' || prev.text === ',')) return;
    const word = t.text.toUpperCase();
    const rank = REFUSED_WORDS.findIndex(([pattern]) => pattern.test(word));
    if (rank >= 0 && (!worst || rank < worst.rank)) worst = { rank, word };
  });
  const found = worst as { rank: number; word: string } | null;
  if (found) {
    const [, reason, why] = REFUSED_WORDS[found.rank]!;
    refuse(reason, `${found.word} ${why}`);
  }
}

/**
 * Parses a console statement into the read-only subset and prints it again; throws
 * QueryRefusedError (with a reason) or QuerySyntaxError (with a position) otherwise.
 */
export function canonicalConsoleQuery(source: string): string {
  const tokens = tokenize(source);
  refuseForbiddenWords(tokens);
  return new Parser(source, tokens).statement();
}

class Parser {
  private i = 0;
  private depth = 0;
  private caseDepth = 0;

  constructor(private readonly source: string, private readonly tokens: Token[]) {}

  private get t(): Token { return this.tokens[this.i]!; }
  private peek(n = 1): Token { return this.tokens[Math.min(this.i + n, this.tokens.length - 1)]!; }
  private isWord(word: string, t = this.t): boolean { return t.kind === 'word' && t.text.toUpperCase() === word; }
  private isPunct(p: string, t = this.t): boolean { return t.kind === 'punct' && t.text === p; }
  private fail(message: string): never { throw syntaxError(this.source, message, this.t.offset); }
  private describe(t = this.t): string { return t.kind === 'end' ? 'the end of the query' : `'${this.source.slice(t.offset, t.offset + Math.max(t.text.length, 1))}'`; }

  private word(word: string): void {
    if (!this.isWord(word)) this.fail(`expected ${word}, found ${this.describe()}`);
    this.i++;
  }

  private punct(p: string): void {
    if (!this.isPunct(p)) this.fail(`expected '${p}', found ${this.describe()}`);
    this.i++;
  }

  private acceptWord(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.i++;
    return true;
  }

  private acceptPunct(p: string): boolean {
    if (!this.isPunct(p)) return false;
    this.i++;
    return true;
  }

  private nest<T>(work: () => T): T {
    if (++this.depth > MAX_DEPTH) refuse('too-deep', `the query nests more than ${MAX_DEPTH} levels deep`);
    try { return work(); } finally { this.depth--; }
  }

  statement(): string {
    const parts = [this.singleQuery()];
    while (this.isWord('UNION')) {
      this.i++;
      parts.push(this.acceptWord('ALL') ? 'UNION ALL' : 'UNION', this.singleQuery());
    }
    if (this.acceptPunct(';') && this.t.kind !== 'end') refuse('multiple-statements', 'one statement at a time');
    if (this.t.kind !== 'end') this.fail(`expected a clause (MATCH, OPTIONAL MATCH, UNWIND, WITH, RETURN), found ${this.describe()}`);
    return parts.join(' ');
  }

  private singleQuery(): string {
    const clauses: string[] = [];
    for (;;) {
      if (this.isWord('MATCH') || (this.isWord('OPTIONAL') && this.isWord('MATCH', this.peek()))) clauses.push(this.match());
      else if (this.isWord('UNWIND')) clauses.push(this.unwind());
      else if (this.isWord('WITH')) clauses.push(this.projection('WITH'));
      else if (this.isWord('RETURN')) return [...clauses, this.projection('RETURN')].join(' ');
      else if (this.t.kind === 'word' && !KEYWORDS.has(this.t.text.toUpperCase())) this.fail(`${this.t.text} is not a clause the console accepts (MATCH, OPTIONAL MATCH, UNWIND, WITH, RETURN, UNION)`);
      else this.fail(clauses.length ? `expected a clause or RETURN, found ${this.describe()}` : `a query starts with MATCH, OPTIONAL MATCH, UNWIND, WITH or RETURN, not ${this.describe()}`);
    }
  }

  private match(): string {
    const optional = this.acceptWord('OPTIONAL');
    this.word('MATCH');
    const patterns = [this.patternPart()];
    while (this.acceptPunct(',')) patterns.push(this.patternPart());
    const where = this.acceptWord('WHERE') ? ` WHERE ${this.expression()}` : '';
    return `${optional ? 'OPTIONAL MATCH' : 'MATCH'} ${patterns.join(', ')}${where}`;
  }

  private unwind(): string {
    this.word('UNWIND');
    const list = this.expression();
    this.word('AS');
    return `UNWIND ${list} AS ${this.variable()}`;
  }

  private projection(kind: 'WITH' | 'RETURN'): string {
    this.word(kind);
    let out = kind;
    if (this.acceptWord('DISTINCT')) out += ' DISTINCT';
    if (this.acceptPunct('*')) {
      out += ' *';
      if (this.acceptPunct(',')) out += `, ${this.items()}`;
    } else out += ` ${this.items()}`;
    if (this.isWord('ORDER')) {
      this.i++;
      this.word('BY');
      const keys = [this.sortItem()];
      while (this.acceptPunct(',')) keys.push(this.sortItem());
      out += ` ORDER BY ${keys.join(', ')}`;
    }
    if (this.acceptWord('SKIP')) out += ` SKIP ${this.expression()}`;
    if (this.acceptWord('LIMIT')) out += ` LIMIT ${this.expression()}`;
    if (kind === 'WITH' && this.acceptWord('WHERE')) out += ` WHERE ${this.expression()}`;
    return out;
  }

  private items(): string {
    const items = [this.item()];
    while (this.acceptPunct(',')) items.push(this.item());
    return items.join(', ');
  }

  private item(): string {
    const e = this.expression();
    return this.acceptWord('AS') ? `${e} AS ${this.variable()}` : e;
  }

  private sortItem(): string {
    const e = this.expression();
    if (this.acceptWord('DESC') || this.acceptWord('DESCENDING')) return `${e} DESC`;
    if (this.acceptWord('ASC') || this.acceptWord('ASCENDING')) return `${e} ASC`;
    return e;
  }

  private name(what: string): string {
    const t = this.t;
    if (t.kind === 'word' || t.kind === 'quoted') {
      this.i++;
      return quoteName(t.text);
    }
    return this.fail(`expected ${what}, found ${this.describe()}`);
  }

  private variable(): string {
    if (this.t.kind === 'word' && KEYWORDS.has(this.t.text.toUpperCase())) this.fail(`${this.t.text} is a keyword, not a name`);
    return this.name('a name');
  }

  private patternPart(): string {
    let out = '';
    if ((this.t.kind === 'word' || this.t.kind === 'quoted') && this.isPunct('=', this.peek())) {
      out = `${this.variable()} = `;
      this.i++;
    }
    const fn = this.t.kind === 'word' ? this.t.text.toLowerCase() : '';
    if ((fn === 'shortestpath' || fn === 'allshortestpaths') && this.isPunct('(', this.peek())) {
      this.i += 2;
      const inner = this.patternElement();
      this.punct(')');
      return `${out}${fn === 'shortestpath' ? 'shortestPath' : 'allShortestPaths'}(${inner})`;
    }
    return out + this.patternElement();
  }

  private patternElement(): string {
    let out = this.nodePattern();
    while (this.isPunct('-') || (this.isPunct('<') && this.isPunct('-', this.peek()))) out += this.relPattern() + this.nodePattern();
    return out;
  }

  private nodePattern(): string {
    this.punct('(');
    let out = '(';
    if (this.t.kind === 'word' || this.t.kind === 'quoted') out += this.variable();
    if (this.isPunct(':')) out += this.labels();
    if (this.isPunct('{')) out += ` ${this.mapLiteral()}`;
    this.punct(')');
    return `${out})`;
  }

  private labels(): string {
    let out = '';
    while (this.isPunct(':') || (out && this.isPunct('|'))) {
      out += this.t.text;
      this.i++;
      if (this.isPunct(':')) { out += ':'; this.i++; }
      out += this.name('a label or relationship type');
    }
    return out;
  }

  private relPattern(): string {
    let out = '';
    if (this.acceptPunct('<')) out += '<';
    this.punct('-');
    out += '-';
    if (this.acceptPunct('[')) {
      out += '[';
      if (this.t.kind === 'word' || this.t.kind === 'quoted') out += this.variable();
      if (this.isPunct(':')) out += this.labels();
      if (this.isPunct('*')) out += this.varLength();
      if (this.isPunct('{')) out += ` ${this.mapLiteral()}`;
      this.punct(']');
      out += ']';
    }
    this.punct('-');
    out += '-';
    if (this.acceptPunct('>')) out += '>';
    if (out.startsWith('<') && out.endsWith('>')) this.fail('a relationship points one way, or neither');
    return out;
  }

  private varLength(): string {
    this.punct('*');
    let out = '*';
    if (this.acceptWord('ALL')) { this.word('SHORTEST'); out += ' ALL SHORTEST '; }
    else if (this.acceptWord('SHORTEST')) out += ' SHORTEST ';
    const int = (): number | null => {
      if (this.t.kind !== 'number') return null;
      if (!/^\d+$/.test(this.t.text)) this.fail('hop counts are whole numbers');
      const n = Number(this.t.text);
      this.i++;
      return n;
    };
    const low = int();
    let high = low;
    if (this.acceptPunct('..')) high = int();
    if (high === null) refuse('unbounded', `a variable-length relationship needs an upper bound of at most ${MAX_HOPS} hops (e.g. *1..4)`);
    if (high! > MAX_HOPS) refuse('unbounded', `a variable-length relationship may have at most ${MAX_HOPS} hops, not ${high}`);
    return `${out}${low ?? ''}${low === high && low !== null ? '' : `..${high}`}`.replace(/ $/, '');
  }

  private mapLiteral(): string {
    return this.nest(() => {
      this.punct('{');
      const entries: string[] = [];
      if (!this.isPunct('}')) {
        do {
          const key = this.name('a map key');
          this.punct(':');
          entries.push(`${key}: ${this.expression()}`);
        } while (this.acceptPunct(','));
      }
      this.punct('}');
      return `{${entries.join(', ')}}`;
    });
  }

  expression(): string {
    return this.nest(() => this.binary(0));
  }

  private static readonly LEVELS: string[][] = [['OR'], ['XOR'], ['AND']];

  private binary(level: number): string {
    if (level < Parser.LEVELS.length) {
      let left = this.binary(level + 1);
      while (Parser.LEVELS[level]!.some((w) => this.isWord(w))) {
        const op = this.t.text.toUpperCase();
        this.i++;
        left = `${left} ${op} ${this.binary(level + 1)}`;
      }
      return left;
    }
    return this.not();
  }

  private not(): string {
    if (this.acceptWord('NOT')) return this.nest(() => `NOT ${this.not()}`);
    return this.comparison();
  }

  private comparison(): string {
    let left = this.additive();
    for (;;) {
      const t = this.t;
      if (t.kind === 'punct' && ['=', '<>', '!=', '<', '>', '<=', '>=', '=~'].includes(t.text)) {
        this.i++;
        left = `${left} ${t.text === '!=' ? '<>' : t.text} ${this.additive()}`;
      } else if (this.isWord('IS')) {
        this.i++;
        const not = this.acceptWord('NOT');
        this.word('NULL');
        left = `${left} IS ${not ? 'NOT ' : ''}NULL`;
      } else if (this.isWord('STARTS') || this.isWord('ENDS')) {
        const op = this.t.text.toUpperCase();
        this.i++;
        this.word('WITH');
        left = `${left} ${op} WITH ${this.additive()}`;
      } else if (this.acceptWord('CONTAINS')) left = `${left} CONTAINS ${this.additive()}`;
      else if (this.acceptWord('IN')) left = `${left} IN ${this.additive()}`;
      else return left;
    }
  }

  private additive(): string {
    let left = this.multiplicative();
    while (this.isPunct('+') || this.isPunct('-')) {
      const op = this.t.text;
      this.i++;
      left = `${left} ${op} ${this.multiplicative()}`;
    }
    return left;
  }

  private multiplicative(): string {
    let left = this.power();
    while (this.isPunct('*') || this.isPunct('/') || this.isPunct('%')) {
      const op = this.t.text;
      this.i++;
      left = `${left} ${op} ${this.power()}`;
    }
    return left;
  }

  private power(): string {
    let left = this.unary();
    while (this.acceptPunct('^')) left = `${left} ^ ${this.unary()}`;
    return left;
  }

  private unary(): string {
    if (this.isPunct('-') || this.isPunct('+')) {
      const op = this.t.text;
      this.i++;
      return this.nest(() => `${op}${this.unary()}`);
    }
    return this.postfix();
  }

  private postfix(): string {
    let out = this.atom();
    for (;;) {
      if (this.isPunct('.')) {
        this.i++;
        out = `${out}.${this.name('a property name')}`;
      } else if (this.isPunct('[')) {
        this.i++;
        const from = this.isPunct('..') ? '' : this.expression();
        if (this.acceptPunct('..')) {
          const to = this.isPunct(']') ? '' : this.expression();
          out = `${out}[${from}..${to}]`;
        } else out = `${out}[${from}]`;
        this.punct(']');
      } else return out;
    }
  }

  private atom(): string {
    const t = this.t;
    switch (t.kind) {
      case 'string': this.i++; return quoteString(t.text);
      case 'number': this.i++; return t.text;
      case 'param': this.i++; return `$${t.text}`;
      case 'quoted': this.i++; return quoteName(t.text);
      case 'end': return this.fail('expected an expression, found the end of the query');
      case 'punct':
        if (t.text === '(') return this.nest(() => { this.i++; const e = this.expression(); this.punct(')'); return `(${e})`; });
        if (t.text === '[') return this.list();
        if (t.text === '{') return this.mapLiteral();
        return this.fail(`expected an expression, found ${this.describe()}`);
      case 'word': {
        const upper = t.text.toUpperCase();
        if (upper === 'TRUE' || upper === 'FALSE' || upper === 'NULL') { this.i++; return upper.toLowerCase(); }
        if (upper === 'CASE') return this.caseExpression();
        if (this.isPunct('(', this.peek())) return this.call();
        let n = 1;
        while (this.isPunct('.', this.peek(n)) && this.peek(n + 1).kind === 'word') n += 2;
        if (n > 1 && this.isPunct('(', this.peek(n))) {
          const name = this.tokens.slice(this.i, this.i + n).map((x) => x.text).join('');
          refuse('function', `${name}() is a namespaced function; the console allows only ${[...CONSOLE_FUNCTIONS].join(', ')}`);
        }
        return this.variable();
      }
    }
  }

  private call(): string {
    const name = this.t.text.toLowerCase();
    if (!CONSOLE_FUNCTIONS.has(name)) refuse('function', `${this.t.text}() is not a function the console allows (${[...CONSOLE_FUNCTIONS].join(', ')})`);
    this.i += 2;
    return this.nest(() => {
      if (name === 'count' && this.acceptPunct('*')) { this.punct(')'); return 'count(*)'; }
      const distinct = this.acceptWord('DISTINCT');
      const args: string[] = [];
      if (!this.isPunct(')')) {
        do args.push(this.expression()); while (this.acceptPunct(','));
      }
      this.punct(')');
      if (name === 'range') checkRange(args);
      return `${name}(${distinct ? 'DISTINCT ' : ''}${args.join(', ')})`;
    });
  }

  private list(): string {
    return this.nest(() => {
      this.punct('[');
      // [x IN list WHERE … | …]
      if ((this.t.kind === 'word' || this.t.kind === 'quoted') && this.isWord('IN', this.peek())) {
        const v = this.variable();
        this.word('IN');
        let out = `[${v} IN ${this.expression()}`;
        if (this.acceptWord('WHERE')) out += ` WHERE ${this.expression()}`;
        if (this.acceptPunct('|')) out += ` | ${this.expression()}`;
        this.punct(']');
        return `${out}]`;
      }
      const items: string[] = [];
      if (!this.isPunct(']')) {
        do items.push(this.expression()); while (this.acceptPunct(','));
      }
      this.punct(']');
      return `[${items.join(', ')}]`;
    });
  }

  private caseExpression(): string {
    if (++this.caseDepth > MAX_CASE_DEPTH) refuse('too-deep', `the query nests CASE more than ${MAX_CASE_DEPTH} deep`);
    try { return this.caseBody(); } finally { this.caseDepth--; }
  }

  private caseBody(): string {
    return this.nest(() => {
      this.word('CASE');
      let out = 'CASE';
      if (!this.isWord('WHEN')) out += ` ${this.expression()}`;
      if (!this.isWord('WHEN')) this.fail(`expected WHEN, found ${this.describe()}`);
      while (this.acceptWord('WHEN')) {
        const when = this.expression();
        this.word('THEN');
        out += ` WHEN ${when} THEN ${this.expression()}`;
      }
      if (this.acceptWord('ELSE')) out += ` ELSE ${this.expression()}`;
      this.word('END');
      return `${out} END`;
    });
  }
}

function checkRange(args: string[]): void {
  const bounds = args.map((a) => (/^-?\d+$/.test(a) ? Number(a) : NaN));
  if (args.length < 2 || args.length > 3 || bounds.some(Number.isNaN)) refuse('function', 'range() in the console takes literal whole numbers: range(1, 10) or range(0, 100, 5)');
  const [from, to, step = 1] = bounds as [number, number, number?];
  if (step === 0) refuse('function', 'range() needs a step other than 0');
  if (Math.floor((to - from) / step) + 1 > MAX_RANGE) refuse('function', `range() in the console gives at most ${MAX_RANGE} values`);
}

function quoteName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !KEYWORDS.has(name.toUpperCase()) ? name : `\`${name.replace(/`/g, '``')}\``;
}

function quoteString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r')}'`;
}
