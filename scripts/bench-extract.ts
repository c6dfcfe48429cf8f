// `npm run bench:extract`: extraction throughput on one core over a few thousand generated
// news-style documents (quotes in several styles, names, roles, figures, page clutter), then
// one long printed report: a 200-page PDF with a text layer (running header, footer, page
// numbers, headings, paragraphs, quotes) read and extracted, beside the same text as a .txt.
// Deterministic: a seeded PRNG builds the same corpus on every run. The bar is 200 docs/s.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PDFDocument } from 'pdf-lib';
import { extractDocument } from '../seed/extract/index.js';
import { loadGazetteer } from '../seed/gazetteer/index.js';
import { readDocument } from '../seed/ingest/read-document.js';
import { printPdf } from './support/print-pdf.js';

const DOCS = Number(process.env.BENCH_DOCS ?? 3000);
const PDF_PAGES = Number(process.env.BENCH_PDF_PAGES ?? 200);

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let rand = mulberry32(20240601);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));

const PEOPLE = [
  ['Chief Constable', 'Rachel Moore', 'she'], ['Police and Crime Commissioner', 'David Hughes', 'he'],
  ['Home Secretary', 'Priti Patel', 'she'], ['HM Inspector of Constabulary', 'Matt Parr', 'he'],
  ['chief executive', 'Helen Porter', 'she'], ['Detective Superintendent', 'Gareth Lloyd', 'he'],
] as const;
const FORCES = ['Kent Police', 'Essex Police', 'Surrey Police', 'Thames Valley Police', 'West Yorkshire Police', 'Durham Constabulary'];
const BODIES = ['HMICFRS', 'the IOPC', 'Unison', 'the Police Federation', 'Refuge', 'the College of Policing'];
const STATEMENTS = [
  'We take every allegation seriously and will act on the findings',
  'This is a wake-up call for every force in the country',
  'Officers who abuse their position have no place in policing',
  'The public deserve better, and we intend to deliver it',
  'I am determined that victims will be listened to and believed',
  'There is much more to do, but the direction is clear',
];
const MARKS: readonly (readonly [string, string])[] = [['“', '”'], ['"', '"'], ['‘', '’'], ["'", "'"]];

function paragraph(i: number, who: readonly [string, string, string], force: string): string {
  const [role, name, pron] = who;
  const [o, c] = pick(MARKS);
  const s = pick(STATEMENTS);
  switch (i % 6) {
    case 0:
      return `${role} ${name} said: ${o}${s}.${c}`;
    case 1:
      return `${o}${s},${c} ${pron} said. ${o}${pick(STATEMENTS)}.${c}`;
    case 2:
      return `${name}, ${role.toLowerCase()} of ${force}, told reporters that the force's response was ${o}${pick(['deeply disappointing', 'far too slow', 'a step in the right direction'])}${c}.`;
    case 3:
      return `The report found ${int(12, 900)} allegations of misconduct and ${int(5, 60)} per cent of cases were referred to ${pick(BODIES)}, with one in ${int(3, 9)} officers not re-vetted.`;
    case 4:
      return `According to ${pick(BODIES)}, ${int(2, 40)} officers at ${force} had been dismissed since ${int(2014, 2022)}.`;
    default:
      return `${o}${s}.${c}\n\n${o}${pick(STATEMENTS)}.${c}`;
  }
}

function document(): string {
  const force = pick(FORCES);
  const parts = ['Home | News | Crime', `${force} criticised over handling of misconduct cases`];
  const n = int(6, 14);
  for (let i = 0; i < n; i++) parts.push(paragraph(int(0, 5), pick(PEOPLE), force));
  if (rand() < 0.5) parts.push('Hide Ad');
  parts.push('Add your comment', ...Array.from({ length: int(3, 8) }, () => `${pick(FORCES)} launches new recruitment drive`));
  if (rand() < 0.5) parts.push('This site uses cookies. By continuing to browse the site you are agreeing to our use of cookies.');
  return parts.join('\n\n');
}

const docs = Array.from({ length: DOCS }, document);
const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d), 0);
const gazetteer = loadGazetteer();
for (const d of docs.slice(0, 50)) extractDocument(d, { docName: 'warm-up', gazetteer }); // JIT warm-up

const times: number[] = [];
let quotes = 0;
const t0 = performance.now();
docs.forEach((d, i) => {
  const s = performance.now();
  quotes += extractDocument(d, { docName: `bench-${i}.txt`, gazetteer }).quotes.length;
  times.push(performance.now() - s);
});
const total = (performance.now() - t0) / 1000;
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
const docsPerSec = DOCS / total;
console.log(
  `${DOCS} documents (${(bytes / 1e6).toFixed(2)} MB, ${quotes} quotes) in ${total.toFixed(2)} s: ` +
    `${docsPerSec.toFixed(0)} docs/s, ${(bytes / 1e6 / total).toFixed(2)} MB/s, p50 ${pct(0.5).toFixed(2)} ms, p95 ${pct(0.95).toFixed(2)} ms per document` +
    ` (bar: 200 docs/s ${docsPerSec >= 200 ? 'met' : 'NOT met'})`,
);

// One long printed report: paragraphs of the same kinds under numbered headings, printed with
// a running header and footer and page numbers, as many as fill PDF_PAGES pages.
function report(paragraphs: number): string {
  rand = mulberry32(20240602); // the same report, however long: n paragraphs are the first n of n + 1
  const force = pick(FORCES);
  const parts = [`An inspection of ${force}: vetting, misconduct and the response to complaints`];
  for (let i = 0; i < paragraphs; i++) {
    if (i % 12 === 0) parts.push(`${i / 12 + 1}. ${pick(['Findings', 'Vetting', 'Misconduct', 'Complaints', 'Leadership', 'Recommendations'])}`);
    parts.push(paragraph(int(0, 5), pick(PEOPLE), force));
  }
  return parts.join('\n\n');
}

async function printedReport(pagesWanted: number): Promise<{ text: string; pdf: Uint8Array; pages: number }> {
  const print = (text: string) => printPdf(text, { header: 'Inspection of vetting and misconduct', footer: 'Official: for publication', hyphenate: true });
  let n = pagesWanted * 10;
  let text = report(n);
  let pdf = await print(text);
  let pages = (await PDFDocument.load(pdf)).getPageCount();
  // scale the number of paragraphs until the pages come out right
  for (let round = 0; round < 12 && pages !== pagesWanted; round++) {
    n = Math.max(1, pages > pagesWanted ? Math.min(n - 1, Math.round((n * pagesWanted) / pages)) : Math.max(n + 1, Math.round((n * pagesWanted) / pages)));
    text = report(n);
    pdf = await print(text);
    pages = (await PDFDocument.load(pdf)).getPageCount();
  }
  return { text, pdf, pages };
}

async function readAndExtract(file: string) {
  const s = performance.now();
  const read = await readDocument(file);
  const readMs = performance.now() - s;
  if (!read.ok) throw new Error(`${file}: ${read.reason}`);
  const e = performance.now();
  const x = extractDocument(read.document.text, { docName: read.document.fileName, gazetteer, pageFurniture: read.document.pageFurniture });
  const extractMs = performance.now() - e;
  return { readMs, extractMs, quotes: x.quotes.map((q) => `${q.speaker}: ${q.text}`), chars: read.document.text.length };
}

if (PDF_PAGES > 0) {
  const { text, pdf, pages } = await printedReport(PDF_PAGES);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'og-bench-pdf-'));
  try {
    const pdfFile = path.join(dir, 'report.pdf');
    const txtFile = path.join(dir, 'report.txt');
    fs.writeFileSync(pdfFile, pdf);
    fs.writeFileSync(txtFile, text);
    // warm-up: the first PDF read loads PDF.js (the extraction is warm from the run above)
    const warmUp = path.join(dir, 'warm-up.pdf');
    fs.writeFileSync(warmUp, await printPdf(report(20)));
    await readDocument(warmUp);
    const p = await readAndExtract(pdfFile);
    const t = await readAndExtract(txtFile);
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    console.log(
      `PDF, ${pages} pages (${(pdf.length / 1e6).toFixed(2)} MB, text layer, running header, footer and page numbers; ${p.chars.toLocaleString('en-GB')} characters, ${p.quotes.length} quotes): ` +
        `read ${s(p.readMs)}, extract ${s(p.extractMs)}, ${(pages / ((p.readMs + p.extractMs) / 1000)).toFixed(0)} pages/s ` +
        `(read alone ${(pages / (p.readMs / 1000)).toFixed(0)} pages/s)`,
    );
    console.log(
      `the same text as .txt (${(Buffer.byteLength(text) / 1e6).toFixed(2)} MB, ${t.quotes.length} quotes): read ${s(t.readMs)}, extract ${s(t.extractMs)}; ` +
        `quotes and speakers ${p.quotes.join('\n') === t.quotes.join('\n') ? 'the same as' : 'DIFFERENT from'} the PDF's`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
