import { AppError, QueryRefusedError, QuerySyntaxError, QueryTimeoutError, StoreError } from '../../errors.js';

// Driver and server errors, turned into the app's errors with one readable line each.

interface DriverErrorLike {
  message?: string;
  code?: string;
  diagnosticRecord?: { _position?: { line?: unknown; column?: unknown; offset?: unknown } };
  cause?: unknown;
}

export function errorCode(error: unknown): string {
  const code = (error as DriverErrorLike | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** The driver's reason in one line: the underlying cause when it names one, never a routing table dump. */
export function driverReason(error: unknown): string {
  const message = String((error as DriverErrorLike | null)?.message ?? error).replace(/\s+/g, ' ').trim();
  const causedBy = /Caused by: (.+)$/.exec(message)?.[1];
  const reason = (causedBy ?? message).replace(/\s*Known routing table:.*$/, '').replace(/\s*Pool status:.*$/, '').replace(/\.$/, '').trim();
  return reason.length > 300 ? `${reason.slice(0, 299)}…` : reason || 'no reason given';
}

/** A URI as it may be printed: any user:password@ part removed. */
export function safeUri(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//');
}

export function connectError(uri: string, user: string, database: string | undefined, error: unknown): StoreError {
  const code = errorCode(error);
  const where = safeUri(uri);
  const reason = driverReason(error);
  if (code === 'Neo.ClientError.Security.Unauthorized' || code === 'Neo.ClientError.Security.AuthenticationRateLimit') {
    return new StoreError(`Neo4j at ${where} refused user "${user}": ${reason}; check NEO4J_USER and NEO4J_PASSWORD`, error);
  }
  if (code === 'Neo.ClientError.Database.DatabaseNotFound') {
    return new StoreError(`Neo4j at ${where} has no database "${database ?? '(default)'}": ${reason}; check NEO4J_DATABASE`, error);
  }
  return new StoreError(`cannot reach Neo4j at ${where}: ${reason}; is the server running? check NEO4J_URI`, error);
}

/** Any failure of the adapter's own statements; app errors pass through. */
export function storeError(context: string, error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new StoreError(`${context}: ${driverReason(error)}`, error);
}

const TIMED_OUT = /^Neo\.(Client|Transient)Error\.Transaction\.TransactionTimedOut/;
const TERMINATED = /^Neo\.(Client|Transient)Error\.Transaction\.(Terminated|LockClientStopped)$/;
const WRITE_REFUSED = new Set([
  'Neo.ClientError.Statement.AccessMode',
  'Neo.ClientError.Transaction.ForbiddenDueToTransactionType',
  'Neo.ClientError.Security.Forbidden',
]);

/** A console statement's failure: timeout, refusal, the user's own mistake, or the store's. */
export function consoleError(error: unknown, timeoutMs: number, elapsedMs: number): AppError {
  if (error instanceof AppError) return error;
  const code = errorCode(error);
  // the server's transaction monitor stops a timed-out query; an older server says "terminated"
  if (TIMED_OUT.test(code) || (TERMINATED.test(code) && elapsedMs >= timeoutMs)) return new QueryTimeoutError(timeoutMs);
  if (WRITE_REFUSED.has(code)) {
    return new QueryRefusedError('write', `refused by the database: ${firstLine(error)}; the console is read-only`);
  }
  const notTheUsers = ['Security', 'Cluster', 'Transaction', 'Database', 'Routing'].some((kind) => code.startsWith(`Neo.ClientError.${kind}.`));
  if (code.startsWith('Neo.ClientError.') && !notTheUsers) {
    return new QuerySyntaxError(firstLine(error), syntaxPosition(error));
  }
  return new StoreError(`Neo4j could not run the query: ${driverReason(error)}`, error);
}

function firstLine(error: unknown): string {
  const message = String((error as DriverErrorLike | null)?.message ?? error).trim();
  return message.split('\n')[0]!.trim();
}

const POSITION = /\(line (\d+), column (\d+) \(offset: (\d+)\)\)/;

/** Where the server says the statement breaks: from its message, or its GQL diagnostic record. */
export function syntaxPosition(error: unknown): { line: number; column: number; offset: number } | null {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as DriverErrorLike).cause, depth++) {
    const m = POSITION.exec(String((e as DriverErrorLike).message ?? ''));
    if (m) return { line: Number(m[1]), column: Number(m[2]), offset: Number(m[3]) };
    const p = (e as DriverErrorLike).diagnosticRecord?._position;
    if (p && p.line !== undefined && p.column !== undefined && p.offset !== undefined) {
      return { line: whole(p.line), column: whole(p.column), offset: whole(p.offset) };
    }
  }
  return null;
}

function whole(value: unknown): number {
  const v = value as { toNumber?: () => number };
  return typeof v?.toNumber === 'function' ? v.toNumber() : Number(value);
}
