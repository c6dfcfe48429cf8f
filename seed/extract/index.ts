// Entry point of the extraction rules: clutter first (so nothing in it can be seen), then
// organisations, people, reports, quotes and their speakers, and claims. Pure: no I/O.

import { findClaims } from './claims.js';
import { detectClutter } from './clutter.js';
import type { DocContext } from './context.js';
import { compileGazetteer } from './matcher.js';
import { findOrganizations, toExtractedOrganizations } from './organizations.js';
import { findPeople, toExtractedPeople } from './people.js';
import { findQuotes } from './quotes.js';
import { findReports, toExtractedReports } from './reports.js';
import { splitParagraphs } from './sentences.js';
import { attributeQuotes, toExtractedQuotes } from './speakers.js';
import { foldPreservingLength, maskSpans } from './text.js';
import type { ExtractOptions, Extraction } from './types.js';

export type * from './types.js';
export { ExtractionContractSchema, toContract } from './contract.js';
export type { ExtractionContract } from './contract.js';

export function extractDocument(text: string, opts: ExtractOptions): Extraction {
  const { body, clutter } = detectClutter(text);
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
  const reports = findReports(ctx, orgs);
  const quoteCandidates = findQuotes(ctx);
  const attributions = attributeQuotes(ctx, quoteCandidates, people, orgs, reports);
  return {
    doc: opts.docName,
    body,
    clutter,
    quotes: toExtractedQuotes(quoteCandidates, attributions),
    people: toExtractedPeople(people.entities),
    organizations: toExtractedOrganizations(orgs.entities),
    reports: toExtractedReports(reports.entities),
    claims: findClaims(ctx, reports),
  };
}
