import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { storeFactories, tempDir } from '../support/stores.js';

// The commands as a user runs them: real processes, real stores in temp folders.

const tsx = path.resolve('node_modules/.bin/tsx');

function run(script: string, args: string[], env: Record<string, string>) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NEO4J_')));
  return spawnSync(tsx, [script, ...args], { encoding: 'utf8', env: { ...clean, LOG_LEVEL: 'silent', ...env }, timeout: 120_000 });
}

const lines = (s: string) => s.split('\n').filter((l) => l.trim());

/** Starts a command and resolves with its output so far once `pattern` appears in it. */
function startUntil(script: string, args: string[], env: Record<string, string>, pattern: RegExp) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NEO4J_')));
  const child = spawn(tsx, [script, ...args], { env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const waiters: { pattern: RegExp; resolve: (s: string) => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) if (w.pattern.test(out)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(out); }
  };
  child.stdout.on('data', (c: Buffer) => { out += c.toString(); check(); });
  child.stderr.on('data', (c: Buffer) => { out += c.toString(); check(); });
  const until = (p: RegExp) => new Promise<string>((resolve, reject) => {
    waiters.push({ pattern: p, resolve });
    check();
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before /${p.source}/; output:\n${out}`)));
  });
  return { child, ready: until(pattern), until, exited: new Promise<number | null>((r) => child.once('exit', (code) => r(code))) };
}

describe('npm start', () => {
  it('stops with one clear line and exit code 1 when Neo4j cannot be reached', () => {
    const r = run('server/main.ts', [], { NEO4J_URI: 'bolt://127.0.0.1:1', PORT: '0' });
    expect(r.status).toBe(1);
    expect(lines(r.stderr)).toEqual([expect.stringMatching(/^oversight-graph could not start: cannot reach Neo4j at bolt:\/\/127\.0\.0\.1:1: .*check NEO4J_URI$/)]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('stops with one line naming the setting when a value is invalid', () => {
    const r = run('server/main.ts', [], { PORT: 'three thousand' });
    expect(r.status).toBe(1);
    expect(lines(r.stderr)).toEqual(['configuration: PORT="three thousand" is invalid: Invalid input: expected number, received NaN']);
    const uri = run('server/main.ts', [], { NEO4J_URI: 'http://localhost:7474' });
    expect(uri.status).toBe(1);
    expect(lines(uri.stderr)[0]).toMatch(/^configuration: NEO4J_URI="http:\/\/localhost:7474" is invalid: must be a bolt:\/\//);
  });

  const neo4jStore = storeFactories.find((f) => f.name === 'neo4j')!;
  it.skipIf(neo4jStore.skipReason !== null)('seeds an empty Neo4j with the sample corpus on first start, as it does the embedded store', async () => {
    // emptied first, as for the contract suite
    await (await neo4jStore.open()).close();
    const neo4jEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('NEO4J_'))) as Record<string, string>;
    const child = spawn(tsx, ['server/main.ts'], { env: { ...process.env, ...neo4jEnv, PORT: '0', LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const found = /on the neo4j store: (http:\/\/[^/]+\/)/.exec(out);
          if (found) resolve(found[1]!);
        });
        child.on('exit', (code) => reject(new Error(`npm start exited with ${code} before serving`)));
      });
      const health = (await (await fetch(`${url}api/health`)).json()) as { backend: string; counts: { nodes: Record<string, number> } };
      expect(health.backend).toBe('neo4j');
      const documents = fs.readdirSync('seed/corpus/docs').filter((f) => /\.(txt|md|html)$/.test(f)).length;
      expect(health.counts.nodes.Document).toBe(documents);
      expect(health.counts.nodes.Quote).toBeGreaterThan(0);
    } finally {
      child.kill('SIGTERM');
    }
  }, 120_000);
});

describe('npm run seed', () => {
  const dataDir = tempDir('seed-cli');
  const corpus = tempDir('seed-cli-docs');
  for (const f of fs.readdirSync('seed/corpus/docs')) fs.copyFileSync(path.join('seed/corpus/docs', f), path.join(corpus, f));
  fs.writeFileSync(path.join(corpus, 'broken.txt'), Buffer.from([0x66, 0x00, 0x6f]));

  it('loads a folder, names each skipped file, and prints a summary', () => {
    const r = run('seed/cli/seed.ts', [corpus], { GRAPH_DATA_DIR: dataDir });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/skipped .*broken\.txt: binary file/);
    expect(r.stdout).toMatch(/^loaded 5 of 6 files \(0 unchanged\), skipped 1; \d+ quotes, \d+ entities extracted, \d+ names resolved across documents; 0 overrides applied; in [\d.]+ s$/m);
    expect(r.stdout).toMatch(/^store now holds: 5 Document, \d+ Person/m);
  });

  it('changes no count when run again, and exits 1 on a skip with --strict', () => {
    const first = lines(run('seed/cli/seed.ts', [corpus], { GRAPH_DATA_DIR: dataDir }).stdout).find((l) => l.startsWith('store now holds'));
    const again = run('seed/cli/seed.ts', [corpus, '--strict'], { GRAPH_DATA_DIR: dataDir });
    expect(again.status).toBe(1);
    expect(again.stdout).toMatch(/\(5 unchanged\)/);
    expect(lines(again.stdout).find((l) => l.startsWith('store now holds'))).toBe(first);
  });
});

describe('npm run seed, around a running server and a changing folder', () => {
  it('prints its usage for --help, and refuses an unknown option with it', () => {
    const help = run('seed/cli/seed.ts', ['--help'], {});
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run seed -- \[DIR\] \[--strict\] \[--watch\]/);
    const bad = run('seed/cli/seed.ts', ['--stirct'], {});
    expect(bad.status).toBe(2);
    expect(lines(bad.stderr)[0]).toMatch(/Unknown option '--stirct'/);
  });

  it('says in one line to stop the server when the server holds the embedded store', async () => {
    const dataDir = tempDir('seed-locked');
    const server = startUntil('server/main.ts', [], { GRAPH_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info' }, /http:\/\/[^\s/]+\//);
    try {
      await server.ready;
      const r = run('seed/cli/seed.ts', ['seed/corpus/docs'], { GRAPH_DATA_DIR: dataDir });
      expect(r.status).toBe(1);
      expect(lines(r.stderr)).toEqual([`seed: the store in ${dataDir} is open in another process, most likely a running server (npm start): stop it first, then run this again`]);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 120_000);

  it('with --watch, seeds again when a file arrives or leaves, and stops cleanly', async () => {
    const dataDir = tempDir('seed-watch');
    const dir = tempDir('seed-watch-docs');
    fs.copyFileSync('seed/corpus/docs/000_057d12b3dd92ac72.txt', path.join(dir, 'first.txt'));
    const watcher = startUntil('seed/cli/seed.ts', [dir, '--watch'], { GRAPH_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, /^watching /m);
    try {
      expect(await watcher.ready).toMatch(/^loaded 1 of 1 files/m);
      fs.copyFileSync('seed/corpus/docs/002_b1b80323db0306e8.txt', path.join(dir, 'second.txt'));
      expect(await watcher.until(/^loaded 2 of 2 files \(1 unchanged\)/m)).toMatch(/second\.txt\): seeding again/);
      fs.rmSync(path.join(dir, 'first.txt'));
      expect(await watcher.until(/^removed doc:first\.txt: its file is no longer in the folder$/m)).toMatch(/^store now holds: 1 Document/m);
    } finally {
      watcher.child.kill('SIGTERM');
    }
    expect(await watcher.exited).toBe(0);
  }, 120_000);
});
