import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../src-main/core/db/temp';
import { parseServeFlags } from '../../../src-main/serve/flags';
import { fetchTrusting } from '../../../src-main/core/tls/trusting-fetch';
import { startServe, type ServeHandle } from '../../helpers/serve';

/** `serve --https` as a script starts it: the ready line names the CA, the auth server speaks TLS, the CA is kept. */

describe('serve --https', () => {
  let s: ServeHandle;
  beforeAll(async () => {
    s = await startServe(['--memory', '--https']);
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('parses --https', () => {
    expect(parseServeFlags(['--https', '--memory'])).toEqual({ https: true, memory: true });
  });

  it('ready line: https auth server, the CA path, the sample website; WeChat pushes reach the https events endpoint', async () => {
    expect(s.auth).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(s.studio).toMatch(/^http:/);
    expect(s.sample).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(fs.readFileSync(s.authCa!, 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/);
    await expect(fetch(`${s.auth}/oidc/.well-known/openid-configuration`)).rejects.toThrow();
    const trusted = fetchTrusting(fs.readFileSync(s.authCa!, 'utf8'));
    try {
      const discovery = (await (await trusted.fetch(`${s.auth}/oidc/.well-known/openid-configuration`)).json()) as { issuer: string };
      expect(discovery.issuer).toBe(`${s.auth}/oidc`);
    } finally {
      await trusted.close();
    }
    // The demo seed pointed the account at the events endpoint, and WeChat's URL check passed over TLS.
    const accounts = (await s.api<{ accounts: Array<{ server: { url: string } }> }>('GET', '/api/wechat/accounts')).body.accounts;
    expect(accounts[0]!.server.url.startsWith(`${s.auth}/connections/social/`)).toBe(true);
  });

  it('an in-memory studio removes its temporary CA on exit; a data folder keeps the same CA across runs', async () => {
    const other = await startServe(['--memory', '--https']);
    const caPath = other.authCa!;
    expect(await other.stop()).toBe(0);
    expect(fs.existsSync(caPath)).toBe(false);
    const tmp = makeTempDir();
    try {
      const a = await startServe(['--data', tmp.dir, '--https']);
      const pem = fs.readFileSync(a.authCa!, 'utf8');
      expect(a.authCa!.startsWith(tmp.dir)).toBe(true);
      await a.stop();
      const b = await startServe(['--data', tmp.dir, '--https']);
      expect(fs.readFileSync(b.authCa!, 'utf8')).toBe(pem);
      await b.stop();
    } finally {
      tmp.remove();
    }
  }, 90_000);

  it('malformed requests to the provider and the QR API are refused with 4xx, never 500', async () => {
    const trusted = fetchTrusting(fs.readFileSync(s.authCa!, 'utf8'));
    try {
      const probes: Array<[string, RequestInit]> = [
        ['/oidc/token', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=authorization_code&code=x' }],
        ['/oidc/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"broken' }],
        ['/oidc/token', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a='.padEnd(200_000, 'x') }],
        ['/oidc/me', { headers: { authorization: 'Bearer nope' } }],
        ['/oidc/auth?client_id=nope&response_type=code&scope=openid', {}],
        ['/oidc/auth?' + 'x='.padEnd(4000, 'y'), {}],
        ['/oidc/token/introspection', { method: 'POST', body: 'token=x' }],
        ['/oidc/interaction/%00/finish?session=x', {}],
        ['/oidc/nothing-here', {}],
        ['/api/v2/qrcode/gene', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[1,2' }],
        ['/api/v2/qrcode/check?random=' + 'r'.repeat(500), {}],
      ];
      for (const [path, init] of probes) {
        const res = await trusted.fetch(`${s.auth}${path}`, init);
        expect(res.status, `${path}: ${res.status}`).toBeGreaterThanOrEqual(200);
        expect(res.status, `${path}: ${res.status} ${await res.text()}`).toBeLessThan(500);
      }
    } finally {
      await trusted.close();
    }
  });
});
