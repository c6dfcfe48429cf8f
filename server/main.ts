import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pino } from 'pino';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createApp } from './http/app.js';
import { LadybugStore } from './store/ladybug/ladybug-store.js';
import { openStore } from './store/open-store.js';
import type { GraphStore } from './store/port.js';

// npm start: build the client if needed, seed the store on first start (when it holds no document), serve both.

const CLIENT_DIR = path.resolve('dist/client');

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.LOG_LEVEL });
  // the store first: an unreachable Neo4j should stop start-up before any other work
  const store = await openStore(config);
  await seedIfEmpty(store, config, logger);
  // the embedded store's search and adjacency indexes, built while the server starts: until they
  // are ready, answers come from the database (the same answers, slower on a large graph)
  if (store instanceof LadybugStore) {
    const started = Date.now();
    store.warmIndexes().then(
      () => logger.info(`in-memory indexes ready in ${Date.now() - started} ms`),
      (error: unknown) => logger.warn(`in-memory indexes not built (${error instanceof Error ? error.message : String(error)}); answering from the database`),
    );
  }
  await ensureClientBuilt(logger);
  const app = createApp({ store, logger, clientDir: CLIENT_DIR, limits: { timeoutMs: config.QUERY_TIMEOUT_MS, rowLimit: config.QUERY_ROW_LIMIT } });
  const server = app.listen(config.PORT, config.HOST, () => {
    const { port } = server.address() as AddressInfo;
    logger.info(`oversight-graph on the ${store.backend} store: http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}/`);
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    console.error(`cannot listen on ${config.HOST}:${config.PORT}: ${error.code === 'EADDRINUSE' ? 'the port is in use (set PORT)' : error.message}`);
    process.exit(1);
  });
  const stop = () => {
    logger.info('shutting down');
    server.close(() => void store.close().then(() => process.exit(0)));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/** Builds the client when there is no build yet, or when a source file is newer than it. */
async function ensureClientBuilt(logger: pino.Logger): Promise<void> {
  const built = path.join(CLIENT_DIR, 'index.html');
  const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
  if (builtAt > newestSource([path.resolve('client'), path.resolve('vite.config.ts')])) return;
  logger.info(builtAt ? 'client sources changed: rebuilding the client' : 'building the client (first start)');
  const { build } = await import('vite');
  await build({ configFile: path.resolve('vite.config.ts'), logLevel: 'warn' });
}

function newestSource(paths: string[]): number {
  let newest = 0;
  for (const p of paths) {
    if (!fs.existsSync(p)) continue;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) newest = Math.max(newest, newestSource(fs.readdirSync(p).map((name) => path.join(p, name))));
    else newest = Math.max(newest, stat.mtimeMs);
  }
  return newest;
}

async function seedIfEmpty(store: GraphStore, config: Config, logger: pino.Logger): Promise<void> {
  const counts = await store.counts();
  if (counts.nodes.Document > 0) return;
  logger.info(`empty store: seeding the sample corpus from ${config.CORPUS_DIR}`);
  const { seedCorpus } = await import('../seed/pipeline.js');
  const summary = await seedCorpus({ store, dir: config.CORPUS_DIR, onSkip: (file, reason) => logger.warn(`skipped ${file}: ${reason}`) });
  logger.info(`seeded ${summary.loaded} documents, ${summary.quotes} quotes in ${summary.elapsedMs} ms`);
}

main().catch((error: unknown) => {
  // one clear line, never a stack trace
  console.error(error instanceof ConfigError ? error.message : `oversight-graph could not start: ${(error as Error).message}`);
  process.exit(1);
});
