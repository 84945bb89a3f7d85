import type { HttpRequestRecord } from '../../../contracts/api';
import { sortedSignature, type SortedSignature } from '../../wechat/signature';

/**
 * The HTTP requests WeChat sends to a developer's server, byte for byte: the push POST (§3) and the URL
 * verification GET (§2). The dispatcher and the developer-server audit both build them here, so what the
 * audit sends is exactly what the platform's deliveries send.
 */

/** Appends the query in the given order to a configured URL that may already carry its own query. */
export function withQuery(base: string, query: ReadonlyArray<readonly [string, string]>): string {
  const q = query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  const hash = base.indexOf('#');
  const clean = hash >= 0 ? base.slice(0, hash) : base;
  return `${clean}${clean.includes('?') ? (clean.endsWith('?') || clean.endsWith('&') ? '' : '&') : '?'}${q}`;
}

export interface PushRequestInput {
  url: string;
  /** The sealed push's query, in WeChat's order (signature, timestamp, nonce, openid[, encrypt_type, msg_signature]). */
  query: ReadonlyArray<readonly [string, string]>;
  body: string;
  userAgent?: string;
}

export function pushHttpRequest({ url, query, body, userAgent }: PushRequestInput): HttpRequestRecord {
  const headers: Record<string, string> = { 'content-type': 'text/xml; charset=utf-8', accept: '*/*' };
  if (userAgent) headers['user-agent'] = userAgent;
  return { method: 'POST', url: withQuery(url, query), headers, body };
}

export interface VerifyUrlRequestInput {
  url: string;
  token: string;
  timestamp: string;
  nonce: string;
  echostr: string;
  userAgent?: string;
}

/** The GET check: plain three-field signature in every mode, parameters in the docs' order. */
export function verifyUrlRequest(input: VerifyUrlRequestInput): { request: HttpRequestRecord; signature: SortedSignature } {
  const signature = sortedSignature([input.token, input.timestamp, input.nonce]);
  const query = `signature=${signature.sha1}&timestamp=${input.timestamp}&nonce=${input.nonce}&echostr=${input.echostr}`;
  const url = `${input.url}${input.url.includes('?') ? '&' : '?'}${query}`;
  const headers: Record<string, string> = { accept: '*/*' };
  if (input.userAgent) headers['user-agent'] = input.userAgent;
  return { request: { method: 'GET', url, headers, body: '' }, signature };
}
