import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { DOCUMENT_KINDS, type TextSource } from '../../server/model/graph.js';
import { BINARY_EXTENSIONS, type BinaryText, isBinaryFormat, MAX_BINARY_DOCUMENT_BYTES, readBinaryFormat } from './binary.js';
import { readHtml } from './html.js';
import { statedDate } from './stated-date.js';

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
  /** pages (1-based) whose text came from OCR */
  ocrPages: number[];
  /** running headers, footers and page numbers, for the extraction to mask */
  pageFurniture: BinaryText['pageFurniture'];
}

const megabytes = (n: number) => `${(n / 1048576).toFixed(1).replace(/\.0$/, '')} MB`;

/** Size against limit in MB, or in bytes when the two would read the same in MB. */
function tooLarge(size: number, limit: number): string {
  if (megabytes(size) !== megabytes(limit)) return `too large: ${megabytes(size)} (limit ${megabytes(limit)})`;
  return `too large: ${size.toLocaleString('en-GB')} bytes (limit ${limit.toLocaleString('en-GB')} bytes, ${megabytes(limit)})`;
}

export type ReadResult = { ok: true; document: IngestedDocument } | { ok: false; path: string; reason: string };

/** The largest file of this type the seed reads: PDF and Word carry their pictures, text does not. */
export function maxBytesFor(file: string): number {
  return isBinaryFormat(path.extname(file).toLowerCase()) ? MAX_BINARY_DOCUMENT_BYTES : MAX_DOCUMENT_BYTES;
}

export function sidecarPath(file: string): string {
  return path.join(path.dirname(file), `${path.basename(file, path.extname(file))}.meta.json`);
}

export async function readDocument(file: string): Promise<ReadResult> {
  const fail = (reason: string): ReadResult => ({ ok: false, path: file, reason });
  let bytes: Buffer;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return fail('not a regular file');
    const limit = maxBytesFor(file);
    if (stat.size > limit) return fail(tooLarge(stat.size, limit));
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
    return { ok: true, document: { path: file, fileName: path.basename(file), meta: documentMeta(meta.sidecar, {}, read.value.text), bytes, ...read.value } };
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return fail(decoded.reason);
  const raw = decoded.text;
  const page = ext === '.html' || ext === '.htm' ? readHtml(raw) : null;
  const text = page ? page.text : raw;
  if (!text.trim()) return fail(ext === '.html' || ext === '.htm' ? 'no readable text in the page' : 'empty file (whitespace only)');
  const meta = await readSidecar(file);
  if (!meta.ok) return fail(meta.reason);
  const textSource: TextSource = ext === '.html' || ext === '.htm' ? 'html' : 'text';
  return { ok: true, document: { path: file, fileName: path.basename(file), text, meta: documentMeta(meta.sidecar, page?.meta ?? {}, text), bytes, textSource, pageStarts: null, ocrPages: [], pageFurniture: [] } };
}

/** The title a document goes by: its metadata's, else its first line of some length, else its file name. */
export function documentTitle(doc: Pick<IngestedDocument, 'meta' | 'text' | 'fileName'>): string {
  return doc.meta.title ?? doc.text.split('\n').map((l) => l.trim()).find((l) => l.length > 20)?.slice(0, 200) ?? doc.fileName;
}

/**
 * Each field from the first that gives it: the sidecar (what a person wrote down), then the
 * page's own metadata, then, for the date, what the text itself states (stated-date.ts).
 */
export function documentMeta(sidecar: Sidecar, page: Sidecar, text: string): Sidecar {
  const out: Sidecar = { ...page };
  for (const [key, value] of Object.entries(sidecar) as [keyof Sidecar, Sidecar[keyof Sidecar]][]) {
    if (value !== null && value !== undefined) Object.assign(out, { [key]: value });
  }
  if (!out.publishedAt) {
    const stated = statedDate(text);
    if (stated) out.publishedAt = stated.date;
  }
  return out;
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

/**
 * UTF-8, with or without a byte-order mark, or UTF-16 when a byte-order mark says so (Word's
 * "Unicode text" and Windows Notepad save that way). Anything else is refused with its reason.
 */
function decodeText(bytes: Buffer): { ok: true; text: string } | { ok: false; reason: string } {
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null;
  if (utf16) {
    try {
      return { ok: true, text: new TextDecoder(utf16, { fatal: true }).decode(bytes) };
    } catch {
      return { ok: false, reason: `not valid ${utf16.toUpperCase()} text, though its byte-order mark says it is` };
    }
  }
  if (bytes.includes(0)) {
    const head = bytes.subarray(0, 400);
    const zerosAt = (parity: number) => head.filter((b, i) => i % 2 === parity && b === 0).length;
    return { ok: false, reason: Math.max(zerosAt(0), zerosAt(1)) > head.length * 0.4 ? 'looks like UTF-16 text without a byte-order mark; save it as UTF-8' : 'binary file (contains NUL bytes)' };
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, reason: 'not valid UTF-8 text' };
  }
}
