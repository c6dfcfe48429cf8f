// Documents printed to PDF for the format tests and the extraction benchmark: a text's
// paragraphs set in Helvetica on A4 pages with a running header, a footer and page numbers
// (what a report printed from a word processor carries), and the same pages as images only,
// as a scanner would give them.

import '../../seed/ingest/node-compat.js';
import { PDFDocument, type PDFFont, StandardFonts } from 'pdf-lib';

export interface PrintOptions {
  header?: string;
  footer?: string;
  fontSize?: number;
  /** break this many words of each long paragraph with a hyphen at the line end, as a typesetter would */
  hyphenate?: boolean;
}

const A4 = { width: 595, height: 842 };
const MARGIN = 64;

/** Lines of at most `width` points, broken at spaces (and, when asked, inside long words with a hyphen). */
function wrap(paragraph: string, font: PDFFont, size: number, width: number, hyphenate: boolean): string[] {
  const lines: string[] = [];
  let line = '';
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
  for (const word of paragraph.split(/ +/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (fits(next)) {
      line = next;
      continue;
    }
    if (hyphenate && line && /^[a-z]{9,}[,.;]?$/.test(word)) {
      // the longest head of the word that fits with its hyphen stays on this line
      let cut = word.length - 4;
      while (cut >= 4 && !fits(`${line} ${word.slice(0, cut)}-`)) cut--;
      if (cut >= 4) {
        lines.push(`${line} ${word.slice(0, cut)}-`);
        line = word.slice(cut);
        continue;
      }
    }
    if (line) lines.push(line);
    line = word;
  }
  if (line) lines.push(line);
  return lines;
}

/** The text as a PDF with a text layer: each non-blank line of the text is one paragraph. */
export async function printPdf(text: string, options: PrintOptions = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const size = options.fontSize ?? 11;
  const leading = size * 1.35;
  const width = A4.width - 2 * MARGIN;
  const paragraphs = text.split('\n').map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
  const pages: { lines: { text: string; y: number }[] }[] = [];
  let page = { lines: [] as { text: string; y: number }[] };
  let y = A4.height - MARGIN - 2 * leading;
  const bottom = MARGIN + 2 * leading;
  for (const p of paragraphs) {
    for (const line of wrap(p, font, size, width, options.hyphenate ?? false)) {
      if (y < bottom) {
        pages.push(page);
        page = { lines: [] };
        y = A4.height - MARGIN - 2 * leading;
      }
      page.lines.push({ text: line, y });
      y -= leading;
    }
    y -= leading * 0.8; // the gap that marks a paragraph
  }
  pages.push(page);
  pages.forEach((p, i) => {
    const pdfPage = doc.addPage([A4.width, A4.height]);
    if (options.header) pdfPage.drawText(options.header, { x: MARGIN, y: A4.height - MARGIN + leading, size: size - 2, font });
    for (const line of p.lines) pdfPage.drawText(line.text, { x: MARGIN, y: line.y, size, font });
    if (options.footer) pdfPage.drawText(options.footer, { x: MARGIN, y: MARGIN - leading, size: size - 2, font });
    const number = String(i + 1);
    pdfPage.drawText(number, { x: A4.width - MARGIN - font.widthOfTextAtSize(number, size - 2), y: MARGIN - leading, size: size - 2, font });
  });
  return doc.save();
}

/** The pages of `pdf` rendered to images and put back as pages with no text layer: a scan. */
export async function scanPdf(pdf: Uint8Array, scale = 3): Promise<Uint8Array> {
  const { getDocumentProxy, renderPageAsImage } = await import('unpdf');
  const source = await getDocumentProxy(new Uint8Array(pdf));
  const out = await PDFDocument.create();
  for (let n = 1; n <= source.numPages; n++) {
    const png = await renderPageAsImage(source, n, { canvasImport: () => import('@napi-rs/canvas'), scale });
    const image = await out.embedPng(png);
    const page = out.addPage([A4.width, A4.height]);
    page.drawImage(image, { x: 0, y: 0, width: A4.width, height: A4.height });
  }
  await source.loadingTask.destroy();
  return out.save();
}
