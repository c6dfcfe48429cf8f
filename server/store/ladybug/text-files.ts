import fs from 'node:fs';
import path from 'node:path';

// Document text lives in files beside the graph, named by the document's sha256, never in a
// database record: LadybugDB (every release to 0.20.x) writes a log record over about 4 KB
// so that it cannot be replayed after a hard stop, and every document's text is bigger than
// that. A file is written and fsynced before the transaction that names it commits, so a
// committed document always has its text.

export class TextFiles {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'texts');
    fs.mkdirSync(this.dir, { recursive: true });
  }

  private file(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return path.join(this.dir, `${sha256}.txt`);
  }

  /** Writes each text durably (temporary file, fsync, rename, fsync of the folder). */
  putAll(texts: { sha256: string; text: string }[]): void {
    for (const { sha256, text } of texts) {
      const target = this.file(sha256);
      const tmp = `${target}.${process.pid}.tmp`;
      const fd = fs.openSync(tmp, 'w');
      try {
        fs.writeSync(fd, text);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(tmp, target);
    }
    if (texts.length) syncDir(this.dir);
  }

  /** After the commit that removed the last document with this text: a file left behind costs only space. */
  remove(sha256: string): void {
    fs.rmSync(this.file(sha256), { force: true });
  }

  get(sha256: string): string | null {
    try {
      return fs.readFileSync(this.file(sha256), 'utf8');
    } catch {
      return null;
    }
  }
}

export function syncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
