// Reading one input document as text. Kept apart so another ingest (HTML, PDF) can replace it:
// whatever it returns is what every offset in the extraction indexes.

import { readFileSync, statSync } from 'node:fs';

export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

/** A document that cannot be used, with a reason fit for one line on stderr. */
export class UnreadableDocumentError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: skipped: ${reason}`);
    this.name = 'UnreadableDocumentError';
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The file's text (UTF-8, BOM dropped), or an UnreadableDocumentError saying why not. */
export function readDocumentText(path: string): string {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new UnreadableDocumentError(path, 'not a regular file');
    size = st.size;
  } catch (error) {
    if (error instanceof UnreadableDocumentError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UnreadableDocumentError(path, code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? 'error'})`);
  }
  if (size > MAX_DOCUMENT_BYTES) throw new UnreadableDocumentError(path, `too large (${size} bytes, limit ${MAX_DOCUMENT_BYTES})`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new UnreadableDocumentError(path, `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (bytes.length === 0) throw new UnreadableDocumentError(path, 'empty file');
  if (bytes.includes(0)) throw new UnreadableDocumentError(path, 'binary file (contains NUL bytes)');
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new UnreadableDocumentError(path, 'not valid UTF-8');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!text.trim()) throw new UnreadableDocumentError(path, 'empty file (whitespace only)');
  return text;
}
