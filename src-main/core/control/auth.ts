import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'follow_studio_session';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** The hostname part of a Host header ("127.0.0.1:4000" → "127.0.0.1", "[::1]:80" → "[::1]"). */
export function hostnameOf(host: string | undefined): string {
  if (!host) return '';
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1).toLowerCase();
  return host.split(':')[0]!.toLowerCase();
}

export function isLoopbackHost(host: string | undefined): boolean {
  return LOOPBACK_HOSTS.has(hostnameOf(host));
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
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}

export function presentedToken(req: FastifyRequest): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  return cookieValue(req.headers.cookie, SESSION_COOKIE);
}

/**
 * Guards the studio server: every request needs a loopback Host header (a page on another origin
 * cannot reach us through DNS rebinding), and every /api request needs the launch token, as a Bearer
 * header or as the HttpOnly cookie the browser got by opening the studio link once with ?token=.
 */
export function installStudioGuard(app: FastifyInstance, token: string): void {
  app.addHook('onRequest', async (req, reply) => {
    if (!isLoopbackHost(req.headers.host)) {
      return reply
        .status(403)
        .send({ error: { code: 'forbidden_host', message: `Host ${JSON.stringify(req.headers.host ?? '')} is not a loopback address` } });
    }
    const [pathname, search = ''] = req.url.split('?', 2) as [string, string?];
    const query = new URLSearchParams(search);
    const offered = query.get('token');
    if (offered !== null && req.method === 'GET' && !pathname.startsWith('/api/')) {
      if (!sameSecret(offered, token)) {
        return reply.status(401).send({ error: { code: 'unauthorized', message: 'the token in the link is not this launch’s token' } });
      }
      query.delete('token');
      const rest = query.toString();
      return reply
        .header('set-cookie', `${SESSION_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`)
        .redirect(pathname + (rest ? `?${rest}` : ''), 302);
    }
    if (pathname.startsWith('/api/')) {
      const presented = presentedToken(req);
      if (!presented || !sameSecret(presented, token)) {
        return reply.status(401).send({
          error: { code: 'unauthorized', message: 'the control API needs the launch token (Authorization: Bearer <token>)' },
        });
      }
    }
  });
}
