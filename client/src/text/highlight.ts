// Pure: a text and marked spans (quotes, mentions, claims; they may overlap) in, plain
// segments and a tree of marks out. The reader turns the tree into DOM text nodes and
// <mark> elements; nothing here touches HTML.

/** `speaker` and `cue`: the evidence of the chosen quote's attribution (its speaker's mention, the verb or colon) */
export type SpanKind = 'focus' | 'claim' | 'quote' | 'mention' | 'speaker' | 'cue';

export interface Span {
  start: number;
  end: number;
  kind: SpanKind;
  /** the node the span stands for (quote, person, organisation, claim…) */
  id: string;
  /** short description shown on hover, e.g. the speaker */
  title?: string;
  /** the node label of a mention, for its colour */
  label?: string;
}

export interface Segment {
  start: number;
  end: number;
  text: string;
  /** spans covering the whole segment, outermost first */
  spans: Span[];
}

export interface MarkNode {
  span: Span | null;
  start: number;
  end: number;
  children: (MarkNode | string)[];
}

const PRIORITY: Record<SpanKind, number> = { focus: 0, claim: 1, quote: 2, speaker: 3, cue: 3, mention: 4 };

/** Outer spans first: the focused quote is never split by anything inside it. */
export function compareSpans(a: Span, b: Span): number {
  return PRIORITY[a.kind] - PRIORITY[b.kind] || a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Spans cut to the text; empty, reversed or non-numeric spans dropped. */
export function cleanSpans(textLength: number, spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const span of spans) {
    if (!Number.isFinite(span.start) || !Number.isFinite(span.end)) continue;
    const start = Math.max(0, Math.min(textLength, Math.floor(span.start)));
    const end = Math.max(0, Math.min(textLength, Math.floor(span.end)));
    if (end > start) out.push({ ...span, start, end });
  }
  return out;
}

/** Cuts the text at every span edge; each piece lists the spans that cover it. */
export function segment(text: string, spans: readonly Span[]): Segment[] {
  const clean = cleanSpans(text.length, spans).sort(compareSpans);
  const edges = new Set<number>([0, text.length]);
  for (const s of clean) { edges.add(s.start); edges.add(s.end); }
  const cuts = [...edges].sort((a, b) => a - b);
  const byStart = [...clean].sort((a, b) => a.start - b.start);
  const segments: Segment[] = [];
  let active: Span[] = [];
  let next = 0;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    active = active.filter((s) => s.end > start);
    while (next < byStart.length && byStart[next]!.start <= start) {
      const s = byStart[next++]!;
      if (s.end > start) active.push(s);
    }
    segments.push({ start, end, text: text.slice(start, end), spans: [...active].sort(compareSpans) });
  }
  return segments;
}

/**
 * Nests segments into marks. A span stays one mark as long as it is not crossed by a span
 * that sorts before it; when it is, it is split into several marks with the same span.
 */
export function nest(segments: readonly Segment[]): MarkNode {
  const root: MarkNode = { span: null, start: 0, end: 0, children: [] };
  const stack: MarkNode[] = [root];
  for (const seg of segments) {
    let keep = 0;
    while (keep < stack.length - 1 && keep < seg.spans.length && stack[keep + 1]!.span === seg.spans[keep]) keep++;
    stack.length = keep + 1;
    for (let i = keep; i < seg.spans.length; i++) {
      const node: MarkNode = { span: seg.spans[i]!, start: seg.start, end: seg.end, children: [] };
      stack[stack.length - 1]!.children.push(node);
      stack.push(node);
    }
    stack[stack.length - 1]!.children.push(seg.text);
    for (const node of stack) node.end = seg.end;
  }
  return root;
}

export function markTree(text: string, spans: readonly Span[]): MarkNode {
  return nest(segment(text, spans));
}

/** The text a mark covers (its children's text, in order). */
export function markText(node: MarkNode): string {
  return node.children.map((c) => (typeof c === 'string' ? c : markText(c))).join('');
}

/** Every mark in the tree, depth first. */
export function marks(node: MarkNode): MarkNode[] {
  const out: MarkNode[] = [];
  for (const child of node.children) {
    if (typeof child === 'string') continue;
    out.push(child, ...marks(child));
  }
  return out;
}
