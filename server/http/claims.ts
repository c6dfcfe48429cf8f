import type { ClaimView } from '../store/port.js';

// Pure helpers behind the claims and trace routes.

export interface Disagreement {
  measure: string;
  unit: string;
  reportId: string | null;
  values: { value: number; claimId: string; documents: { documentId: string; title: string }[] }[];
}

/**
 * Two documents giving different values for the same measure of the same report ("334
 * personnel" in one article, "340" in another). Two values from one document alone are not
 * a disagreement (a story may give a total and a part), and figures attributed to
 * different reports are different findings.
 */
export function findDisagreements(claims: readonly ClaimView[]): Disagreement[] {
  const groups = new Map<string, ClaimView[]>();
  for (const c of claims) {
    const reportIds = c.reports.length ? c.reports.map((r) => r.id) : [null];
    for (const reportId of reportIds) {
      const key = JSON.stringify([c.measure.trim().toLowerCase(), c.unit, reportId]);
      groups.set(key, [...(groups.get(key) ?? []), c]);
    }
  }
  const out: Disagreement[] = [];
  for (const [key, group] of groups) {
    const byValue = new Map<number, ClaimView[]>();
    for (const c of group) byValue.set(c.value, [...(byValue.get(c.value) ?? []), c]);
    if (byValue.size < 2 || !group[0]!.measure.trim()) continue;
    const docsOf = (cs: ClaimView[]) => new Set(cs.flatMap((c) => c.sources.map((s) => s.documentId)));
    const valueDocs = [...byValue.values()].map(docsOf);
    // two different documents giving two different values
    const disagree = valueDocs.some((a, i) => valueDocs.some((b, j) => j > i && [...a].some((x) => [...b].some((y) => x !== y))));
    if (!disagree) continue;
    const [, unit, reportId] = JSON.parse(key) as [string, string, string | null];
    out.push({
      measure: group[0]!.measure, unit, reportId,
      values: [...byValue].sort(([a], [b]) => a - b).map(([value, cs]) => ({
        value,
        claimId: cs[0]!.id,
        documents: [...new Map(cs.flatMap((c) => c.sources.map((s) => [s.documentId, { documentId: s.documentId, title: s.title }] as const))).values()],
      })),
    });
  }
  return out.sort((a, b) => a.measure.localeCompare(b.measure) || (a.reportId ?? '').localeCompare(b.reportId ?? ''));
}

/**
 * The sentence holding a span of a text: back to the previous sentence end or line break,
 * on to the next. A quote that ends its own sentence ("… act now.") ends it there, after
 * any closing quotation mark.
 */
export function sentenceAround(text: string, start: number, end: number): { text: string; start: number; end: number } {
  const before = text.slice(0, start);
  const stops = [before.lastIndexOf('\n'), ...['. ', '? ', '! ', '.\u201d ', '.” '].map((m) => { const i = before.lastIndexOf(m); return i < 0 ? -1 : i + m.length - 1; })];
  const from = Math.max(...stops) + 1;
  let to: number;
  if (/[.?!]$/.test(text.slice(start, end))) {
    to = end;
    while (to < text.length && /["'\u201d\u2019)\]]/.test(text[to]!)) to++;
  } else {
    const after = text.slice(end);
    const newline = after.indexOf('\n');
    const stop = after.search(/[.?!](?=["'\u201d\u2019)\]]*(\s|$))/);
    const candidates = [newline, stop >= 0 ? stop + 1 + (/^["'\u201d\u2019)\]]*/.exec(after.slice(stop + 1))?.[0].length ?? 0) : -1].filter((i) => i >= 0);
    to = candidates.length ? end + Math.min(...candidates) : text.length;
  }
  const raw = text.slice(from, to);
  const lead = raw.length - raw.trimStart().length;
  const trimmed = raw.trim();
  return { text: trimmed, start: from + lead, end: from + lead + trimmed.length };
}
