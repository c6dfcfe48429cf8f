import ExcelJS from 'exceljs';
import { AppError } from '../errors.js';
import type { GraphStore, QuoteFilter, QuoteView } from '../store/port.js';
import { everyQuote } from './every-quote.js';
import { rowsToCsv } from './export.js';

// A quote sheet: what a journalist pastes into a story's fact-check, one row for each document
// that carries a quote, with the quote in full, who said it in what role, and where exactly.

export const QUOTE_SHEET_COLUMNS = [
  'quote', 'speaker', 'speaker kind', 'role', 'organisation', 'document', 'publisher', 'published', 'url', 'start', 'end', 'page',
  'confidence', 'evidence', 'quote id', 'document id',
] as const;

/** "lead-in, resolved by name", "confirmed by curator", or for a withheld speaker who it might be */
function evidenceText(a: QuoteView['sources'][number]['attribution']): string | null {
  if (a.resolvedBy === 'curator') return 'confirmed by curator';
  if (a.sieve || a.resolvedBy) return [a.sieve, a.resolvedBy && `resolved by ${a.resolvedBy}`].filter(Boolean).join(', ');
  if (a.candidates.length) return `speaker withheld as unsure; candidates: ${a.candidates.map((c) => `${c.name} (${c.score.toFixed(2)})`).join('; ')}`;
  return null;
}

/** more quotes than this and the sheet is refused rather than cut short */
export const QUOTE_SHEET_MAX = 20_000;

const KIND = { Person: 'person', Organization: 'organisation', Report: 'report' } as Record<string, string>;

type Cell = string | number | null;

export function quoteSheetRows(quotes: QuoteView[]): Cell[][] {
  return quotes.flatMap((q) => {
    const roles = [...new Set(q.roles.map((r) => r.title))].join('; ');
    const orgs = q.speaker?.label === 'Organization' ? q.speaker.name : [...new Set(q.roles.map((r) => r.organization))].join('; ');
    return q.sources.map((s) => [
      q.text, q.speaker?.name ?? null, q.speaker ? (KIND[q.speaker.label] ?? q.speaker.label) : null, roles || null, orgs || null,
      s.title, s.publisher, s.publishedAt, s.url, s.start, s.end, s.page,
      s.attribution.confidence === null ? null : Number(s.attribution.confidence.toFixed(3)), evidenceText(s.attribution), q.id, s.documentId,
    ]);
  });
}

/** Every quote the filter matches, in the store's order, or a 400 when there are too many for one sheet. */
export function allQuotes(store: GraphStore, filter: Omit<QuoteFilter, 'limit' | 'offset'>): Promise<QuoteView[]> {
  return everyQuote(store, filter, (total) => {
    if (total > QUOTE_SHEET_MAX) throw new AppError('TOO_MANY_QUOTES', `${total} quotes match; a sheet holds at most ${QUOTE_SHEET_MAX}: narrow the filter (speaker, document, from, to, q)`, 400);
  });
}

export function quoteSheetCsv(quotes: QuoteView[]): string {
  return rowsToCsv([...QUOTE_SHEET_COLUMNS], quoteSheetRows(quotes));
}

export async function quoteSheetXlsx(quotes: QuoteView[], about: { filter: string; generatedAt: string }): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'oversight-graph';
  book.created = new Date(about.generatedAt);
  const sheet = book.addWorksheet('Quotes', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = QUOTE_SHEET_COLUMNS.map((header) => ({
    header, key: header,
    width: header === 'quote' ? 80 : header === 'document' || header === 'evidence' ? 40 : ['start', 'end', 'page', 'confidence'].includes(header) ? 9 : 22,
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of quoteSheetRows(quotes)) sheet.addRow(row.map((v) => v ?? ''));
  sheet.getColumn('quote').alignment = { wrapText: true, vertical: 'top' };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: QUOTE_SHEET_COLUMNS.length } };
  const info = book.addWorksheet('About');
  info.addRows([
    ['exported from', 'oversight-graph'],
    ['at', about.generatedAt],
    ['filter', about.filter || 'none: every quote'],
    ['quotes', quotes.length],
    ['note', 'one row for each document carrying a quote; start and end are character offsets in the document text'],
  ]);
  info.getColumn(1).font = { bold: true };
  info.getColumn(2).width = 90;
  return Buffer.from(await book.xlsx.writeBuffer());
}
