import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listDocuments } from '../../seed/ingest/list-documents.js';
import { DOCUMENT_EXTENSIONS } from '../../seed/ingest/read-document.js';
import { tempDir } from '../support/stores.js';

function write(dir: string, name: string, content = 'text') {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

const list = (dir: string) => listDocuments(dir, DOCUMENT_EXTENSIONS);
const reasons = (skipped: { file: string; reason: string }[], dir: string) =>
  Object.fromEntries(skipped.map((s) => [path.relative(dir, s.file), s.reason]));

describe('listing a corpus folder', () => {
  it('reports a folder it cannot read, and a file given as the folder', async () => {
    expect((await list('/no/such/folder')).error).toMatch(/^\/no\/such\/folder: folder cannot be read \(ENOENT\)/);
    const dir = tempDir('list-file');
    expect((await list(write(dir, 'a.txt'))).error).toMatch(/not a folder/);
  });

  it('walks sub-folders, names each file by its path inside the folder, and passes over dotfiles', async () => {
    const dir = tempDir('list-tree');
    write(dir, 'report.txt');
    write(dir, 'report.md');
    write(dir, 'report.meta.json', '{}');
    write(dir, '2019/letters/reply.HTML');
    write(dir, '.git/HEAD');
    write(dir, '.notes.txt.swp');
    const { files, skipped, error } = await list(dir);
    expect(error).toBeNull();
    expect(files.map((f) => f.rel)).toEqual(['2019/letters/reply.HTML', 'report.md', 'report.txt']);
    expect(files[0]!.path).toBe(path.join(dir, '2019/letters/reply.HTML'));
    expect(skipped).toEqual([]);
  });

  it('gives one line for each file it does not load: unknown formats, orphan sidecars, broken and looping links', async () => {
    const dir = tempDir('list-skips');
    write(dir, 'a.txt');
    write(dir, 'figures.xlsx');
    write(dir, 'README');
    write(dir, 'gone.meta.json', '{}');
    fs.symlinkSync(path.join(dir, 'nowhere.txt'), path.join(dir, 'dangling.txt'));
    fs.symlinkSync(path.join(dir, 'loop-b.txt'), path.join(dir, 'loop-a.txt'));
    fs.symlinkSync(path.join(dir, 'loop-a.txt'), path.join(dir, 'loop-b.txt'));
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.symlinkSync(dir, path.join(dir, 'sub', 'back-to-top'));
    const { files, skipped } = await list(dir);
    expect(files.map((f) => f.rel)).toEqual(['a.txt']);
    const why = reasons(skipped, dir);
    expect(why['figures.xlsx']).toMatch(/^unsupported format \(\.xlsx\); documents are \.txt, \.md/);
    expect(why.README).toMatch(/^no file extension/);
    expect(why['gone.meta.json']).toMatch(/^sidecar with no document beside it/);
    expect(why['dangling.txt']).toMatch(/^broken symbolic link \(points to .*nowhere\.txt, which does not exist\)/);
    expect(why['loop-a.txt']).toMatch(/^symbolic link loop/);
    expect(why['loop-b.txt']).toMatch(/^symbolic link loop/);
    expect(why['sub/back-to-top']).toBe('symbolic link loop (leads back to the corpus folder)');
    expect(skipped).toHaveLength(7);
  });

  it('follows links to files and folders outside the corpus, under the link’s own path', async () => {
    const outside = tempDir('list-outside');
    write(outside, 'shared/memo.txt');
    write(outside, 'letter.md');
    const dir = tempDir('list-links');
    fs.symlinkSync(path.join(outside, 'shared'), path.join(dir, 'linked'));
    fs.symlinkSync(path.join(outside, 'letter.md'), path.join(dir, 'letter.md'));
    const { files, skipped } = await list(dir);
    expect(files.map((f) => f.rel)).toEqual(['letter.md', 'linked/memo.txt']);
    expect(skipped).toEqual([]);
  });
});
