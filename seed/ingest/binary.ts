// The formats that are not plain text: each read by its own module into the text every
// offset indexes, with what the document keeps of its pages.

import { readDocx } from './docx.js';
import { readPdf } from './pdf.js';
import type { OcrProgress } from './ocr.js';
import type { TextSource } from '../../server/model/graph.js';

export const BINARY_EXTENSIONS = ['.pdf', '.docx', '.odt'] as const;
/** Printed reports with their figures run far past the text limit */
export const MAX_BINARY_DOCUMENT_BYTES = 100 * 1024 * 1024;

export interface BinaryText {
  text: string;
  textSource: TextSource;
  /** offset where each page starts, for formats with pages */
  pageStarts: number[] | null;
  /** pages (1-based) whose text came from OCR */
  ocrPages: number[];
  /** running headers, footers and page numbers: spans the extraction masks */
  pageFurniture: { start: number; end: number }[];
}

export const isBinaryFormat = (ext: string): boolean => (BINARY_EXTENSIONS as readonly string[]).includes(ext);

export async function readBinaryFormat(
  ext: string,
  bytes: Buffer,
  name: string,
  onOcrProgress?: (p: OcrProgress) => void,
): Promise<{ ok: true; value: BinaryText } | { ok: false; reason: string }> {
  if (ext === '.pdf') {
    const r = await readPdf(bytes, { name, ...(onOcrProgress ? { onProgress: onOcrProgress } : {}) });
    if (!r.ok) return r;
    const { text, pageStarts, furniture, ocrPages } = r.pdf;
    return { ok: true, value: { text, textSource: ocrPages.length ? 'ocr' : 'pdf', pageStarts, ocrPages, pageFurniture: furniture } };
  }
  if (ext === '.docx') {
    const r = await readDocx(bytes);
    if (!r.ok) return r;
    return { ok: true, value: { text: r.text, textSource: 'docx', pageStarts: null, ocrPages: [], pageFurniture: [] } };
  }
  // no maintained reader of OpenDocument text keeps paragraphs as well as mammoth does Word's
  return { ok: false, reason: 'OpenDocument (.odt) is not read: save it as .docx or PDF' };
}
