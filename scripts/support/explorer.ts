import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { type AppOptions, createApp } from '../../server/http/app.js';
import type { GraphStore } from '../../server/store/port.js';

// The real app for browser tests and the UI benchmark: the client built once with vite (into a
// temp folder named by a hash of its sources, so test files and runs share it and nobody's
// dist/ is touched), served by createApp on an ephemeral loopback port.

const ROOT = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : [full];
  });
}

function clientHash(): string {
  const hash = createHash('sha256');
  const files = [...sourceFiles(path.join(ROOT, 'client')), path.join(ROOT, 'vite.config.ts'), path.join(ROOT, 'package-lock.json')].sort();
  for (const file of files) {
    hash.update(path.relative(ROOT, file));
    hash.update(fs.readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Builds the client with the project's vite config into a temp folder, reused while the
 * sources are unchanged; `fresh` builds anew into a folder of the caller's own.
 */
export async function buildClient(options: { fresh?: boolean } = {}): Promise<string> {
  const outDir = path.join(os.tmpdir(), `og-client-${clientHash()}`);
  if (!options.fresh && fs.existsSync(path.join(outDir, 'index.html'))) return outDir;
  const staging = `${outDir}.${process.pid}.${Date.now()}`;
  const { build } = await import('vite');
  await build({
    configFile: path.join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: staging, emptyOutDir: true },
  });
  if (options.fresh) return staging;
  try {
    // another run may have finished the same build meanwhile: its folder is as good as ours
    if (!fs.existsSync(outDir)) fs.renameSync(staging, outDir);
  } catch {
    // renamed by someone else between the check and the rename
  }
  fs.rmSync(staging, { recursive: true, force: true });
  pruneOldBuilds(outDir);
  return outDir;
}

/** Builds of sources long since changed: gone after a day. */
function pruneOldBuilds(keep: string): void {
  const dayAgo = Date.now() - 24 * 3600_000;
  for (const name of fs.readdirSync(os.tmpdir())) {
    const dir = path.join(os.tmpdir(), name);
    if (!name.startsWith('og-client-') || dir === keep) continue;
    try {
      if (fs.statSync(dir).mtimeMs < dayAgo) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // someone else removed it first
    }
  }
}

export interface RunningExplorer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Serves the API and the built client on 127.0.0.1 and an ephemeral port. */
export async function serveExplorer(
  store: GraphStore, clientDir: string, options: { allowedHosts?: string[] } & Pick<AppOptions, 'curator' | 'uploads' | 'writeAccess'> = {},
): Promise<RunningExplorer> {
  const app = createApp({
    store,
    curator: options.curator,
    uploads: options.uploads,
    writeAccess: options.writeAccess,
    logger: pino({ level: 'silent' }),
    clientDir,
    allowedHosts: options.allowedHosts ?? [],
    consoleRateLimit: { windowMs: 60_000, limit: 10_000 },
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    server,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
