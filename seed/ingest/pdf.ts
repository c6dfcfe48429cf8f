// A PDF's text: each page's text layer read with PDF.js (through unpdf) as positioned lines,
// then laid out as running text by layout.ts. A page without a text layer (a scan) is read by
// OCR when OCR can run; when it cannot, the file is skipped with the reason.

import { getDocumentProxy } from 'unpdf';
import './node-compat.js';
import { type LayoutLine, type LayoutPage, type PageText, pagesToText } from './layout.js';
import { type OcrProgress, ocrPages } from './ocr.js';

export interface PdfText extends PageText {
  /** pages (1-based) whose text came from OCR */
  ocrPages: number[];
}

export type PdfResult = { ok: true; pdf: PdfText } | { ok: false; reason: string };

interface TextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL: boolean;
}

/** A page with fewer letters than this on its text layer is taken for a scan. */
const MIN_TEXT_LAYER_LETTERS = 20;

/** Lines from the page's text items, kept in the order the page draws them (its reading order for a printed document). */
export function itemsToLines(items: readonly TextItem[], pageHeight: number): LayoutLine[] {
  const lines: LayoutLine[] = [];
  let cur: (LayoutLine & { baseline: number; size: number }) | null = null;
  const flush = () => {
    if (cur?.text.trim()) lines.push({ text: cur.text.replace(/\s+/g, ' ').trim(), left: cur.left, right: cur.right, top: cur.top, bottom: cur.bottom });
    cur = null;
  };
  for (const item of items) {
    const x = item.transform[4] ?? 0;
    const baseline = item.transform[5] ?? 0;
    const size = Math.hypot(item.transform[2] ?? 0, item.transform[3] ?? 0) || item.height || 10;
    if (!item.str) {
      if (item.hasEOL) flush();
      continue;
    }
    const line: (LayoutLine & { baseline: number; size: number }) | null = cur;
    if (line && Math.abs(line.baseline - baseline) > 0.5 * Math.min(size, line.size)) flush();
    if (!cur) {
      cur = { text: '', left: x, right: x, top: pageHeight - baseline - size * 0.8, bottom: pageHeight - baseline + size * 0.2, baseline, size };
    }
    const c: LayoutLine & { baseline: number; size: number } = cur;
    // items of one line that do not touch are separate words
    const gap = x - c.right;
    if (c.text && gap > 0.15 * size && !/\s$/.test(c.text) && !/^\s/.test(item.str)) c.text += ' ';
    c.text += item.str;
    c.left = Math.min(c.left, x);
    c.right = Math.max(c.right, x + item.width);
    c.top = Math.min(c.top, pageHeight - baseline - size * 0.8);
    c.bottom = Math.max(c.bottom, pageHeight - baseline + size * 0.2);
    c.size = Math.max(c.size, size);
    if (item.hasEOL) flush();
  }
  flush();
  return lines;
}

export interface ReadPdfOptions {
  /** a short name for progress lines */
  name: string;
  onProgress?: (p: OcrProgress) => void;
}

export async function readPdf(bytes: Uint8Array, options: ReadPdfOptions): Promise<PdfResult> {
  let doc: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // PDF.js takes ownership of the buffer it is given: hand it a copy. Its warnings ("Indexing
    // all PDF objects") would print around the one line that says why a file is skipped: errors only.
    doc = await getDocumentProxy(new Uint8Array(bytes), { stopAtErrors: false, verbosity: 0 });
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    return { ok: false, reason: /password/i.test(message) ? 'PDF is encrypted (password required)' : `not a readable PDF (${message.split('\n')[0]})` };
  }
  try {
    const pages: LayoutPage[] = [];
    const scanned: number[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const { width, height } = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const lines = itemsToLines(content.items.filter((i) => 'str' in i) as TextItem[], height);
      const letters = lines.reduce((k, l) => k + (l.text.match(/\p{L}/gu)?.length ?? 0), 0);
      if (letters < MIN_TEXT_LAYER_LETTERS) scanned.push(n);
      pages.push({ width, height, lines });
      page.cleanup();
    }
    if (scanned.length) {
      const ocr = await ocrPages(doc, scanned, options);
      if (!ocr.ok) {
        // a page or two of figures in a text PDF is no reason to lose the document
        const textPages = pages.filter((_, i) => !scanned.includes(i + 1));
        if (textPages.some((p) => p.lines.length) && scanned.length < doc.numPages / 2) return { ok: true, pdf: { ...pagesToText(pages), ocrPages: [] } };
        return { ok: false, reason: `${scanned.length === doc.numPages ? 'no text layer' : `${scanned.length} of ${doc.numPages} pages have no text layer`}, and OCR is not possible: ${ocr.reason}` };
      }
      for (const [n, page] of ocr.pages) pages[n - 1] = page;
    }
    return { ok: true, pdf: { ...pagesToText(pages), ocrPages: scanned } };
  } catch (error) {
    return { ok: false, reason: `PDF cannot be read (${((error as Error).message ?? String(error)).split('\n')[0]})` };
  } finally {
    await doc.loadingTask.destroy();
  }
}
