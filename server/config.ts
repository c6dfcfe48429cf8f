import path from 'node:path';
import { z } from 'zod';

// The environment, read once and checked. A bad value stops start-up with one clear line.

const ConfigSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('HTTP port for the API and the page (0: any free port)'),
    HOST: z.string().default('127.0.0.1').describe('interface to listen on (0.0.0.0 in a container)'),
    GRAPH_DATA_DIR: z.string().min(1).default('data/graph').describe('folder of the embedded LadybugDB store'),
    CORPUS_DIR: z.string().min(1).default('seed/corpus/docs').describe('documents seeded on first start when the store is empty'),
    DOCUMENTS_DIR: z.string().min(1).default('data/documents').describe('folder that keeps documents uploaded from the browser, seeded beside the corpus'),
    OVERRIDES_FILE: z.string().min(1).default('seed/overrides.json').describe("curators' corrections, applied on every seed and written by the browser's corrections"),
    CURATOR_TOKEN: z.string().min(16, 'must be at least 16 characters (e.g. openssl rand -hex 24)').regex(/^\S+$/, 'must not contain spaces').optional()
      .describe('bearer token for uploads and corrections; without it only this machine may write, to a loopback-bound server'),
    NEO4J_URI: z
      .string()
      .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/[^\s]+$/, 'must be a bolt://, neo4j://, bolt+s://, neo4j+s:// or +ssc URI')
      .optional()
      .describe('use Neo4j instead of the embedded store'),
    NEO4J_USER: z.string().default('neo4j').describe('Neo4j user'),
    NEO4J_PASSWORD: z.string().default('neo4j').describe('Neo4j password'),
    NEO4J_DATABASE: z.string().optional().describe('Neo4j database name (default: the server default)'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('pino log level'),
    QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5000).describe('console query time limit'),
    QUERY_ROW_LIMIT: z.coerce.number().int().min(1).max(100_000).default(1000).describe('console row cap'),
    QUERY_BYTE_LIMIT: z.coerce.number().int().min(1024).max(256 * 1024 * 1024).default(4 * 1024 * 1024).describe('console answer cap in bytes of JSON'),
    CONSOLE_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(60).describe('console requests a minute from one client'),
    ALLOWED_HOSTS: z
      .string()
      .default('')
      .transform((v) => v.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean))
      .pipe(z.array(z.string().regex(/^[a-z0-9.-]+$|^\[[0-9a-f:]+\]$/, 'host names separated by commas, e.g. graph.newsroom.example')))
      .describe('host names the server answers besides localhost, 127.0.0.1 and ::1 (comma-separated)'),
    TRUST_PROXY: z
      .string()
      .regex(/^(loopback|linklocal|uniquelocal|\d{1,2}|[0-9a-f.:/]+)(,\s*(loopback|linklocal|uniquelocal|[0-9a-f.:/]+))*$/i, 'loopback, a hop count, or proxy addresses separated by commas')
      .optional()
      .describe('proxies whose X-Forwarded-Proto is believed, when a TLS proxy stands in front (e.g. loopback)'),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema>;

const KEYS = Object.keys(ConfigSchema.shape) as (keyof Config)[];

const SECRETS = new Set(['CURATOR_TOKEN', 'NEO4J_PASSWORD']);

export class ConfigError extends Error {}

/** Reads only the keys it knows, so the rest of the environment cannot trip it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const picked = Object.fromEntries(KEYS.filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]));
  const parsed = ConfigSchema.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0] ?? '?');
    // a secret is never echoed, even a wrong one: it may be the right one mistyped
    const value = SECRETS.has(key) ? '(hidden)' : JSON.stringify(env[key]);
    throw new ConfigError(`configuration: ${key}=${value} is invalid: ${issue.message}`);
  }
  const d = parsed.data;
  return { ...d, GRAPH_DATA_DIR: path.resolve(d.GRAPH_DATA_DIR), CORPUS_DIR: path.resolve(d.CORPUS_DIR), DOCUMENTS_DIR: path.resolve(d.DOCUMENTS_DIR), OVERRIDES_FILE: path.resolve(d.OVERRIDES_FILE) };
}

export function describeConfig(): { key: string; description: string }[] {
  return KEYS.map((key) => ({ key, description: ConfigSchema.shape[key].description ?? '' }));
}
