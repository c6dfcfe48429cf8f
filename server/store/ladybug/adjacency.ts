import {
  NODE_LABELS, REL_PROPERTIES, REL_TYPES, displayName, edgeId, nodeKind,
  type GraphEdge, type GraphNode, type NodeLabel, type Properties, type RelType, type Subgraph,
} from '../../model/graph.js';
import type { NeighbourhoodQuery } from '../port.js';
import { NEIGHBOUR_ORDER, SUMMARY_NODE_PROPERTIES, SUMMARY_REL_PROPERTIES } from '../shared/limits.js';

// The embedded store's graph in memory, for neighbourhoods and paths. On LadybugDB reading a
// neighbour through a relationship costs a random read per row (0.5–4 ms at a million nodes),
// so a two-step neighbourhood of a few hundred nodes takes seconds from the database; here it
// takes a fraction of a millisecond. It holds what a neighbourhood shows and nothing more:
// each node's summary (SUMMARY_NODE_PROPERTIES) and each relationship's ends, type and summary
// properties (SUMMARY_REL_PROPERTIES). Pure data structures, no I/O.
//
// Compact enough for millions of relationships:
//  - a node is a slot, an integer: its id, label and summary values sit in flat arrays;
//  - a relationship is an integer too: its ends, type and properties sit in typed columns;
//  - a node's relationships are a run of `halves` (relationship << 1, | 1 where the node is
//    the target) in one array for all nodes, as laid out at the last rebuild; what changed
//    since waits per node in `overflow` (removed relationships are skipped where they lie)
//    until there is enough of it to rebuild the whole array.

export interface NodeInput { id: string; label: NodeLabel; properties: Properties }
export interface EdgeInput { type: RelType; from: string; to: string; properties: Properties }

const NULL_INT = -0x80000000;
/** one end of a path search: how far each node it reached is, and its last level */
interface Side { dist: Distances; front: number[]; depth: number }

/**
 * How far each slot is from one end of a path search: typed arrays reused from search to
 * search (a stamp tells this search's entries from older ones), since a search from a hub
 * reaches tens of thousands of nodes and a Map of them costs more than the walk.
 */
class Distances {
  private stamps = new Int32Array(0);
  private values = new Int32Array(0);
  private stamp = 0;

  /** Forgets every distance, ready for a graph of `slots` slots. */
  reset(slots: number): this {
    if (this.stamps.length < slots) {
      this.stamps = resized(this.stamps, Math.max(1024, slots * 2));
      this.values = resized(this.values, this.stamps.length);
    }
    if (this.stamp === 0x7fffffff) { this.stamps.fill(0); this.stamp = 0; }
    this.stamp++;
    return this;
  }
  has(slot: number): boolean { return this.stamps[slot] === this.stamp; }
  get(slot: number): number | undefined { return this.stamps[slot] === this.stamp ? this.values[slot] : undefined; }
  set(slot: number, d: number): void { this.stamps[slot] = this.stamp; this.values[slot] = d; }
}
/** changes tolerated beside the compressed array before it is rebuilt (and at least this share of it) */
const REBUILD_MIN = 65_536;
const REBUILD_SHARE = 0.25;
/** summary values that repeat across nodes (kinds, publishers, units): one string each */
const REPEATED_VALUES = new Set(['kind', 'publisher', 'publishedAt', 'unit', 'measure']);
const INTERNED_MAX = 100_000;

const LABEL_CODE = new Map<NodeLabel, number>(NODE_LABELS.map((l, i) => [l, i + 1]));
const TYPE_CODE = new Map<RelType, number>(REL_TYPES.map((t, i) => [t, i + 1]));
const SUMMARY_VALUES = NODE_LABELS.map((l) => SUMMARY_NODE_PROPERTIES[l].filter((k) => k !== 'id'));
/** a label code's place in NEIGHBOUR_ORDER: neighbours are shown in that order, then by id */
const RANK_OF_CODE = Int32Array.from([0, ...NODE_LABELS.map((l) => { const i = NEIGHBOUR_ORDER.indexOf(l); return i < 0 ? NEIGHBOUR_ORDER.length : i; })]);

interface Column {
  get(i: number): unknown;
  set(i: number, value: unknown): void;
  resize(capacity: number): void;
}

/** Integers (offsets, counts, years) in an Int32Array; the rare one that does not fit, beside it. */
class IntColumn implements Column {
  private data = new Int32Array(0);
  private readonly wide = new Map<number, unknown>();
  get(i: number): unknown {
    const v = this.data[i]!;
    return v !== NULL_INT ? v : (this.wide.get(i) ?? null);
  }
  set(i: number, value: unknown): void {
    this.wide.delete(i);
    if (typeof value === 'number' && Number.isInteger(value) && value > NULL_INT && value <= 0x7fffffff) this.data[i] = value;
    else {
      this.data[i] = NULL_INT;
      if (value !== null && value !== undefined) this.wide.set(i, value);
    }
  }
  resize(capacity: number): void { this.data = resized(this.data, capacity); }
}

/** Strings that repeat (document ids, role titles): a code each, the strings kept once. */
class StringColumn implements Column {
  private codes = new Int32Array(0);
  private readonly pool: (string | null)[] = [null];
  private readonly codeOf = new Map<string, number>();
  get(i: number): unknown { return this.pool[this.codes[i]!] ?? null; }
  set(i: number, value: unknown): void {
    if (typeof value !== 'string') { this.codes[i] = 0; return; }
    let code = this.codeOf.get(value);
    if (code === undefined) { code = this.pool.length; this.pool.push(value); this.codeOf.set(value, code); }
    this.codes[i] = code;
  }
  resize(capacity: number): void { this.codes = resized(this.codes, capacity); }
}

class AnyColumn implements Column {
  private data: unknown[] = [];
  get(i: number): unknown { return this.data[i] ?? null; }
  set(i: number, value: unknown): void { this.data[i] = value ?? null; }
  resize(capacity: number): void { if (this.data.length > capacity) this.data.length = capacity; }
}

function resized<T extends Int32Array | Uint8Array>(array: T, capacity: number): T {
  if (array.length === capacity) return array;
  const out = new (array.constructor as new (n: number) => T)(capacity);
  out.set(array.length <= capacity ? array : (array.subarray(0, capacity) as T));
  return out;
}

export class AdjacencyIndex {
  // nodes
  private readonly slotOf = new Map<string, number>();
  private ids: string[] = [];
  private labels = new Uint8Array(0);
  /** where a node's summary values (SUMMARY_VALUES of its label) start in `values` */
  private valueAt = new Int32Array(0);
  private values: unknown[] = [];
  private staleValues = 0;
  private readonly freeSlots: number[] = [];
  private readonly interned = new Map<string, string>();

  // relationships
  private edges = 0;
  private from = new Int32Array(0);
  private to = new Int32Array(0);
  /** TYPE_CODE, 0 once removed */
  private types = new Uint8Array(0);
  private readonly columns: [string, Column][] = SUMMARY_REL_PROPERTIES.map((k) => {
    const type = REL_PROPERTIES[k as keyof typeof REL_PROPERTIES];
    return [k, type === 'int' ? new IntColumn() : type === 'string' ? new StringColumn() : new AnyColumn()];
  });
  private removedEdges = 0;

  // each node's relationships: a compressed array as of the last rebuild, and what came since
  private start = new Int32Array(1);
  private halves = new Int32Array(0);
  private readonly overflow = new Map<number, number[]>();
  private overflowHalves = 0;

  /** scratch distances for the two ends of a path search */
  private readonly pathDistances: [Distances, Distances] = [new Distances(), new Distances()];
  /** a scratch mark per slot, to count distinct neighbours without a set */
  private marks = new Int32Array(0);
  private mark = 0;

  // ------------------------------------------------------------------ changes

  /** Files these nodes' summaries (new or replacing what was filed). */
  putNodes(nodes: Iterable<NodeInput>): void {
    for (const n of nodes) {
      const code = LABEL_CODE.get(n.label);
      if (!code) continue;
      let slot = this.slotOf.get(n.id);
      if (slot === undefined) slot = this.newSlot(n.id);
      else if (this.labels[slot]) this.staleValues += SUMMARY_VALUES[this.labels[slot]! - 1]!.length;
      this.labels[slot] = code;
      this.valueAt[slot] = this.values.length;
      for (const key of SUMMARY_VALUES[code - 1]!) {
        const value = n.properties[key];
        this.values.push(typeof value === 'string' && REPEATED_VALUES.has(key) ? this.intern(value) : (value ?? null));
      }
    }
    if (this.staleValues > 100_000 && this.staleValues > this.values.length / 2) this.compactValues();
  }

  /** Forgets these nodes and anything still joined to them. */
  removeNodes(ids: Iterable<string>): void {
    for (const id of ids) {
      const slot = this.slotOf.get(id);
      if (slot === undefined) continue;
      this.eachHalf(slot, (h) => this.dropEdge(h >> 1));
      this.staleValues += SUMMARY_VALUES[this.labels[slot]! - 1]!.length;
      this.labels[slot] = 0;
      this.slotOf.delete(id);
      this.ids[slot] = '';
      this.freeSlots.push(slot);
    }
    this.maybeRebuild();
  }

  /** Adds relationships between filed nodes; as in the database, one whose end is missing is not created. */
  addEdges(edges: Iterable<EdgeInput>): void {
    const first = this.edges;
    this.appendEdges(edges);
    const added = this.edges - first;
    if (this.overflowHalves + this.removedEdges * 2 + added * 2 > this.rebuildAt()) {
      this.rebuild();
      return;
    }
    for (let i = first; i < this.edges; i++) {
      this.pushOverflow(this.from[i]!, i << 1);
      this.pushOverflow(this.to[i]!, (i << 1) | 1);
    }
  }

  /**
   * Loading a whole graph: relationships are only stored, and laid out once, by `layOut`, when
   * all are in. Until then no node shows the ones appended.
   */
  appendEdges(edges: Iterable<EdgeInput>): void {
    for (const e of edges) {
      const a = this.slotOf.get(e.from), b = this.slotOf.get(e.to), type = TYPE_CODE.get(e.type);
      if (a === undefined || b === undefined || !type) continue;
      if (this.edges === this.types.length) this.growEdges(Math.max(1024, this.edges * 2));
      const i = this.edges++;
      this.from[i] = a;
      this.to[i] = b;
      this.types[i] = type;
      for (const [key, column] of this.columns) column.set(i, e.properties[key]);
    }
  }

  layOut(): void {
    this.rebuild();
  }

  /**
   * Removes the relationships a document stated, found as the store's write path finds them:
   * those carrying its id on the document itself or one step from it (see DocumentGraph).
   */
  removeDocumentEdges(docId: string): void {
    const doc = this.slotOf.get(docId);
    if (doc === undefined) return;
    const near = new Set<number>([doc]);
    this.eachHalf(doc, (h) => near.add(this.otherEnd(h)));
    const docColumn = this.column('docId');
    for (const node of near) this.eachHalf(node, (h) => { if (docColumn.get(h >> 1) === docId) this.dropEdge(h >> 1); });
    this.maybeRebuild();
  }

  /** Removes every relationship of this type from one node to another (a rename restated). */
  removeEdgesBetween(type: RelType, fromId: string, toId: string): void {
    const a = this.slotOf.get(fromId), b = this.slotOf.get(toId), code = TYPE_CODE.get(type);
    if (a === undefined || b === undefined) return;
    this.eachHalf(a, (h) => { const e = h >> 1; if (!(h & 1) && this.types[e] === code && this.to[e] === b) this.dropEdge(e); });
    this.maybeRebuild();
  }

  // ------------------------------------------------------------------ questions

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  /** Nodes per label and relationships per type, to check the index against the graph. */
  counts(): { nodes: Record<NodeLabel, number>; relationships: Record<RelType, number> } {
    const nodes = Object.fromEntries(NODE_LABELS.map((l) => [l, 0])) as Record<NodeLabel, number>;
    const relationships = Object.fromEntries(REL_TYPES.map((t) => [t, 0])) as Record<RelType, number>;
    for (const slot of this.slotOf.values()) nodes[NODE_LABELS[this.labels[slot]! - 1]!]++;
    for (let e = 0; e < this.edges; e++) if (this.types[e]) relationships[REL_TYPES[this.types[e]! - 1]!]++;
    return { nodes, relationships };
  }

  /**
   * Breadth first from the seeds. Each expanded node adds at most `perNodeLimit` new neighbours
   * (NEIGHBOUR_ORDER, then id, picks which) while the answer has room, and shows every
   * relationship to a neighbour already in the answer; `truncated` says how many distinct
   * neighbours (through the relationship and kind filters) it left out.
   */
  neighbourhood(q: NeighbourhoodQuery): Subgraph {
    const typeOk = codeMask(REL_TYPES.length, (q.relTypes ?? []).map((t) => TYPE_CODE.get(t)));
    const labelOk = codeMask(NODE_LABELS.length, (q.labels ?? []).map((l) => LABEL_CODE.get(l)));
    const known = new Set<number>();
    const order: number[] = [];
    for (const id of q.ids) {
      const slot = this.slotOf.get(id);
      if (slot !== undefined && !known.has(slot)) { known.add(slot); order.push(slot); }
    }
    const edges = new Map<string, GraphEdge>();
    const truncated: Subgraph['truncated'] = [];
    let frontier = order.slice();
    for (let depth = 1; depth <= q.depth && frontier.length && known.size < q.limit; depth++) {
      const next: number[] = [];
      for (const node of frontier) {
        if (known.size >= q.limit) break;
        const rows: number[] = [];
        const fresh: number[] = [];
        let total = 0;
        const mark = this.nextMark();
        this.eachHalf(node, (h) => {
          if (typeOk && !typeOk[this.types[h >> 1]!]) return;
          const other = this.otherEnd(h);
          if (labelOk && !labelOk[this.labels[other]!]) return;
          rows.push(h);
          if (this.marks[other] === mark) return;
          this.marks[other] = mark;
          total++;
          if (!known.has(other)) fresh.push(other);
        });
        for (const slot of this.firstInOrder(fresh, Math.min(q.perNodeLimit, q.limit - known.size))) {
          known.add(slot);
          order.push(slot);
          next.push(slot);
        }
        const shownRows = rows.filter((h) => known.has(this.otherEnd(h))).sort((a, b) => this.compareSlots(this.otherEnd(a), this.otherEnd(b)));
        const shown = this.nextMark();
        let shownCount = 0;
        for (const h of shownRows) {
          const edge = this.edgeOut(h >> 1);
          edges.set(edge.id, edge);
          const other = this.otherEnd(h);
          if (this.marks[other] !== shown) { this.marks[other] = shown; shownCount++; }
        }
        if (total > shownCount) truncated.push({ id: this.ids[node]!, hidden: total - shownCount });
      }
      frontier = next;
    }
    return { nodes: order.map((slot) => this.nodeOut(slot)), edges: [...edges.values()], truncated };
  }

  /**
   * The shortest paths between two nodes, in either direction along any relationship, if one
   * has at most `maxHops` steps: every node and relationship on the first `cap` of them.
   * Searched from both ends at once, the cheaper side a level at a time, so a hub at one end
   * is expanded only when the other side has grown larger.
   */
  shortestPaths(fromId: string, toId: string, maxHops: number, cap: number): Subgraph | null {
    const a = this.slotOf.get(fromId), b = this.slotOf.get(toId);
    if (a === undefined || b === undefined) return null;
    if (a === b) return { nodes: [this.nodeOut(a)], edges: [], truncated: [] };
    const sides: [Side, Side] = [
      { dist: this.pathDistances[0].reset(this.ids.length), front: [a], depth: 0 },
      { dist: this.pathDistances[1].reset(this.ids.length), front: [b], depth: 0 },
    ];
    sides[0].dist.set(a, 0);
    sides[1].dist.set(b, 0);
    let meet: number[] = [];
    while (!meet.length && sides[0].depth + sides[1].depth < maxHops && sides[0].front.length && sides[1].front.length) {
      const which = this.cost(sides[0].front) <= this.cost(sides[1].front) ? 0 : 1;
      const side = sides[which], other = sides[1 - which]!;
      const depth = side.depth + 1;
      const next: number[] = [];
      for (const v of side.front) {
        this.eachHalf(v, (h) => {
          const w = this.otherEnd(h);
          if (side.dist.has(w)) return;
          side.dist.set(w, depth);
          next.push(w);
          if (other.dist.has(w)) meet.push(w);
        });
      }
      side.front = next;
      side.depth = depth;
    }
    if (!meet.length) return null;
    const length = Math.min(...meet.map((m) => sides[0].dist.get(m)! + sides[1].dist.get(m)!));
    meet = meet.filter((m) => sides[0].dist.get(m)! + sides[1].dist.get(m)! === length).sort((x, y) => this.compareIds(x, y));
    const nodes = new Map<number, GraphNode>();
    const edges = new Map<string, GraphEdge>();
    let found = 0;
    outer: for (const m of meet) {
      for (const head of this.stepsToward(m, sides[0].dist)) {
        for (const tail of this.stepsToward(m, sides[1].dist)) {
          // from a to m (the walk back from m, reversed), then from m to b: a half belongs to
          // the node nearer m on the way in and to the node nearer a on the way out
          let at = a;
          for (const h of [...head].reverse().concat(tail)) {
            if (!nodes.has(at)) nodes.set(at, this.nodeOut(at));
            const edge = this.edgeOut(h >> 1);
            edges.set(edge.id, edge);
            at = this.otherEnd(h) === at ? this.endOf(h) : this.otherEnd(h);
          }
          if (!nodes.has(at)) nodes.set(at, this.nodeOut(at));
          if (++found >= cap) break outer;
        }
      }
    }
    return { nodes: [...nodes.values()], edges: [...edges.values()], truncated: [] };
  }

  // ------------------------------------------------------------------ internals

  /** Every way from `v` back to the side's start, one step nearer each time, as the halves seen from each node left. */
  private *stepsToward(v: number, dist: Distances): Generator<number[]> {
    const d = dist.get(v)!;
    if (d === 0) { yield []; return; }
    const steps: number[] = [];
    this.eachHalf(v, (h) => { if (dist.get(this.otherEnd(h)) === d - 1) steps.push(h); });
    for (const h of steps) for (const rest of this.stepsToward(this.otherEnd(h), dist)) yield [h, ...rest];
  }

  private eachHalf(slot: number, visit: (half: number) => void): void {
    if (slot + 1 < this.start.length) {
      for (let i = this.start[slot]!, end = this.start[slot + 1]!; i < end; i++) {
        const h = this.halves[i]!;
        if (this.types[h >> 1]) visit(h);
      }
    }
    const more = this.overflow.get(slot);
    if (more) for (const h of more) if (this.types[h >> 1]) visit(h);
  }

  /** the node at the far end of a half */
  private otherEnd(h: number): number {
    return h & 1 ? this.from[h >> 1]! : this.to[h >> 1]!;
  }

  /** the node a half belongs to */
  private endOf(h: number): number {
    return h & 1 ? this.to[h >> 1]! : this.from[h >> 1]!;
  }

  private cost(front: number[]): number {
    let n = 0;
    for (const v of front) n += (v + 1 < this.start.length ? this.start[v + 1]! - this.start[v]! : 0) + (this.overflow.get(v)?.length ?? 0);
    return n;
  }

  private compareIds(a: number, b: number): number {
    const x = this.ids[a]!, y = this.ids[b]!;
    return x < y ? -1 : x > y ? 1 : 0;
  }

  private compareSlots(a: number, b: number): number {
    return RANK_OF_CODE[this.labels[a]!]! - RANK_OF_CODE[this.labels[b]!]! || this.compareIds(a, b);
  }

  /** The first `k` of these slots in display order, without sorting all of a hub's neighbours. */
  private firstInOrder(slots: number[], k: number): number[] {
    if (k <= 0) return [];
    if (slots.length <= 4 * k + 64) return slots.sort((a, b) => this.compareSlots(a, b)).slice(0, k);
    const top: number[] = [];
    for (const s of slots) {
      if (top.length === k && this.compareSlots(s, top[k - 1]!) >= 0) continue;
      let lo = 0, hi = top.length;
      while (lo < hi) { const mid = (lo + hi) >>> 1; if (this.compareSlots(top[mid]!, s) <= 0) lo = mid + 1; else hi = mid; }
      top.splice(lo, 0, s);
      if (top.length > k) top.pop();
    }
    return top;
  }

  private nextMark(): number {
    if (this.marks.length < this.ids.length) this.marks = resized(this.marks, Math.max(1024, this.ids.length * 2));
    if (this.mark === 0x7fffffff) { this.marks.fill(0); this.mark = 0; }
    return ++this.mark;
  }

  private nodeOut(slot: number): GraphNode {
    const label = NODE_LABELS[this.labels[slot]! - 1]!;
    const properties: Properties = { id: this.ids[slot]! };
    const at = this.valueAt[slot]!;
    SUMMARY_VALUES[this.labels[slot]! - 1]!.forEach((key, i) => {
      const value = this.values[at + i];
      if (value !== null && value !== undefined) properties[key] = value;
    });
    return { id: this.ids[slot]!, label, name: displayName(label, properties), kind: nodeKind(label, properties), properties };
  }

  private edgeOut(e: number): GraphEdge {
    const properties: Properties = {};
    for (const [key, column] of this.columns) {
      const value = column.get(e);
      if (value !== null && value !== undefined) properties[key] = value;
    }
    const type = REL_TYPES[this.types[e]! - 1]!;
    const source = this.ids[this.from[e]!]!, target = this.ids[this.to[e]!]!;
    return { id: edgeId(type, source, target, (properties.docId as string | undefined) ?? null), type, source, target, properties };
  }

  private column(key: string): Column {
    return this.columns.find(([k]) => k === key)?.[1] ?? new AnyColumn();
  }

  private newSlot(id: string): number {
    const slot = this.freeSlots.pop() ?? this.ids.length;
    if (slot === this.ids.length) {
      this.ids.push(id);
      if (slot >= this.labels.length) {
        const capacity = Math.max(1024, slot * 2);
        this.labels = resized(this.labels, capacity);
        this.valueAt = resized(this.valueAt, capacity);
      }
    } else {
      this.ids[slot] = id;
    }
    this.slotOf.set(id, slot);
    return slot;
  }

  private intern(value: string): string {
    const known = this.interned.get(value);
    if (known !== undefined) return known;
    if (this.interned.size < INTERNED_MAX) this.interned.set(value, value);
    return value;
  }

  private dropEdge(e: number): void {
    if (!this.types[e]) return;
    this.types[e] = 0;
    this.removedEdges++;
  }

  private pushOverflow(slot: number, half: number): void {
    const list = this.overflow.get(slot);
    if (list) list.push(half);
    else this.overflow.set(slot, [half]);
    this.overflowHalves++;
  }

  private rebuildAt(): number {
    return Math.max(REBUILD_MIN, this.halves.length * REBUILD_SHARE);
  }

  private maybeRebuild(): void {
    if (this.overflowHalves + this.removedEdges * 2 > this.rebuildAt()) this.rebuild();
  }

  /** Drops removed relationships (renumbering the others, order kept) and lays every node's out in one array. */
  private rebuild(): void {
    let live = 0;
    for (let e = 0; e < this.edges; e++) {
      if (!this.types[e]) continue;
      if (live !== e) {
        this.from[live] = this.from[e]!;
        this.to[live] = this.to[e]!;
        this.types[live] = this.types[e]!;
        for (const [, column] of this.columns) column.set(live, column.get(e));
      }
      live++;
    }
    this.edges = live;
    this.removedEdges = 0;
    this.growEdges(Math.max(1024, Math.ceil(live * 1.25)));
    const slots = this.ids.length;
    const start = new Int32Array(slots + 1);
    for (let e = 0; e < live; e++) {
      start[this.from[e]! + 1] = start[this.from[e]! + 1]! + 1;
      start[this.to[e]! + 1] = start[this.to[e]! + 1]! + 1;
    }
    for (let s = 0; s < slots; s++) start[s + 1] = start[s + 1]! + start[s]!;
    const halves = new Int32Array(live * 2);
    const fill = start.slice(0, slots);
    const place = (slot: number, half: number) => { halves[fill[slot]!] = half; fill[slot] = fill[slot]! + 1; };
    for (let e = 0; e < live; e++) {
      place(this.from[e]!, e << 1);
      place(this.to[e]!, (e << 1) | 1);
    }
    this.start = start;
    this.halves = halves;
    this.overflow.clear();
    this.overflowHalves = 0;
  }

  private growEdges(capacity: number): void {
    this.from = resized(this.from, capacity);
    this.to = resized(this.to, capacity);
    this.types = resized(this.types, capacity);
    for (const [, column] of this.columns) column.resize(capacity);
  }

  private compactValues(): void {
    const values: unknown[] = [];
    for (const slot of this.slotOf.values()) {
      const at = this.valueAt[slot]!;
      this.valueAt[slot] = values.length;
      for (let i = 0; i < SUMMARY_VALUES[this.labels[slot]! - 1]!.length; i++) values.push(this.values[at + i]);
    }
    this.values = values;
    this.staleValues = 0;
  }
}

/** A lookup by code (1-based) of the codes given, or null when none is given: no filter. */
function codeMask(size: number, codes: (number | undefined)[]): Uint8Array | null {
  const valid = codes.filter((c): c is number => c !== undefined);
  if (!valid.length) return null;
  const mask = new Uint8Array(size + 1);
  for (const c of valid) mask[c] = 1;
  return mask;
}
