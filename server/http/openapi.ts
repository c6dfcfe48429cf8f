import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { ErrorSchema } from './schemas.js';
import type { Route } from './routes.js';

export function openApiDocument(routes: Route[]): unknown {
  const registry = new OpenAPIRegistry();
  registry.register('Error', ErrorSchema);
  for (const r of routes) {
    registry.registerPath({
      method: r.method,
      path: r.path,
      summary: r.summary,
      request: {
        ...(r.query ? { query: r.query as never } : {}),
        ...(r.params ? { params: r.params as never } : {}),
        ...(r.body ? { body: { content: { 'application/json': { schema: r.body } } } } : {}),
      },
      responses: {
        200: { description: 'OK' },
        400: { description: 'A parameter is invalid, or a console statement was refused', content: { 'application/json': { schema: ErrorSchema } } },
        404: { description: 'No such node', content: { 'application/json': { schema: ErrorSchema } } },
      },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'oversight-graph API', version: '0.1.0', description: 'Who said what, in which report, in what role — and where exactly it says so.' },
  });
}
