import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../../server/config.js';
import { StoreInUseError } from '../../server/errors.js';
import { openStore } from '../../server/store/open-store.js';
import type { GraphStore } from '../../server/store/port.js';
import { seedCorpus, type SeedSummary } from '../pipeline.js';
import { watchFolder } from './watch-folder.js';

const USAGE = `usage: npm run seed -- [DIR] [--strict] [--watch]

Reads the documents of DIR (default: CORPUS_DIR) and its sub-folders into the configured
store. Documents of files no longer in DIR are removed, with what only they supported.

  --strict   exit with code 1 when any file was skipped
  --watch    keep running, and seed again whenever a file in DIR changes
  --help     this text`;

const parse = () => parseArgs({
  allowPositionals: true,
  options: { strict: { type: 'boolean', default: false }, watch: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
});

async function main(): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse();
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.values.help) {
    console.log(USAGE);
    return 0;
  }
  if (args.positionals.length > 1) {
    console.error(`one folder at a time (given: ${args.positionals.join(', ')})\n${USAGE}`);
    return 2;
  }
  const config = loadConfig();
  const dir = path.resolve(args.positionals[0] ?? config.CORPUS_DIR);
  const store = await openStore(config, { warn: (message) => console.error(`seed: ${message}`) });
  try {
    process.stderr.write(`seeding ${dir} into the ${store.backend} store\n`);
    const summary = await seedOnce(store, dir, config.OVERRIDES_FILE);
    if (!args.values.watch) return args.values.strict && summary.skipped.length ? 1 : 0;
    await watchFolder(dir, () => process.stderr.write(`watching ${dir}; stop with Ctrl+C\n`), async (changed) => {
      process.stderr.write(`${changed.length} change${changed.length === 1 ? '' : 's'} (${changed.slice(0, 3).map((f) => path.relative(dir, f)).join(', ')}${changed.length > 3 ? ', …' : ''}): seeding again\n`);
      await seedOnce(store, dir, config.OVERRIDES_FILE);
    });
    return 0;
  } finally {
    await store.close();
  }
}

async function seedOnce(store: GraphStore, dir: string, overridesFile: string): Promise<SeedSummary> {
  const tty = process.stderr.isTTY;
  let stageShown = '';
  let stageStarted = 0;
  const summary = await seedCorpus({
    store,
    dir,
    // the same corrections the server writes (OVERRIDES_FILE)
    overridesFile,
    onSkip: (file, reason) => process.stderr.write(`${tty ? '\r\x1b[K' : ''}skipped ${path.relative(process.cwd(), file) || file}: ${reason}\n`),
    onProgress: ({ stage, done, total, elapsedMs }) => {
      if (stage !== stageShown) stageStarted = elapsedMs;
      stageShown = stage;
      const rate = done / Math.max((elapsedMs - stageStarted) / 1000, 0.001);
      const line = `${stage === 'extract' ? 'extracted' : 'loaded'} ${done}/${total} documents, ${rate.toFixed(1)} docs/s`;
      if (tty) process.stderr.write(`\r\x1b[K${line}`);
      else if (done === total || done % 100 === 0) process.stderr.write(`${line}\n`);
    },
  });
  if (tty) process.stderr.write('\n');
  for (const line of summary.samePaths) process.stderr.write(`same text as another file, kept as one document with both paths: ${line}\n`);
  for (const line of summary.resolved) process.stderr.write(`resolved across documents: ${line}\n`);
  for (const line of summary.overrides) process.stderr.write(`override: ${line}\n`);
  for (const id of summary.removed.documents) process.stderr.write(`removed ${id}: its file is no longer in the folder\n`);
  const counts = await store.counts();
  const joined = summary.samePaths.length ? `, ${summary.samePaths.length} of them the same text as another file and kept as one document` : '';
  console.log(
    `loaded ${summary.filesLoaded} of ${summary.files} files (${summary.unchanged} unchanged${joined}), skipped ${summary.skipped.length}; ` +
    `${summary.quotes} quotes, ${summary.entities} entities extracted, ${summary.resolved.length} names resolved across documents; ` +
    `${summary.overrides.length} overrides applied; in ${(summary.elapsedMs / 1000).toFixed(2)} s`,
  );
  if (summary.removed.documents.length) console.log(`removed ${summary.removed.documents.length} documents no longer in the folder, and what only they supported: ${describeRemoved(summary)}`);
  console.log(`store now holds: ${Object.entries(counts.nodes).map(([k, v]) => `${v} ${k}`).join(', ')}`);
  return summary;
}

function describeRemoved(summary: SeedSummary): string {
  const byLabel = new Map<string, number>();
  for (const r of summary.removed.removed) byLabel.set(r.label, (byLabel.get(r.label) ?? 0) + 1);
  return byLabel.size ? [...byLabel].map(([label, n]) => `${n} ${label}`).join(', ') : 'nothing else';
}

main().then((code) => process.exit(code), (error: unknown) => {
  const known = error instanceof ConfigError || error instanceof StoreInUseError;
  console.error(known ? `seed: ${(error as Error).message}` : `seed failed: ${(error as Error).message}`);
  process.exit(1);
});
