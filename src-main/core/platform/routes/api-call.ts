import type { FastifyRequest } from 'fastify';
import { callerIp, type CallerIp } from '../ip';
import { WechatApiError, apiError } from '../wechat-errors';

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
  outcome?: string;
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
  if (call.method !== 'POST') throw apiError(43002, `${call.path} takes POST with a JSON body`);
}

/** The JSON object body of a POST API; WeChat answers 44002 for no body and 47001 for anything not JSON. */
export function jsonBody(call: ApiCall): Record<string, unknown> {
  if (call.body.trim() === '') throw apiError(44002, 'send the parameters as a JSON body');
  let value: unknown;
  try {
    value = JSON.parse(call.body);
  } catch (e) {
    throw new WechatApiError(47001, undefined, `the body is not JSON: ${(e as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new WechatApiError(47001, undefined, 'the body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

/** Masks the AppSecret (and a component's) in a recorded URL or JSON body: the journal is shown to people and persisted. */
export function maskSecrets(text: string): string {
  return text
    .replace(/([?&]secret=)([^&#]*)/gi, (_m, k: string, v: string) => k + maskValue(v))
    .replace(/("(?:component_(?:app)?)?secret"\s*:\s*")((?:[^"\\]|\\.)*)(")/gi, (_m, k: string, v: string, end: string) => k + maskValue(v) + end);
}

function maskValue(v: string): string {
  return v.length <= 8 ? '••••' : `${v.slice(0, 4)}••••${v.slice(-4)}`;
}
