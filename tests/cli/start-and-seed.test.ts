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
    expect(r.stdout).toMatch(/^loaded 5 of 6 documents \(0 unchanged\), skipped 1; \d+ quotes, \d+ entities extracted, \d+ names resolved across documents; 0 overrides applied; in [\d.]+ s$/m);
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
