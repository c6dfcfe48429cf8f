// Shapes shared by the extraction modules. The gazetteer is typed structurally here so the
// rules depend only on the fields they read (seed/gazetteer's Gazetteer satisfies it).

export type Span = { start: number; end: number };

export type PersonKind = 'inspector' | 'commissioner' | 'chief-officer' | 'official' | 'politician' | 'executive' | 'other';
export type SpeakerKind = 'person' | 'organization' | 'report';
export type ReportKind = 'report' | 'survey' | 'foi' | 'other';
export type ClaimUnit = 'count' | 'percent' | 'money' | 'ratio';

/** Which rules decided a quote's speaker: the sieve that found the mention, the resolver that named it. */
export interface QuoteEvidence {
  sieve: string | null;
  /** the words that mark the speech (not yet isolated by the sieves: null) */
  cue: Span | null;
  /** the mention that speaks */
  mention: Span | null;
  resolvedBy: string | null;
}

export interface ExtractedQuote {
  text: string;
  start: number;
  end: number;
  speaker: string | null;
  speakerKind: SpeakerKind | null;
  speakerSpan: Span | null;
  evidence: QuoteEvidence;
  /** calibrated chance that the speaker (or, when withheld, the first candidate) is right */
  confidence: number;
  /** when the confidence is below the threshold: the speaker withheld, with its score */
  candidates?: { name: string; score: number }[];
}

export interface ExtractedRole {
  title: string;
  organization: string | null;
  start: number;
  end: number;
}

export interface ExtractedPerson {
  name: string;
  aliases: string[];
  kind: PersonKind;
  gazetteerId: string | null;
  roles: ExtractedRole[];
  mentions: Span[];
}

export interface ExtractedOrganization {
  name: string;
  kind: string;
  aliases: string[];
  gazetteerId: string | null;
  mentions: Span[];
}

export interface ExtractedReport {
  /** the catalogue's formal title when linked, else the title the text gives (or publisher and year) */
  title: string;
  publisher: string | null;
  year: number | null;
  kind: ReportKind;
  mentions: Span[];
  /** the catalogue entry the mentions link to (its id is the Report node's), or null */
  catalogueId: string | null;
  /** the catalogue's address for the report, when linked */
  url: string | null;
  /** which cues matched the catalogue entry ("title 0.91", "publisher", "year", "published today" …) */
  evidence: string[];
  /** 0–1: how clearly the entry beat the others (a score, not calibrated); 1 for a title the text gives and no entry fits */
  confidence: number;
}

export interface ExtractedClaim {
  text: string;
  value: number;
  unit: ClaimUnit;
  measure: string;
  start: number;
  end: number;
  report: string | null;
}

export interface Extraction {
  doc: string;
  /** the article proper, after clutter is dropped */
  body: Span;
  clutter: (Span & { reason: string })[];
  quotes: ExtractedQuote[];
  people: ExtractedPerson[];
  organizations: ExtractedOrganization[];
  reports: ExtractedReport[];
  claims: ExtractedClaim[];
}

export interface GazetteerOrganization {
  id: string;
  name: string;
  kind: string;
  aliases: readonly string[];
  renamedTo?: string | null | undefined;
}

export interface GazetteerPerson {
  id: string;
  name: string;
  aliases: readonly string[];
  kind: string;
  roles?: readonly unknown[] | undefined;
}

export interface GazetteerReport {
  id: string;
  title: string;
  shortNames: readonly string[];
  publisher: string;
  /** YYYY, YYYY-MM or YYYY-MM-DD */
  published: string;
  url: string;
  subjects: readonly string[];
  kind: string;
}

export interface GazetteerLike {
  organizations: readonly GazetteerOrganization[];
  people: readonly GazetteerPerson[];
  /** the catalogue of real reports mentions are linked to (none: no linking) */
  reports?: readonly GazetteerReport[] | undefined;
  findOrganization?: ((name: string) => GazetteerOrganization | null | undefined) | undefined;
  findPerson?: ((name: string) => GazetteerPerson | null | undefined) | undefined;
}

export interface ExtractOptions {
  docName: string;
  gazetteer: GazetteerLike;
  /** confidence below which a speaker is withheld; default SPEAKER_THRESHOLD (0 keeps every speaker: calibration) */
  speakerThreshold?: number;
  /** the document's date (YYYY[-MM[-DD]]) from its metadata; without it, a date in its opening lines is used */
  publishedAt?: string | null | undefined;
  /** spans of running headers, footers and page numbers of a printed document, masked like clutter */
  pageFurniture?: readonly Span[];
}
