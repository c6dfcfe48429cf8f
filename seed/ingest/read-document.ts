import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { DOCUMENT_KINDS } from '../../server/model/graph.js';
import { BINARY_EXTENSIONS, type BinaryText, isBinaryFormat, MAX_BINARY_DOCUMENT_BYTES, readBinaryFormat, type TextSource } from './binary.js';
import { htmlToText } from './html.js';

// Ingest: one file in, its text and metadata out, or one clear reason why not.

export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
export const DOCUMENT_EXTENSIONS = ['.txt', '.md', '.html', '.htm', ...BINARY_EXTENSIONS] as const;

export const SidecarSchema = z.strictObject({
  title: z.string().min(1).max(500).nullable().optional(),
  publisher: z.string().max(200).nullable().optional(),
  url: z.url().max(2000).nullable().optional(),
  publishedAt: z.iso.date().nullable().optional().describe('YYYY-MM-DD'),
  kind: z.enum(DOCUMENT_KINDS).nullable().optional(),
});
export type Sidecar = z.infer<typeof SidecarSchema>;

export interface IngestedDocument {
  path: string;
  fileName: string;
  /** the text every offset indexes: the file as received, or the readable text of an HTML page */
  text: string;
  meta: Sidecar;
  /** the raw bytes' hash, so an unchanged file is recognised */
  bytes: Buffer;
  /** where the text came from: the file itself, a page's article, a PDF's text layer, OCR, a Word file */
  textSource: TextSource;
  /** offset where each page starts in `text` (PDF), or null */
  pageStarts: number[] | null;
  /** running headers, footers and page numbers, for the extraction to mask */
  pageFurniture: BinaryText['pageFurniture'];
}

const megabytes = (n: number) => `${(n / 1048576).toFixed(1).replace(/\.0$/, '')} MB`;

export type ReadResult = { ok: true; document: IngestedDocument } | { ok: false; path: string; reason: string };

export function sidecarPath(file: string): string {
  return path.join(path.dirname(file), `${path.basename(file, path.extname(file))}.meta.json`);
}

export async function readDocument(file: string): Promise<ReadResult> {
  const fail = (reason: string): ReadResult => ({ ok: false, path: file, reason });
  let bytes: Buffer;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return fail('not a regular file');
    const limit = isBinaryFormat(path.extname(file).toLowerCase()) ? MAX_BINARY_DOCUMENT_BYTES : MAX_DOCUMENT_BYTES;
    if (stat.size > limit) return fail(`too large: ${megabytes(stat.size)} (limit ${megabytes(limit)})`);
    bytes = await fs.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? (error as Error).message})`);
  }
  if (bytes.length === 0) return fail('empty file');
  const ext = path.extname(file).toLowerCase();
  if (isBinaryFormat(ext)) {
    const read = await readBinaryFormat(ext, bytes, path.basename(file));
    if (!read.ok) return fail(read.reason);
    if (!read.value.text.trim()) return fail('no readable text in the document');
    const meta = await readSidecar(file);
    if (!meta.ok) return fail(meta.reason);
    return { ok: true, document: { path: file, fileName: path.basename(file), meta: meta.sidecar, bytes, ...read.value } };
  }
  if (bytes.includes(0)) return fail('binary file (contains NUL bytes)');
  let raw: string;
  try {
    raw = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('not valid UTF-8 text');
  }
  const text = ext === '.html' || ext === '.htm' ? htmlToText(raw) : raw.replace(/^\uFEFF/, '');
  if (!text.trim()) return fail(ext === '.html' || ext === '.htm' ? 'no readable text in the page' : 'empty file (whitespace only)');
  const meta = await readSidecar(file);
  if (!meta.ok) return fail(meta.reason);
  const textSource: TextSource = ext === '.html' || ext === '.htm' ? 'html' : 'text';
  return { ok: true, document: { path: file, fileName: path.basename(file), text, meta: meta.sidecar, bytes, textSource, pageStarts: null, pageFurniture: [] } };
}

async function readSidecar(file: string): Promise<{ ok: true; sidecar: Sidecar } | { ok: false; reason: string }> {
  const where = sidecarPath(file);
  let raw: string;
  try {
    raw = await fs.readFile(where, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, sidecar: {} };
    return { ok: false, reason: `sidecar ${path.basename(where)} cannot be read` };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return { ok: false, reason: `sidecar ${path.basename(where)} is not valid JSON (${(error as Error).message})` };
  }
  const parsed = SidecarSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, reason: `sidecar ${path.basename(where)}: field "${issue.path.join('.') || '(root)'}": ${issue.message}` };
  }
  return { ok: true, sidecar: parsed.data };
}

/** The documents of a folder (not recursive), sorted, with unreadable folders reported. */
export async function listDocuments(dir: string): Promise<{ files: string[]; error: string | null }> {
  try {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    const files = entries
      .filter((e) => e.isFile() && (DOCUMENT_EXTENSIONS as readonly string[]).includes(path.extname(e.name).toLowerCase()))
      .map((e) => path.join(dir, e.name))
      .sort();
    return { files, error: null };
  } catch (error) {
    return { files: [], error: `${dir}: folder cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
}
