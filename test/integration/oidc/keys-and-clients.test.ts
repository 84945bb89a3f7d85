import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import * as client from 'openid-client';
import type { OidcClientSettings, OidcInfo, OidcSecretReset, OidcSigningKey } from '../../../src-main/contracts/oidc';
import { CookieBrowser } from '../../helpers/browser-jar';
import { authRequest, discover, REDIRECT_URI, registerApp, signInWithWechat, startOidcWorld, type OidcWorld, type RegisteredApp } from './helpers';

/** Signing-key rotation, the client settings API, and a client that only trusts the CA through NODE_EXTRA_CA_CERTS. */

const ROOT = path.resolve(import.meta.dirname, '../../..');

async function jwks(w: OidcWorld): Promise<JSONWebKeySet> {
  return (await (await w.fetch(`${w.issuer}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
}

describe('signing keys and client settings', () => {
  let w: OidcWorld;
  let app: RegisteredApp;
  let config: client.Configuration;

  beforeAll(async () => {
    w = await startOidcWorld();
    app = await registerApp(w, 'Shop', { idTokenAlg: 'RS256' });
    config = await discover(w, app);
  });
  afterAll(() => w.close());

  async function signIn(browser = new CookieBrowser(w.fetch)) {
    const req = await authRequest(config, { prompt: 'login' });
    const { callback } = await signInWithWechat(w, browser, req.url, w.personas.chen);
    return client.authorizationCodeGrant(config, new URL(callback), { pkceCodeVerifier: req.verifier, expectedState: req.state, expectedNonce: req.nonce });
  }

  it('rotation: the new kid signs, the old one stays published so earlier tokens verify, until it is removed', async () => {
    const before = await signIn();
    const oldKid = decodeProtectedHeader(before.id_token!).kid!;
    expect((await jwks(w)).keys.map((k) => k.kid)).toEqual([oldKid]);

    const rotated = await w.api<OidcSigningKey>('POST', '/api/oidc/keys/rotate');
    expect(rotated.status).toBe(201);
    expect(rotated.body.active).toBe(true);
    const newKid = rotated.body.kid;
    expect(newKid).not.toBe(oldKid);
    expect((await jwks(w)).keys.map((k) => k.kid)).toEqual([newKid, oldKid]);
    const listed = (await w.api<{ keys: OidcSigningKey[] }>('GET', '/api/oidc/keys')).body.keys;
    expect(listed.find((k) => k.kid === oldKid)).toMatchObject({ active: false, retiredAt: expect.any(Number), publishedUntil: expect.any(Number) });

    const after = await signIn();
    expect(decodeProtectedHeader(after.id_token!).kid).toBe(newKid);
    // A client that re-fetches the JWKS on an unknown kid verifies both.
    const set = createLocalJWKSet(await jwks(w));
    await jwtVerify(after.id_token!, set, { issuer: w.issuer, audience: app.id });
    await jwtVerify(before.id_token!, set, { issuer: w.issuer, audience: app.id });

    expect((await w.api('DELETE', `/api/oidc/keys/${newKid}`)).status).toBe(409);
    expect((await w.api('DELETE', `/api/oidc/keys/${oldKid}`)).status).toBe(200);
    const onlyNew = await jwks(w);
    expect(onlyNew.keys.map((k) => k.kid)).toEqual([newKid]);
    await expect(jwtVerify(before.id_token!, createLocalJWKSet(onlyNew))).rejects.toThrow(/no applicable key|matching/i);
    await jwtVerify(after.id_token!, createLocalJWKSet(onlyNew), { issuer: w.issuer, audience: app.id });
  });

  it('settings: URIs validated on save (https or loopback http, no fragment), nothing saved on a bad field', async () => {
    const path = `/api/login/apps/${app.id}/oidc`;
    const before = (await w.api<OidcClientSettings>('GET', path)).body;
    expect(before).toMatchObject({ clientId: app.id, issuer: w.issuer, redirectUris: [REDIRECT_URI], hasSecret: true, idTokenAlg: 'RS256', tokenEndpointAuthMethod: 'client_secret_post' });
    expect(JSON.stringify(before)).not.toContain(app.secret);
    for (const [body, field] of [
      [{ redirectUris: ['http://example.com/cb'] }, 'redirectUris.0'],
      [{ redirectUris: [REDIRECT_URI, 'https://a.example/cb#frag'] }, 'redirectUris.1'],
      [{ postLogoutRedirectUris: ['not a url'] }, 'postLogoutRedirectUris.0'],
      [{ idTokenAlg: 'none' }, 'idTokenAlg'],
      [{ tokenEndpointAuthMethod: 'private_key_jwt' }, 'tokenEndpointAuthMethod'],
      [{ accessTokenTtl: 5 }, 'accessTokenTtl'],
      [{ redirectUris: ['http://127.0.0.1:9/cb'], pkceRequired: 'yes' }, 'pkceRequired'],
    ] as const) {
      const res = await w.api<{ error: { field: string; message: string } }>('PATCH', path, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error.field).toBe(field);
    }
    expect((await w.api<OidcClientSettings>('GET', path)).body).toEqual(before);
    const ok = await w.api<OidcClientSettings>('PATCH', path, { redirectUris: [REDIRECT_URI, 'http://localhost:3000/api/auth/callback/genauth', 'http://[::1]:8080/cb'], accessTokenTtl: 600 });
    expect(ok.status).toBe(200);
    expect(ok.body.redirectUris).toHaveLength(3);
    expect(ok.body.accessTokenTtl).toBe(600);
    const tokens = await signIn();
    expect(tokens.expires_in).toBe(600);
  });

  it('a reset secret is shown once; the old secret is refused at once', async () => {
    const other = await registerApp(w, 'Forum', { idTokenAlg: 'RS256' });
    const reset = await w.api<OidcSecretReset>('POST', `/api/login/apps/${other.id}/secret`);
    expect(reset.status).toBe(200);
    expect(reset.body.secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(reset.body.secret).not.toBe(other.secret);
    const shown = (await w.api<{ apps: Array<{ id: string; secretMasked: string }> }>('GET', `/api/login/pools/${w.pool.id}/apps`)).body.apps.find((a) => a.id === other.id)!;
    expect(shown.secretMasked).toBe(reset.body.secretMasked);
    const oldConfig = await discover(w, other);
    await expect(client.clientCredentialsGrant(oldConfig)).rejects.toMatchObject({ error: 'invalid_client' });
    const newConfig = await discover(w, { id: other.id, secret: reset.body.secret });
    expect((await client.clientCredentialsGrant(newConfig)).access_token).toBeTruthy();
  });

  it('an unchanged Node client trusts the studio through NODE_EXTRA_CA_CERTS alone', async () => {
    const info = (await w.api<OidcInfo>('GET', '/api/oidc')).body;
    expect(info).toMatchObject({ issuer: w.issuer, https: true, authCa: w.rt.authCa });
    const script = `import * as c from 'openid-client'; const cfg = await c.discovery(new URL(process.argv[1]), 'x'); console.log(cfg.serverMetadata().issuer);`;
    const run = (env: NodeJS.ProcessEnv) =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const child = spawn(process.execPath, ['--input-type=module', '-e', script, w.issuer], { cwd: ROOT, env: { ...process.env, ...env } });
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.on('exit', (code) => resolve({ code, out, err }));
      });
    const trusted = await run({ NODE_EXTRA_CA_CERTS: info.authCa! });
    expect(trusted.err).toBe('');
    expect(trusted.out.trim()).toBe(w.issuer);
    const untrusted = await run({ NODE_EXTRA_CA_CERTS: '' });
    expect(untrusted.code).not.toBe(0);
    expect(untrusted.err).toMatch(/certificate|SELF_SIGNED|fetch failed/i);
  });
});
