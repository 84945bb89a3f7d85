import { ApiError } from '../api/http';

/**
 * What the store keeps of a failure: the control API's `{code, message, field}` (or a network problem),
 * plain data so it can sit in state and be translated when it is shown (see src-renderer/i18n/errors.ts).
 */
export interface ErrorInfo {
  code: string;
  /** The server's own text: the fallback when the code is not one the studio translates. */
  message: string;
  field?: string;
  status?: number;
}

export function toErrorInfo(err: unknown): ErrorInfo {
  if (err instanceof ApiError) {
    return { code: err.code, message: err.message, status: err.status, ...(err.field ? { field: err.field } : {}) };
  }
  if (err instanceof Error) return { code: 'unknown', message: err.message };
  return { code: 'unknown', message: String(err) };
}

export function isUnauthorized(err: unknown): boolean {
  return err instanceof ApiError && err.status === 401;
}

export function isNotFound(err: unknown): boolean {
  return err instanceof ApiError && err.status === 404 && err.code === 'not_found';
}
