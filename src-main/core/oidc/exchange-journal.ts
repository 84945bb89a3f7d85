import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { HttpRequestRecord, HttpResponseRecord } from '../../contracts/api';
import type { DecodedToken } from '../../contracts/oidc';
import { say, type SaidCode, type SaidValue } from '../../contracts/said';
import type { ExchangeNote } from '../journal/recorder';
import { isOidcSecretName, maskSecret } from '../journal/redact';

/**
 * Every exchange with the provider goes into the journal (kind "oidc") so the inspector can show the
 * authorize → token → userinfo story; the auth server's recorder writes the entry from what this says.
 * Codes, tokens, secrets and verifiers are masked wherever they appear (query, fragment, form body, JSON,
 * Authorization header, cookies); JWTs are shown decoded (header and claims, never the signature), which
 * is what a developer wants to read anyway.
 */

const JWT_RE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const JWT_IN_TEXT = /eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g;
const BODY_LIMIT = 16_384;

/** Endpoints the journal names with a phrase; the others (token, userinfo, jwks, discovery…) by their route name. */
const PHRASES: Record<string, SaidCode> = {
  authorization: 'oidc.endpoint.authorization',
  resume: 'oidc.endpoint.resume',
  end_session: 'oidc.endpoint.end_session',
  end_session_confirm: 'oidc.endpoint.end_session_confirm',
  end_session_success: 'oidc.endpoint.end_session_success',
};

function endpointName(route: string): SaidValue {
  const code = PHRASES[route];
  return code ? say(code) : route;
}

export class TokenCollector {
  readonly tokens: DecodedToken[] = [];
  add(where: string, value: unknown): void {
    if (typeof value !== 'string' || !JWT_RE.test(value)) return;
    try {
      this.tokens.push({ where, header: decodeProtectedHeader(value) as Record<string, unknown>, claims: decodeJwt(value) as Record<string, unknown> });
    } catch {
      // Not a JWT after all (an opaque token that looks like one): nothing to decode.
    }
  }
}

function maskParams(params: URLSearchParams, where: string, tokens: TokenCollector): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of params) {
    if (isOidcSecretName(k)) {
      tokens.add(`${where}.${k}`, v);
      out.append(k, maskSecret(v));
    } else out.append(k, v);
  }
  return out;
}

/** The URL with secret parameters masked in its query and fragment (the fragment carries implicit-flow tokens). */
export function maskUrl(raw: string, base: string, where: string, tokens: TokenCollector): string {
  let u: URL;
  try {
    u = new URL(raw, base);
  } catch {
    return raw;
  }
  const query = maskParams(u.searchParams, `${where}.query`, tokens).toString();
  const fragment = u.hash ? maskParams(new URLSearchParams(u.hash.slice(1)), `${where}.fragment`, tokens).toString() : '';
  return `${u.origin}${u.pathname}${query ? `?${query}` : ''}${fragment ? `#${fragment}` : ''}`;
}

export function maskObject(value: Record<string, unknown>, where: string, tokens: TokenCollector): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (isOidcSecretName(k) && typeof v === 'string') {
      tokens.add(`${where}.${k}`, v);
      out[k] = maskSecret(v);
    } else out[k] = v;
  }
  return out;
}

function maskAuthorization(value: string): string {
  const [scheme, ...rest] = value.split(' ');
  return rest.length ? `${scheme} ${maskSecret(rest.join(' '))}` : maskSecret(value);
}

function cookieNames(value: string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  const list = Array.isArray(value) ? value : value.split(/;\s*/);
  return list.map((c) => `${c.split('=')[0]}=«masked»`).join('; ');
}

function requestRecord(ctx: KoaContextWithOIDC, origin: string, originalUrl: string, tokens: TokenCollector): HttpRequestRecord {
  const headers: Record<string, string> = {};
  for (const name of ['content-type', 'accept', 'origin']) {
    const v = ctx.get(name);
    if (v) headers[name] = v;
  }
  const auth = ctx.get('authorization');
  if (auth) headers.authorization = maskAuthorization(auth);
  const cookies = cookieNames(ctx.get('cookie') || undefined);
  if (cookies) headers.cookie = cookies;
  const body = (ctx.oidc as { body?: Record<string, unknown> } | undefined)?.body;
  const form = body && Object.keys(body).length ? new URLSearchParams(Object.entries(maskObject(body, 'request.body', tokens)).map(([k, v]) => [k, String(v)])).toString() : '';
  return { method: ctx.method, url: maskUrl(originalUrl, origin, 'request', tokens), headers, body: form };
}

function responseRecord(ctx: KoaContextWithOIDC, origin: string, tokens: TokenCollector): HttpResponseRecord {
  const headers: Record<string, string> = {};
  for (const name of ['content-type', 'cache-control', 'www-authenticate']) {
    const v = ctx.response.get(name);
    if (v) headers[name] = String(v);
  }
  const location = ctx.response.get('location');
  if (location) headers.location = maskUrl(String(location), origin, 'response.location', tokens);
  const cookies = cookieNames(ctx.response.headers['set-cookie'] as string[] | undefined);
  if (cookies) headers['set-cookie'] = cookies;
  let body = '';
  const b: unknown = ctx.body;
  if (typeof b === 'string') {
    // HTML pages (form_post, web_message, errors, logout) may carry tokens: decode those, keep no copy.
    for (const jwt of b.match(JWT_IN_TEXT) ?? []) tokens.add('response.html', jwt);
    body = `«HTML page, ${Buffer.byteLength(b)} bytes»`;
  } else if (b && typeof b === 'object' && !Buffer.isBuffer(b)) {
    body = JSON.stringify(maskObject(b as Record<string, unknown>, 'response', tokens), null, 2);
    if (body.length > BODY_LIMIT) body = `${body.slice(0, BODY_LIMIT)}… [${body.length - BODY_LIMIT} more characters]`;
  }
  return { status: ctx.status, headers, body };
}

function outcomeOf(ctx: KoaContextWithOIDC, response: HttpResponseRecord): { ok: boolean; reasons: string[]; text: SaidValue } {
  const b = ctx.body as { error?: string; error_description?: string } | undefined;
  let error = typeof b === 'object' && b ? b.error : undefined;
  let description = typeof b === 'object' && b ? b.error_description : undefined;
  const location = response.headers.location;
  if (!error && location) {
    const u = new URL(location);
    const p = new URLSearchParams(u.hash ? u.hash.slice(1) : u.search);
    error = p.get('error') ?? new URLSearchParams(u.search).get('error') ?? undefined;
    description = p.get('error_description') ?? undefined;
  }
  const pageError = ctx.status >= 400 && typeof ctx.body === 'string' ? /data-error="([^"]+)"/.exec(ctx.body)?.[1] : undefined;
  error ??= pageError;
  if (error) return { ok: false, reasons: [description ? `${error}: ${description}` : error], text: error };
  if (ctx.status >= 400) return { ok: false, reasons: [`HTTP ${ctx.status}`], text: `HTTP ${ctx.status}` };
  if (location) {
    const u = new URL(location);
    return { ok: true, reasons: [], text: say('oidc.redirectTo', { url: `${u.origin}${u.pathname}` }) };
  }
  return { ok: true, reasons: [], text: String(ctx.status) };
}

/** What the journal keeps of one exchange with the provider: masked, its tokens decoded, with a verdict and a summary. */
export function describeExchange(ctx: KoaContextWithOIDC, originalUrl: string): ExchangeNote {
  const route = (ctx.oidc as { route?: string } | undefined)?.route;
  const origin = `${ctx.protocol}://${ctx.host}`;
  const tokens = new TokenCollector();
  const request = requestRecord(ctx, origin, originalUrl, tokens);
  const response = responseRecord(ctx, origin, tokens);
  const outcome = outcomeOf(ctx, response);
  const client = (ctx.oidc as { client?: { clientId: string; clientName?: string } } | undefined)?.client;
  const grantType = route === 'token' ? (ctx.oidc?.params?.grant_type as string | undefined) : undefined;
  const name = route ? endpointName(route) : ctx.path;
  const endpoint = grantType ? say('oidc.withGrant', { endpoint: name, grantType }) : name;
  const values = { endpoint, outcome: outcome.text };
  return {
    kind: 'oidc',
    ...(client ? { appId: client.clientId } : {}),
    summary: client?.clientName ? say('oidc.exchangeOfClient', { ...values, client: client.clientName }) : say('oidc.exchange', values),
    verdict: { ok: outcome.ok, reasons: outcome.reasons },
    masked: { request, response: { headers: response.headers, body: response.body } },
    tokens: tokens.tokens,
  };
}
