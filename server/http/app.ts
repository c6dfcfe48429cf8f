import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import multer from 'multer';
import express, { type ErrorRequestHandler, type Request, type RequestHandler } from 'express';
import expressStaticGzip from 'express-static-gzip';
import helmet from 'helmet';
import { rateLimit } from 'express-rate-limit';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { AppError, ValidationError } from '../errors.js';
import type { GraphStore } from '../store/port.js';
import { openApiDocument } from './openapi.js';
import { routes, type Route, type RouteContext } from './routes.js';
import type { Curator } from '../curation/curator.js';
import type { Uploads } from '../curation/uploads.js';
import { MAX_BINARY_DOCUMENT_BYTES as MAX_UPLOAD_BYTES } from '../../seed/ingest/binary.js';
import { writeGuard, type WriteAccess } from './write-guard.js';

export interface AppOptions {
  store: GraphStore;
  logger: Logger;
  /** built client to serve at /, when present */
  clientDir?: string | null;
  limits?: RouteContext['limits'];
  consoleRateLimit?: { windowMs: number; limit: number };
  /** host names answered besides the loopback ones (ALLOWED_HOSTS) */
  allowedHosts?: string[];
  /** Express's 'trust proxy' (TRUST_PROXY): which proxies' X-Forwarded-Proto says a request came over TLS */
  trustProxy?: string;
  /** who may write (CURATOR_TOKEN, HOST); loopback clients of a loopback server when left out */
  writeAccess?: WriteAccess;
  /** takes corrections; without one, corrections answer 503 */
  curator?: Curator;
  /** takes documents; without it, uploads answer 503 */
  uploads?: Uploads;
}

/** The Express app, apart from serving it: tests mount it with supertest. */
export function createApp(options: AppOptions): express.Express {
  const app = express();
  const ctx: RouteContext = { store: options.store, curator: options.curator, uploads: options.uploads, limits: options.limits ?? { timeoutMs: 5000, rowLimit: 1000 } };
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  if (options.trustProxy) app.set('trust proxy', options.trustProxy);
  app.use(hostCheck(options.allowedHosts ?? []));
  app.use(requestLog(options.logger));
  app.use(securityHeaders());
  // brotli or gzip for the API's JSON; the built client is served pre-compressed below
  app.use(compression({ threshold: 1024 }));
  app.use(express.json({ limit: '100kb' }));
  const consoleLimiter = rateLimit({ windowMs: options.consoleRateLimit?.windowMs ?? 60_000, limit: options.consoleRateLimit?.limit ?? 60, standardHeaders: 'draft-8', legacyHeaders: false,
    handler: (_req, _res, next) => next(new AppError('RATE_LIMITED', 'too many console queries; wait a minute and try again', 429)) });

  const guard = writeGuard(options.writeAccess ?? { boundToLoopback: true });
  const spec = openApiDocument(routes);
  app.get('/api/openapi.json', (_req, res) => { res.json(spec); });
  for (const r of routes) {
    const handlers: RequestHandler[] = [];
    if (r.write) handlers.push(guard);
    if (r.files) handlers.push(multer({
      storage: multer.memoryStorage(),
      limits: { fileSize: MAX_UPLOAD_BYTES, files: r.files.max, fields: 20, fieldSize: 4000 },
      // file names as the browser sent them (UTF-8), not read as Latin-1
      defParamCharset: 'utf8',
    } as multer.Options).array(r.files.field, r.files.max));
    if (r.rateLimited) handlers.push(consoleLimiter);
    handlers.push(handle(r, ctx));
    app[r.method](r.path.replace(/\{(\w+)\}/g, ':$1'), ...handlers);
  }
  app.use('/api', (req, _res, next) => next(new AppError('NOT_FOUND', `no API route ${req.method} ${req.path}`, 404)));

  if (options.clientDir && fs.existsSync(path.join(options.clientDir, 'index.html'))) {
    app.use(expressStaticGzip(options.clientDir, {
      enableBrotli: true,
      orderPreference: ['br', 'gzip'],
      serveStatic: { setHeaders: cacheHeaders },
    }));
    app.get(/^\/(?!api\/).*/, (_req, res) => { res.sendFile(path.join(options.clientDir!, 'index.html')); });
  }
  app.use(errorMiddleware);
  return app;
}

/**
 * One short line a request at info (method, path, status, time); the full request and response at
 * debug, where a 1.7 KB line a request is what one asks for.
 */
function requestLog(logger: Logger): RequestHandler {
  const full = logger.isLevelEnabled('debug');
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const id = (typeof req.headers['x-request-id'] === 'string' && /^[\w-]{1,64}$/.test(req.headers['x-request-id']) ? req.headers['x-request-id'] : randomUUID());
      res.setHeader('X-Request-Id', id);
      return id;
    },
    ...(full ? {} : {
      serializers: { req: (req: { id: unknown }) => ({ id: req.id }), res: () => undefined },
      customSuccessMessage: (req, res, ms) => `${req.method} ${(req as Request).originalUrl ?? req.url} ${res.statusCode} ${Math.round(ms)} ms`,
      customErrorMessage: (req, res) => `${req.method} ${(req as Request).originalUrl ?? req.url} ${res.statusCode} failed`,
    }),
  }) as RequestHandler;
}

/**
 * Helmet's strict set, less what breaks a team's plain-HTTP address: `upgrade-insecure-requests`
 * sends every script and style of http://graph-server:3000/ to https, where nothing answers, and
 * browsers refuse Cross-Origin-Opener-Policy (with a console error) on an origin that is not secure.
 * Both are kept for a request that arrived over TLS.
 */
function securityHeaders(): RequestHandler {
  const directives = {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    // Cytoscape and CodeMirror set element styles at run time
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    frameAncestors: ["'none'"],
  };
  const overTls = helmet({ contentSecurityPolicy: { directives } });
  const plain = helmet({ contentSecurityPolicy: { directives: { ...directives, upgradeInsecureRequests: null } }, crossOriginOpenerPolicy: false, strictTransportSecurity: false });
  return (req, res, next) => (req.secure ? overTls : plain)(req, res, next);
}

/** Built file names carry a content hash, so they never change; the page itself is checked each load. */
function cacheHeaders(res: { setHeader(name: string, value: string): void }, filePath: string): void {
  res.setHeader('Cache-Control', /[\\/]assets[\\/]/.test(filePath) ? 'public, max-age=31536000, immutable' : 'no-cache');
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
      if (r.files && !req.is('multipart/form-data')) throw new ValidationError(`send the documents as multipart/form-data, each in a field named "${r.files.field}"`);
      const input = {
        query: parse(r.query, req.query, 'query'),
        params: parse(r.params, req.params, 'path'),
        body: parse(r.body, req.body, 'body'),
        files: ((req.files ?? []) as Express.Multer.File[]).map((f) => ({ name: f.originalname, bytes: f.buffer })),
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
  const m = error as { name?: string; code?: string; field?: string };
  if (m?.name === 'MulterError') {
    if (m.code === 'LIMIT_FILE_SIZE') return new AppError('PAYLOAD_TOO_LARGE', `a file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB, the most any document may be`, 413);
    if (m.code === 'LIMIT_FILE_COUNT') return new AppError('PAYLOAD_TOO_LARGE', 'too many files in one upload (at most 20)', 413);
    if (m.code === 'LIMIT_UNEXPECTED_FILE') return new ValidationError(`body field "${m.field}": files go in the field "file"`);
    return new ValidationError(`the upload could not be read: ${(error as Error).message}`);
  }
  if (e?.type === 'entity.too.large') return new AppError('PAYLOAD_TOO_LARGE', 'request body is larger than 100 KB', 413);
  if (e?.type === 'entity.parse.failed') return new ValidationError('request body is not valid JSON');
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) return new AppError('BAD_REQUEST', e.message ?? 'bad request', e.status);
  return new AppError('INTERNAL', 'internal error; see the server log', 500);
}
