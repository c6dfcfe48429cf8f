// `npm run extract -- --json FILE...`: one JSON array in the contract shape of DESIGN.md, one
// object per readable file. A file that cannot be used gets one line on stderr and is left out;
// the rest goes on. Exit code 0, or 1 with --strict when something was skipped.

import { parseArgs } from 'node:util';
import { loadGazetteer } from '../gazetteer/index.js';
import { extractDocument, toContract, type ExtractionContract } from '../extract/index.js';
import { documentTitle, readDocument } from '../ingest/read-document.js';

const USAGE = 'usage: npm run extract -- [--json] [--strict] FILE...\n       npm run extract -- --explain FILE   each quote, its speaker, confidence, sieve and resolver with the mention text';

const clip = (s: string, n = 70) => (s.length > n ? `${s.slice(0, n - 1)}…` : s).replace(/\s+/g, ' ');

async function explain(file: string): Promise<number> {
  const read = await readDocument(file);
  if (!read.ok) {
    console.error(`${file}: skipped: ${read.reason}`);
    return 1;
  }
  const text = read.document.text;
  const x = extractDocument(text, { docName: read.document.fileName, gazetteer: loadGazetteer(), pageFurniture: read.document.pageFurniture, publishedAt: read.document.meta.publishedAt });
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

const parse = (argv: string[]) => parseArgs({
  args: argv,
  allowPositionals: true,
  options: { json: { type: 'boolean' }, strict: { type: 'boolean' }, explain: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
});

export async function runExtract(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const files = parsed.positionals;
  if (parsed.values.help) {
    console.log(USAGE);
    return 0;
  }
  if (parsed.values.explain && files.length === 1) return explain(files[0]!);
  if (files.length === 0 || parsed.values.explain) {
    console.error(USAGE);
    return 2;
  }
  const strict = parsed.values.strict === true;
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
      const { meta } = read.document;
      out.push(toContract(
        extractDocument(read.document.text, { docName: read.document.fileName, gazetteer, pageFurniture: read.document.pageFurniture, publishedAt: meta.publishedAt }),
        { title: documentTitle(read.document), publisher: meta.publisher ?? null, publishedAt: meta.publishedAt ?? null },
      ));
    } catch (error) {
      skipped++;
      console.error(`${file}: skipped: extraction failed: ${(error as Error).message}`);
    }
  }
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  return strict && skipped > 0 ? 1 : 0;
}

process.exitCode = await runExtract(process.argv.slice(2));
