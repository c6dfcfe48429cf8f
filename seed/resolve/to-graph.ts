import { createHash } from 'node:crypto';
import {
  relProps, type DocumentGraph, type DocumentNode, type OrganizationNode, type PersonNode, type Relationship, type ReportNode,
} from '../../server/model/graph.js';
import { foldText } from '../../server/model/search-text.js';
import type { Extraction, Span } from '../extract/types.js';
import type { Gazetteer } from '../gazetteer/index.js';
import { normalizeName } from '../gazetteer/normalize.js';
import { documentIdOf } from '../ingest/document-id.js';

// Resolve: one document's extraction becomes nodes and relationships with stable ids, so the
// same person, body, report, quote or figure met in two documents is one node.

const ORG_KINDS = new Set(['force', 'inspectorate', 'commissioner-office', 'union', 'charity', 'government', 'regulator', 'academic', 'media', 'other']);

export function slug(value: string): string {
  return foldText(value).replace(/\s+/g, '-').slice(0, 80) || 'unnamed';
}

function hash(value: string): string {
  return createHash('sha1').update(value).digest('hex').slice(0, 16);
}

export const ids = {
  /** a document is named by its path inside the corpus folder (see document-id.ts) */
  document: documentIdOf,
  person: (name: string, gazetteerId: string | null) => `person:${gazetteerId ?? slug(name)}`,
  organization: (name: string, gazetteerId: string | null) => `org:${gazetteerId ?? slug(name)}`,
  report: (title: string) => `report:${slug(title)}`,
  quote: (text: string) => `quote:${hash(foldText(text))}`,
  claim: (measure: string, value: number, unit: string) => `claim:${slug(measure)}:${value}:${unit}`,
};

export interface ResolveInput {
  document: Omit<DocumentNode, 'id'>;
  extraction: Extraction;
  gazetteer: Gazetteer;
}

export function toDocumentGraph({ document, extraction, gazetteer }: ResolveInput): DocumentGraph {
  const docId = ids.document(document.paths[0] ?? document.fileName);
  const rels: Relationship[] = [];
  const people = new Map<string, PersonNode>();
  const orgs = new Map<string, OrganizationNode>();
  const reports = new Map<string, ReportNode>();
  const mentions = new Map<string, Span[]>();
  const mention = (id: string, spans: readonly Span[]) => mentions.set(id, [...(mentions.get(id) ?? []), ...spans]);

  const orgByName = new Map<string, string>();
  const addOrganization = (name: string, kind: string, aliases: readonly string[], gazetteerId: string | null): string => {
    const entry = gazetteerId ? gazetteer.orgById(gazetteerId) : gazetteer.findOrganization(name);
    const canonical = entry?.name ?? name;
    const id = ids.organization(canonical, entry?.id ?? null);
    const existing = orgs.get(id);
    const allAliases = [...new Set([...(existing?.aliases ?? []), ...(entry?.aliases ?? []), ...aliases, ...(canonical !== name ? [name] : [])])].filter((a) => a !== canonical);
    const k = entry?.kind ?? kind;
    orgs.set(id, { id, name: canonical, aliases: allAliases, kind: (ORG_KINDS.has(k) ? k : 'other') as OrganizationNode['kind'] });
    for (const n of [name, canonical, ...aliases]) orgByName.set(normalizeName(n), id);
    return id;
  };
  const findOrganization = (name: string | null): string | null => {
    if (!name) return null;
    const known = orgByName.get(normalizeName(name));
    if (known) return known;
    return addOrganization(name, 'other', [], null);
  };

  for (const o of extraction.organizations) mention(addOrganization(o.name, o.kind, o.aliases, o.gazetteerId), o.mentions);

  const personByName = new Map<string, string>();
  for (const p of extraction.people) {
    const id = ids.person(p.name, p.gazetteerId);
    const titles: string[] = [];
    for (const role of p.roles) {
      const orgId = findOrganization(role.organization);
      // a role a curator added has no span in the text
      const spanned = role.end > role.start;
      if (orgId) rels.push({ type: 'HOLDS_ROLE', from: id, to: orgId, props: relProps({ docId, title: role.title, startOffset: spanned ? role.start : null, endOffset: spanned ? role.end : null }) });
      else titles.push(role.title);
    }
    people.set(id, { id, name: p.name, aliases: p.aliases.filter((a) => a !== p.name), kind: p.kind, titles: [...new Set(titles)] });
    for (const n of [p.name, ...p.aliases]) personByName.set(normalizeName(n), id);
    // a person the rules met only through a role still needs the document's MENTIONS edge
    mention(id, p.mentions.length ? p.mentions : p.roles.map((r) => ({ start: r.start, end: r.end })));
  }

  const reportByTitle = new Map<string, string>();
  // a report linked to the catalogue is named by its catalogue id, so it is one node across documents
  const addReport = (r: { title: string; publisher: string | null; year: number | null; catalogueId: string | null; url: string | null }, at: Span | null): string => {
    const { title, publisher, year } = r;
    const id = r.catalogueId ?? ids.report(title);
    const publisherId = publisher ? findOrganization(publisher) : null;
    const publisherName = publisherId ? orgs.get(publisherId)?.name ?? publisher : publisher;
    reports.set(id, { id, title, publisher: publisherName, year, reference: referenceIn(title), url: r.url });
    reportByTitle.set(normalizeName(title), id);
    // provenance: where the document first names the report
    const span = { docId, startOffset: at?.start ?? null, endOffset: at?.end ?? null };
    if (publisherId) rels.push({ type: 'PUBLISHED', from: publisherId, to: id, props: relProps(span) });
    rels.push({ type: 'COVERS', from: docId, to: id, props: relProps(span) });
    return id;
  };
  for (const r of extraction.reports) {
    const first = [...r.mentions].sort((a, b) => a.start - b.start)[0] ?? null;
    mention(addReport(r, first), r.mentions);
  }

  const quotes = new Map<string, DocumentGraph['quotes'][number]>();
  for (const q of extraction.quotes) {
    const id = ids.quote(q.text);
    if (quotes.has(id)) continue;
    quotes.set(id, { id, text: q.text, startOffset: q.start, endOffset: q.end, documentId: docId });
    const speakerId = resolveSpeaker(q.speaker, q.speakerKind);
    // a speaker withheld as too unsure: who it might have been stays with the quote, for review
    const withheld = !speakerId && q.candidates?.length ? q.candidates.slice(0, 5) : null;
    rels.push({ type: 'QUOTED_IN', from: id, to: docId, props: relProps({
      docId, startOffset: q.start, endOffset: q.end,
      candidates: withheld?.map((c) => c.name) ?? null, candidateScores: withheld?.map((c) => Math.round(Math.min(1, Math.max(0, c.score)) * 100)) ?? null,
      // a curator's "nobody can be named" has no SAID to carry it, so the quote's own link does
      ...(!speakerId && q.evidence.resolvedBy === 'curator' ? { resolvedBy: 'curator', confidence: 1 } : {}),
    }) });
    if (speakerId) {
      rels.push({ type: 'SAID', from: speakerId, to: id, props: relProps({
        docId, startOffset: q.speakerSpan?.start ?? null, endOffset: q.speakerSpan?.end ?? null,
        confidence: q.confidence, sieve: q.evidence.sieve, resolvedBy: q.evidence.resolvedBy,
        cueStart: q.evidence.cue?.start ?? null, cueEnd: q.evidence.cue?.end ?? null,
      }) });
    }
    for (const [orgId, spans] of mentions) {
      const inside = orgId.startsWith('org:') ? spans.find((s) => s.start >= q.start && s.end <= q.end) : undefined;
      if (inside) rels.push({ type: 'CONCERNS', from: id, to: orgId, props: relProps({ docId, startOffset: inside.start, endOffset: inside.end }) });
    }
  }

  function resolveSpeaker(name: string | null, kind: string | null): string | null {
    if (!name) return null;
    const key = normalizeName(name);
    // "the report said" of a report the text never identifies: no Report is made up for it
    if (kind === 'report') return reportByTitle.get(key) ?? [...reportByTitle.values()][0] ?? null;
    if (kind === 'organization') return findOrganization(name);
    const personId = personByName.get(key) ?? [...personByName].find(([n]) => n.endsWith(` ${key}`))?.[1];
    if (personId) return personId;
    const entry = gazetteer.findPerson(name);
    const id = ids.person(entry?.name ?? name, entry?.id ?? null);
    people.set(id, { id, name: entry?.name ?? name, aliases: [], kind: (entry?.kind ?? 'other') as PersonNode['kind'], titles: [] });
    personByName.set(key, id);
    return id;
  }

  const claims = new Map<string, DocumentGraph['claims'][number]>();
  for (const c of extraction.claims) {
    // a figure whose measure the text does not name is this document's alone
    const id = c.measure ? ids.claim(c.measure, c.value, c.unit) : ids.claim(`${docId} ${c.start}`, c.value, c.unit);
    if (!claims.has(id)) {
      claims.set(id, { id, text: c.text, value: c.value, unit: c.unit, measure: c.measure });
      rels.push({ type: 'STATES', from: docId, to: id, props: relProps({ docId, startOffset: c.start, endOffset: c.end }) });
    }
    const reportId = c.report ? reportByTitle.get(normalizeName(c.report)) : null;
    if (reportId) rels.push({ type: 'SOURCED_FROM', from: id, to: reportId, props: relProps({ docId, startOffset: c.start, endOffset: c.end }) });
  }

  for (const [id, spans] of mentions) {
    const unique = uniqueSpans(spans);
    if (!unique.length) continue;
    rels.push({ type: 'MENTIONS', from: docId, to: id, props: relProps({ docId, count: unique.length, spanStarts: unique.map((s) => s.start), spanEnds: unique.map((s) => s.end) }) });
  }

  return {
    document: { ...document, id: docId },
    people: [...people.values()],
    organizations: [...orgs.values()],
    reports: [...reports.values()],
    quotes: [...quotes.values()],
    claims: [...claims.values()],
    relationships: dedupe(rels),
  };
}

function referenceIn(title: string): string | null {
  return /\b[A-Z]{2,5}\s?\d{4}\/\d{2,6}\b/.exec(title)?.[0] ?? null;
}

function uniqueSpans(spans: readonly Span[]): Span[] {
  const seen = new Set<string>();
  return [...spans].sort((a, b) => a.start - b.start).filter((s) => {
    const key = `${s.start}:${s.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function dedupe(rels: Relationship[]): Relationship[] {
  const seen = new Set<string>();
  return rels.filter((r) => {
    const key = `${r.type}|${r.from}|${r.to}|${r.props.title ?? ''}|${r.props.startOffset ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
