import type { ApiErrorBody } from '../../src-main/contracts/api';

/** A problem answer of the control API: `{error: {code, message, field?}}` with its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** The whole parsed body, for routes that add detail (e.g. URL verification warnings). */
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get unauthorized(): boolean {
    return this.status === 401;
  }
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Http {
  request<T>(method: HttpMethod, path: string, body?: unknown): Promise<T>;
}

function isProblem(v: unknown): v is ApiErrorBody {
  return typeof v === 'object' && v !== null && typeof (v as ApiErrorBody).error === 'object' && (v as ApiErrorBody).error !== null;
}

/**
 * JSON over fetch, same origin. The browser carries the HttpOnly session cookie it got by opening the
 * studio link with ?token=; a 401 means that link was not opened (or belongs to another launch).
 */
export function createHttp(opts: { base?: string; fetch?: typeof fetch; onUnauthorized?: () => void } = {}): Http {
  const base = opts.base ?? '';
  const doFetch = opts.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  return {
    async request<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
      let res: Response;
      try {
        res = await doFetch(base + path, {
          method,
          credentials: 'same-origin',
          headers: body !== undefined ? { 'content-type': 'application/json', accept: 'application/json' } : { accept: 'application/json' },
          body: body !== undefined ? JSON.stringify(body) : undefined,
        });
      } catch (err) {
        throw new ApiError(0, 'network', `The studio server did not answer (${(err as Error).message}). Is it still running?`);
      }
      const text = await res.text();
      let parsed: unknown = undefined;
      if (text) {
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = text;
        }
      }
      if (!res.ok) {
        if (res.status === 401) opts.onUnauthorized?.();
        if (isProblem(parsed)) {
          throw new ApiError(res.status, parsed.error.code, parsed.error.message, parsed.error.field, parsed);
        }
        throw new ApiError(res.status, `http_${res.status}`, `${method} ${path} failed with HTTP ${res.status}`, undefined, parsed);
      }
      return parsed as T;
    },
  };
}
