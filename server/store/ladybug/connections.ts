import lbug from '@ladybugdb/core';

// A LadybugDB connection runs one statement at a time and holds at most one transaction,
// so each operation borrows a connection for itself: readers from a small pool, the single
// writer through a queue (the database allows one write transaction at a time anyway).

type Connection = InstanceType<typeof lbug.Connection>;
type QueryResult = InstanceType<typeof lbug.QueryResult>;

export type Params = Record<string, unknown>;
export type Row = Record<string, unknown>;

export class Session {
  constructor(readonly conn: Connection) {}

  async run(statement: string, params: Params = {}): Promise<Row[]> {
    const result = await this.execute(statement, params);
    try {
      return (await result.getAll()) as Row[];
    } finally {
      result.close();
    }
  }

  async execute(statement: string, params: Params = {}): Promise<QueryResult> {
    const prepared = await this.conn.prepare(statement);
    if (!prepared.isSuccess()) throw new Error(prepared.getErrorMessage());
    const result = await this.conn.execute(prepared, params as never);
    return Array.isArray(result) ? result[result.length - 1]! : result;
  }

  async isReadOnly(statement: string): Promise<boolean> {
    const prepared = await this.conn.prepare(statement);
    if (!prepared.isSuccess()) throw new Error(prepared.getErrorMessage());
    return prepared.isReadOnly();
  }
}

export class ConnectionPool {
  private readonly idle: Session[] = [];
  private readonly waiting: ((s: Session) => void)[] = [];
  private writeQueue: Promise<unknown> = Promise.resolve();
  private readonly writer: Session;

  constructor(private readonly db: InstanceType<typeof lbug.Database>, size: number) {
    for (let i = 0; i < size; i++) this.idle.push(new Session(new lbug.Connection(db)));
    this.writer = new Session(new lbug.Connection(db));
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

  /** Runs `work` inside one write transaction; any error rolls the whole of it back. */
  write<T>(work: (s: Session) => Promise<T>): Promise<T> {
    const run = async () => {
      await this.writer.run('BEGIN TRANSACTION');
      try {
        const out = await work(this.writer);
        await this.writer.run('COMMIT');
        return out;
      } catch (error) {
        await this.writer.run('ROLLBACK').catch(() => undefined);
        throw error;
      }
    };
    const next = this.writeQueue.then(run, run);
    this.writeQueue = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    await this.writeQueue;
    for (const s of [...this.idle, this.writer]) await s.conn.close();
    await this.db.close();
  }
}
