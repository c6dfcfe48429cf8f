// `npm run extract -- --json FILE...`: one JSON array in the contract shape of DESIGN.md, one
// object per readable file. A file that cannot be used gets one line on stderr and is left out;
// the rest goes on. Exit code 0, or 1 with --strict when something was skipped.

import { loadGazetteer } from '../gazetteer/index.js';
import { extractDocument, toContract, type ExtractionContract } from '../extract/index.js';
import { readDocument } from '../ingest/read-document.js';

const USAGE = 'usage: npm run extract -- [--json] [--strict] FILE...\n       npm run extract -- --explain FILE   each quote, its speaker, confidence, sieve and resolver with the mention text';

const clip = (s: string, n = 70) => (s.length > n ? `${s.slice(0, n - 1)}…` : s).replace(/\s+/g, ' ');

async function explain(file: string): Promise<number> {
  const read = await readDocument(file);
  if (!read.ok) {
    console.error(`${file}: skipped: ${read.reason}`);
    return 1;
  }
  const text = read.document.text;
  const x = extractDocument(text, { docName: read.document.fileName, gazetteer: loadGazetteer(), pageFurniture: read.document.pageFurniture });
  for (const q of x.quotes) {
    const e = q.evidence;
    const who = q.speaker ?? (q.candidates?.length ? `unattributed (candidate ${q.candidates.map((c) => `${c.name} ${c.score.toFixed(2)}`).join(', ')})` : 'unattributed');
    console.log(`[${q.start}-${q.end}] “${clip(q.text)}”`);
    console.log(`  speaker: ${who}${q.speakerKind ? ` (${q.speakerKind})` : ''}, confidence ${q.confidence.toFixed(2)}`);
    console.log(`  found by: ${e.sieve ?? 'no sieve'}; resolved by: ${e.resolvedBy ?? '-'}`);
    console.log(`  cue: ${e.cue ? `“${text.slice(e.cue.start, e.cue.end)}”` : '-'}; mention: ${e.mention ? `“${clip(text.slice(e.mention.start, e.mention.end), 60)}” [${e.mention.start}-${e.mention.end}]` : '-'}`);
  }
  return 0;
}

export async function runExtract(argv: string[]): Promise<number> {
  const files = argv.filter((a) => !a.startsWith('--'));
  if (argv.includes('--explain') && files.length === 1) return explain(files[0]!);
  const unknown = argv.filter((a) => a.startsWith('--') && a !== '--json' && a !== '--strict');
  if (unknown.length > 0 || files.length === 0) {
    console.error(unknown.length > 0 ? `unknown option ${unknown.join(' ')}\n${USAGE}` : USAGE);
    return 2;
  }
  const strict = argv.includes('--strict');
  const gazetteer = loadGazetteer();
  const out: ExtractionContract[] = [];
  let skipped = 0;
  for (const file of files) {
    const read = await readDocument(file);
    if (!read.ok) {
      skipped++;
      console.error(`${file}: skipped: ${read.reason}`);
      continue;
    }
    try {
      out.push(toContract(extractDocument(read.document.text, { docName: read.document.fileName, gazetteer, pageFurniture: read.document.pageFurniture })));
    } catch (error) {
      skipped++;
      console.error(`${file}: skipped: extraction failed: ${(error as Error).message}`);
    }
  }
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  return strict && skipped > 0 ? 1 : 0;
}

process.exitCode = await runExtract(process.argv.slice(2));
