import { currentLocale, i18n } from '../i18n';
import type { Problem } from './types';

/** The one fetch client every page goes through (via the resource modules next to it). */

const BASE = '/api/v1';
const TOKEN_KEY = 'tongban.token';

export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }
}

export const tokenStore = {
  get(): string | null {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  set(token: string): void {
    sessionStorage.setItem(TOKEN_KEY, token);
  },
  clear(): void {
    sessionStorage.removeItem(TOKEN_KEY);
  },
};

interface ClientHooks {
  /** Shows a problem title to the user (ElMessage or Vant toast, set by the active area). */
  notify: (message: string) => void;
  /** Called after a 401 cleared the token. */
  unauthorized: () => void;
}

const hooks: ClientHooks = {
  notify: (message) => console.error(message),
  unauthorized: () => {},
};

export function configureClient(next: Partial<ClientHooks>): void {
  Object.assign(hooks, next);
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Do not show the error to the user; the caller handles it. */
  quiet?: boolean;
  signal?: AbortSignal;
  /** Path prefix; default `/api/v1` (the single sign-on interaction calls live under `/oidc`). */
  base?: string;
  /** Sent as `Idempotency-Key`: a retried request with the same key is applied once. */
  idempotencyKey?: string;
}

function buildUrl(path: string, query?: Query, base = BASE): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return `${base}${path}${qs ? `?${qs}` : ''}`;
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && typeof (value as Problem).title === 'string';
}

async function toProblem(response: Response): Promise<Problem> {
  const body: unknown = await response.json().catch(() => null);
  if (isProblem(body)) return { ...body, status: body.status ?? response.status };
  return {
    type: 'about:blank',
    title: i18n.global.t('errors.http', { status: response.status }),
    status: response.status,
    code: 'HTTP_ERROR',
  };
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': currentLocale(),
  };
  const token = tokenStore.get();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query, options.base), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    const error = new ApiError({
      type: 'about:blank',
      title: i18n.global.t('errors.network'),
      status: 0,
      code: 'NETWORK_ERROR',
    });
    if (!options.quiet) hooks.notify(error.problem.title);
    throw error;
  }

  if (!response.ok) {
    const error = new ApiError(await toProblem(response));
    if (response.status === 401) {
      tokenStore.clear();
      hooks.unauthorized();
    }
    if (!options.quiet) hooks.notify(error.problem.title);
    throw error;
  }

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('DELETE', path, options),
};

/**
 * Field-level validation errors of a failed call, keyed by field without the `body.`/`query.` prefix
 * (`body.staffIpAllow.0` → `staffIpAllow.0`). Empty for anything that is not an ApiError.
 */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const result: Record<string, string> = {};
  for (const { field, message } of error.problem.errors ?? []) {
    const key = field.replace(/^(body|query|params)\./, '');
    result[key] = result[key] ? `${result[key]}; ${message}` : message;
  }
  return result;
}
