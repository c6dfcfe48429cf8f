import { createHash } from 'node:crypto';
import { relProps, type DocumentGraph } from '../../server/model/graph.js';

// The documents of the API benchmark's generated graph, also written by the bulk-load tests.

const FIRST = ['Anna', 'Ben', 'Chloe', 'David', 'Emma', 'Farah', 'George', 'Hannah', 'Imran', 'Julia', 'Kamal', 'Laura', 'Mark', 'Nadia', 'Owen', 'Priya'];
const LAST = ['Adams', 'Baker', 'Clarke', 'Davies', 'Evans', 'Foster', 'Green', 'Hughes', 'Iqbal', 'Jones', 'Khan', 'Lewis', 'Morgan', 'Noble', 'Owens', 'Patel'];
export const WORDS = ['vetting', 'misconduct', 'complaints', 'custody', 'stop', 'search', 'training', 'culture', 'victims', 'backlog', 'standards', 'corruption'];
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** People recur: about one for every document and a quarter of a graph of `nodes` nodes. */
export const peopleFor = (nodes: number) => Math.max(100, Math.round((nodes / 20) * 0.8));

/**
 * The `i`th document of a generated graph of about `nodes` nodes: itself, 4 people, 2 bodies,
 * 1 report, 8 quotes and 4 claims, people, bodies and reports recurring across documents.
 */
export function generatedDocument(i: number, nodes: number): DocumentGraph {
  const PEOPLE = peopleFor(nodes);
  const doc = `doc:bench-${i}`;
  const people = Array.from({ length: 4 }, (_, k) => {
    const n = (i * 4 + k) % PEOPLE; // people recur across documents, as they do in the press
    return { id: `person:bench-${n}`, name: `${FIRST[n % 16]} ${LAST[Math.floor(n / 16) % 16]} ${n}`, aliases: [], kind: 'official' as const, titles: [] };
  });
  const orgs = [`org:force-${i % 43}`, `org:body-${i % 500}`].map((id, k) => ({ id, name: k ? `Oversight Body ${i % 500}` : `Force ${i % 43} Constabulary`, aliases: [], kind: (k ? 'other' : 'force') as 'other' | 'force' }));
  const report = { id: `report:bench-${i % 2000}`, title: `Inspection report ${i % 2000}`, publisher: null, year: 2016 + (i % 8), reference: null };
  const quotes = Array.from({ length: 8 }, (_, k) => ({
    id: `quote:bench-${i}-${k}`,
    text: `Statement ${k} on ${WORDS[(i + k) % WORDS.length]} and ${WORDS[(i * 7 + k) % WORDS.length]} in document ${i}.`,
    startOffset: k * 50, endOffset: k * 50 + 40, documentId: doc,
  }));
  const claims = Array.from({ length: 4 }, (_, k) => ({ id: `claim:bench-${i}-${k}`, text: `${i + k} allegations`, value: i + k, unit: 'count' as const, measure: 'allegations' }));
  const rel = (type: DocumentGraph['relationships'][number]['type'], from: string, to: string) => ({ type, from, to, props: relProps({ docId: doc }) });
  return {
    document: { id: doc, title: `Generated article ${i}`, publisher: 'Bench Press', url: null, publishedAt: null, kind: 'news', text: 'x'.repeat(400), sha256: sha(String(i)), fileName: `bench-${i}.txt`, paths: [`bench-${i}.txt`], corpus: null, textSource: 'text', pageStarts: [], ocrPages: [] },
    people, organizations: orgs, reports: [report], quotes, claims,
    relationships: [
      ...quotes.map((q, k) => rel('SAID', people[k % 4]!.id, q.id)),
      ...quotes.map((q) => rel('QUOTED_IN', q.id, doc)),
      ...people.map((p, k) => rel('HOLDS_ROLE', p.id, orgs[k % 2]!.id)),
      ...[...people, ...orgs].map((e) => rel('MENTIONS', doc, e.id)),
      rel('COVERS', doc, report.id),
      ...claims.map((c) => rel('STATES', doc, c.id)),
    ],
  };
}

/** How many of the generated documents hold `nodes` nodes between them. */
export function documentsFor(nodes: number): number {
  const seen = new Set<string>();
  let docs = 0;
  while (seen.size < nodes) {
    const g = generatedDocument(docs++, nodes);
    for (const n of [g.document, ...g.people, ...g.organizations, ...g.reports, ...g.quotes, ...g.claims]) seen.add(n.id);
  }
  return docs;
}
