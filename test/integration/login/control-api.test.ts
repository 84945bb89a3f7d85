import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LoginApplicationCreated, LoginConnection, LoginPool, LoginUser } from '../../../src-main/contracts/api';
import { createLogger } from '../../../src-main/core/logger';
import { startWorld, type World } from './helpers';

const VALID = {
  identifier: 'wechat-qa',
  displayName: 'QA Account',
  appId: 'wx0123456789abcdef',
  appSecret: 'a'.repeat(16) + 'B'.repeat(16),
  token: 'qaToken123',
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  mode: 'safe',
  loginMode: 'login-and-register',
  association: 'off',
};

describe('login control API', () => {
  let w: World;
  let logs: string[];
  let poolId: string;

  beforeEach(async () => {
    logs = [];
    w = await startWorld({ seed: 'empty' }, { log: createLogger((l) => logs.push(l)) });
    const res = await w.api<LoginPool>('POST', '/api/login/pools', { name: 'QA pool' });
    expect(res.status).toBe(201);
    poolId = res.body.id;
  });
  afterEach(() => w.stop());

  const create = (body: Record<string, unknown>) => w.api<LoginConnection & { error?: { code: string; field: string; message: string } }>('POST', `/api/login/pools/${poolId}/connections`, body);
  const connectionCount = () => (w.rt.ctx.db.prepare('SELECT COUNT(*) AS n FROM login_connections').get() as { n: number }).n;

  it('creates a connection, masks every secret, and gives the events URL for the WeChat console', async () => {
    const res = await create(VALID);
    expect(res.status).toBe(201);
    expect(res.body.identifier).toBe('wechat-qa');
    expect(JSON.stringify(res.body)).not.toContain(VALID.appSecret);
    expect(JSON.stringify(res.body)).not.toContain(VALID.token);
    expect(JSON.stringify(res.body)).not.toContain(VALID.encodingAesKey);
    expect(res.body.appSecretMasked).toMatch(/^aaaa•+BBBB$/);
    const one = await w.api<LoginConnection>('GET', `/api/login/pools/${poolId}/connections/wechat-qa`);
    expect(one.body.eventsUrl).toBe(`${w.rt.urls.auth}/connections/social/wechat-qa/${poolId}/events`);
    const revealed = await w.api<LoginConnection>('GET', `/api/login/pools/${poolId}/connections/wechat-qa?reveal=true`);
    expect(revealed.body.token).toBe(VALID.token);
    expect(revealed.body.encodingAesKey).toBe(VALID.encodingAesKey);
    expect(JSON.stringify(revealed.body)).not.toContain(VALID.appSecret);
    const pools = await w.api<{ pools: LoginPool[] }>('GET', '/api/login/pools');
    expect(pools.body.pools[0]!.connections.map((c) => c.identifier)).toEqual(['wechat-qa']);
    expect(logs.join('\n')).not.toContain(VALID.appSecret);
  });

  it.each([
    [{ identifier: 'WeChat' }, 'identifier', /lower-case letters, digits and '-'/],
    [{ identifier: 'a'.repeat(32) }, 'identifier', /shorter than 32/],
    [{ displayName: '' }, 'displayName', /Display Name is required/],
    [{ appId: 'wx123' }, 'appId', /AppID must be "wx" followed by 16/],
    [{ appSecret: undefined }, 'appSecret', /AppSecret\) is required/],
    [{ token: 'ab' }, 'token', /Token must be 3–32 English letters or digits/],
    [{ token: 'has space' }, 'token', /Token/],
    [{ encodingAesKey: 'short' }, 'encodingAesKey', /43 characters/],
    [{ encodingAesKey: '' }, 'encodingAesKey', /blank only in plaintext mode/],
    [{ mode: 'secure' }, 'mode', /plaintext, compatible or safe/],
    [{ loginMode: 'register' }, 'loginMode', /login-only or login-and-register/],
    [{ association: 'magic' }, 'association', /off, field-matching or query-binding/],
  ])('refuses %j naming the field, and saves nothing', async (patch, field, message) => {
    const res = await create({ ...VALID, ...patch });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'invalid_field', field });
    expect(res.body.error!.message).toMatch(message);
    expect(connectionCount()).toBe(0);
  });

  it('names the FIRST invalid field in form order', async () => {
    const res = await create({ ...VALID, token: '!', encodingAesKey: '', loginMode: 'x', identifier: 'Bad ID' });
    expect(res.body.error!.field).toBe('identifier');
    const res2 = await create({ ...VALID, encodingAesKey: '', loginMode: 'x' });
    expect(res2.body.error!.field).toBe('encodingAesKey');
  });

  it('accepts a blank EncodingAESKey in plaintext mode', async () => {
    const res = await create({ ...VALID, encodingAesKey: '', mode: 'plaintext' });
    expect(res.status).toBe(201);
    expect(res.body.mode).toBe('plaintext');
  });

  it('refuses a duplicate Unique ID in the same pool', async () => {
    expect((await create(VALID)).status).toBe(201);
    const again = await create(VALID);
    expect(again.status).toBe(409);
    expect(again.body.error!.field).toBe('identifier');
  });

  it('PATCH keeps the AppSecret when absent, refuses to change the Unique ID, and checks the key against the mode', async () => {
    await create(VALID);
    const url = `/api/login/pools/${poolId}/connections/wechat-qa`;
    const rename = await w.api<{ error: { field: string; message: string } }>('PATCH', url, { identifier: 'other' });
    expect(rename.status).toBe(422);
    expect(rename.body.error).toMatchObject({ field: 'identifier', message: 'Unique ID cannot be changed after the connection is created' });
    const ok = await w.api<LoginConnection>('PATCH', url, { displayName: 'Renamed', loginMode: 'login-only' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ displayName: 'Renamed', loginMode: 'login-only', identifier: 'wechat-qa' });
    const row = w.rt.ctx.db.prepare('SELECT app_secret AS s FROM login_connections').get() as { s: string };
    expect(row.s).toBe(VALID.appSecret);
    const blankKey = await w.api<{ error: { field: string } }>('PATCH', url, { encodingAesKey: '' });
    expect(blankKey.status).toBe(422);
    expect(blankKey.body.error.field).toBe('encodingAesKey');
    const toPlain = await w.api<LoginConnection>('PATCH', url, { mode: 'plaintext', encodingAesKey: '' });
    expect(toPlain.status).toBe(200);
    const back = await w.api<{ error: { field: string } }>('PATCH', url, { mode: 'safe' });
    expect(back.status).toBe(422);
    expect(back.body.error.field).toBe('encodingAesKey');
    expect((await w.api('DELETE', url)).status).toBe(200);
    expect(connectionCount()).toBe(0);
  });

  it('applications: secret shown once, login URL on the auth server', async () => {
    const res = await w.api<LoginApplicationCreated>('POST', `/api/login/pools/${poolId}/apps`, { name: 'Shop', redirectUris: ['http://localhost:3000/cb'] });
    expect(res.status).toBe(201);
    expect(res.body.loginUrl).toBe(`${w.rt.urls.auth}/login/${res.body.id}`);
    expect(res.body.secret.length).toBeGreaterThan(20);
    const list = await w.api<{ apps: Array<Record<string, unknown>> }>('GET', `/api/login/pools/${poolId}/apps`);
    expect(JSON.stringify(list.body)).not.toContain(res.body.secret);
    const bad = await w.api<{ error: { field: string } }>('POST', `/api/login/pools/${poolId}/apps`, { name: 'X', redirectUris: ['not a url'] });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe('redirectUris.0');
  });

  it('password users: hashed with scrypt, never returned, unique per pool', async () => {
    const res = await w.api<LoginUser>('POST', '/api/login/users', { poolId, username: 'alice', password: 'correct horse' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ username: 'alice', hasPassword: true, identities: [], logins: [] });
    expect(JSON.stringify(res.body)).not.toContain('correct horse');
    const hash = (w.rt.ctx.db.prepare('SELECT password_hash AS h FROM login_users').get() as { h: string }).h;
    expect(hash).toMatch(/^scrypt\$/);
    expect((await w.api('POST', '/api/login/users', { poolId, username: 'alice', password: 'another one' })).status).toBe(409);
    const short = await w.api<{ error: { field: string } }>('POST', '/api/login/users', { poolId, username: 'bob', password: 'short' });
    expect(short.status).toBe(422);
    expect(short.body.error.field).toBe('password');
    const users = await w.api<{ users: LoginUser[] }>('GET', `/api/login/users?poolId=${poolId}`);
    expect(users.body.users.map((u) => u.username)).toEqual(['alice']);
    expect(logs.join('\n')).not.toContain('correct horse');
  });

  it('unknown pools are 404 with the field', async () => {
    const res = await w.api<{ error: { code: string; field: string } }>('POST', '/api/login/pools/nope/connections', VALID);
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'not_found', field: 'poolId' });
  });

  it('settings: the timestamp window is configurable and validated', async () => {
    expect((await w.api('GET', '/api/login/settings')).body).toEqual({ maxSkewSeconds: 300 });
    expect((await w.api('PUT', '/api/login/settings', { maxSkewSeconds: 60 })).body).toEqual({ maxSkewSeconds: 60 });
    expect((await w.api('PUT', '/api/login/settings', { maxSkewSeconds: -1 })).status).toBe(422);
    expect(w.rt.login.service.maxSkewSeconds()).toBe(60);
  });

  it('the OpenAPI document lists the login routes', async () => {
    const doc = await w.api<{ paths: Record<string, unknown> }>('GET', '/api/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/login/pools', '/api/login/pools/{poolId}/connections', '/api/login/users', '/api/login/sessions', '/api/relay', '/api/reset']),
    );
  });
});
