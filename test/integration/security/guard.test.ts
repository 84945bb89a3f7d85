import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../../src-main/core/control/auth';
import { createRuntime, type Runtime } from '../../../src-main/core/runtime';

/**
 * The studio guard is a property of the route that runs, not of the text of the URL: no spelling of a
 * control route reaches it without the token, a page on another loopback port cannot change anything
 * with the browser's cookie, and the cookie is not the launch token.
 */

interface Raw {
  status: number;
  type: string;
  body: string;
}

/** A request sent exactly as written: no URL normalisation on the way (fetch would resolve dot segments). */
function raw(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Raw> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, method, path, headers: { ...headers, ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Spellings of a control route that a router may decode or normalise to the route itself. */
function spellings(route: string): string[] {
  const tail = route.slice('/api'.length);
  const encodeAll = (s: string): string => [...s].map((c) => (c === '/' ? '/' : `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)).join('');
  return [
    route,
    `/%61pi${tail}`,
    `/%41pi${tail}`,
    `/a%70i${tail}`,
    encodeAll(route),
    `/api${encodeAll(tail)}`,
    `//api${tail}`,
    `/api/${tail}`,
    `/./api${tail}`,
    `/x/../api${tail}`,
    `/x/%2e%2e/api${tail}`,
    `/%2e/api${tail}`,
    `/API${tail}`,
    `/Api${tail}`,
    `${route}/`,
    `${route}?`,
    `${route};`,
    `/%2Fapi${tail}`,
    `/api%2F${tail.slice(1)}`,
    `${route}%00`,
    `${route}%20`,
    `/api${tail.replace(/\//g, '%2F')}`,
  ];
}

const ROUTES: Array<[string, string]> = [
  ['GET', '/api/wechat/accounts'],
  ['GET', '/api/login/pools'],
  ['GET', '/api/journal'],
  ['GET', '/api/events'],
  ['GET', '/api/openapi.json'],
  ['POST', '/api/reset'],
];

describe('the studio guard', () => {
  let rt: Runtime;
  let appId: string;
  beforeAll(async () => {
    rt = await createRuntime({ memory: true, quiet: true });
    appId = rt.platform.service.listAccounts()[0]!.appId;
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it('lets no spelling of a control route through without the token', async () => {
    const leaks: string[] = [];
    let tried = 0;
    const before = rt.journal.count();
    const pools = rt.login.service.listPools().map((p) => p.id);
    for (const [method, route] of ROUTES) {
      for (const path of spellings(route)) {
        tried++;
        const r = await raw(rt.urls.studio, method, path, method === 'POST' ? { 'content-type': 'application/json' } : {}, method === 'POST' ? '{}' : undefined);
        // What may come back: a refusal, a 404, or the studio's public page (which holds no data).
        const isPage = r.status === 200 && r.type.startsWith('text/html');
        const refused = r.status >= 400 && r.status < 500;
        if ((!refused && !isPage) || r.body.includes(appId) || r.body.includes(rt.token)) leaks.push(`${method} ${path} → ${r.status} ${r.body.slice(0, 80)}`);
      }
    }
    expect(tried).toBeGreaterThan(100);
    expect(leaks).toEqual([]);
    // No spelling of POST /api/reset ran: the same pool is still there.
    expect(rt.login.service.listPools().map((p) => p.id)).toEqual(pools);
    expect(rt.journal.count()).toBe(before);
  });

  it('answers the same spellings normally with the token (the router does reach the route)', async () => {
    const auth = { authorization: `Bearer ${rt.token}` };
    const reached = await Promise.all(spellings('/api/wechat/accounts').map(async (p) => [p, (await raw(rt.urls.studio, 'GET', p, auth)).body.includes(appId)] as const));
    // Encoded letters, a trailing slash and the like do route to the control API — which is why the guard
    // must look at the route, not the string.
    expect(reached.filter(([, hit]) => hit).map(([p]) => p)).toEqual(expect.arrayContaining(['/api/wechat/accounts', '/%61pi/wechat/accounts', '/api/wechat/accounts/']));
  });

  describe('with the browser session', () => {
    let cookie: string;
    beforeAll(async () => {
      const traded = await raw(rt.urls.studio, 'GET', `/?token=${encodeURIComponent(rt.token)}`);
      expect(traded.status).toBe(302);
      const res = await fetch(`${rt.urls.studio}/?token=${encodeURIComponent(rt.token)}`, { redirect: 'manual' });
      cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    });

    it('keeps a derived secret in the cookie, never the launch token', async () => {
      expect(cookie.startsWith(`${SESSION_COOKIE}=`)).toBe(true);
      expect(cookie).not.toContain(rt.token);
      expect(cookie).not.toContain(encodeURIComponent(rt.token));
      const withToken = await raw(rt.urls.studio, 'GET', '/api/health', { cookie: `${SESSION_COOKIE}=${rt.token}` });
      expect(withToken.status).toBe(401);
      expect((await raw(rt.urls.studio, 'GET', '/api/health', { cookie })).status).toBe(200);
    });

    it('refuses a state change from another loopback page, and changes nothing', async () => {
      const other = rt.urls.studio.replace(/:(\d+)$/, (_m, p: string) => `:${Number(p) === 65535 ? 1 : Number(p) + 1}`);
      const attempts: Array<Record<string, string>> = [
        { origin: other, 'sec-fetch-site': 'same-site' },
        { origin: other },
        { 'sec-fetch-site': 'same-site' },
        { 'sec-fetch-site': 'cross-site' },
        { origin: 'null' },
        {},
      ];
      const pools = rt.login.service.listPools().map((p) => p.id);
      const personas = rt.platform.service.listPersonas().length;
      for (const headers of attempts) {
        const create = await raw(rt.urls.studio, 'POST', '/api/wechat/personas', { cookie, 'content-type': 'application/json', ...headers }, JSON.stringify({ name: 'Mallory' }));
        expect(create.status, JSON.stringify(headers)).toBe(403);
        const reset = await raw(rt.urls.studio, 'POST', '/api/reset', { cookie, ...headers });
        expect(reset.status, JSON.stringify(headers)).toBe(403);
      }
      expect(rt.platform.service.listPersonas()).toHaveLength(personas);
      expect(rt.login.service.listPools().map((p) => p.id)).toEqual(pools);
    });

    it('accepts the studio page itself, JSON bodies only', async () => {
      const same = { cookie, origin: rt.urls.studio, 'sec-fetch-site': 'same-origin' };
      const text = await raw(rt.urls.studio, 'POST', '/api/wechat/personas', { ...same, 'content-type': 'text/plain' }, JSON.stringify({ name: 'Form post' }));
      expect(text.status).toBe(415);
      const form = await raw(rt.urls.studio, 'POST', '/api/wechat/personas', { ...same, 'content-type': 'application/x-www-form-urlencoded' }, 'name=Form');
      expect(form.status).toBe(415);
      expect(rt.platform.service.listPersonas().some((p) => p.name.startsWith('Form'))).toBe(false);
      const ok = await raw(rt.urls.studio, 'POST', '/api/wechat/personas', { ...same, 'content-type': 'application/json' }, JSON.stringify({ name: 'Same origin' }));
      expect(ok.status).toBe(201);
    });

    it('lets scripts with the Bearer token in from anywhere', async () => {
      const r = await raw(rt.urls.studio, 'POST', '/api/wechat/personas', { authorization: `Bearer ${rt.token}`, origin: 'http://127.0.0.1:1', 'content-type': 'application/json' }, JSON.stringify({ name: 'Script' }));
      expect(r.status).toBe(201);
    });
  });

  it('answers every loopback address --host accepts, and no other Host', async () => {
    const alt = await createRuntime({ memory: true, quiet: true, seed: 'empty', host: '127.0.0.2' });
    try {
      const port = new URL(alt.urls.studio).port;
      const auth = { authorization: `Bearer ${alt.token}` };
      expect((await raw(alt.urls.studio, 'GET', '/api/health', { ...auth, host: `127.0.0.2:${port}` })).status).toBe(200);
      expect((await raw(alt.urls.studio, 'GET', '/api/health', { ...auth, host: `localhost:${port}` })).status).toBe(200);
      const evil = await raw(alt.urls.studio, 'GET', '/api/health', { ...auth, host: `attacker.example:${port}` });
      expect(evil.status).toBe(403);
      expect(evil.body).not.toContain('attacker');
    } finally {
      await alt.stop();
    }
  });
});
