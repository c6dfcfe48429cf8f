import lbug from '@ladybugdb/core';

// A LadybugDB connection runs one statement at a time and holds at most one transaction,
// so each operation borrows a connection for itself: readers from a small pool, the single
// writer through a queue (the database allows one write transaction at a time anyway).

type Connection = InstanceType<typeof lbug.Connection>;
type QueryResult = InstanceType<typeof lbug.QueryResult>;
type PreparedStatement = InstanceType<typeof lbug.PreparedStatement>;

export type Params = Record<string, unknown>;
export type Row = Record<string, unknown>;

/** The adapter's own statements are few and fixed; planning each once per connection saves a millisecond or two a query. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * LadybugDB (to 0.20.x) cannot replay a log record over about 4 KB after a hard stop (some
 * versions fail from about 2 KB): a write carrying a value this large is folded into the
 * database file (CHECKPOINT) as soon as it commits.
 */
const LARGE_VALUE_BYTES = 1800;

function holdsLargeValue(value: unknown): boolean {
  if (typeof value === 'string') return value.length > LARGE_VALUE_BYTES / 3 && Buffer.byteLength(value) > LARGE_VALUE_BYTES;
  if (Array.isArray(value)) {
    if (value.some(holdsLargeValue)) return true;
    // a list is one value: its items together
    return value.length > 8 && JSON.stringify(value).length > LARGE_VALUE_BYTES;
  }
  if (value && typeof value === 'object') return Object.values(value).some(holdsLargeValue);
  return false;
}

export class Session {
  private readonly prepared = new Map<string, PreparedStatement>();
  /** set when a statement since the last fold carried a value the log cannot replay */
  wroteLargeValue = false;

  constructor(readonly conn: Connection) {}

  /**
   * Runs one of the adapter's own statements (planned once, then reused) and returns every row.
   * The rows are taken synchronously: the result is already in memory, and the asynchronous
   * fetch costs a round trip to a worker thread per row (tens of microseconds each).
   */
  async run(statement: string, params: Params = {}): Promise<Row[]> {
    if (!this.wroteLargeValue && holdsLargeValue(params)) this.wroteLargeValue = true;
    const result = await this.execute(statement, params, true);
    try {
      return result.getAllSync() as Row[];
    } finally {
      result.close();
    }
  }

  /** Runs a statement made for one use (a COPY naming its file), unplanned beforehand and not kept. */
  async once(statement: string): Promise<void> {
    (await this.execute(statement)).close();
  }

  /** Runs a statement over a large result, handing its rows on a chunk at a time and letting other work in between. */
  async scan(statement: string, onRows: (rows: Row[]) => void, chunk = 4096): Promise<void> {
    const result = await this.execute(statement);
    try {
      while (result.hasNext()) {
        const rows: Row[] = [];
        while (rows.length < chunk && result.hasNext()) rows.push(result.getNextSync() as Row);
        onRows(rows);
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      result.close();
    }
  }

  /** Runs a statement; `cache` only for the adapter's own statements, never a user's text. */
  async execute(statement: string, params: Params = {}, cache = false): Promise<QueryResult> {
    const prepared = cache ? await this.cachedPrepare(statement) : await this.prepare(statement);
    const result = await this.conn.execute(prepared, params as never);
    return Array.isArray(result) ? result[result.length - 1]! : result;
  }

  async isReadOnly(statement: string): Promise<boolean> {
    return (await this.prepare(statement)).isReadOnly();
  }

  private async prepare(statement: string): Promise<PreparedStatement> {
    const prepared = await this.conn.prepare(statement);
    if (!prepared.isSuccess()) throw new Error(prepared.getErrorMessage());
    return prepared;
  }

  private async cachedPrepare(statement: string): Promise<PreparedStatement> {
    const hit = this.prepared.get(statement);
    if (hit) {
      // most recently used last, so the first key is the one to drop
      this.prepared.delete(statement);
      this.prepared.set(statement, hit);
      return hit;
    }
    const prepared = await this.prepare(statement);
    this.prepared.set(statement, prepared);
    if (this.prepared.size > STATEMENT_CACHE_SIZE) this.prepared.delete(this.prepared.keys().next().value!);
    return prepared;
  }

  /** Plans made before a schema change may no longer bind. */
  forgetPlans(): void {
    this.prepared.clear();
  }
}

export class ConnectionPool {
  private readonly idle: Session[] = [];
  private readonly all: Session[] = [];
  private readonly waiting: ((s: Session) => void)[] = [];
  private writeQueue: Promise<unknown> = Promise.resolve();
  private readonly writer: Session;

  constructor(private readonly db: InstanceType<typeof lbug.Database>, size: number) {
    for (let i = 0; i < size; i++) this.idle.push(new Session(new lbug.Connection(db)));
    this.writer = new Session(new lbug.Connection(db));
    this.all.push(...this.idle, this.writer);
  }

  async read<T>(work: (s: Session) => Promise<T>): Promise<T> {
    const session = this.idle.pop() ?? (await new Promise<Session>((resolve) => this.waiting.push(resolve)));
    try {
      return await work(session);
    } finally {
      const next = this.waiting.shift();
      if (next) next(session);
      else this.idle.push(session);
    }
  }

  /** Runs `work` on a connection of its own, opened for it and closed after: long reads that should not hold a reader. */
  async dedicated<T>(work: (s: Session) => Promise<T>): Promise<T> {
    const session = new Session(new lbug.Connection(this.db));
    try {
      return await work(session);
    } finally {
      await session.conn.close();
    }
  }

  /**
   * Runs `work` inside one write transaction; any error rolls the whole of it back. A `bulk`
   * transaction (one that may COPY, see bulk-copy.ts) starts on a folded log, which its
   * rollback needs, and is folded when it commits.
   */
  write<T>(work: (s: Session) => Promise<T>, options: { bulk?: boolean } = {}): Promise<T> {
    const run = async () => {
      if (options.bulk) await this.writer.run('CHECKPOINT');
      await this.writer.run('BEGIN TRANSACTION');
      try {
        const out = await work(this.writer);
        await this.writer.run('COMMIT');
        await this.checkpoint(options.bulk);
        return out;
      } catch (error) {
        await this.writer.run('ROLLBACK').catch(() => undefined);
        this.writer.wroteLargeValue = false;
        throw error;
      }
    };
    const next = this.writeQueue.then(run, run);
    this.writeQueue = next.catch(() => undefined);
    return next;
  }

  /**
   * Folds the log into the database file after a commit that wrote a large value (see
   * LARGE_VALUE_BYTES), and after schema changes: such a commit is only safe once folded. A
   * kill before that loses this one transaction (the store then opens at its last
   * checkpoint); a kill after it loses nothing. A checkpoint that cannot run now (a long read
   * holds it off) is left to the next commit.
   */
  private async checkpoint(always = false): Promise<void> {
    if (!always && !this.writer.wroteLargeValue) return;
    await this.writer.run('CHECKPOINT').then(() => { this.writer.wroteLargeValue = false; }, () => undefined);
  }

  /** Runs `work` on the writer outside any explicit transaction (schema statements commit on their own). */
  schema<T>(work: (s: Session) => Promise<T>): Promise<T> {
    const run = async () => {
      try {
        const out = await work(this.writer);
        await this.checkpoint(true);
        return out;
      } finally {
        for (const s of this.all) s.forgetPlans();
      }
    };
    const next = this.writeQueue.then(run, run);
    this.writeQueue = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    await this.writeQueue;
    for (const s of this.all) await s.conn.close();
    await this.db.close();
  }
}
