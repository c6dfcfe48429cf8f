import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { printPdf, scanPdf } from '../../scripts/support/print-pdf.js';
import { extractDocument } from '../../seed/extract/index.js';
import { loadGazetteer } from '../../seed/gazetteer/index.js';
import { readDocument } from '../../seed/ingest/read-document.js';

// One statement in every format the seed reads: the same quotes, with the same speakers and
// spans that index each format's own text, whether it comes as plain text, Word, a PDF's text
// layer or a scan read by OCR. And a file of a format that cannot be read is one reason, not a crash.

/** An invented press statement: four quotes from three named speakers with their roles, the first run over two paragraphs in the UK style (no close, reopened). */
const STATEMENT = [
  'Custody inspection finds gaps in overnight checks',
  'Inspectors who visited the custody suites of Northmoor Police this spring found that detainees at risk of harm were not always checked as often as their care plans required.',
  'HM Inspector of Constabulary Fiona Castellane said: ‘We saw custody officers working hard on every shift, but too often there were not enough of them to carry out the checks that keep vulnerable people safe.',
  '‘The force has known about this for two years, and it now needs to act.’',
  'The chief constable of Northmoor Police, Andrew Pellow, said the force accepted every recommendation. ‘We have already moved twelve detention officers onto night shifts, and we will report our progress to the commissioner every month,’ he said.',
  'Sarah Kettering, the police and crime commissioner for Northmoor, said: ‘I will hold the chief constable to that promise, and I will publish what I find.’',
];
const EXPECTED: [text: string, speaker: string][] = [
  ['We saw custody officers working hard on every shift, but too often there were not enough of them to carry out the checks that keep vulnerable people safe.', 'Fiona Castellane'],
  ['The force has known about this for two years, and it now needs to act.', 'Fiona Castellane'],
  ['We have already moved twelve detention officers onto night shifts, and we will report our progress to the commissioner every month', 'Andrew Pellow'],
  ['I will hold the chief constable to that promise, and I will publish what I find.', 'Sarah Kettering'],
];

const PRINT = { header: 'Northmoor custody inspection: statement', footer: 'For immediate release', hyphenate: true };

let dir: string;
const gazetteer = loadGazetteer();

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'og-formats-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

async function docx(paragraphs: readonly string[]): Promise<Uint8Array> {
  const doc = new Document({ sections: [{ children: paragraphs.map((p) => new Paragraph({ children: [new TextRun(p)] })) }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** The file read and extracted as the seed does it; each quote's span checked against the text it indexes. */
async function quotesOf(file: string) {
  const read = await readDocument(file);
  if (!read.ok) throw new Error(`${path.basename(file)}: ${read.reason}`);
  const { text, pageFurniture, pageStarts, textSource } = read.document;
  const extraction = extractDocument(text, { docName: read.document.fileName, gazetteer, pageFurniture });
  for (const q of extraction.quotes) expect(text.slice(q.start, q.end), `span of "${q.text}" in ${path.basename(file)}`).toBe(q.text);
  return { textSource, text, pageStarts, pageFurniture, spans: extraction.quotes, quotes: extraction.quotes.map((q) => [q.text, q.speaker] as const) };
}

/** OCR's small slips forgiven: case, quote marks, dashes and other punctuation, spacing. */
const loose = (s: string) =>
  s
    .toLowerCase()
    .replace(/[‘’'`´"“”]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

describe('one statement in every format', () => {
  it('gives the statement its quotes and speakers as plain text', async () => {
    const { quotes } = await quotesOf(write('statement.txt', STATEMENT.join('\n\n')));
    expect(quotes).toEqual(EXPECTED);
  });

  it('gives the same quotes and speakers from a Word document', async () => {
    const { textSource, quotes } = await quotesOf(write('statement.docx', await docx(STATEMENT)));
    expect(textSource).toBe('docx');
    expect(quotes).toEqual(EXPECTED);
  });

  it('gives the same quotes and speakers from a two-page PDF text layer, its header, footer and page numbers masked', async () => {
    // large type, so the running header and footer repeat and page 2 starts inside a quote
    const pdf = await printPdf(STATEMENT.join('\n'), { ...PRINT, fontSize: 22 });
    const { textSource, text, quotes, spans, pageStarts, pageFurniture } = await quotesOf(write('statement.pdf', pdf));
    expect(textSource).toBe('pdf');
    expect(pageStarts).toHaveLength(2);
    expect(spans.some((q) => q.start < pageStarts![1]! && pageStarts![1]! < q.end)).toBe(true);
    expect(pageFurniture.map((f) => text.slice(f.start, f.end))).toEqual([
      'Northmoor custody inspection: statement',
      'For immediate release 1',
      'Northmoor custody inspection: statement',
      'For immediate release 2',
    ]);
    expect(quotes).toEqual(EXPECTED);
  });

  it('gives the same quotes and speakers from a one-page scan with no text layer, read by OCR', { timeout: 120_000 }, async () => {
    const scan = await scanPdf(await printPdf(STATEMENT.join('\n'), PRINT));
    const file = write('statement-scan.pdf', scan);
    const progress = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const result = await quotesOf(file).finally(() => progress.mockRestore());
    expect(result.textSource).toBe('ocr');
    expect(result.quotes.map(([, speaker]) => speaker)).toEqual(EXPECTED.map(([, speaker]) => speaker));
    result.quotes.forEach(([text], i) => {
      const want = loose(EXPECTED[i]![0]);
      const got = loose(text);
      expect(editDistance(got, want), `OCR read "${text}"`).toBeLessThanOrEqual(Math.max(3, Math.round(want.length * 0.03)));
    });
  });
});

describe('a file that cannot be read is skipped with one reason', () => {
  const reasonFor = async (file: string) => {
    const read = await readDocument(file);
    expect(read.ok, path.basename(file)).toBe(false);
    return read.ok ? '' : read.reason;
  };

  it('names OCR as what is missing when a scan cannot be read', { timeout: 60_000 }, async () => {
    const scan = await scanPdf(await printPdf(STATEMENT.join('\n'), PRINT));
    vi.doMock('tesseract.js', async (original) => ({
      ...(await original<typeof import('tesseract.js')>()),
      createWorker: () => Promise.reject(new Error('the language model could not be loaded')),
    }));
    try {
      expect(await reasonFor(write('scan-no-ocr.pdf', scan))).toBe(
        'no text layer, and OCR is not possible: tesseract could not start (the language model could not be loaded)',
      );
    } finally {
      vi.doUnmock('tesseract.js');
    }
  });

  it('refuses a corrupt PDF, a file of junk or one cut off half way, and prints nothing else', async () => {
    const whole = await printPdf(STATEMENT.join('\n'), PRINT);
    const junk = write('junk.pdf', 'This was never a PDF, only a name that says so.');
    const cut = write('cut.pdf', whole.slice(0, Math.floor(whole.length / 2)));
    const printed = [vi.spyOn(console, 'log'), vi.spyOn(console, 'warn'), vi.spyOn(console, 'error')];
    try {
      expect(await reasonFor(junk)).toMatch(/^not a readable PDF \([^\n]+\)$/);
      expect(await reasonFor(cut)).toMatch(/^not a readable PDF \([^\n]+\)$/);
      for (const spy of printed) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of printed) spy.mockRestore();
    }
  });

  it('refuses a .docx that is not a zip', async () => {
    expect(await reasonFor(write('letter.docx', STATEMENT.join('\n\n')))).toBe('not a Word document (not a .docx zip)');
  });

  it('refuses an OpenDocument file with what to do instead', async () => {
    expect(await reasonFor(write('minutes.odt', await docx(STATEMENT)))).toBe('OpenDocument (.odt) is not read: save it as .docx or PDF');
  });
});
