import type { GraphNode, NodeLabel, RelType } from '../../server/model/graph.js';
import type { ClaimView, DocumentText, QuoteView } from '../../server/store/port.js';
import type { CorrectionView, Applied } from '../../server/curation/curator.js';
import type { JobView } from '../../server/curation/uploads.js';
import type { ReviewItem, ReviewReason } from '../../server/http/review.js';

// The API's answers as the client reads them. Types only: nothing from the server is bundled.

export type { ClaimView, CorrectionView, DocumentText, GraphNode, JobView, NodeLabel, QuoteView, RelType, ReviewItem, ReviewReason };

export interface ReviewResult { items: ReviewItem[]; total: number; counts: Record<ReviewReason, number> }
export interface CorrectionResult { correction: CorrectionView; applied: Applied }
export interface CorrectionsResult { corrections: CorrectionView[]; total: number }
export interface UploadResult { job: JobView; refused: { file: string; reason: string }[] }

export interface ApiNodeData {
  id: string;
  /** display name */
  label: string;
  /** the node label: Person, Organization, … */
  kind: string;
  /** Person / Organization / Document kind, Claim unit, or null */
  subkind?: string | null;
  [property: string]: unknown;
}

export interface ApiEdgeData {
  id: string;
  source: string;
  target: string;
  /** relationship type, e.g. SAID */
  kind: string;
  label?: string | null;
  docId?: string | null;
  [property: string]: unknown;
}

export type ApiElement = { group: 'nodes'; data: ApiNodeData } | { group: 'edges'; data: ApiEdgeData };

export interface Truncation {
  id: string;
  hidden: number;
}

export interface Health {
  status: 'ok';
  backend: 'ladybug' | 'neo4j';
  counts: { nodes: Record<string, number>; relationships: Record<string, number> };
}

export interface SearchHit {
  node: GraphNode;
  rank: number;
  matched: string;
  /** found by a role a document gives them, not by name */
  role?: { title: string; organization: string };
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  /** with facets: the matches of each kind */
  facets?: { kind: NodeLabel; count: number }[];
}

export interface OverviewResult {
  elements: ApiElement[];
  /** nodes whose neighbours were cut (the overview shows them without "+N more") */
  truncated: Truncation[];
}

export interface NeighbourhoodResult {
  elements: ApiElement[];
  truncated: Truncation[];
}

export interface PathResult {
  found: boolean;
  elements: ApiElement[];
}

export interface NodeDetailResult {
  node: GraphNode;
  relationshipCounts: { type: string; direction: 'in' | 'out'; count: number }[];
  provenance: { documentId: string; title: string; start: number | null; end: number | null; via: string }[];
  roles?: { title: string; organizationId: string; organization: string; documentId: string | null }[];
  quotes?: QuoteView[];
  /** a body's earlier and later names, nearest first */
  lineage?: { id: string; name: string; year: number | null; relation: 'predecessor' | 'successor' }[];
}

export interface QuotesResult {
  quotes: QuoteView[];
  total: number;
}

export interface TraceSource {
  documentId: string;
  title: string;
  publisher: string | null;
  publishedAt: string | null;
  start: number;
  end: number;
  page: number | null;
  /** the sentence around the quote in that document, with its offsets; null when the text is missing */
  sentence: { text: string; start: number; end: number } | null;
}

export interface TraceResult {
  quote: QuoteView;
  sources: TraceSource[];
}

export interface ClaimsResult {
  claims: ClaimView[];
  total: number;
  disagreements: { measure: string; values: { value: number; claimId: string; documents: unknown[] }[] }[];
}

export interface CypherResponse {
  columns: string[];
  rows: unknown[][];
  elements: ApiElement[];
  truncated: boolean;
  truncatedBy: 'rows' | 'bytes' | null;
  elapsedMs: number;
}

export interface SchemaResult {
  labels: { label: string; properties: string[] }[];
  relationshipTypes: { type: string; properties: string[] }[];
}

export interface Example {
  title: string;
  query: string;
}

export type ExportFormat = 'json' | 'csv' | 'graphml';
