import { z } from 'zod';

// The graph model in one place: node kinds, relationship types, their properties,
// and the shape one document's extracted graph takes on its way into a store.
// Every other module (stores, API, seed, client types) imports from here.

export const PERSON_KINDS = ['inspector', 'commissioner', 'chief-officer', 'official', 'politician', 'executive', 'other'] as const;
export const ORGANIZATION_KINDS = [
  'force', 'inspectorate', 'commissioner-office', 'union', 'charity', 'government', 'regulator', 'academic', 'media', 'other',
] as const;
export const DOCUMENT_KINDS = ['news', 'report', 'foi', 'press-release', 'survey', 'statement', 'letter', 'other'] as const;
export const SPEAKER_KINDS = ['person', 'organization', 'report'] as const;
export const CLAIM_UNITS = ['count', 'percent', 'money', 'ratio'] as const;

export const NODE_LABELS = ['Document', 'Person', 'Organization', 'Report', 'Quote', 'Claim'] as const;
export type NodeLabel = (typeof NODE_LABELS)[number];

/** Ids carry their label as a prefix, so a bare id names its table on either store. */
export const ID_PREFIX: Record<NodeLabel, string> = {
  Document: 'doc',
  Person: 'person',
  Organization: 'org',
  Report: 'report',
  Quote: 'quote',
  Claim: 'claim',
};

export function labelOfId(id: string): NodeLabel | undefined {
  const prefix = id.slice(0, id.indexOf(':'));
  return NODE_LABELS.find((label) => ID_PREFIX[label] === prefix);
}

export const NodeIdSchema = z
  .string()
  .min(3)
  .max(200)
  .refine((id) => labelOfId(id) !== undefined, { message: 'must start with a node prefix such as "person:" or "org:"' });

const text = (max: number) => z.string().max(max);

/** where a document's text came from */
export const TEXT_SOURCES = ['text', 'html', 'pdf', 'ocr', 'docx'] as const;
export type TextSource = (typeof TEXT_SOURCES)[number];

/** The page (1-based) an offset falls on, or null when the document has no pages. */
export function pageAt(pageStarts: readonly number[], offset: number): number | null {
  if (!pageStarts.length) return null;
  let lo = 0;
  let hi = pageStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pageStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

export const DocumentSchema = z.object({
  id: NodeIdSchema,
  title: text(500),
  publisher: text(200).nullable(),
  url: text(2000).nullable(),
  publishedAt: text(40).nullable().describe('ISO date as the source gives it'),
  kind: z.enum(DOCUMENT_KINDS),
  text: z.string().max(5_000_000),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  fileName: text(300),
  /** where the text was found, relative to its corpus folder; the same text at two paths is one document with both */
  paths: z.array(text(1000)).default([]),
  /** the corpus folder it was seeded from, as an opaque key, so a re-seed of that folder can remove what is no longer there */
  corpus: text(2000).nullable().default(null),
  /** where the text came from: the file as it is, a web page's article, a PDF's text layer, OCR of a scan, a Word file */
  textSource: z.enum(TEXT_SOURCES).default('text'),
  /** the offset in `text` where each page starts (PDF); empty for formats without pages */
  pageStarts: z.array(z.number().int().min(0)).max(100_000).default([]),
  /** the pages (1-based) whose text was read by OCR */
  ocrPages: z.array(z.number().int().min(1)).max(100_000).default([]),
});

export const PersonSchema = z.object({
  id: NodeIdSchema,
  name: text(200).min(1),
  aliases: z.array(text(200)),
  kind: z.enum(PERSON_KINDS),
  /** titles a document gives without naming the body ("Home Secretary"); titles at a body are HOLDS_ROLE edges */
  titles: z.array(text(300)).default([]),
});

export const OrganizationSchema = z.object({
  id: NodeIdSchema,
  name: text(300).min(1),
  aliases: z.array(text(300)),
  kind: z.enum(ORGANIZATION_KINDS),
});

export const ReportSchema = z.object({
  id: NodeIdSchema,
  title: text(500).min(1),
  publisher: text(300).nullable(),
  year: z.number().int().min(1800).max(2200).nullable(),
  reference: text(200).nullable(),
  /** the publisher's address for the report, when it is linked to the catalogue */
  url: text(2000).nullable().optional(),
});

export const QuoteSchema = z.object({
  id: NodeIdSchema,
  text: text(20_000).min(1),
  /** offsets in the first document that carried the quote; QUOTED_IN holds them per document.
   * Named startOffset/endOffset because END and STARTS are reserved words in LadybugDB's Cypher. */
  startOffset: z.number().int().min(0),
  endOffset: z.number().int().min(0),
  documentId: NodeIdSchema,
});

export const ClaimSchema = z.object({
  id: NodeIdSchema,
  text: text(2000).min(1),
  value: z.number(),
  unit: z.enum(CLAIM_UNITS),
  measure: text(300),
});

/** A Quote keeps the offsets of the first document that carried it; QUOTED_IN holds each document's. */
export const QUOTE_FIRST_WRITER_PROPERTIES = ['startOffset', 'endOffset', 'documentId'] as const;

export const NODE_SCHEMAS = {
  Document: DocumentSchema,
  Person: PersonSchema,
  Organization: OrganizationSchema,
  Report: ReportSchema,
  Quote: QuoteSchema,
  Claim: ClaimSchema,
} as const;

export type DocumentNode = z.infer<typeof DocumentSchema>;
export type PersonNode = z.infer<typeof PersonSchema>;
export type OrganizationNode = z.infer<typeof OrganizationSchema>;
export type ReportNode = z.infer<typeof ReportSchema>;
export type QuoteNode = z.infer<typeof QuoteSchema>;
export type ClaimNode = z.infer<typeof ClaimSchema>;

/** How a stored property is typed; each store maps these to its own dialect. */
export type PropertyType = 'string' | 'string[]' | 'int' | 'int[]' | 'float';

/**
 * Every property a store holds per label, with its type: the schema's fields plus
 * `searchText`, a folded copy of the names (lowercase, accents and punctuation off) so that
 * search works without a full-text index. Both stores write exactly these, under these names,
 * so the same console Cypher runs on either.
 */
export const NODE_PROPERTIES: Record<NodeLabel, Record<string, PropertyType>> = {
  Document: { id: 'string', title: 'string', publisher: 'string', url: 'string', publishedAt: 'string', kind: 'string', text: 'string', sha256: 'string', fileName: 'string', paths: 'string[]', corpus: 'string', textSource: 'string', pageStarts: 'int[]', ocrPages: 'int[]', searchText: 'string' },
  Person: { id: 'string', name: 'string', aliases: 'string[]', kind: 'string', titles: 'string[]', searchText: 'string' },
  Organization: { id: 'string', name: 'string', aliases: 'string[]', kind: 'string', searchText: 'string' },
  Report: { id: 'string', title: 'string', publisher: 'string', year: 'int', reference: 'string', url: 'string', searchText: 'string' },
  Quote: { id: 'string', text: 'string', startOffset: 'int', endOffset: 'int', documentId: 'string', searchText: 'string' },
  Claim: { id: 'string', text: 'string', value: 'float', unit: 'string', measure: 'string', searchText: 'string' },
};

// Relationships. Every extracted relationship carries provenance: the document it came from
// and the character span that states it.
export const REL_TYPES = [
  'SAID', 'QUOTED_IN', 'HOLDS_ROLE', 'PUBLISHED', 'COVERS', 'CONCERNS', 'MENTIONS', 'RENAMED_TO', 'STATES', 'SOURCED_FROM',
] as const;
export type RelType = (typeof REL_TYPES)[number];

/** Which labels each relationship joins: the embedded store declares exactly these pairs. */
export const REL_ENDPOINTS: Record<RelType, readonly (readonly [NodeLabel, NodeLabel])[]> = {
  SAID: [['Person', 'Quote'], ['Organization', 'Quote'], ['Report', 'Quote']],
  QUOTED_IN: [['Quote', 'Document']],
  HOLDS_ROLE: [['Person', 'Organization']],
  PUBLISHED: [['Organization', 'Report']],
  COVERS: [['Document', 'Report']],
  CONCERNS: [['Report', 'Organization'], ['Quote', 'Organization']],
  MENTIONS: [['Document', 'Person'], ['Document', 'Organization'], ['Document', 'Report']],
  RENAMED_TO: [['Organization', 'Organization']],
  STATES: [['Document', 'Claim']],
  SOURCED_FROM: [['Claim', 'Report']],
};

export const RelationshipPropsSchema = z.object({
  /** the document that states this relationship; null only for gazetteer facts such as renames */
  docId: NodeIdSchema.nullable(),
  startOffset: z.number().int().min(0).nullable(),
  endOffset: z.number().int().min(0).nullable(),
  /** HOLDS_ROLE: the title as the document states it */
  title: text(300).nullable(),
  /** MENTIONS: how often, and every span */
  count: z.number().int().min(0).nullable(),
  spanStarts: z.array(z.number().int().min(0)).nullable(),
  spanEnds: z.array(z.number().int().min(0)).nullable(),
  /** RENAMED_TO: the year of the change */
  year: z.number().int().nullable(),
  /** SAID: how sure the extraction is of this speaker (0 to 1, calibrated); 1 when a curator confirmed it */
  confidence: z.number().min(0).max(1).nullable(),
  /** SAID: the rule that found the speaking mention, and how that mention was resolved to the speaker */
  sieve: text(80).nullable(),
  resolvedBy: text(80).nullable(),
  /** SAID: the cue (a verb of saying, a colon) that ties the quote to its speaker */
  cueStart: z.number().int().min(0).nullable(),
  cueEnd: z.number().int().min(0).nullable(),
  /** QUOTED_IN, when the speaker was withheld as too unsure: who it might be, best first, and their scores in hundredths */
  candidates: z.array(text(200)).max(5).nullable(),
  candidateScores: z.array(z.number().int().min(0).max(100)).max(5).nullable(),
});
export type RelationshipProps = z.infer<typeof RelationshipPropsSchema>;

/** Every relationship carries the same properties (null where they do not apply). */
export const REL_PROPERTIES: Record<keyof RelationshipProps, PropertyType> = {
  docId: 'string', startOffset: 'int', endOffset: 'int', title: 'string', count: 'int', spanStarts: 'int[]', spanEnds: 'int[]', year: 'int',
  confidence: 'float', sieve: 'string', resolvedBy: 'string', cueStart: 'int', cueEnd: 'int', candidates: 'string[]', candidateScores: 'int[]',
};

export const RelationshipSchema = z.object({
  type: z.enum(REL_TYPES),
  from: NodeIdSchema,
  to: NodeIdSchema,
  props: RelationshipPropsSchema,
});
export type Relationship = z.infer<typeof RelationshipSchema>;

export const EMPTY_REL_PROPS: RelationshipProps = {
  docId: null, startOffset: null, endOffset: null, title: null, count: null, spanStarts: null, spanEnds: null, year: null,
  confidence: null, sieve: null, resolvedBy: null, cueStart: null, cueEnd: null, candidates: null, candidateScores: null,
};

export function relProps(props: Partial<RelationshipProps>): RelationshipProps {
  return { ...EMPTY_REL_PROPS, ...props };
}

/**
 * One document's graph: the unit the seed writes in one transaction. Every relationship it
 * holds has at least one end joined to the document itself (MENTIONS, QUOTED_IN, COVERS,
 * STATES), which lets a store find and replace a document's statements without a scan. Entities shared with
 * other documents (people, organisations, reports, quotes, claims) are merged by id; what
 * this document states is replaced whole on a re-write.
 */
export const DocumentGraphSchema = z
  .object({
    document: DocumentSchema,
    people: z.array(PersonSchema),
    organizations: z.array(OrganizationSchema),
    reports: z.array(ReportSchema),
    quotes: z.array(QuoteSchema),
    claims: z.array(ClaimSchema),
    relationships: z.array(RelationshipSchema),
  })
  .superRefine((graph, ctx) => {
    const ids = new Set<string>([graph.document.id]);
    for (const list of [graph.people, graph.organizations, graph.reports, graph.quotes, graph.claims]) {
      for (const node of list) ids.add(node.id);
    }
    graph.relationships.forEach((rel, i) => {
      const pair = [labelOfId(rel.from), labelOfId(rel.to)];
      if (!REL_ENDPOINTS[rel.type].some(([a, b]) => a === pair[0] && b === pair[1])) {
        ctx.addIssue({ code: 'custom', path: ['relationships', i], message: `${rel.type} cannot join ${pair[0]} to ${pair[1]}` });
      }
      // renames are gazetteer facts that may point at bodies written by another document
      if (rel.type !== 'RENAMED_TO') {
        for (const end of ['from', 'to'] as const) {
          if (!ids.has(rel[end])) {
            ctx.addIssue({ code: 'custom', path: ['relationships', i, end], message: `unknown node ${rel[end]}` });
          }
        }
      }
    });
  });
export type DocumentGraph = z.infer<typeof DocumentGraphSchema>;

/** Relationships grouped by type and the labels of their ends, in first-seen order: each group is one statement (or one COPY) on either store. */
export function relationshipGroups(rels: readonly Relationship[]): { type: RelType; from: NodeLabel; to: NodeLabel; rels: Relationship[] }[] {
  const groups = new Map<string, { type: RelType; from: NodeLabel; to: NodeLabel; rels: Relationship[] }>();
  for (const rel of rels) {
    const from = labelOfId(rel.from)!;
    const to = labelOfId(rel.to)!;
    const key = `${rel.type}|${from}|${to}`;
    const group = groups.get(key);
    if (group) group.rels.push(rel);
    else groups.set(key, { type: rel.type, from, to, rels: [rel] });
  }
  return [...groups.values()];
}

/** The nodes a document's graph holds, itself included. */
export function nodeCount(g: DocumentGraph): number {
  return 1 + g.people.length + g.organizations.length + g.reports.length + g.quotes.length + g.claims.length;
}

// What the stores hand back: plain values, never driver types.

export type Properties = Record<string, unknown>;

export interface GraphNode {
  id: string;
  label: NodeLabel;
  /** a short display name: name, title or the start of a quote */
  name: string;
  kind: string | null;
  properties: Properties;
}

export interface GraphEdge {
  id: string;
  type: RelType;
  source: string;
  target: string;
  properties: Properties;
}

export interface Subgraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** for nodes whose neighbours were cut by a limit: how many were left out */
  truncated: { id: string; hidden: number }[];
}

export function displayName(label: NodeLabel, props: Properties): string {
  const raw = props.name ?? props.title ?? props.text ?? props.id;
  const value = typeof raw === 'string' ? raw : String(raw ?? '');
  return label === 'Quote' || label === 'Claim' ? truncate(value, 80) : value;
}

function truncate(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}

export function nodeKind(label: NodeLabel, props: Properties): string | null {
  if (label === 'Person' || label === 'Organization' || label === 'Document') return (props.kind as string) ?? null;
  if (label === 'Claim') return (props.unit as string) ?? null;
  return null;
}

/** Stable edge id: the same relationship always gets the same id on either store. */
export function edgeId(type: RelType, from: string, to: string, docId: string | null): string {
  return `${type}:${from}->${to}@${docId ?? '-'}`;
}
