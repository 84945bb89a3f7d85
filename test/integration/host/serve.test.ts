import http from 'node:http';
import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type ServeHandle } from '../../helpers/serve';
import { makeTempDir } from '../../../src-main/core/db/temp';

const SERVE = path.resolve(import.meta.dirname, '../../../out/main/serve.js');

function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
  });
}

describe('headless host (serve)', () => {
  let s: ServeHandle;
  beforeAll(async () => {
    s = await startServe(['--memory']);
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('prints a ready line with three loopback URLs and a token', () => {
    for (const url of [s.studio, s.wechat, s.auth]) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(new Set([s.studio, s.wechat, s.auth]).size).toBe(3);
    expect(s.token.length).toBeGreaterThanOrEqual(24);
    expect(s.ui).toBe(`${s.studio}/?token=${encodeURIComponent(s.token)}`);
    // The server's own process (what a script kills), not a wrapper's.
    expect(s.pid).toBe(s.child.pid);
  });

  it('answers on all three servers', async () => {
    // The studio serves the UI (client-side routes fall back to index.html); the others answer in JSON.
    const ui = await fetch(s.studio + '/inspector');
    expect(ui.status).toBe(200);
    expect(ui.headers.get('content-type')).toContain('text/html');
    for (const url of [s.wechat, s.auth]) {
      const res = await fetch(url + '/no-such-path');
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/json');
    }
  });

  it('guards the control API with the launch token', async () => {
    const anonymous = await fetch(s.studio + '/api/health');
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    const wrong = await fetch(s.studio + '/api/health', { headers: { authorization: 'Bearer not-the-token' } });
    expect(wrong.status).toBe(401);
    const ok = await s.api<{ ok: boolean; version: string }>('GET', '/api/health');
    expect(ok.status).toBe(200);
    expect(ok.body.ok).toBe(true);
    expect(ok.body.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('refuses a foreign Host header even with the token', async () => {
    const res = await rawGet(s.studio + '/api/health', { host: 'attacker.example', authorization: `Bearer ${s.token}` });
    expect(res.status).toBe(403);
    expect(res.body).toContain('loopback host names only');
  });

  it('trades the token in the link for an HttpOnly cookie that then opens the API', async () => {
    const res = await rawGet(s.ui, {});
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const health = await rawGet(s.studio + '/api/health', { cookie: cookie.split(';')[0]! });
    expect(health.status).toBe(200);
    const page = await rawGet(s.studio + '/', { cookie: cookie.split(';')[0]! });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
  });

  it('publishes the OpenAPI document of the control API', async () => {
    const res = await s.api<{ openapi: string; paths: Record<string, unknown> }>('GET', '/api/openapi.json');
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toContain('/api/health');
    expect(Object.keys(res.body.paths)).toContain('/api/journal');
  });
});

describe('host lifecycle', () => {
  it('exits 0 on SIGTERM and on SIGINT', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const s = await startServe(['--memory']);
      expect(await s.stop(signal)).toBe(0);
    }
  });

  it('names the port and the flag when a port is taken, in one line, without a stack trace', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const r = spawnSync(process.execPath, [SERVE, '--memory', '--auth-port', String(port)], { encoding: 'utf8', timeout: 15_000 });
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim()).toBe(`follow-studio: port ${port} (--auth-port) is already in use; choose another port or 0 for any free port`);
    } finally {
      blocker.close();
    }
  });

  it('explains a bad flag and exits 2', () => {
    const r = spawnSync(process.execPath, [SERVE, '--studio-port', 'eighty'], { encoding: 'utf8', timeout: 15_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--studio-port needs a port number from 0 to 65535, got "eighty"');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('keeps its database in --data DIR', async () => {
    const tmp = makeTempDir();
    try {
      const s = await startServe(['--data', tmp.dir]);
      expect(await s.stop()).toBe(0);
      expect(fs.existsSync(path.join(tmp.dir, 'follow-studio.db'))).toBe(true);
    } finally {
      tmp.remove();
    }
  });
});
