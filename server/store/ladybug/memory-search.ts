import type { NodeLabel } from '../../model/graph.js';
import { foldText } from '../../model/search-text.js';
import { matchesWithOneTypo, RANK, TYPO_MIN_LENGTH, withinOneEdit } from '../shared/search-rank.js';
import { isNameLabel, linesMatch, type IndexEntry } from './search-keys.js';

// An in-process search index for the embedded store. LadybugDB has no full-text index that
// works offline, and reading postings stored in the database costs a random read per
// posting (0.2–0.8 ms each on a graph of a million nodes), so the store keeps the index in
// memory: built from the graph when the store opens, changed after every committed write.
// Pure data structures, no I/O.
//
//  - names (people, bodies, reports, document titles): every name and alias read from the
//    start of each of its words, kept sorted, so any typed prefix ("zoe bill", "constab") is
//    a binary search; and a map of whole names for exact matches;
//  - text (quotes, claims): each word's list of nodes, in the order they were filed, so
//    that a query's words are an intersection of sorted lists;
//  - the words of names by length, for the one-typo fallback ("billingam") when nothing else matches.

const SUFFIX_MAX = 64;

interface Entry {
  id: string;
  label: NodeLabel;
  /** names and aliases, folded; empty for quotes and claims, whose words are filed instead */
  lines: string[];
  joined: string;
  len: number;
  /** what it was filed with, to skip a write that changes nothing: a hash of its lines */
  hash: number;
  alive: boolean;
}

export interface MemoryHit {
  id: string;
  label: NodeLabel;
  rank: number;
  len: number;
  /** a probable match (its other words are there, the unfinished last one unchecked): the caller checks the text */
  unsure?: boolean;
}

/** Sorted name suffixes, as two parallel arrays; new ones wait in a small sorted buffer until merged. */
class SuffixArray {
  private keys: string[] = [];
  private refs: number[] = [];
  private pendingKeys: string[] = [];
  private pendingRefs: number[] = [];

  add(key: string, ref: number): void {
    const at = lowerBound(this.pendingKeys, key);
    this.pendingKeys.splice(at, 0, key);
    this.pendingRefs.splice(at, 0, ref);
    if (this.pendingKeys.length > 4096) this.merge();
  }

  /** Loads many at once (opening): one sort instead of many inserts. */
  bulk(pairs: [string, number][]): void {
    this.merge();
    const all = pairs.concat(this.keys.map((k, i) => [k, this.refs[i]!] as [string, number]));
    all.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
    this.keys = all.map((p) => p[0]);
    this.refs = all.map((p) => p[1]);
  }

  private merge(): void {
    if (!this.pendingKeys.length) return;
    const keys: string[] = [], refs: number[] = [];
    let i = 0, j = 0;
    while (i < this.keys.length || j < this.pendingKeys.length) {
      if (j >= this.pendingKeys.length || (i < this.keys.length && this.keys[i]! <= this.pendingKeys[j]!)) {
        keys.push(this.keys[i]!); refs.push(this.refs[i++]!);
      } else {
        keys.push(this.pendingKeys[j]!); refs.push(this.pendingRefs[j++]!);
      }
    }
    this.keys = keys; this.refs = refs;
    this.pendingKeys = []; this.pendingRefs = [];
  }

  /** Every ref whose key starts with `prefix`, calling `visit` until it returns false. */
  scan(prefix: string, visit: (ref: number, key: string) => boolean): void {
    for (const [keys, refs] of [[this.keys, this.refs], [this.pendingKeys, this.pendingRefs]] as const) {
      for (let i = lowerBound(keys, prefix); i < keys.length && keys[i]!.startsWith(prefix); i++) {
        if (!visit(refs[i]!, keys[i]!)) return;
      }
    }
  }

  /** Keeps the suffixes whose ref passes. */
  retain(keep: (ref: number) => boolean): void {
    this.merge();
    const keys: string[] = [], refs: number[] = [];
    this.keys.forEach((k, i) => { if (keep(this.refs[i]!)) { keys.push(k); refs.push(this.refs[i]!); } });
    this.keys = keys; this.refs = refs;
  }
}

function lowerBound(keys: string[], key: string): number {
  let lo = 0, hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class MemorySearchIndex {
  private readonly entries: Entry[] = [];
  private readonly byId = new Map<string, number>();
  private readonly names = new SuffixArray();
  private readonly exact = new Map<string, number[]>();
  private readonly words = new Map<string, number[]>();
  /** the entries found by name, for the one scan a fragment inside a word needs */
  private nameRefs: number[] = [];
  /** the words of live names, by length, with how many names use each */
  private readonly vocabulary = new Map<number, Map<string, number>>();
  private dead = 0;

  /** Loads entries known to be new (opening the store): faster than one `apply` per entry. */
  load(entries: IndexEntry[]): void {
    const suffixes: [string, number][] = [];
    for (const e of entries) this.insert(e, suffixes);
    this.names.bulk(suffixes);
  }

  /** Files these nodes (replacing what was filed for them) and forgets the removed ones. */
  apply(entries: IndexEntry[], removed: readonly string[]): void {
    for (const id of removed) this.remove(id);
    for (const e of entries) {
      const at = this.byId.get(e.id);
      if (at !== undefined && this.entries[at]!.hash === linesHash(e.lines) && this.entries[at]!.len === e.len) continue;
      this.remove(e.id);
      const suffixes: [string, number][] = [];
      this.insert(e, suffixes);
      for (const [k, ref] of suffixes) this.names.add(k, ref);
    }
    // dead entries stay in the lists they were filed in until there are many of them
    if (this.dead > 50_000 && this.dead > this.entries.length / 4) this.compact();
  }

  private insert(e: IndexEntry, suffixes: [string, number][]): void {
    if (!e.lines) return;
    const ref = this.entries.length;
    const lines = e.lines.split('|');
    const named = isNameLabel(e.label);
    // quote text stays in the graph: the word lists stand for it here
    this.entries.push({ id: e.id, label: e.label, lines: named ? lines : [], joined: named ? e.lines : '', len: e.len, hash: linesHash(e.lines), alive: true });
    this.byId.set(e.id, ref);
    if (named) {
      this.nameRefs.push(ref);
      this.countWords(lines, 1);
      for (const line of lines) {
        this.exact.set(line, [...(this.exact.get(line) ?? []), ref]);
        for (let start = 0; start < line.length; start = line.indexOf(' ', start) + 1 || line.length) {
          suffixes.push([line.slice(start, start + SUFFIX_MAX), ref]);
        }
      }
    } else {
      for (const word of new Set(lines.flatMap((l) => l.split(' ')))) {
        if (!word) continue;
        const list = this.words.get(word);
        if (list) list.push(ref);
        else this.words.set(word, [ref]);
      }
    }
  }

  private countWords(lines: string[], by: 1 | -1): void {
    for (const word of new Set(lines.flatMap((l) => l.split(' ')))) {
      if (word.length < TYPO_MIN_LENGTH - 1) continue;
      const bucket = this.vocabulary.get(word.length) ?? new Map<string, number>();
      const n = (bucket.get(word) ?? 0) + by;
      if (n > 0) bucket.set(word, n);
      else bucket.delete(word);
      this.vocabulary.set(word.length, bucket);
    }
  }

  /** Words of names one edit away from `token`. */
  private nearWords(token: string): string[] {
    const out: string[] = [];
    for (const length of [token.length - 1, token.length, token.length + 1]) {
      for (const word of this.vocabulary.get(length)?.keys() ?? []) if (withinOneEdit(token, word)) out.push(word);
    }
    return out;
  }

  private startsAWord(prefix: string): boolean {
    let any = false;
    this.names.scan(prefix, () => { any = true; return false; });
    return any;
  }

  /** Names that match once one word of the query is read with one typo corrected. */
  private typoMatches(tokens: string[], add: (ref: number, rank: number) => void): void {
    const wrong = tokens.find((t) => !this.startsAWord(t));
    if (!wrong || wrong.length < TYPO_MIN_LENGTH) return;
    const seen = new Set<number>();
    for (const word of this.nearWords(wrong).slice(0, 50)) {
      this.names.scan(word, (ref) => {
        if (seen.has(ref)) return true;
        seen.add(ref);
        if (this.entries[ref]!.lines.some((line) => matchesWithOneTypo(tokens, line))) add(ref, RANK.oneTypo);
        return seen.size < 10_000;
      });
    }
  }

  private remove(id: string): void {
    const at = this.byId.get(id);
    if (at === undefined) return;
    if (isNameLabel(this.entries[at]!.label)) this.countWords(this.entries[at]!.lines, -1);
    this.entries[at]!.alive = false;
    this.byId.delete(id);
    this.dead++;
  }

  /** Drops the dead entries from every list (their slots stay, emptied). */
  private compact(): void {
    const alive = (ref: number) => this.entries[ref]!.alive;
    for (const [word, refs] of this.words) {
      const live = refs.filter(alive);
      if (live.length) this.words.set(word, live);
      else this.words.delete(word);
    }
    for (const [line, refs] of this.exact) {
      const live = refs.filter(alive);
      if (live.length) this.exact.set(line, live);
      else this.exact.delete(line);
    }
    this.names.retain(alive);
    this.nameRefs = this.nameRefs.filter(alive);
    for (const e of this.entries) if (!e.alive) { e.lines = []; e.joined = ''; e.id = ''; }
    this.dead = 0;
  }

  /** How many live nodes of each label the index holds. */
  counts(): Map<NodeLabel, number> {
    const out = new Map<NodeLabel, number>();
    for (const e of this.entries) if (e.alive) out.set(e.label, (out.get(e.label) ?? 0) + 1);
    return out;
  }

  /**
   * Matches for a query, best first: exact names and aliases; names with a word run starting
   * with the query (or with all its words in any order); quotes and claims holding its words
   * (the last may be unfinished); and, when those leave room on the page, names containing it.
   */
  search(query: string, labels: readonly NodeLabel[], offset: number, limit: number): { hits: MemoryHit[]; total: number } {
    const folded = foldText(query);
    const tokens = folded.split(' ').filter(Boolean).slice(0, 8);
    if (!tokens.length) return { hits: [], total: 0 };
    const wanted = offset + limit;
    const allowed = new Set(labels);
    const found = new Map<number, number>();
    const add = (ref: number, rank: number) => {
      const e = this.entries[ref]!;
      if (!e.alive || !allowed.has(e.label)) return;
      const had = found.get(ref);
      if (had === undefined || had < rank) found.set(ref, rank);
    };
    const nameWanted = labels.some(isNameLabel);

    if (nameWanted) {
      for (const ref of this.exact.get(folded) ?? []) add(ref, this.entries[ref]!.lines[0] === folded ? RANK.exactName : RANK.exactAlias);
      // a word run starting with the query; a long query is checked past the stored suffix
      const probe = folded.slice(0, SUFFIX_MAX);
      this.names.scan(probe, (ref) => {
        const e = this.entries[ref]!;
        if (folded.length <= SUFFIX_MAX || e.lines.some((l) => ` ${l}`.includes(` ${folded}`))) add(ref, RANK.prefix);
        return true;
      });
      if (tokens.length > 1) {
        // the words in another order, or several unfinished ("billingham zoe", "indep pol")
        this.names.scan(tokens.reduce((a, b) => (b.length > a.length ? b : a)), (ref) => {
          if (linesMatch(this.entries[ref]!.lines.join('|'), tokens, false)) add(ref, RANK.prefix);
          return true;
        });
      }
    }

    // quotes and claims, kept apart from `found`: a common word holds tens of thousands
    const text: number[] = [];
    let unsure = false;
    if (labels.some((l) => !isNameLabel(l))) {
      // every word but the last must be whole; the last may be a whole word or the start of one
      const lists = tokens.slice(0, -1).map((t) => this.words.get(t));
      if (lists.every(Boolean)) {
        const last = tokens[tokens.length - 1]!;
        const lastWhole = this.words.get(last);
        const candidates = [...lists, ...(lastWhole ? [lastWhole] : [])] as number[][];
        const keep = (ref: number) => {
          const e = this.entries[ref]!;
          return e.alive && allowed.has(e.label);
        };
        if (candidates.length && (lastWhole || tokens.length > 1)) {
          // whole words: their lists intersected (each list is in ascending order, as filed)
          for (const ref of intersect(candidates)) if (keep(ref)) text.push(ref);
          if (!lastWhole) {
            // the last word unfinished: a signature cannot tell, so the caller checks the text
            unsure = true;
          }
        } else if (tokens.length === 1 && last.length >= 3) {
          // one unfinished word: the nodes of the words it starts
          const seen = new Set<number>();
          for (const [word, refs] of this.words) if (word.startsWith(last)) for (const ref of refs) if (keep(ref) && !seen.has(ref)) { seen.add(ref); text.push(ref); }
        }
      }
    }

    // a fragment inside a word: one word, names only, when the page still has room
    if (found.size + text.length < wanted && nameWanted && tokens.length === 1 && folded.length >= 3) {
      for (const ref of this.nameRefs) {
        const e = this.entries[ref]!;
        // lines are joined by '|', which no folded query contains
        if (e.alive && !found.has(ref) && e.joined.includes(folded)) add(ref, RANK.contains);
      }
    }

    // the best page of each list, then of both (text hits all rank as word prefixes)
    const pairs: [number, number][] = [...found];
    for (const ref of this.shortest(text, wanted)) pairs.push([ref, RANK.prefix]);
    const hits = this.best(pairs, offset, wanted);
    if (unsure) for (const h of hits) if (!isNameLabel(h.label)) h.unsure = true;
    return { hits, total: found.size + text.length };
  }

  /** Names that match only with one word read one typo away ("billingam"), for when nothing matches as typed. */
  searchOneTypo(query: string, labels: readonly NodeLabel[], offset: number, limit: number): { hits: MemoryHit[]; total: number } {
    const tokens = foldText(query).split(' ').filter(Boolean).slice(0, 8);
    const allowed = new Set(labels);
    const found = new Map<number, number>();
    this.typoMatches(tokens, (ref, rank) => {
      const e = this.entries[ref]!;
      if (e.alive && allowed.has(e.label)) found.set(ref, rank);
    });
    return { hits: this.best(found, offset, offset + limit), total: found.size };
  }

  /** The `k` refs with the shortest names (then the smallest ids), cheaply: most are turned away by one comparison. */
  private shortest(refs: number[], k: number): number[] {
    if (refs.length <= k) return refs;
    const top: number[] = [];
    const before = (a: Entry, b: Entry) => a.len < b.len || (a.len === b.len && a.id < b.id);
    for (const ref of refs) {
      const e = this.entries[ref]!;
      if (top.length === k && !before(e, this.entries[top[k - 1]!]!)) continue;
      let at = top.length;
      while (at > 0 && before(e, this.entries[top[at - 1]!]!)) at--;
      top.splice(at, 0, ref);
      if (top.length > k) top.pop();
    }
    return top;
  }

  /** The page of hits: rank, then the shorter name, then the id; only the first `wanted` are ordered. */
  private best(found: Iterable<[number, number]>, offset: number, wanted: number): MemoryHit[] {
    const better = (a: [number, number], b: [number, number]) => {
      const x = this.entries[a[0]]!, y = this.entries[b[0]]!;
      return b[1] - a[1] || x.len - y.len || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
    };
    const out = (pairs: [number, number][]) => pairs.map(([ref, rank]): MemoryHit => {
      const e = this.entries[ref]!;
      return { id: e.id, label: e.label, rank, len: e.len };
    });
    if (wanted > 2000) return out([...found].sort(better).slice(offset, wanted));
    const top: [number, number][] = [];
    for (const pair of found) {
      if (top.length === wanted && better(pair, top[wanted - 1]!) >= 0) continue;
      let at = top.length;
      while (at > 0 && better(pair, top[at - 1]!) < 0) at--;
      top.splice(at, 0, pair);
      if (top.length > wanted) top.pop();
    }
    return out(top.slice(offset));
  }
}

/** FNV-1a of a node's folded lines. */
function linesHash(lines: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < lines.length; i++) h = Math.imul(h ^ lines.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** The refs in every list: lists in ascending order, walked from the shortest, galloping through the others. */
function intersect(lists: number[][]): number[] {
  const sorted = [...lists].sort((a, b) => a.length - b.length);
  let out = sorted[0]!;
  for (const other of sorted.slice(1)) {
    const next: number[] = [];
    let j = 0;
    for (const ref of out) {
      let step = 1;
      while (j + step < other.length && other[j + step]! < ref) { j += step; step *= 2; }
      while (j < other.length && other[j]! < ref) j++;
      if (j < other.length && other[j] === ref) next.push(ref);
    }
    out = next;
    if (!out.length) break;
  }
  return out;
}
