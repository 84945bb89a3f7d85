import type { FastifyRequest } from 'fastify';
import { callerIp, type CallerIp } from '../ip';
import { WechatApiError, apiError } from '../wechat-errors';
import { say, verbatim, type Said } from '../../../contracts/said';

/** One call to a cgi-bin API, as the handlers see it: query, raw body, caller, and what the journal should know. */
export interface ApiCall {
  req: FastifyRequest;
  method: string;
  path: string;
  query: Record<string, string>;
  /** The raw body text ('' when none). */
  body: string;
  ip: CallerIp;
  /** Filled by handlers for the journal: which account the call concerned, and a short outcome. */
  appId?: string;
  outcome?: Said | string;
}

/** What a handler answers: JSON, or an image (showqrcode), or a bare status (showqrcode's 404). */
export type ApiAnswer = Record<string, unknown> | { png: Buffer } | { status: number; text: string };

export function makeCall(req: FastifyRequest, path: string): ApiCall {
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries((req.query ?? {}) as Record<string, unknown>)) {
    // A repeated parameter: WeChat reads the first.
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first === 'string') query[k] = first;
  }
  const body = typeof req.body === 'string' ? req.body : req.body === undefined || req.body === null ? '' : String(req.body);
  return { req, method: req.method, path, query, body, ip: callerIp(req.socket.remoteAddress) };
}

export function requirePost(call: ApiCall): void {
  if (call.method !== 'POST') throw apiError(43002, say('api.hint.postOnly', { path: call.path }));
}

/** The JSON object body of a POST API; WeChat answers 44002 for no body and 47001 for anything not JSON. */
export function jsonBody(call: ApiCall): Record<string, unknown> {
  if (call.body.trim() === '') throw apiError(44002, say('api.hint.jsonBody'));
  let value: unknown;
  try {
    value = JSON.parse(call.body);
  } catch (e) {
    throw new WechatApiError(47001, undefined, say('api.hint.notJson', { error: verbatim((e as Error).message) }));
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new WechatApiError(47001, undefined, say('api.hint.notObject'));
  }
  return value as Record<string, unknown>;
}
