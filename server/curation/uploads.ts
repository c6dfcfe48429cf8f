import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { GraphStore } from '../store/port.js';
import { seedCorpus } from '../../seed/pipeline.js';
import { corpusKey, documentIdOf } from '../../seed/ingest/document-id.js';
import { DOCUMENT_EXTENSIONS, maxBytesFor, readDocument, type Sidecar } from '../../seed/ingest/read-document.js';
import type { Curator } from './curator.js';

// Documents added from the browser. Each file is checked as the seed would check it (type, size,
// a name no other folder's document has), kept in the documents folder beside the store with its
// metadata sidecar, so rebuilding the store from its folders loses nothing, and loaded by the
// seed's own path as a job that the page follows. Jobs run one at a time with the corrections.

export interface UploadedFile { name: string; bytes: Buffer }

export interface JobView {
  id: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  /** files accepted into the job */
  files: string[];
  done: number;
  total: number;
  current: string | null;
  /** files refused before the job, and files the seed could not load, each with why */
  skipped: { file: string; reason: string }[];
  /** the documents the job loaded (ids), to offer on the canvas */
  documents: string[];
  quotes: number;
  entities: number;
  error: string | null;
  createdAt: string;
  endedAt: string | null;
}

const KEEP_JOBS = 200;
const SAFE_NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._()'-]{0,150}$/u;

export class Uploads {
  private readonly jobs = new Map<string, JobView>();

  constructor(private readonly options: { store: GraphStore; curator: Curator; dir: string; overridesFile: string }) {}

  get(id: string): JobView | null {
    return this.jobs.get(id) ?? null;
  }

  /**
   * Checks each file, and queues a job loading those that pass. Returns the job, whose
   * `skipped` already names every refused file; null when no file passed.
   */
  async accept(files: UploadedFile[], meta: Sidecar): Promise<{ job: JobView | null; refused: { file: string; reason: string }[] }> {
    const refused: { file: string; reason: string }[] = [];
    const elsewhere = new Map((await this.options.store.storedDocuments()).map((d) => [d.id, d.corpus]));
    const ours = this.corpusKey();
    const accepted: UploadedFile[] = [];
    const names = new Set<string>();
    for (const f of files) {
      const reason = this.check(f, names, elsewhere, ours);
      if (reason) refused.push({ file: f.name, reason });
      else {
        accepted.push(f);
        names.add(f.name.toLowerCase());
      }
    }
    if (!accepted.length) return { job: null, refused };
    const job: JobView = {
      id: `job-${randomUUID().slice(0, 8)}`, state: 'queued', files: accepted.map((f) => f.name), done: 0, total: accepted.length, current: null,
      skipped: [...refused], documents: [], quotes: 0, entities: 0, error: null, createdAt: new Date().toISOString(), endedAt: null,
    };
    this.remember(job);
    void this.options.curator.serial(() => this.run(job, accepted, meta)).catch((error: unknown) => {
      job.state = 'failed';
      job.error = (error as Error).message;
      job.endedAt = new Date().toISOString();
    });
    return { job, refused };
  }

  private check(f: UploadedFile, names: Set<string>, stored: Map<string, string | null>, ours: string | null): string | null {
    const ext = path.extname(f.name).toLowerCase();
    if (!SAFE_NAME.test(f.name) || f.name.includes('..')) return 'the file name must be letters, digits, spaces and ._()\'- only, at most 150 characters, without a folder';
    if (!(DOCUMENT_EXTENSIONS as readonly string[]).includes(ext)) return `${ext || 'no extension'}: not a document type the seed reads (${DOCUMENT_EXTENSIONS.join(', ')})`;
    if (!f.bytes.length) return 'the file is empty';
    const limit = maxBytesFor(f.name);
    if (f.bytes.length > limit) return `larger than ${Math.round(limit / 1024 / 1024)} MB`;
    if (names.has(f.name.toLowerCase())) return 'sent twice in one upload';
    const id = documentIdOf(f.name);
    const corpus = stored.get(id);
    if (stored.has(id) && corpus !== ours) return `a document of that name (${id}) is already in the graph from another folder; rename the file`;
    return null;
  }

  private async run(job: JobView, files: UploadedFile[], meta: Sidecar): Promise<void> {
    job.state = 'running';
    const dir = this.options.dir;
    // each file is read where the seed cannot see it (a dot folder) before it joins the folder,
    // so an unreadable upload never replaces a good document of the same name
    const staging = path.join(dir, '.staging');
    fs.mkdirSync(staging, { recursive: true });
    const sidecar = Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined && v !== null && v !== ''));
    const placed: UploadedFile[] = [];
    for (const f of files) {
      job.current = f.name;
      const staged = path.join(staging, f.name);
      fs.writeFileSync(staged, f.bytes);
      const sidecarName = `${path.basename(f.name, path.extname(f.name))}.meta.json`;
      if (Object.keys(sidecar).length) fs.writeFileSync(path.join(staging, sidecarName), `${JSON.stringify(sidecar, null, 2)}\n`);
      const read = await readDocument(staged);
      if (!read.ok) {
        job.skipped.push({ file: f.name, reason: read.reason });
        fs.rmSync(staged, { force: true });
        fs.rmSync(path.join(staging, sidecarName), { force: true });
        continue;
      }
      if (Object.keys(sidecar).length) fs.renameSync(path.join(staging, sidecarName), path.join(dir, sidecarName));
      else fs.rmSync(path.join(dir, sidecarName), { force: true });
      fs.renameSync(staged, path.join(dir, f.name));
      placed.push(f);
    }
    const only = new Set(placed.map((f) => documentIdOf(f.name)));
    const summary = await seedCorpus({
      store: this.options.store, dir, overridesFile: this.options.overridesFile, only,
      onProgress: (p) => {
        if (p.stage !== 'load') return;
        job.done = Math.min(job.total, p.done);
        job.current = path.basename(p.file);
      },
      // the folder's other documents are read too (names resolve across them); their troubles are not this job's
      onSkip: (file, reason) => { if (placed.some((f) => f.name === path.basename(file))) job.skipped.push({ file: path.basename(file), reason }); },
    });
    // written, and under its own id: a file with the same bytes as another joins that one's document
    job.documents = [];
    for (const id of only) if (!job.skipped.some((s) => documentIdOf(s.file) === id) && (await this.options.store.documentHash(id)) !== null) job.documents.push(id);
    job.quotes = summary.quotes;
    job.entities = summary.entities;
    job.done = job.total;
    job.current = null;
    job.state = 'done';
    job.endedAt = new Date().toISOString();
  }

  private corpusKey(): string | null {
    if (!fs.existsSync(this.options.dir)) return null;
    return corpusKey(fs.realpathSync(this.options.dir));
  }

  private remember(job: JobView): void {
    this.jobs.set(job.id, job);
    for (const id of this.jobs.keys()) {
      if (this.jobs.size <= KEEP_JOBS) break;
      if (this.jobs.get(id)!.state === 'done' || this.jobs.get(id)!.state === 'failed') this.jobs.delete(id);
    }
  }
}

