import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExtractionContractSchema } from '../../seed/extract/index.js';

const run = (args: string[]) => spawnSync('node_modules/.bin/tsx', ['seed/cli/extract.ts', ...args], { encoding: 'utf8' });

describe('extract CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'extract-cli-'));
  const good = join(dir, 'good.txt');
  writeFileSync(good, 'Chief Constable Rachel Moore said: “We will publish the data.”\n');
  writeFileSync(join(dir, 'empty.txt'), '');
  writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x41, 0x00, 0x42]));
  writeFileSync(join(dir, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x61]));
  const bad = ['empty.txt', 'binary.txt', 'latin1.txt', 'missing.txt'].map((f) => join(dir, f));

  it('prints one contract object per readable file, named by its base name', () => {
    const r = run(['--json', good, ...bad]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as unknown[];
    expect(out).toHaveLength(1);
    const doc = ExtractionContractSchema.parse(out[0]);
    expect(doc.doc).toBe('good.txt');
    expect(doc.quotes[0]?.speaker).toBe('Rachel Moore');
    expect(doc.document).toEqual({ title: 'Chief Constable Rachel Moore said: “We will publish the data.”', publisher: null, publishedAt: null });
  });

  it('gives the date the document states as its publishedAt', () => {
    const dated = join(dir, 'dated.txt');
    writeFileSync(dated, 'Force publishes vetting figures\n\nPublished 12 January 2024\n\nChief Constable Rachel Moore said: “We will publish the data.”\n');
    const [doc] = (JSON.parse(run(['--json', dated]).stdout) as unknown[]).map((d) => ExtractionContractSchema.parse(d));
    expect(doc!.document).toEqual({ title: 'Force publishes vetting figures', publisher: null, publishedAt: '2024-01-12' });
  });

  it('names each skipped file and its reason on one stderr line, and fails only with --strict', () => {
    const r = run(['--json', good, ...bad]);
    const lines = r.stderr.split('\n').filter((l) => l.includes('skipped'));
    expect(lines).toHaveLength(4);
    expect(lines.join('\n')).toMatch(/empty\.txt: skipped: empty file/);
    expect(lines.join('\n')).toMatch(/binary\.txt: skipped: binary/);
    expect(lines.join('\n')).toMatch(/latin1\.txt: skipped: not valid UTF-8/);
    expect(lines.join('\n')).toMatch(/missing\.txt: skipped: no such file/);
    expect(run(['--json', '--strict', good, ...bad]).status).toBe(1);
    expect(run(['--json', '--strict', good]).status).toBe(0);
  });
});
