import type {
  DocumentGraph, GraphEdge, GraphNode, NodeLabel, Properties, RelType, Subgraph, TextSource,
} from '../model/graph.js';
import type { PublishedRange } from './shared/published-range.js';

// The store port: domain operations, not `run(cypher)`. Each backend folder owns its dialect.

export interface SearchHit {
  node: GraphNode;
  /** 4 exact name, 3 exact alias, 2 word prefix, 1 contains, 0 one typo away */
  rank: number;
  matched: string;
}

export interface SearchQuery {
  text: string;
  labels?: NodeLabel[];
  limit: number;
  offset: number;
}

export interface NeighbourhoodQuery {
  ids: string[];
  depth: 1 | 2 | 3;
  labels?: NodeLabel[];
  relTypes?: RelType[];
  /** most neighbours added per expanded node */
  perNodeLimit: number;
  /** most nodes in the answer */
  limit: number;
}

export interface QuoteFilter {
  /** that one quote (the other filters are then ignored) */
  quoteId?: string;
  speakerId?: string;
  speakerKind?: 'person' | 'organization' | 'report';
  organizationId?: string;
  reportId?: string;
  documentId?: string;
  text?: string;
  /** these quotes only (the other filters still apply), e.g. those on the user's canvas */
  ids?: string[];
  /** quoted in a document published in this range (YYYY-MM-DD, both days included) */
  published?: PublishedRange;
  limit: number;
  offset: number;
}

/** How a quote came by its speaker in one document: the extraction's evidence, or a curator's. */
export interface AttributionEvidence {
  /** 0 to 1, calibrated; 1 when a curator confirmed it; null when the store holds no evidence (written before it was kept) */
  confidence: number | null;
  /** the rule that found the speaking mention ('curator' in resolvedBy for a correction) */
  sieve: string | null;
  resolvedBy: string | null;
  /** the verb of saying or colon that ties the quote to its speaker */
  cue: { start: number; end: number } | null;
  /** the mention of the speaker the rule found */
  mention: { start: number; end: number } | null;
  /** when the speaker was withheld as too unsure: who it might be, best first, scores 0 to 1 */
  candidates: { name: string; score: number }[];
}

export interface QuoteView {
  id: string;
  text: string;
  speaker: { id: string; name: string; label: NodeLabel } | null;
  /** titles the speaker holds as stated in the quoting document */
  roles: { title: string; organizationId: string; organization: string }[];
  /** `page`: the page of the document the quote starts on, for documents with pages (PDF) */
  sources: {
    documentId: string; title: string; publisher: string | null; publishedAt: string | null; url: string | null; start: number; end: number; page: number | null;
    /** who this document says spoke; documents carrying one quote can disagree, and `speaker` is the first's */
    speakerId: string | null;
    attribution: AttributionEvidence;
  }[];
}

export interface DocumentText {
  id: string;
  title: string;
  publisher: string | null;
  publishedAt: string | null;
  url: string | null;
  kind: string;
  text: string;
  /** where the text came from; OCR text may differ from the page in places */
  textSource: TextSource;
  /** offset where each page starts; empty for formats without pages */
  pageStarts: number[];
  /** pages (1-based) read by OCR */
  ocrPages: number[];
  quotes: { id: string; start: number; end: number; page: number | null; speakerId: string | null; speaker: string | null; attribution: AttributionEvidence }[];
  mentions: { id: string; label: NodeLabel; name: string; start: number; end: number }[];
}

export interface ClaimView {
  id: string;
  text: string;
  value: number;
  unit: string;
  measure: string;
  sources: { documentId: string; title: string; publisher: string | null; start: number; end: number }[];
  reports: { id: string; title: string }[];
}

export interface NodeDetail {
  node: GraphNode;
  relationshipCounts: { type: RelType; direction: 'out' | 'in'; count: number }[];
  /** one entry per document, span and relationship type, at most PROVENANCE_CAP of them */
  provenance: { documentId: string; title: string; start: number | null; end: number | null; via: RelType }[];
  /** how many such entries there are in all */
  provenanceTotal: number;
}

export interface Counts {
  nodes: Record<NodeLabel, number>;
  relationships: Record<RelType, number>;
}

export interface CypherRequest {
  query: string;
  params: Properties;
  timeoutMs: number;
  rowLimit: number;
  /** the answer's cap in bytes of JSON (rows beyond it are cut, as beyond rowLimit) */
  byteLimit?: number;
}

export interface CypherResult {
  columns: string[];
  rows: unknown[][];
  /** nodes, relationships and paths found anywhere in the rows */
  graph: { nodes: GraphNode[]; edges: GraphEdge[] };
  truncated: boolean;
  /** which cap cut the answer, when one did */
  truncatedBy?: 'rows' | 'bytes' | null;
  elapsedMs: number;
}

export interface WriteSummary {
  documentId: string;
  nodes: number;
  relationships: number;
  /** false when the stored document already had the same sha256 and nothing was written */
  changed: boolean;
}

export interface StoredDocument { id: string; corpus: string | null; sha256: string }

/** What removing documents took with them: what only they supported. */
export interface RemovalSummary {
  documents: string[];
  /** quotes, claims, people, bodies and reports that no remaining document supports */
  removed: { label: NodeLabel; id: string }[];
}

export interface GraphStore {
  readonly backend: 'ladybug' | 'neo4j';
  /** create tables, constraints and indexes; safe to call again */
  ensureSchema(): Promise<void>;
  /** replace everything this document produced before with this graph, in one transaction */
  writeDocumentGraph(graph: DocumentGraph): Promise<WriteSummary>;
  /**
   * Many documents, the same result as writing them one by one (a corpus loads faster so).
   * A document that cannot be written does not stop the others; the first such error is
   * thrown once they are in. Document ids must be distinct.
   */
  writeDocumentGraphs(graphs: DocumentGraph[]): Promise<WriteSummary[]>;
  /** gazetteer facts that belong to no document (renames); merged, never duplicated */
  writeRenames(renames: { from: { id: string; name: string; kind: string; aliases: string[] }; to: { id: string; name: string; kind: string; aliases: string[] }; year: number | null }[]): Promise<void>;
  /**
   * Takes names off people and bodies: aliases and titles only ever gather as documents are
   * written, so a merge or a title a curator undoes would otherwise outlive its correction.
   */
  forgetNames(entries: { id: string; aliases?: string[]; titles?: string[] }[]): Promise<void>;
  /** the sha256 of a stored document, to skip unchanged ones */
  documentHash(documentId: string): Promise<string | null>;
  /** every stored document with the folder it was seeded from, so a re-seed finds what left the folder */
  storedDocuments(): Promise<StoredDocument[]>;
  /**
   * Removes these documents and what only they supported (their quotes, claims and mentions,
   * and any person, body or report no other document reaches), each in one transaction.
   */
  removeDocuments(documentIds: string[]): Promise<RemovalSummary>;
  search(query: SearchQuery): Promise<{ hits: SearchHit[]; total: number }>;
  /** people by the roles documents give them: every word (folded, lower case) in the title of a HOLDS_ROLE */
  rolesMatching(tokens: string[], limit: number): Promise<{ personId: string; title: string; organization: string }[]>;
  getNode(id: string): Promise<NodeDetail | null>;
  /** nodes and relationships with their summary properties (SUMMARY_NODE_PROPERTIES); getNode has the rest */
  neighbourhood(query: NeighbourhoodQuery): Promise<Subgraph>;
  shortestPath(fromId: string, toId: string, maxHops: number): Promise<Subgraph | null>;
  quotes(filter: QuoteFilter): Promise<{ quotes: QuoteView[]; total: number }>;
  documentText(documentId: string): Promise<DocumentText | null>;
  claims(filter: { measure?: string; documentId?: string; limit: number; offset: number }): Promise<{ claims: ClaimView[]; total: number }>;
  counts(): Promise<Counts>;
  /** most connected nodes, for an overview */
  topNodes(limit: number, labels?: NodeLabel[]): Promise<GraphNode[]>;
  /** a user's Cypher, read-only enforced by the database, with a timeout and a row cap */
  runReadOnly(request: CypherRequest): Promise<CypherResult>;
  close(): Promise<void>;
}
