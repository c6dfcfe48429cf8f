import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pino } from 'pino';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createApp } from './http/app.js';
import { Curator } from './curation/curator.js';
import { Uploads } from './curation/uploads.js';
import { isLoopbackHost, writeAccessWarning } from './http/write-guard.js';
import { LadybugStore } from './store/ladybug/ladybug-store.js';
import { openStore } from './store/open-store.js';
import type { GraphStore } from './store/port.js';

// npm start: build the client if needed, seed the store on first start (when it holds no document), serve both.

const CLIENT_DIR = path.resolve('dist/client');

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.LOG_LEVEL });
  // the store first: an unreachable Neo4j should stop start-up before any other work
  const store = await openStore(config, { warn: (message) => logger.warn(message) });
  await seedFirstStart(store, config, logger);
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
  const curator = new Curator({ store, overridesFile: config.OVERRIDES_FILE, folders: [config.CORPUS_DIR, config.DOCUMENTS_DIR] });
  const writeAccess = { token: config.CURATOR_TOKEN, boundToLoopback: isLoopbackHost(config.HOST) };
  const refusal = writeAccessWarning(writeAccess, config.HOST);
  if (refusal) logger.warn(refusal);
  const app = createApp({
    store, logger, clientDir: CLIENT_DIR,
    limits: { timeoutMs: config.QUERY_TIMEOUT_MS, rowLimit: config.QUERY_ROW_LIMIT, byteLimit: config.QUERY_BYTE_LIMIT },
    consoleRateLimit: { windowMs: 60_000, limit: config.CONSOLE_RATE_LIMIT },
    allowedHosts: config.ALLOWED_HOSTS,
    trustProxy: config.TRUST_PROXY,
    writeAccess,
    curator,
    uploads: new Uploads({ store, curator, dir: config.DOCUMENTS_DIR, overridesFile: config.OVERRIDES_FILE }),
  });
  const server = app.listen(config.PORT, config.HOST, () => {
    const { port } = server.address() as AddressInfo;
    logger.info(`oversight-graph on the ${store.backend} store: http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}/`);
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    console.error(`cannot listen on ${config.HOST}:${config.PORT}: ${error.code === 'EADDRINUSE' ? 'the port is in use (set PORT)' : error.message}`);
    process.exit(1);
  });
  // stop taking requests, let those in flight end (a console query within its time limit),
  // then close the store, so nothing is left for the next open to replay
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down');
    server.close();
    server.closeIdleConnections();
    const grace = setTimeout(() => server.closeAllConnections(), config.QUERY_TIMEOUT_MS + 1000);
    grace.unref();
    const closed = new Promise<void>((resolve) => server.once('close', () => resolve()));
    void closed.then(() => store.close()).then(
      () => process.exit(0),
      (error: unknown) => { logger.error(`the store did not close cleanly: ${(error as Error).message}`); process.exit(1); },
    );
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

/**
 * Seeds the sample corpus into a store that holds no document, on either backend. A marker
 * beside the embedded store stands while that first seed runs, so one stopped halfway is
 * resumed at the next start (loading is idempotent) instead of being served as if complete.
 */
async function seedFirstStart(store: GraphStore, config: Config, logger: pino.Logger): Promise<void> {
  const marker = path.join(config.GRAPH_DATA_DIR, 'first-seed-in-progress');
  const resuming = fs.existsSync(marker);
  if (!resuming && (await store.counts()).nodes.Document > 0) return;
  logger.info(resuming ? `the first seed was interrupted: resuming it from ${config.CORPUS_DIR}` : `empty store: seeding the sample corpus from ${config.CORPUS_DIR}`);
  fs.mkdirSync(config.GRAPH_DATA_DIR, { recursive: true });
  fs.writeFileSync(marker, new Date().toISOString());
  const { seedCorpus } = await import('../seed/pipeline.js');
  // the uploaded documents too, so a store rebuilt from its folders has everything it had
  for (const dir of [config.CORPUS_DIR, config.DOCUMENTS_DIR]) {
    if (dir !== config.CORPUS_DIR && !fs.existsSync(dir)) continue;
    const summary = await seedCorpus({ store, dir, overridesFile: config.OVERRIDES_FILE, onSkip: (file, reason) => logger.warn(`skipped ${file}: ${reason}`) });
    logger.info(`seeded ${summary.loaded} documents, ${summary.quotes} quotes from ${dir} in ${summary.elapsedMs} ms`);
  }
  fs.rmSync(marker, { force: true });
}

main().catch((error: unknown) => {
  // one clear line, never a stack trace
  console.error(error instanceof ConfigError ? error.message : `oversight-graph could not start: ${(error as Error).message}`);
  process.exit(1);
});
