import fs from 'node:fs';
import path from 'node:path';

// Document text lives in files beside the graph, named by the document's sha256, never in a
// database record: LadybugDB (every release to 0.20.x) writes a log record over about 4 KB
// so that it cannot be replayed after a hard stop, and every document's text is bigger than
// that. A file is written and fsynced before the transaction that names it commits, so a
// committed document always has its text.
//
// A large batch writes its texts as one pack file rather than one file each: creating a file
// costs about a millisecond on common disks, as much as the rest of a document's load. A
// pack starts with one line of JSON, its index ([sha256, byte offset, byte length] after that
// line), then the texts. A pack stays while any document names one of its texts (see collect).

/** Texts in one write from which a pack beats a file each. */
const PACK_MIN = 16;

interface Packed { file: string; offset: number; length: number }

export class TextFiles {
  readonly dir: string;
  private readonly packed = new Map<string, Packed>();

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'texts');
    fs.mkdirSync(this.dir, { recursive: true });
    for (const name of fs.readdirSync(this.dir)) {
      if (name.endsWith('.tmp')) fs.rmSync(path.join(this.dir, name), { force: true });
      else if (name.endsWith('.pack')) {
        try {
          this.readIndex(path.join(this.dir, name));
        } catch {
          // a pack is renamed into place only once whole, so only damage from outside gets here: its texts read as missing
        }
      }
    }
  }

  private file(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return path.join(this.dir, `${sha256}.txt`);
  }

  private readIndex(file: string): void {
    const fd = fs.openSync(file, 'r');
    try {
      let head = '';
      const chunk = Buffer.alloc(64 * 1024);
      let newline = -1;
      for (let at = 0; newline < 0; ) {
        const n = fs.readSync(fd, chunk, 0, chunk.length, at);
        if (!n) return;
        head += chunk.toString('latin1', 0, n);
        at += n;
        newline = head.indexOf('\n');
      }
      const base = newline + 1;
      for (const [sha, offset, length] of JSON.parse(head.slice(0, newline)) as [string, number, number][]) {
        this.packed.set(sha, { file, offset: base + offset, length });
      }
    } finally {
      fs.closeSync(fd);
    }
  }

  /** Whether the text is stored already: a text is named by its hash, so a stored one is the same. */
  private has(sha256: string): boolean {
    return this.packed.has(sha256) || fs.existsSync(this.file(sha256));
  }

  /** Writes each text durably (temporary file, fsync, rename, fsync of the folder), a pack for many. */
  putAll(texts: { sha256: string; text: string }[]): void {
    const fresh = [...new Map(texts.filter((t) => !this.has(t.sha256)).map((t) => [t.sha256, t.text])).entries()];
    if (!fresh.length) return;
    if (fresh.length < PACK_MIN) {
      for (const [sha256, text] of fresh) writeDurably(this.file(sha256), text);
    } else {
      const bodies = fresh.map(([, text]) => Buffer.from(text, 'utf8'));
      let offset = 0;
      const index = fresh.map(([sha256], i) => {
        const entry: [string, number, number] = [sha256, offset, bodies[i]!.length];
        offset += bodies[i]!.length;
        return entry;
      });
      const head = Buffer.from(`${JSON.stringify(index)}\n`, 'latin1');
      const file = path.join(this.dir, `${Date.now().toString(36)}-${process.pid}-${fresh[0]![0].slice(0, 12)}.pack`);
      writeDurably(file, Buffer.concat([head, ...bodies]));
      for (const [sha, at, length] of index) this.packed.set(sha, { file, offset: head.length + at, length });
    }
    syncDir(this.dir);
  }

  /** After the commit that removed the last document with this text: a file left behind costs only space. */
  remove(sha256: string): void {
    this.packed.delete(sha256);
    fs.rmSync(this.file(sha256), { force: true });
  }

  /** Deletes the packs none of whose texts a stored document names (left by a removal, or by a write that never committed). */
  collect(live: ReadonlySet<string>): void {
    const kept = new Set<string>();
    for (const [sha, { file }] of this.packed) if (live.has(sha)) kept.add(file);
    for (const [sha, { file }] of this.packed) {
      if (kept.has(file)) continue;
      this.packed.delete(sha);
      fs.rmSync(file, { force: true });
    }
  }

  get(sha256: string): string | null {
    const packed = this.packed.get(sha256);
    if (packed) {
      const fd = fs.openSync(packed.file, 'r');
      try {
        const body = Buffer.alloc(packed.length);
        fs.readSync(fd, body, 0, packed.length, packed.offset);
        return body.toString('utf8');
      } finally {
        fs.closeSync(fd);
      }
    }
    try {
      return fs.readFileSync(this.file(sha256), 'utf8');
    } catch {
      return null;
    }
  }
}

function writeDurably(target: string, data: string | Buffer): void {
  const tmp = `${target}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, target);
}

export function syncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
