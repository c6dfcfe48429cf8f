import type { ClaimView } from '../api-types.js';
import type { AppContext } from '../app-context.js';
import { h } from '../dom.js';

// A figure (a claim): every document that states it, the report it is sourced from, and the
// documents that give a different value for the same measure.

export interface Disagreement {
  measure: string;
  /** this claim's value, then each other value, with the documents stating it */
  values: { claim: ClaimView; documents: { documentId: string; title: string }[] }[];
}

/**
 * Two documents disagree when they give different values, in the same unit, for the same
 * named measure. Different figures within one document (a breakdown) are not a disagreement,
 * and figures without a measure are never compared.
 */
export function disagreementFor(claim: ClaimView, all: readonly ClaimView[]): Disagreement | null {
  const measure = claim.measure.trim();
  if (!measure) return null;
  const mine = new Set(claim.sources.map((s) => s.documentId));
  const others = all.filter((c) => c.id !== claim.id && c.measure.trim() === measure && c.unit === claim.unit && c.value !== claim.value)
    .filter((c) => c.sources.some((s) => !mine.has(s.documentId)));
  if (!others.length) return null;
  const documents = (c: ClaimView) => [...new Map(c.sources.map((s) => [s.documentId, { documentId: s.documentId, title: s.title }])).values()];
  return { measure, values: [claim, ...others].map((c) => ({ claim: c, documents: documents(c) })) };
}

export function claimSourcesSection(claim: ClaimView, all: readonly ClaimView[], app: AppContext): HTMLElement {
  const disagreement = disagreementFor(claim, all);
  const openSource = (s: ClaimView['sources'][number]) => () => void app.openReader({ docId: s.documentId, span: { start: s.start, end: s.end, label: 'claim' } });
  return h('section', { class: 'detail-section', id: 'claim-sources' },
    h('h3', {}, `Stated in ${claim.sources.length} document${claim.sources.length === 1 ? '' : 's'}`),
    h('ul', { class: 'sources' }, ...claim.sources.map((s) => h('li', {},
      h('button', { type: 'button', class: 'link-like', onclick: openSource(s) }, s.title),
      h('span', { class: 'muted' }, ` ${s.publisher ?? 'publisher not stated'}`)))),
    claim.reports.length
      ? h('p', {}, 'Sourced from ', ...claim.reports.map((r, i) => [i ? ', ' : '',
        h('button', { type: 'button', class: 'link-like', onclick: () => void app.select(r.id, { center: true }) }, r.title)]))
      : h('p', { class: 'muted' }, 'No report is named as its source.'),
    disagreement
      ? h('div', { class: 'warning disagreement', role: 'note' },
        h('strong', {}, `Sources disagree on “${disagreement.measure}”`),
        h('ul', {}, ...disagreement.values.map(({ claim: c, documents }) => h('li', { class: c.id === claim.id ? 'this-claim' : '' },
          `${c.text}`, ' — ',
          ...documents.map((d, i) => [i ? ', ' : '', h('button', {
            type: 'button', class: 'link-like',
            onclick: () => {
              const s = c.sources.find((x) => x.documentId === d.documentId);
              if (s) openSource(s)();
            },
          }, d.title)])))))
      : null);
}
