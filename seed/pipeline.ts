import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DocumentGraph } from '../server/model/graph.js';
import type { GraphStore, RemovalSummary } from '../server/store/port.js';
import { extractDocument, type Extraction } from './extract/index.js';
import { loadGazetteer, type Gazetteer } from './gazetteer/index.js';
import { corpusKey, documentIdOf, legacyDocumentId } from './ingest/document-id.js';
import { listDocuments } from './ingest/list-documents.js';
import { DOCUMENT_EXTENSIONS, documentTitle, readDocument, type IngestedDocument } from './ingest/read-document.js';
import { normalizeName } from './gazetteer/normalize.js';
import { applyOverrides, EMPTY_OVERRIDES, loadOverrides, mergePeople, type Overrides } from './resolve/overrides.js';
import { resolvePeopleAcrossDocuments } from './resolve/people-across-documents.js';
import { ids, toDocumentGraph } from './resolve/to-graph.js';

// The seed reads as its stages: ingest → extract (every document) → resolve (people across
// documents, then curation overrides) → load, in batches whose failures fall back to one
// document per transaction, so a failure never leaves half a document behind → prune: the
// documents this folder gave before whose files are gone leave, with what only they supported.

export const DEFAULT_OVERRIDES_FILE = path.resolve('seed/overrides.json');

export interface SeedProgress { stage: 'extract' | 'load'; done: number; total: number; file: string; elapsedMs: number }

export interface SeedSummary {
  /** document files found in the folder and its sub-folders */
  files: number;
  /** distinct documents among them: a file with the same bytes as another is that document's second path */
  documents: number;
  /** "path → the path whose document it joined" */
  samePaths: string[];
  /** files whose document is loaded: `loaded` plus those that joined another's */
  filesLoaded: number;
  loaded: number;
  /** loaded documents whose file was already stored unchanged */
  unchanged: number;
  skipped: { file: string; reason: string }[];
  quotes: number;
  entities: number;
  overrides: string[];
  /** people named differently in different documents, resolved to one: "variant → canonical" */
  resolved: string[];
  /** documents of files no longer in the folder, and what only they supported */
  removed: RemovalSummary;
  elapsedMs: number;
}

export interface SeedOptions {
  store: GraphStore;
  dir: string;
  overridesFile?: string | null;
  gazetteer?: Gazetteer;
  onProgress?: (p: SeedProgress) => void;
  /**
   * Write only these documents (by id), as a correction touching them needs: the others are
   * still read, since names resolve across documents, but left as they are, and nothing is pruned.
   */
  only?: ReadonlySet<string>;
  onSkip?: (file: string, reason: string) => void;
}

interface Extracted { file: string; paths: string[]; doc: IngestedDocument; extraction: Extraction }

export async function seedCorpus(options: SeedOptions): Promise<SeedSummary> {
  const started = Date.now();
  const gazetteer = options.gazetteer ?? loadGazetteer();
  const overrides: Overrides = options.overridesFile === null ? EMPTY_OVERRIDES : loadOverrides(options.overridesFile ?? DEFAULT_OVERRIDES_FILE);
  const summary: SeedSummary = {
    files: 0, documents: 0, samePaths: [], filesLoaded: 0, loaded: 0, unchanged: 0, skipped: [], quotes: 0, entities: 0, overrides: [], resolved: [],
    removed: { documents: [], removed: [] }, elapsedMs: 0,
  };
  const skip = (file: string, reason: string) => {
    summary.skipped.push({ file, reason });
    options.onSkip?.(file, reason);
  };
  const progress = (stage: SeedProgress['stage'], done: number, file: string) =>
    options.onProgress?.({ stage, done, total: files.length, file, elapsedMs: Date.now() - started });
  const listing = await listDocuments(options.dir, DOCUMENT_EXTENSIONS);
  if (listing.error) skip(options.dir, listing.error);
  for (const s of listing.skipped) skip(s.file, s.reason);
  const files = listing.files.map((f) => f.path);
  summary.files = files.length;
  const corpus = listing.error ? null : corpusKey(fs.realpathSync(options.dir));

  // extract every document first: resolving people across documents needs them all
  const extracted: Extracted[] = [];
  const byHash = new Map<string, Extracted>();
  for (const [i, { path: file, rel }] of listing.files.entries()) {
    const read = await readDocument(file);
    if (!read.ok) skip(file, read.reason);
    else {
      const sha256 = hashOf(read.document.bytes);
      const same = byHash.get(sha256);
      if (same) {
        same.paths.push(rel);
        summary.samePaths.push(`${rel} → ${same.paths[0]}`);
      } else {
        try {
          const extraction = extractDocument(read.document.text, { docName: read.document.fileName, gazetteer, pageFurniture: read.document.pageFurniture, publishedAt: read.document.meta.publishedAt });
          const entry: Extracted = { file, paths: [rel], doc: read.document, extraction };
          extracted.push(entry);
          byHash.set(sha256, entry);
        } catch (err) {
          skip(file, `extraction failed: ${(err as Error).message.split('\n')[0]}`);
        }
      }
    }
    progress('extract', i + 1, file);
  }
  summary.documents = extracted.length;
  const renames = resolvePeopleAcrossDocuments(extracted.map((e) => e.extraction));
  const canonical = (name: string) => renames.get(normalizeName(name)) ?? name;
  const seen = new Set<string>();
  const onMerge = (from: string, into: string) => {
    if (!seen.has(from)) summary.resolved.push(`${from} → ${into}`);
    seen.add(from);
  };

  const bodyRenames = new Map<string, Parameters<GraphStore['writeRenames']>[0][number]>();
  const mentionedOrgs = new Set<string>();
  let loadedSoFar = 0;
  const loadedFiles = new Set<string>();
  for (let start = 0; start < extracted.length; start += LOAD_BATCH) {
    const prepared: Prepared[] = [];
    for (const { file, paths, doc, extraction } of extracted.slice(start, start + LOAD_BATCH)) {
      try {
        const resolved = mergePeople(extraction, canonical, onMerge);
        const ready = await prepareDocument(options.store, { doc, paths, corpus }, applyOverrides(resolved, overrides, { applied: summary.overrides }), gazetteer);
        if (!options.only || options.only.has(ready.graph.document.id)) prepared.push({ file, paths, ...ready });
      } catch (err) {
        skip(file, `not loaded: ${(err as Error).message.split('\n')[0]}`);
      }
    }
    for (const { file, paths, outcome } of await writeBatch(options.store, prepared)) {
      if (outcome instanceof Error) skip(file, `not loaded: ${outcome.message.split('\n')[0]}`);
      else {
        summary.loaded++;
        for (const rel of paths) loadedFiles.add(rel);
        summary.filesLoaded += paths.length;
        if (!outcome.changed) summary.unchanged++;
        summary.quotes += outcome.quotes;
        summary.entities += outcome.entities;
        for (const orgId of outcome.gazetteerOrgs) {
          collectRenames(gazetteer, orgId, bodyRenames);
          const entry = gazetteer.orgById(orgId);
          if (entry) mentionedOrgs.add(ids.organization(entry.name, entry.id));
        }
      }
      progress('load', ++loadedSoFar, file);
    }
  }
  // a rename joins two bodies only when documents name both: the gazetteer knows that the IPCC
  // became the IOPC, but a graph of documents that speak only of the IPCC holds no IOPC
  const named = async (id: string) => mentionedOrgs.has(id) || ((await options.store.getNode(id))?.provenanceTotal ?? 0) > 0;
  const joined = [];
  for (const r of bodyRenames.values()) if ((await named(r.from.id)) && (await named(r.to.id))) joined.push(r);
  await options.store.writeRenames(joined);
  if (corpus && !options.only) summary.removed = await prune(options.store, corpus, listing.files, loadedFiles, skip);
  summary.elapsedMs = Date.now() - started;
  return summary;
}

/** documents per store call: large enough that a corpus loads in few transactions, small enough to keep memory flat */
const LOAD_BATCH = 50;

interface Prepared { file: string; paths: string[]; graph: DocumentGraph; counts: LoadCounts }
interface LoadCounts { changed: boolean; quotes: number; entities: number; gazetteerOrgs: string[] }

/**
 * The documents this folder gave before whose files are gone. A file still there but not
 * read this time keeps its stored version (its path still names it), and a folder that lists
 * no document at all removes nothing: an unmounted disk must not empty the store. Documents
 * stored before they carried their folder (ids from the file name alone) are replaced by the
 * files of this folder that now load under their new ids.
 */
async function prune(store: GraphStore, corpus: string, files: { path: string; rel: string }[], loaded: Set<string>, skip: (file: string, reason: string) => void): Promise<RemovalSummary> {
  const stored = await store.storedDocuments();
  const present = new Set(files.map((f) => documentIdOf(f.rel)));
  const legacy = new Set(files.filter((f) => loaded.has(f.rel) && !f.rel.includes('/')).map((f) => legacyDocumentId(f.rel)));
  const gone = stored.filter((d) => !present.has(d.id) && (d.corpus === corpus || (d.corpus === null && legacy.has(d.id)))).map((d) => d.id);
  if (!gone.length) return { documents: [], removed: [] };
  if (!files.length) {
    skip('(folder)', `no documents found, so the ${gone.length} stored from this folder before are kept; remove them by seeding the folder again once it holds documents`);
    return { documents: [], removed: [] };
  }
  return store.removeDocuments(gone);
}

function hashOf(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function prepareDocument(store: GraphStore, source: { doc: IngestedDocument; paths: string[]; corpus: string | null }, extraction: Extraction, gazetteer: Gazetteer) {
  const { doc } = source;
  const sha256 = hashOf(doc.bytes);
  const graph = toDocumentGraph({
    document: {
      title: documentTitle(doc),
      publisher: doc.meta.publisher ?? null,
      url: doc.meta.url ?? null,
      publishedAt: doc.meta.publishedAt ?? null,
      kind: doc.meta.kind ?? 'other',
      text: doc.text,
      sha256,
      fileName: doc.fileName,
      paths: source.paths,
      corpus: source.corpus,
      textSource: doc.textSource,
      pageStarts: doc.pageStarts ?? [],
      ocrPages: doc.ocrPages,
    },
    extraction,
    gazetteer,
  });
  // a re-write replaces what the document stated before, so writing an unchanged document
  // again changes nothing; the stored hash says whether the file itself changed
  const changed = (await store.documentHash(graph.document.id)) !== sha256;
  const gazetteerOrgs = extraction.organizations.map((o) => o.gazetteerId).filter((g): g is string => !!g);
  const counts: LoadCounts = { changed, quotes: graph.quotes.length, entities: graph.people.length + graph.organizations.length + graph.reports.length, gazetteerOrgs };
  return { graph, counts };
}

/**
 * One store call for the batch; when it fails, each document is written again alone so the
 * failure is reported against its own file (writes replace, so the repeat changes nothing).
 */
async function writeBatch(store: GraphStore, batch: Prepared[]): Promise<{ file: string; paths: string[]; outcome: LoadCounts | Error }[]> {
  if (!batch.length) return [];
  try {
    await store.writeDocumentGraphs(batch.map((p) => p.graph));
    return batch.map((p) => ({ file: p.file, paths: p.paths, outcome: p.counts }));
  } catch {
    const out: { file: string; paths: string[]; outcome: LoadCounts | Error }[] = [];
    for (const p of batch) {
      try {
        await store.writeDocumentGraph(p.graph);
        out.push({ file: p.file, paths: p.paths, outcome: p.counts });
      } catch (err) {
        out.push({ file: p.file, paths: p.paths, outcome: err as Error });
      }
    }
    return out;
  }
}

function collectRenames(gazetteer: Gazetteer, orgId: string, out: Map<string, Parameters<GraphStore['writeRenames']>[0][number]>) {
  const entity = (id: string) => {
    const e = gazetteer.orgById(id)!;
    return { id: ids.organization(e.name, e.id), name: e.name, kind: e.kind, aliases: [...e.aliases] };
  };
  const org = gazetteer.orgById(orgId);
  if (!org) return;
  if (org.renamedTo && gazetteer.orgById(org.renamedTo)) {
    out.set(`${org.id}>${org.renamedTo}`, { from: entity(org.id), to: entity(org.renamedTo), year: org.renamedIn ?? null });
  }
  for (const older of gazetteer.organizations.filter((o) => o.renamedTo === org.id)) {
    out.set(`${older.id}>${org.id}`, { from: entity(older.id), to: entity(org.id), year: older.renamedIn ?? null });
  }
}

