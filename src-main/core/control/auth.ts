import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hostnameOf, isLoopbackHost } from '../http/loopback';

export const SESSION_COOKIE = 'follow_studio_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Refusals are short and fixed: they tell a caller without the token nothing about the studio. */
const REFUSED = {
  host: { status: 403, body: { error: { code: 'forbidden_host', message: 'the studio answers loopback host names only' } } },
  token: { status: 401, body: { error: { code: 'unauthorized', message: 'the control API needs the launch token (Authorization: Bearer <token>)' } } },
  link: { status: 401, body: { error: { code: 'unauthorized', message: 'the token in the link is not this launch’s token' } } },
  site: { status: 403, body: { error: { code: 'cross_site', message: 'state-changing requests must come from the studio itself' } } },
  type: { status: 415, body: { error: { code: 'unsupported_media_type', message: 'send JSON (Content-Type: application/json)' } } },
} as const;

/**
 * The browser's session secret: derived from the launch token, never the token itself, so a cookie that
 * leaks (a crash report, a shared profile) does not give away the token scripts use.
 */
export function sessionSecret(token: string): string {
  return createHmac('sha256', token).update('follow-studio browser session').digest('base64url');
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

/** How the request proved it may use the control API: a Bearer token (scripts) or the session cookie (the UI). */
function credential(req: FastifyRequest, token: string, session: string): 'bearer' | 'cookie' | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return sameSecret(auth.slice(7).trim(), token) ? 'bearer' : null;
  const cookie = cookieValue(req.headers.cookie, SESSION_COOKIE);
  return cookie !== undefined && sameSecret(cookie, session) ? 'cookie' : null;
}

/**
 * A browser request that changes state must come from the studio's own page. Every 127.0.0.1 port is the
 * same *site*, so SameSite cookies do not keep another local page out; its Origin and Sec-Fetch-Site do.
 */
function fromStudioPage(req: FastifyRequest): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return false;
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      return false;
    }
    return host.toLowerCase() === String(req.headers.host ?? '').toLowerCase() && isLoopbackHost(host);
  }
  return site === 'same-origin';
}

function hasBody(req: FastifyRequest): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

const isJson = (type: string | undefined): boolean => /^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type ?? '');

function refuse(reply: FastifyReply, which: keyof typeof REFUSED): FastifyReply {
  return reply.status(REFUSED[which].status).header('cache-control', 'no-store').send(REFUSED[which].body);
}

export interface GuardOptions {
  token: string;
  /** The studio's origin (the UI link and redirects). */
  origin: string;
}

/**
 * Guards the studio server by the route that will run, never by the text of the URL (a percent-encoded
 * or dot-segment spelling reaches the same route and meets the same guard). Every request needs a
 * loopback Host header (DNS rebinding gets nothing). Every route needs the launch token — as a Bearer
 * header, or as the session cookie a browser gets by opening the studio link once with ?token= — except
 * the routes declared `config: { public: true }` (the UI's static files). A state-changing request with the
 * cookie must come from the studio's own page, and every body must be JSON.
 */
export function installStudioGuard(app: FastifyInstance, o: GuardOptions): void {
  const session = sessionSecret(o.token);
  app.addHook('onRequest', async (req, reply) => {
    if (!isLoopbackHost(req.headers.host)) return refuse(reply, 'host');
    const isPublic = (req.routeOptions.config as { public?: boolean } | undefined)?.public === true;
    if (isPublic) {
      const offered = req.method === 'GET' ? new URLSearchParams(req.url.split('?')[1] ?? '').get('token') : null;
      if (offered === null) return;
      if (!sameSecret(offered, o.token)) return refuse(reply, 'link');
      const [pathname = '/', search = ''] = req.url.split('?', 2);
      const query = new URLSearchParams(search);
      query.delete('token');
      const rest = query.toString();
      return reply
        .header('set-cookie', `${SESSION_COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/`)
        .header('cache-control', 'no-store')
        .redirect(pathname + (rest ? `?${rest}` : ''), 302);
    }
    const by = credential(req, o.token, session);
    if (!by) return refuse(reply, 'token');
    if (SAFE_METHODS.has(req.method)) return;
    if (by === 'cookie' && !fromStudioPage(req)) return refuse(reply, 'site');
    if (hasBody(req) && !isJson(req.headers['content-type'])) return refuse(reply, 'type');
  });
}

export { hostnameOf, isLoopbackHost };
