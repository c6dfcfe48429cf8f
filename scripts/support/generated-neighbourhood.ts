import { type GraphEdge, type GraphNode, type NodeLabel, type RelType, type Subgraph, edgeId } from '../../server/model/graph.js';

// A generated neighbourhood for the UI benchmark and the big-graph browser test.

/**
 * A force's neighbourhood two steps out, in the proportions the corpus has (40% nodes, 60%
 * relationships): documents that mention the force, the reports they cover, the people who
 * hold roles, their quotes and the figures the documents state. Every node is joined to the
 * rest; relationships beyond that are added while the budget lasts.
 */
export function generateNeighbourhood(elements: number): Subgraph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  const nodeBudget = Math.round(elements * 0.4);
  const node = (label: NodeLabel, id: string, name: string, kind: string | null, properties: Record<string, unknown> = {}) => {
    const n: GraphNode = { id, label, name, kind, properties: { id, ...properties } };
    nodes.push(n);
    return n;
  };
  const edge = (type: RelType, source: string, target: string, docId: string | null) => {
    const id = edgeId(type, source, target, docId);
    if (nodes.length + edges.length >= elements || seen.has(id)) return;
    seen.add(id);
    edges.push({ id, type, source, target, properties: { docId } });
  };
  const force = node('Organization', 'org:bench-force', 'Bench Valley Police', 'force');
  const inspectorate = node('Organization', 'org:bench-inspectorate', 'HM Inspectorate of Bench', 'inspectorate');
  const count = (share: number) => Math.max(1, Math.round(nodeBudget * share));
  const docs = Array.from({ length: count(0.15) }, (_, i) => node('Document', `doc:bench-${i}`, `Force criticised over vetting backlog, part ${i}`, 'news', { publisher: 'Bench Press' }));
  const reports = Array.from({ length: count(0.03) }, (_, i) => node('Report', `report:bench-${i}`, `Inspection of Bench Valley Police ${2015 + (i % 9)}`, null, { year: 2015 + (i % 9) }));
  const people = Array.from({ length: count(0.08) }, (_, i) => node('Person', `person:bench-${i}`, `Officer Number ${i}`, i % 5 === 0 ? 'inspector' : 'chief-officer'));
  const claims = Array.from({ length: count(0.2) }, (_, i) => node('Claim', `claim:bench-${i}`, `${100 + i} allegations`, 'count', { value: 100 + i, unit: 'count' }));
  const quotes: GraphNode[] = [];
  while (nodes.length < nodeBudget) {
    const i = quotes.length;
    quotes.push(node('Quote', `quote:bench-${i}`, `We have made real progress on vetting and misconduct, statement ${i}.`, null));
  }
  const docOf = (i: number) => docs[i % docs.length]!;
  // every node joined to the rest
  edge('PUBLISHED', inspectorate.id, reports[0]!.id, null);
  for (const d of docs) edge('MENTIONS', d.id, force.id, d.id);
  for (const r of reports) edge('CONCERNS', r.id, force.id, null);
  for (const [i, p] of people.entries()) edge('HOLDS_ROLE', p.id, i % 5 === 0 ? inspectorate.id : force.id, docOf(i).id);
  for (const [i, q] of quotes.entries()) edge('QUOTED_IN', q.id, docOf(i).id, docOf(i).id);
  for (const [i, c] of claims.entries()) edge('STATES', docOf(i * 3).id, c.id, docOf(i * 3).id);
  // then, while the budget lasts: what each document covers, who said each quote, where figures come from
  for (const [i, d] of docs.entries()) edge('COVERS', d.id, reports[i % reports.length]!.id, d.id);
  for (const [i, q] of quotes.entries()) edge('SAID', people[i % people.length]!.id, q.id, docOf(i).id);
  for (const [i, c] of claims.entries()) edge('SOURCED_FROM', c.id, reports[i % reports.length]!.id, null);
  for (const r of reports) edge('PUBLISHED', inspectorate.id, r.id, null);
  for (let i = 0; nodes.length + edges.length < elements && i < docs.length * people.length; i++) {
    edge('MENTIONS', docOf(i * 7).id, people[(i * 3) % people.length]!.id, docOf(i * 7).id);
  }
  return { nodes, edges, truncated: [] };
}

/** The same neighbourhood as Cytoscape element definitions, as the client makes them from the API's answer. */
export function asElements(graph: Subgraph): { group: 'nodes' | 'edges'; data: Record<string, unknown> }[] {
  return [
    ...graph.nodes.map((n) => ({ group: 'nodes' as const, data: { id: n.id, kind: n.label, subkind: n.kind, label: n.name, short: n.name.slice(0, 36) } })),
    ...graph.edges.map((e) => ({ group: 'edges' as const, data: { id: e.id, source: e.source, target: e.target, kind: e.type, label: e.type } })),
  ];
}
