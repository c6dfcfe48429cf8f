import path from 'node:path';
import { ConfigError, loadConfig } from '../../server/config.js';
import { openStore } from '../../server/store/open-store.js';
import { seedCorpus } from '../pipeline.js';

// npm run seed [-- DIR] [--strict]: extract the documents of DIR and load them into the configured store.

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const strict = args.includes('--strict');
  const config = loadConfig();
  const dir = path.resolve(args.find((a) => !a.startsWith('--')) ?? config.CORPUS_DIR);
  const store = await openStore(config);
  const tty = process.stderr.isTTY;
  let stageShown = '';
  let stageStarted = 0;
  try {
    process.stderr.write(`seeding ${dir} into the ${store.backend} store\n`);
    const summary = await seedCorpus({
      store,
      dir,
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
    for (const line of summary.resolved) process.stderr.write(`resolved across documents: ${line}\n`);
    for (const line of summary.overrides) process.stderr.write(`override: ${line}\n`);
    const counts = await store.counts();
    console.log(
      `loaded ${summary.loaded} of ${summary.documents} documents (${summary.unchanged} unchanged), skipped ${summary.skipped.length}; ` +
      `${summary.quotes} quotes, ${summary.entities} entities extracted, ${summary.resolved.length} names resolved across documents; ` +
      `${summary.overrides.length} overrides applied; in ${(summary.elapsedMs / 1000).toFixed(2)} s`,
    );
    console.log(`store now holds: ${Object.entries(counts.nodes).map(([k, v]) => `${v} ${k}`).join(', ')}`);
    return strict && summary.skipped.length ? 1 : 0;
  } finally {
    await store.close();
  }
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `seed failed: ${(error as Error).message}`);
  process.exit(1);
});
