// `npm run extract -- --json FILE...`: one JSON array in the contract shape of DESIGN.md, one
// object per readable file. A file that cannot be used gets one line on stderr and is left out;
// the rest goes on. Exit code 0, or 1 with --strict when something was skipped.

import { loadGazetteer } from '../gazetteer/index.js';
import { extractDocument, toContract, type ExtractionContract } from '../extract/index.js';
import { readDocument } from '../ingest/read-document.js';

const USAGE = 'usage: npm run extract -- [--json] [--strict] FILE...';

export async function runExtract(argv: string[]): Promise<number> {
  const files = argv.filter((a) => !a.startsWith('--'));
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
      out.push(toContract(extractDocument(read.document.text, { docName: read.document.fileName, gazetteer })));
    } catch (error) {
      skipped++;
      console.error(`${file}: skipped: extraction failed: ${(error as Error).message}`);
    }
  }
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  return strict && skipped > 0 ? 1 : 0;
}

process.exitCode = await runExtract(process.argv.slice(2));
