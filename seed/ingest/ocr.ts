// Scanned pages through OCR: each page rendered by PDF.js onto a @napi-rs/canvas bitmap and
// read by tesseract.js (its own worker thread, so the event loop stays free) with the English
// model shipped in @tesseract.js-data/eng. Nothing is fetched: the model is read from that
// package's folder and nothing is cached to disk.

import { createRequire } from 'node:module';
import path from 'node:path';
import type { LayoutLine, LayoutPage } from './layout.js';

export const OCR_LANGUAGE = 'eng';
/** 300 dots per inch: the resolution tesseract is trained for */
const RENDER_SCALE = 300 / 72;

export interface OcrProgress {
  name: string;
  page: number;
  done: number;
  total: number;
  elapsedMs: number;
}

/** The folder of the English model inside its npm package (LSTM, integer weights: tesseract.js's own default model). */
export function ocrLanguageFolder(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
}

/** Options for tesseract.js's worker: a local model, no cache written, no download possible. */
export function ocrWorkerOptions(logger?: (m: { status: string; progress: number }) => void) {
  return {
    langPath: ocrLanguageFolder(),
    cachePath: ocrLanguageFolder(),
    // 'none' reads the model from langPath every time and never writes a copy into the working folder
    cacheMethod: 'none',
    gzip: true,
    ...(logger ? { logger } : {}),
  };
}

type PdfDoc = Awaited<ReturnType<typeof import('unpdf')['getDocumentProxy']>>;

export type OcrResult = { ok: true; pages: Map<number, LayoutPage> } | { ok: false; reason: string };

const defaultProgress = (p: OcrProgress) =>
  process.stderr.write(`${p.name}: OCR page ${p.page} (${p.done} of ${p.total} without a text layer), ${(p.elapsedMs / 1000).toFixed(1)} s\n`);

/**
 * Tesseract's usual slip in printed prose: the pronoun "I" read as a bar ("and | will publish
 * what | find"), which would pass for the cells of a table. A bar before a lower-case word or a
 * contraction is the pronoun; one before a capital or a figure ("News | Sport", "Kent | 41") stays.
 */
export function correctOcrLine(text: string): string {
  return text.replace(/(?<=^|\s)\|(?=\s+\p{Ll}|['’](?:m|ve|ll|d)\b)/gu, 'I');
}

function tesseractLines(blocks: import('tesseract.js').Block[] | null, scale: number): LayoutLine[] {
  const lines: LayoutLine[] = [];
  for (const block of blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const text = correctOcrLine(line.text.replace(/\s+/g, ' ').trim());
        if (!text) continue;
        // the baseline and row height give every line of one type size the same height,
        // whatever letters it has, so a change of height still means a heading
        const baseline = (line.baseline.y0 + line.baseline.y1) / 2;
        const rowHeight = line.rowAttributes?.rowHeight || line.bbox.y1 - line.bbox.y0;
        const descent = line.rowAttributes?.descenders ?? 0;
        lines.push({
          text,
          left: line.bbox.x0 / scale,
          right: line.bbox.x1 / scale,
          top: (baseline + Math.abs(descent) - rowHeight) / scale,
          bottom: (baseline + Math.abs(descent)) / scale,
        });
      }
    }
  }
  return lines;
}

/** The given pages (1-based) of an open PDF, read by OCR; or why OCR cannot run. */
export async function ocrPages(
  doc: PdfDoc,
  pageNumbers: readonly number[],
  options: { name: string; onProgress?: (p: OcrProgress) => void },
): Promise<OcrResult> {
  let tesseract: typeof import('tesseract.js');
  let unpdf: typeof import('unpdf');
  try {
    tesseract = await import('tesseract.js');
    unpdf = await import('unpdf');
    await import('@napi-rs/canvas');
  } catch (error) {
    return { ok: false, reason: `an OCR library is missing (${((error as Error).message ?? '').split('\n')[0]})` };
  }
  const started = Date.now();
  const progress = options.onProgress ?? defaultProgress;
  let worker: import('tesseract.js').Worker;
  try {
    worker = await tesseract.createWorker(OCR_LANGUAGE, tesseract.OEM.LSTM_ONLY, ocrWorkerOptions());
  } catch (error) {
    return { ok: false, reason: `tesseract could not start (${String((error as Error)?.message ?? error).split('\n')[0]})` };
  }
  try {
    await worker.setParameters({ preserve_interword_spaces: '0' });
    const pages = new Map<number, LayoutPage>();
    for (const [i, n] of pageNumbers.entries()) {
      const page = await doc.getPage(n);
      const { width, height } = page.getViewport({ scale: 1 });
      let png: ArrayBuffer;
      try {
        png = await unpdf.renderPageAsImage(doc, n, { canvasImport: () => import('@napi-rs/canvas'), scale: RENDER_SCALE });
      } catch (error) {
        return { ok: false, reason: `page ${n} cannot be rendered (${((error as Error).message ?? '').split('\n')[0]})` };
      }
      const { data } = await worker.recognize(Buffer.from(png), {}, { blocks: true, text: false });
      pages.set(n, { width, height, lines: tesseractLines(data.blocks, RENDER_SCALE) });
      progress({ name: options.name, page: n, done: i + 1, total: pageNumbers.length, elapsedMs: Date.now() - started });
    }
    return { ok: true, pages };
  } catch (error) {
    return { ok: false, reason: `OCR failed (${String((error as Error)?.message ?? error).split('\n')[0]})` };
  } finally {
    await worker.terminate();
  }
}
