import type {
  ClaimsResult, CypherResponse, Example, ExportFormat, Health, NeighbourhoodResult, NodeDetailResult, OverviewResult,
  PathResult, QuotesResult, SchemaResult, SearchResult, TraceResult, DocumentText,
  CorrectionResult, CorrectionsResult, JobView, ReviewResult, UploadResult,
} from './api-types.js';

// Typed calls to the API. Every call reports to one status channel: how many requests are
// in flight (the page shows a loading indicator for anything slower than 300 ms) and whether
// the API answers at all (the page shows a banner when it does not).

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Thrown when the API cannot be reached: network down, server stopped, proxy without target. */
export class ApiUnreachableError extends ApiError {
  constructor(message: string) {
    super(0, 'UNREACHABLE', message);
    this.name = 'ApiUnreachableError';
  }
}

export interface ApiStatus {
  /** requests running for longer than the loading delay */
  busy: boolean;
  /** null while the API answers; a sentence when it does not */
  unreachable: string | null;
}

type Listener = (status: ApiStatus) => void;

const LOADING_DELAY_MS = 300;
const listeners = new Set<Listener>();
let inFlight = 0;
let slow = 0;
let status: ApiStatus = { busy: false, unreachable: null };

function publish(next: Partial<ApiStatus>): void {
  const merged = { ...status, ...next };
  if (merged.busy === status.busy && merged.unreachable === status.unreachable) return;
  status = merged;
  for (const listener of listeners) listener(status);
}

export function onApiStatus(listener: Listener): () => void {
  listeners.add(listener);
  listener(status);
  return () => listeners.delete(listener);
}

export function apiStatus(): ApiStatus {
  return status;
}

export function inFlightRequests(): number {
  return inFlight;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** don't show the loading indicator (typing suggestions) */
  quiet?: boolean;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  /** a multipart upload instead of a JSON body */
  form?: FormData;
}

const TOKEN_KEY = 'og-curator-token';
const NAME_KEY = 'og-curator-name';

/** The curator's token and name, kept for this browser session only. */
export const curatorSession = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  name: (): string | null => sessionStorage.getItem(NAME_KEY),
  set(token: string | null, name: string | null): void {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
    if (name) sessionStorage.setItem(NAME_KEY, name);
    else sessionStorage.removeItem(NAME_KEY);
  },
};

function headersFor(options: CallOptions): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const method = options.method ?? 'GET';
  if (method !== 'GET') {
    // a header no cross-site form can send: the server takes multipart writes only with one
    headers['x-requested-by'] = 'oversight-graph';
    const token = curatorSession.token();
    if (token) headers.authorization = `Bearer ${token}`;
  }
  return headers;
}

type Query = Record<string, string | number | boolean | readonly string[] | null | undefined>;

export function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) params.set(key, value.join(','));
    } else {
      params.set(key, String(value));
    }
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

export async function call<T>(path: string, options: CallOptions = {}): Promise<T> {
  inFlight++;
  let counted = false;
  const timer = options.quiet
    ? undefined
    : setTimeout(() => {
      counted = true;
      slow++;
      publish({ busy: true });
    }, LOADING_DELAY_MS);
  try {
    let response: Response;
    try {
      response = await fetch(path, {
        method: options.method ?? 'GET',
        signal: options.signal,
        headers: headersFor(options),
        body: options.form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      });
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      const message = 'The graph API is not answering. Check that the server is running (npm start); the page retries by itself.';
      publish({ unreachable: message });
      throw new ApiUnreachableError(message);
    }
    const text = await response.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    if (!response.ok) {
      const error = (body as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
      if (!error && [502, 503, 504].includes(response.status)) {
        const message = `The graph API is not answering (HTTP ${response.status}). The page retries by itself.`;
        publish({ unreachable: message });
        throw new ApiUnreachableError(message);
      }
      publish({ unreachable: null });
      throw new ApiError(response.status, error?.code ?? `HTTP_${response.status}`, error?.message ?? (response.statusText || 'request failed'), error?.details ?? null);
    }
    if (body === null && text) {
      throw new ApiError(response.status, 'BAD_RESPONSE', 'the API answered with something that is not JSON');
    }
    publish({ unreachable: null });
    return body as T;
  } finally {
    inFlight--;
    if (timer !== undefined) clearTimeout(timer);
    if (counted) {
      slow--;
      if (slow === 0) publish({ busy: false });
    }
  }
}

export function isAbort(error: unknown): boolean {
  return (error as Error | null)?.name === 'AbortError';
}

// The endpoints.

export const api = {
  health: (options?: CallOptions) => call<Health>('/api/health', options),

  search: (q: string, params: { kinds?: string[]; limit?: number; offset?: number; facets?: boolean } = {}, options?: CallOptions) =>
    call<SearchResult>(`/api/search${queryString({ q, kinds: params.kinds, limit: params.limit ?? 10, offset: params.offset, facets: params.facets ? 'true' : undefined })}`, options),

  overview: (limit = 40, options?: CallOptions) => call<OverviewResult>(`/api/overview${queryString({ limit })}`, options),

  node: (id: string, options?: CallOptions) => call<NodeDetailResult>(`/api/nodes/${encodeURIComponent(id)}`, options),

  neighbourhood: (
    params: { ids: string[]; depth?: number; kinds?: string[]; rels?: string[]; perNode?: number; limit?: number },
    options?: CallOptions,
  ) => call<NeighbourhoodResult>(`/api/neighbourhood${queryString({
    ids: params.ids, depth: params.depth ?? 1, kinds: params.kinds, rels: params.rels,
    perNode: params.perNode ?? 25, limit: params.limit ?? 500,
  })}`, options),

  path: (from: string, to: string, maxHops = 6, options?: CallOptions) =>
    call<PathResult>(`/api/path${queryString({ from, to, maxHops })}`, options),

  quotes: (
    params: { speaker?: string; speakerKind?: string; organization?: string; report?: string; document?: string; q?: string; from?: string; to?: string; limit?: number; offset?: number },
    options?: CallOptions,
  ) => call<QuotesResult>(`/api/quotes${queryString({ ...params, limit: params.limit ?? 20 })}`, options),

  quoteTrace: (id: string, options?: CallOptions) => call<TraceResult>(`/api/quotes/${encodeURIComponent(id)}/trace`, options),

  document: (id: string, options?: CallOptions) => call<DocumentText>(`/api/documents/${encodeURIComponent(id)}`, options),

  claims: (params: { measure?: string; document?: string }, options?: CallOptions) =>
    call<ClaimsResult>(`/api/claims${queryString(params)}`, options),

  cypher: (body: { query: string; params?: Record<string, unknown>; timeoutMs?: number; rowLimit?: number }, options?: CallOptions) =>
    call<CypherResponse>('/api/cypher', { ...options, method: 'POST', body }),

  schema: (options?: CallOptions) => call<SchemaResult>('/api/schema', options),

  examples: (options?: CallOptions) => call<Example[]>('/api/examples', options),

  review: (params: { reason?: string; limit?: number; offset?: number } = {}, options?: CallOptions) =>
    call<ReviewResult>(`/api/review${queryString({ ...params, limit: params.limit ?? 50 })}`, options),

  setSpeaker: (quoteId: string, speaker: string | null, note?: string) =>
    call<CorrectionResult>(`/api/quotes/${encodeURIComponent(quoteId)}/speaker`, { method: 'PUT', body: { speaker, ...curator(note) } }),

  merge: (ids: string[], into: string, note?: string) =>
    call<CorrectionResult>('/api/entities/merge', { method: 'POST', body: { ids, into, ...curator(note) } }),

  addRole: (personId: string, title: string, organization: string | null, note?: string) =>
    call<CorrectionResult>(`/api/entities/${encodeURIComponent(personId)}/roles`, { method: 'POST', body: { title, organization, ...curator(note) } }),

  removeRole: (personId: string, title: string, organization: string | null, note?: string) =>
    call<CorrectionResult>(`/api/entities/${encodeURIComponent(personId)}/roles${queryString({ title, organization, ...curator(note) })}`, { method: 'DELETE' }),

  corrections: (options?: CallOptions) => call<CorrectionsResult>('/api/corrections', options),

  undoCorrection: (id: string) => call<CorrectionResult>(`/api/corrections/${encodeURIComponent(id)}/undo`, { method: 'POST', body: curator() }),

  upload: (form: FormData) => call<UploadResult>('/api/documents', { method: 'POST', form }),

  job: (id: string, options?: CallOptions) => call<{ job: JobView }>(`/api/jobs/${encodeURIComponent(id)}`, { quiet: true, ...options }),

  /** A console result as a file: the query run again by the export route, in the format asked for. */
  exportCypher: async (query: string, format: ExportFormat): Promise<Blob> => {
    const response = await fetch(`/api/export/cypher${queryString({ format })}`, {
      method: 'POST', headers: { 'content-type': 'application/json', accept: '*/*' }, body: JSON.stringify({ query }),
    });
    if (!response.ok) {
      const body = await response.json().catch(() => null) as { error?: { code?: string; message?: string } } | null;
      throw new ApiError(response.status, body?.error?.code ?? `HTTP_${response.status}`, body?.error?.message ?? 'the export failed');
    }
    return response.blob();
  },

  exportUrl: (ids: string[], format: ExportFormat) => `/api/export/neighbourhood${queryString({ ids, format })}`,
  quoteSheetUrl: (ids: string[], format: 'csv' | 'xlsx') => `/api/export/quotes${queryString({ ids, format })}`,
};

export type Api = typeof api;

/** who and why, as every correction carries them */
function curator(note?: string): { by?: string; note?: string } {
  const by = curatorSession.name();
  return { ...(by ? { by } : {}), ...(note ? { note } : {}) };
}
