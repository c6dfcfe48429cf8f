import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import express, { type ErrorRequestHandler, type Request, type RequestHandler } from 'express';
import helmet from 'helmet';
import { rateLimit } from 'express-rate-limit';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { AppError, ValidationError } from '../errors.js';
import type { GraphStore } from '../store/port.js';
import { openApiDocument } from './openapi.js';
import { routes, type Route, type RouteContext } from './routes.js';

export interface AppOptions {
  store: GraphStore;
  logger: Logger;
  /** built client to serve at /, when present */
  clientDir?: string | null;
  limits?: RouteContext['limits'];
  consoleRateLimit?: { windowMs: number; limit: number };
  /** host names answered besides the loopback ones (ALLOWED_HOSTS) */
  allowedHosts?: string[];
}

/** The Express app, apart from serving it: tests mount it with supertest. */
export function createApp(options: AppOptions): express.Express {
  const app = express();
  const ctx: RouteContext = { store: options.store, limits: options.limits ?? { timeoutMs: 5000, rowLimit: 1000 } };
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(hostCheck(options.allowedHosts ?? []));
  app.use(pinoHttp({
    logger: options.logger,
    genReqId: (req, res) => {
      const id = (typeof req.headers['x-request-id'] === 'string' && /^[\w-]{1,64}$/.test(req.headers['x-request-id']) ? req.headers['x-request-id'] : randomUUID());
      res.setHeader('X-Request-Id', id);
      return id;
    },
  }));
  app.use(helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Cytoscape and CodeMirror set element styles at run time
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
  }));
  app.use(express.json({ limit: '100kb' }));
  const consoleLimiter = rateLimit({ windowMs: options.consoleRateLimit?.windowMs ?? 60_000, limit: options.consoleRateLimit?.limit ?? 60, standardHeaders: 'draft-8', legacyHeaders: false,
    handler: (_req, _res, next) => next(new AppError('RATE_LIMITED', 'too many console queries; wait a minute and try again', 429)) });

  const spec = openApiDocument(routes);
  app.get('/api/openapi.json', (_req, res) => { res.json(spec); });
  for (const r of routes) {
    const handlers: RequestHandler[] = [];
    if (r.rateLimited) handlers.push(consoleLimiter);
    handlers.push(handle(r, ctx));
    app[r.method](r.path.replace(/\{(\w+)\}/g, ':$1'), ...handlers);
  }
  app.use('/api', (req, _res, next) => next(new AppError('NOT_FOUND', `no API route ${req.method} ${req.path}`, 404)));

  if (options.clientDir && fs.existsSync(path.join(options.clientDir, 'index.html'))) {
    app.use(express.static(options.clientDir, { index: 'index.html', maxAge: '1h' }));
    app.get(/^\/(?!api\/).*/, (_req, res) => { res.sendFile(path.join(options.clientDir!, 'index.html')); });
  }
  app.use(errorMiddleware);
  return app;
}

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]', '::1'];

/**
 * Answers only requests addressed to this server by a name it knows, so a web page that
 * rebinds its own name to 127.0.0.1 cannot reach the API from a user's browser.
 */
export function hostCheck(allowed: string[]): RequestHandler {
  const names = new Set([...LOOPBACK_HOSTS, ...allowed.map((h) => h.toLowerCase())]);
  return (req, res, next) => {
    const host = (req.headers.host ?? '').toLowerCase();
    const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
    if (names.has(name)) { next(); return; }
    res.status(421).type('text/plain').send(`this server does not answer for the host "${host.slice(0, 100)}"; add it to ALLOWED_HOSTS (comma-separated) to allow it\n`);
  };
}

function handle(r: Route, ctx: RouteContext): RequestHandler {
  return async (req, res, next) => {
    try {
      const input = {
        query: parse(r.query, req.query, 'query'),
        params: parse(r.params, req.params, 'path'),
        body: parse(r.body, req.body, 'body'),
      };
      const reply = await r.handle(input as never, ctx);
      if (reply.download) {
        res.setHeader('Content-Type', reply.download.contentType);
        res.setHeader('Content-Disposition', `attachment; filename="${reply.download.fileName}"`);
        res.status(reply.status ?? 200).send(reply.download.content);
        return;
      }
      res.status(reply.status ?? 200).json(reply.body);
    } catch (error) {
      next(error);
    }
  };
}

function parse(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((i) => ({ field: i.path.join('.') || where, in: where, message: i.message }));
  const first = fields[0]!;
  throw new ValidationError(`${where} parameter "${first.field}": ${first.message}`, { fields });
}

const errorMiddleware: ErrorRequestHandler = (error, req: Request, res, _next) => {
  const err = toAppError(error);
  const log = (req as Request & { log?: Logger }).log;
  if (err.httpStatus >= 500) log?.error({ err: error }, err.message);
  else log?.info({ code: err.code }, err.message);
  res.status(err.httpStatus).json({ error: { code: err.code, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}) } });
};

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) {
    // a store's internal failure is logged in full, never shown in full
    return error.httpStatus >= 500 ? new AppError(error.code, 'the graph store could not answer; see the server log', error.httpStatus) : error;
  }
  const e = error as { type?: string; status?: number; message?: string };
  if (e?.type === 'entity.too.large') return new AppError('PAYLOAD_TOO_LARGE', 'request body is larger than 100 KB', 413);
  if (e?.type === 'entity.parse.failed') return new ValidationError('request body is not valid JSON');
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) return new AppError('BAD_REQUEST', e.message ?? 'bad request', e.status);
  return new AppError('INTERNAL', 'internal error; see the server log', 500);
}
