import fs from 'node:fs';
import path from 'node:path';

// The documents of the write in flight, on disk until it is committed and folded into the
// database file: after a hard stop, what it names and the store lacks must be loaded again.

export interface JournalEntry { id: string; sha256: string }

export class BatchJournal {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'batch-in-flight.json');
  }

  begin(entries: JournalEntry[]): void {
    const fd = fs.openSync(this.file, 'w');
    try {
      fs.writeSync(fd, JSON.stringify(entries));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }

  clear(): void {
    fs.rmSync(this.file, { force: true });
  }

  pending(): JournalEntry[] {
    try {
      const parsed: unknown = JSON.parse(fs.readFileSync(this.file, 'utf8'));
      return Array.isArray(parsed) ? parsed.filter((e): e is JournalEntry => typeof e?.id === 'string' && typeof e?.sha256 === 'string') : [];
    } catch {
      // no journal, or one torn by the stop itself: its batch never reached the database
      return [];
    }
  }
}
