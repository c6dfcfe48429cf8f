// One error type for the whole app; one middleware renders it.

export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus = 500,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, id: string) {
    super('NOT_FOUND', `${what} "${id}" does not exist`, 404, { id });
  }
}

export class ValidationError extends AppError {
  constructor(message: string, details?: unknown) {
    super('BAD_REQUEST', message, 400, details);
  }
}

/** A console statement refused before or while it ran; nothing was written. */
export type RefusalReason =
  | 'write' | 'file-access' | 'procedure' | 'admin' | 'multiple-statements'
  | 'clause' | 'function' | 'too-large' | 'too-deep' | 'unbounded' | 'control-character' | 'name';

export class QueryRefusedError extends AppError {
  constructor(reason: RefusalReason, message: string) {
    super('QUERY_REFUSED', message, 400, { reason });
  }
}

export class QueryTimeoutError extends AppError {
  constructor(timeoutMs: number) {
    super('QUERY_TIMEOUT', `the query ran longer than the ${timeoutMs} ms limit and was stopped`, 408, { timeoutMs });
  }
}

/** The database rejected a user's query: its own message, and where it points when it says. */
export class QuerySyntaxError extends AppError {
  constructor(message: string, position: { line: number; column: number; offset: number } | null) {
    super('QUERY_ERROR', message, 400, { position });
  }
}

export class StoreError extends AppError {
  constructor(message: string, cause: unknown) {
    super('STORE_ERROR', message, 503, undefined, { cause });
  }
}

/** The embedded store is held by another process; says which folder and what to do. */
export class StoreInUseError extends AppError {
  constructor(message: string) {
    super('STORE_IN_USE', message, 503);
  }
}
