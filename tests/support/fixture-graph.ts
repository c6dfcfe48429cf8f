import { createHash } from 'node:crypto';
import { relProps, type DocumentGraph } from '../../server/model/graph.js';

// A small graph in the model's shape: two documents quoting one inspector, a charity and a report.

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

const TEXT_A = 'HM Inspector of Constabulary Jane Marsh said: "Forces must act now." The report said: "Vetting is weak." Refuge said: "Women deserve better."';
const TEXT_B = 'Jane Marsh, HM inspector, said: "Forces must act now." She added that 436 allegations were made.';

export function fixtureDocumentA(text = TEXT_A): DocumentGraph {
  const doc = 'doc:a';
  const q1s = text.indexOf('Forces'), q2s = text.indexOf('Vetting'), q3s = text.indexOf('Women');
  return {
    document: { id: doc, title: 'Forces told to act', publisher: 'Example News', url: null, publishedAt: '2019-09-10', kind: 'news', text, sha256: sha(text), fileName: 'a.txt', paths: ['a.txt'], corpus: null, textSource: 'text', pageStarts: [], ocrPages: [] },
    people: [{ id: 'person:jane-marsh', name: 'Jane Marsh', aliases: [], kind: 'inspector', titles: [] }],
    organizations: [
      { id: 'org:hmicfrs', name: 'HMICFRS', aliases: ['Her Majesty’s Inspectorate of Constabulary and Fire & Rescue Services'], kind: 'inspectorate' },
      { id: 'org:refuge', name: 'Refuge', aliases: [], kind: 'charity' },
    ],
    reports: [{ id: 'report:vetting-2019', title: 'Vetting and corruption', publisher: 'HMICFRS', year: 2019, reference: null }],
    quotes: [
      { id: 'quote:act-now', text: 'Forces must act now.', startOffset: q1s, endOffset: q1s + 20, documentId: doc },
      { id: 'quote:vetting-weak', text: 'Vetting is weak.', startOffset: q2s, endOffset: q2s + 16, documentId: doc },
      { id: 'quote:women', text: 'Women deserve better.', startOffset: q3s, endOffset: q3s + 21, documentId: doc },
    ],
    claims: [],
    relationships: [
      { type: 'SAID', from: 'person:jane-marsh', to: 'quote:act-now', props: relProps({ docId: doc, startOffset: 29, endOffset: 39 }) },
      { type: 'SAID', from: 'report:vetting-2019', to: 'quote:vetting-weak', props: relProps({ docId: doc }) },
      { type: 'SAID', from: 'org:refuge', to: 'quote:women', props: relProps({ docId: doc }) },
      { type: 'QUOTED_IN', from: 'quote:act-now', to: doc, props: relProps({ docId: doc, startOffset: q1s, endOffset: q1s + 20 }) },
      { type: 'QUOTED_IN', from: 'quote:vetting-weak', to: doc, props: relProps({ docId: doc, startOffset: q2s, endOffset: q2s + 16 }) },
      { type: 'QUOTED_IN', from: 'quote:women', to: doc, props: relProps({ docId: doc, startOffset: q3s, endOffset: q3s + 21 }) },
      { type: 'HOLDS_ROLE', from: 'person:jane-marsh', to: 'org:hmicfrs', props: relProps({ docId: doc, title: 'HM Inspector of Constabulary', startOffset: 0, endOffset: 28 }) },
      { type: 'PUBLISHED', from: 'org:hmicfrs', to: 'report:vetting-2019', props: relProps({ docId: doc }) },
      { type: 'COVERS', from: doc, to: 'report:vetting-2019', props: relProps({ docId: doc }) },
      { type: 'MENTIONS', from: doc, to: 'person:jane-marsh', props: relProps({ docId: doc, count: 1, spanStarts: [29], spanEnds: [39] }) },
      { type: 'MENTIONS', from: doc, to: 'org:refuge', props: relProps({ docId: doc, count: 1, spanStarts: [text.indexOf('Refuge')], spanEnds: [text.indexOf('Refuge') + 6] }) },
    ],
  };
}

export function fixtureDocumentB(): DocumentGraph {
  const doc = 'doc:b';
  const text = TEXT_B;
  const qs = text.indexOf('Forces'), cs = text.indexOf('436');
  return {
    document: { id: doc, title: 'Inspector repeats warning', publisher: 'Other Paper', url: 'https://example.org/b', publishedAt: '2019-09-11', kind: 'news', text, sha256: sha(text), fileName: 'b.txt', paths: ['b.txt'], corpus: null, textSource: 'text', pageStarts: [], ocrPages: [] },
    people: [{ id: 'person:jane-marsh', name: 'Jane Marsh', aliases: ['Ms Marsh'], kind: 'other', titles: ['HM inspector'] }],
    organizations: [],
    reports: [{ id: 'report:vetting-2019', title: 'Vetting and corruption', publisher: 'HMICFRS', year: 2019, reference: null }],
    quotes: [{ id: 'quote:act-now', text: 'Forces must act now.', startOffset: qs, endOffset: qs + 20, documentId: doc }],
    claims: [{ id: 'claim:436-allegations', text: '436 allegations', value: 436, unit: 'count', measure: 'allegations' }],
    relationships: [
      { type: 'SAID', from: 'person:jane-marsh', to: 'quote:act-now', props: relProps({ docId: doc }) },
      { type: 'QUOTED_IN', from: 'quote:act-now', to: doc, props: relProps({ docId: doc, startOffset: qs, endOffset: qs + 20 }) },
      { type: 'STATES', from: doc, to: 'claim:436-allegations', props: relProps({ docId: doc, startOffset: cs, endOffset: cs + 15 }) },
      { type: 'SOURCED_FROM', from: 'claim:436-allegations', to: 'report:vetting-2019', props: relProps({ docId: doc }) },
      { type: 'COVERS', from: doc, to: 'report:vetting-2019', props: relProps({ docId: doc }) },
    ],
  };
}
