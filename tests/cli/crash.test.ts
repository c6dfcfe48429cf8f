import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LadybugStore } from '../../server/store/ladybug/ladybug-store.js';
import { tempDir } from '../support/stores.js';

// Hard stops as a user meets them: `kill -9` of a seed or a server at moments of the load,
// then the store opened again. Nothing may be half-written, and a seed again must complete it.

// node itself with tsx as a loader: a kill must reach the process that holds the store, not a wrapper
const node = (args: string[]) => [process.execPath, ['--import', 'tsx', ...args]] as const;
const DOCS = 240;
const env = (dataDir: string, extra: Record<string, string> = {}) => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NEO4J_'))),
  LOG_LEVEL: 'silent', GRAPH_DATA_DIR: dataDir, ...extra,
});

/** Documents longer than one log record (4 KB), each with two quotes by its own named speaker. */
function writeCorpus(dir: string): void {
  for (let i = 0; i < DOCS; i++) {
    const filler = `The force said the review of case ${i} had looked at ${i + 10} files in detail. `.repeat(70);
    fs.writeFileSync(path.join(dir, `doc-${String(i).padStart(3, '0')}.txt`), [
      `Review ${i} finds gaps in vetting`,
      '',
      `Chief Constable Alison Marlow said: "We accept the findings of review number ${i} in full."`,
      '',
      filler,
      '',
      `"The work on case ${i} starts today," said Councillor Dev Ramsay.`,
    ].join('\n'));
  }
}

async function inspect(dataDir: string) {
  const store = await LadybugStore.open({ dataDir, memoryIndexes: false });
  try {
    const counts = await store.counts();
    const perDoc = await store.runReadOnly({
      query: 'MATCH (d:Document) OPTIONAL MATCH (q:Quote)-[:QUOTED_IN]->(d) RETURN d.id AS id, count(q) AS quotes ORDER BY id',
      params: {}, timeoutMs: 20_000, rowLimit: 10_000,
    });
    const texts: number[] = [];
    for (const [id] of perDoc.rows.slice(0, 20)) texts.push((await store.documentText(id as string))?.text.length ?? 0);
    return { counts, quotesPerDoc: perDoc.rows.map((r) => Number(r[1])), texts };
  } finally {
    await store.close();
  }
}

function seed(corpus: string, dataDir: string) {
  return spawnSync(...node(['seed/cli/seed.ts', corpus]), { encoding: 'utf8', env: env(dataDir), timeout: 240_000 });
}

/** Starts `script`, kills it with SIGKILL after `ms`, and waits for it to end. */
async function killAfter(args: string[], dataDir: string, ms: number, extra: Record<string, string> = {}): Promise<void> {
  const child = spawn(...node(args), { env: env(dataDir, extra), stdio: 'ignore' });
  await new Promise((resolve) => setTimeout(resolve, ms));
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
}

describe('a hard stop', () => {
  const corpus = tempDir('crash-docs');
  writeCorpus(corpus);
  const clean = tempDir('crash-clean');

  it('mid-seed, again and again, leaves a store that opens with no half-written document, and a seed again completes it', async () => {
    expect(seed(corpus, clean).status).toBe(0);
    const whole = await inspect(clean);
    expect(whole.counts.nodes.Document).toBe(DOCS);

    const dataDir = tempDir('crash-killed');
    // during the first batches, between them and near the end of the load (the seed's own start takes about a second)
    for (const ms of [1500, 2600, 3800, 5200]) {
      await killAfter(['seed/cli/seed.ts', corpus], dataDir, ms);
      const after = await inspect(dataDir);
      expect(after.counts.nodes.Document).toBeLessThanOrEqual(DOCS);
      // a document is in with both its quotes and its text, or not in at all
      expect(after.quotesPerDoc.every((n) => n === 2), `quotes per document after a kill at ${ms} ms`).toBe(true);
      expect(after.texts.every((n) => n > 4096)).toBe(true);
    }
    expect(seed(corpus, dataDir).status).toBe(0);
    expect((await inspect(dataDir)).counts).toEqual(whole.counts);
  }, 300_000);

  it('of the server right after its first seed loses nothing: the next start serves the same counts', async () => {
    const dataDir = tempDir('crash-server');
    const child = spawn(...node(['server/main.ts']), { env: env(dataDir, { PORT: '0', CORPUS_DIR: corpus, LOG_LEVEL: 'info' }), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no seed line in: ${out}`)), 180_000);
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (/seeded \d+ documents/.test(out)) { clearTimeout(timer); resolve(); }
      });
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const after = await inspect(dataDir);
    expect(after.counts).toEqual((await inspect(clean)).counts);
  }, 240_000);
});
