import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { DOWNLOAD_TYPES, ErrorSchema } from './schemas.js';
import type { Route, RouteError } from './routes.js';

// The OpenAPI document, generated from the route table and its zod schemas: requests and
// responses alike, so the spec cannot drift from what the handlers parse and return.

const ERROR_DESCRIPTIONS: Record<400 | RouteError | 500, string> = {
  400: 'A parameter is invalid (details name the field), or a console statement was refused (details.reason: write, file-access, procedure, admin, multiple-statements) or rejected by the database (details.position)',
  401: 'A write without the curator token, when CURATOR_TOKEN is set: send Authorization: Bearer <token>',
  403: 'A wrong curator token, or a write this server does not accept without one (not from this machine, or the server listens beyond loopback)',
  404: 'No node, document or quote with that id',
  408: 'The query ran longer than the time limit (details.timeoutMs) and was stopped',
  409: 'The change conflicts with the graph as it is (details say how)',
  413: 'The request body is larger than 100 KB',
  415: 'A write that is not JSON, or a multipart upload without an Authorization or X-Requested-By header',
  503: 'This server takes no writes: it was started without a corrections file',
  429: 'Too many console queries; the RateLimit headers say when to try again',
  500: 'The server or the graph store failed; the log has the details, the answer never a stack trace',
};

/** An upload's text fields and its files, as a multipart form describes them. */
function withFiles(fields: z.ZodType, field: string): z.ZodType {
  return fields instanceof z.ZodObject ? fields.extend({ [field]: z.array(z.string().openapi({ format: 'binary' })).describe('the documents') }) : fields;
}

const WRITE_ERRORS: RouteError[] = [401, 403, 415, 503];

export function openApiDocument(routes: Route[]): unknown {
  const registry = new OpenAPIRegistry();
  registry.register('Error', ErrorSchema);
  const bearer = registry.registerComponent('securitySchemes', 'curatorToken', { type: 'http', scheme: 'bearer', description: 'CURATOR_TOKEN; without one set, writes are accepted only from this machine on a loopback-bound server' });
  const errorResponse = (code: 400 | RouteError | 500): ResponseConfig => ({ description: ERROR_DESCRIPTIONS[code], content: { 'application/json': { schema: ErrorSchema } } });
  for (const r of routes) {
    const ok: ResponseConfig = r.downloads
      ? {
        description: `A file to download, by the format asked for: ${r.downloads.join(', ')}`,
        content: Object.fromEntries(r.downloads.map((f) => [DOWNLOAD_TYPES[f], { schema: { type: 'string' } }])),
      }
      : { description: r.summary, content: { 'application/json': { schema: r.response! } } };
    registry.registerPath({
      method: r.method,
      path: r.path,
      summary: r.summary,
      ...(r.write ? { security: [{ [bearer.name]: [] }] } : {}),
      request: {
        ...(r.query ? { query: r.query as never } : {}),
        ...(r.params ? { params: r.params as never } : {}),
        ...(r.body ? { body: { content: { [r.files ? 'multipart/form-data' : 'application/json']: { schema: r.files ? withFiles(r.body, r.files.field) : r.body } } } } : {}),
      },
      responses: {
        [r.status ?? 200]: ok,
        400: errorResponse(400),
        ...Object.fromEntries([...(r.write ? WRITE_ERRORS : []), ...(r.errors ?? [])].map((code) => [code, errorResponse(code)])),
        500: errorResponse(500),
      },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'oversight-graph API', version: '0.1.0', description: 'Who said what, in which report, in what role — and where exactly it says so.' },
  });
}
