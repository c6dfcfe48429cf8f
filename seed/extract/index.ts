// Entry point of the extraction rules: clutter first (so nothing in it can be seen), then
// organisations, people, reports, quotes and their speakers, and claims. Pure: no I/O.

import { findClaims } from './claims.js';
import { detectClutter } from './clutter.js';
import type { DocContext } from './context.js';
import { compileGazetteer } from './matcher.js';
import { findOrganizations, toExtractedOrganizations, type OrgResult } from './organizations.js';
import { findPeople, toExtractedPeople } from './people.js';
import { findQuotes } from './quotes.js';
import { findReports, toExtractedReports, type ReportResult } from './reports.js';
import { splitParagraphs } from './sentences.js';
import { SPEAKER_THRESHOLD } from './sieves/confidence.js';
import { attributeQuotes } from './sieves/index.js';
import { toExtractedQuotes } from './speakers.js';
import { foldPreservingLength, maskSpans } from './text.js';
import type { ExtractOptions, Extraction } from './types.js';

export type * from './types.js';
export { ExtractionContractSchema, toContract } from './contract.js';
export type { ExtractionContract } from './contract.js';

/** "Still Not Taken Seriously: The Police Response to Stalking" names no body "Police Response". */
function dropBodiesInsideTitles(orgs: OrgResult, reports: ReportResult): void {
  const titles = reports.entities.filter((e) => e.titled).flatMap((e) => e.mentions);
  const inTitle = (m: { start: number; end: number; entity: { gazetteerId: string | null } }) =>
    m.entity.gazetteerId === null && titles.some((t) => t.start <= m.start && m.end <= t.end);
  const dropped = orgs.mentions.filter(inTitle);
  if (!dropped.length) return;
  orgs.mentions.splice(0, orgs.mentions.length, ...orgs.mentions.filter((m) => !inTitle(m)));
  for (const e of orgs.entities) e.mentions = e.mentions.filter((s) => !dropped.some((d) => d.start === s.start && d.end === s.end));
  orgs.entities.splice(0, orgs.entities.length, ...orgs.entities.filter((e) => e.mentions.length > 0));
}

export function extractDocument(text: string, opts: ExtractOptions): Extraction {
  // a printed page's running headers and footers are masked before the clutter rules look,
  // so a footer at the end of the text cannot pass for a list of other stories
  const furniture = (opts.pageFurniture ?? []).map((s) => ({ start: s.start, end: s.end, reason: 'page furniture' }));
  const { body, clutter: pageClutter } = detectClutter(furniture.length ? maskSpans(text, furniture) : text);
  const clutter = furniture.length ? [...furniture, ...pageClutter].sort((a, b) => a.start - b.start) : pageClutter;
  // outside the body (before it, or the page's tail) counts as clutter too
  const hidden = [...clutter, { start: 0, end: body.start }, { start: body.end, end: text.length }];
  const masked = maskSpans(text, hidden);
  const ctx: DocContext = {
    text,
    masked,
    folded: foldPreservingLength(masked),
    body,
    paragraphs: splitParagraphs(masked, body),
    gaz: compileGazetteer(opts.gazetteer),
  };
  const orgs = findOrganizations(ctx);
  const people = findPeople(ctx, orgs);
  const reports = findReports(ctx, orgs, people, { gazetteer: opts.gazetteer, publishedAt: opts.publishedAt });
  dropBodiesInsideTitles(orgs, reports);
  const quoteCandidates = findQuotes(ctx);
  const attributions = attributeQuotes(ctx, quoteCandidates, people, orgs, reports);
  return {
    doc: opts.docName,
    body,
    clutter,
    quotes: toExtractedQuotes(quoteCandidates, attributions, opts.speakerThreshold ?? SPEAKER_THRESHOLD),
    people: toExtractedPeople(people.entities),
    organizations: toExtractedOrganizations(orgs.entities),
    reports: toExtractedReports(reports.entities),
    claims: findClaims(ctx, reports),
  };
}
