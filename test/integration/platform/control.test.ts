import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account, JournalEntry, Persona } from '../../../src-main/contracts/api';
import { startDevServer, type DevServer } from './dev-server';
import { refSignature } from './reference-crypto';
import { AES_KEY, TOKEN } from './setup';
import { startWorld, until, type World } from './world';

describe('control API of the platform', () => {
  let w: World;
  let dev: DevServer;
  let appId: string;
  beforeEach(async () => {
    w = await startWorld({ pushTimeoutMs: 300 });
    dev = await startDevServer();
    appId = (await w.api<Account>('POST', '/api/wechat/accounts', { name: 'Acme', type: 'service', verified: true })).body.appId;
  });
  afterEach(async () => {
    await w.stop();
    await dev.close();
  });

  const server = (body: Record<string, unknown>) =>
    w.api<Account & { warnings: string[]; error?: { code: string; message: string; field?: string } }>('PUT', `/api/wechat/accounts/${appId}/server`, {
      url: dev.url,
      token: TOKEN,
      encodingAesKey: AES_KEY,
      mode: 'safe',
      enabled: true,
      ...body,
    });
  const account = async () => (await w.api<{ accounts: Account[] }>('GET', '/api/wechat/accounts')).body.accounts[0]!;

  it('creates accounts in WeChat’s shapes and shows the AppSecret only once', async () => {
    const r = await w.api<Account & { appSecret: string }>('POST', '/api/wechat/accounts', { name: 'Sub', type: 'subscription', verified: false });
    expect(r.status).toBe(201);
    expect(r.body.appId).toMatch(/^wx[0-9a-f]{16}$/);
    expect(r.body.originalId).toMatch(/^gh_[0-9a-f]{12}$/);
    expect(r.body.appSecret).toMatch(/^[0-9a-f]{32}$/);
    expect(r.body.server).toEqual({ url: '', token: '', encodingAesKey: '', mode: 'plaintext', enabled: false });
    const listed = (await w.api<{ accounts: Array<Record<string, unknown>> }>('GET', '/api/wechat/accounts')).body.accounts;
    expect(listed).toHaveLength(2);
    expect(JSON.stringify(listed)).not.toContain(r.body.appSecret);
    expect(listed[1]!.appSecretMasked).toBe(`${r.body.appSecret.slice(0, 4)}••••••••${r.body.appSecret.slice(-4)}`);
  });

  it.each([
    [{ name: '', type: 'service', verified: true }, 'name'],
    [{ name: 'X', type: 'enterprise', verified: true }, 'type'],
    [{ name: 'X', type: 'service' }, 'verified'],
  ])('refuses %j naming the field %s', async (body, fieldName) => {
    const r = await w.api<{ error: { code: string; field: string; message: string } }>('POST', '/api/wechat/accounts', body);
    expect(r.status).toBe(422);
    expect(r.body.error.field).toBe(fieldName);
    expect((await w.api<{ accounts: Account[] }>('GET', '/api/wechat/accounts')).body.accounts).toHaveLength(1);
  });

  it('saves a server configuration only after the URL verification GET passed, with warnings', async () => {
    const r = await server({});
    expect(r.status).toBe(200);
    expect(r.body.server).toEqual({ url: dev.url, token: TOKEN, encodingAesKey: AES_KEY, mode: 'safe', enabled: true });
    expect(r.body.warnings).toEqual([expect.stringMatching(/^port \d+: WeChat accepts only port 80 for http URLs/)]);
    const get = dev.received[0]!;
    expect(get.method).toBe('GET');
    expect(get.queryOrder).toEqual(['signature', 'timestamp', 'nonce', 'echostr']);
    expect(get.query.get('signature')).toBe(refSignature(TOKEN, get.query.get('timestamp')!, get.query.get('nonce')!));
    expect(get.query.get('echostr')).toMatch(/^\d{19}$/);
    const { entries } = (await w.api<{ entries: JournalEntry[] }>('GET', '/api/journal?kind=verify')).body;
    expect(entries[0]).toMatchObject({ kind: 'verify', source: 'wechat', appId, verdict: { ok: true } });
  });

  it.each([
    ['a wrong echo', () => ({ body: 'hello' }), /answered "hello" instead of the echostr \d+: does it use the same Token/],
    ['a trailing newline', (e: string) => ({ body: `${e}\n` }), /with surrounding whitespace .*no newline/],
    ['a 403', () => ({ status: 403, body: '' }), /answered HTTP 403, expected 200 with the echostr/],
  ])('refuses to save after %s, with the reason, and saves nothing', async (_name, answer, reason) => {
    dev.respond((r) => (answer as (e: string) => { body?: string; status?: number })(r.query.get('echostr') ?? ''));
    const r = await server({});
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ code: 'url_verification_failed', field: 'url' });
    expect(r.body.error!.message).toMatch(reason);
    expect((await account()).server.url).toBe('');
  });

  it('refuses to save when the server stays silent past the timeout, which passes on the studio clock', async () => {
    await w.stop();
    w = await startWorld({ pushTimeoutMs: 300 }, true);
    appId = (await w.api<Account>('POST', '/api/wechat/accounts', { name: 'Acme', type: 'service', verified: true })).body.appId;
    dev.respond(() => ({ hold: true }));
    const saving = server({});
    await until(() => dev.holding === 1, 'the verification GET held by the server');
    await w.virtual!.advance(300);
    const r = await saving;
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ code: 'url_verification_failed', field: 'url', message: 'URL verification failed: timed out after 300 ms' });
    expect((await account()).server.url).toBe('');
  });

  it('reports an unreachable URL and field errors for Token, EncodingAESKey and mode', async () => {
    const port = new URL(dev.url).port;
    await dev.close();
    const down = await server({});
    expect(down.body.error?.message).toMatch(`could not connect to 127.0.0.1:${port} (connection refused)`);
    dev = await startDevServer();
    for (const [body, fieldName, message] of [
      [{ token: 'a!' }, 'token', 'Token must be 3–32 English letters or digits'],
      [{ encodingAesKey: 'short' }, 'encodingAesKey', 'EncodingAESKey must be exactly 43 English letters or digits'],
      [{ encodingAesKey: '' }, 'encodingAesKey', 'EncodingAESKey is required in compatible and safe mode'],
      [{ mode: 'secret' }, 'mode', 'Message mode must be plaintext, compatible or safe'],
      [{ url: 'ftp://x' }, 'url', 'url must start with http:// or https:// and name a host'],
    ] as const) {
      const r = await server(body);
      expect(r.status).toBe(422);
      expect(r.body.error).toMatchObject({ code: 'invalid_field', field: fieldName });
      expect(r.body.error!.message).toContain(message);
    }
    expect(dev.received).toHaveLength(0);
    expect((await server({ mode: 'plaintext', encodingAesKey: '' })).status).toBe(200);
  });

  it('patches an account, validates the whitelist entries, and deletes it with everything it owns', async () => {
    const bad = await w.api<{ error: { field: string } }>('PATCH', `/api/wechat/accounts/${appId}`, { ipWhitelist: ['127.0.0.1', '300.1.1.1'] });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe('ipWhitelist.1');
    const ok = await w.api<Account>('PATCH', `/api/wechat/accounts/${appId}`, { name: 'Renamed', ipWhitelist: ['127.0.0.1', '10.0.0.0/8'] });
    expect(ok.body).toMatchObject({ name: 'Renamed', ipWhitelist: ['127.0.0.1', '10.0.0.0/8'], type: 'service', verified: true });
    expect((await w.api('PATCH', '/api/wechat/accounts/wx0000000000000000', { name: 'x' })).status).toBe(404);
    const p = (await w.api<Persona>('POST', '/api/wechat/personas', { name: 'Lin' })).body;
    await w.api('POST', `/api/phone/${p.id}/follow`, { appId });
    expect((await w.api('DELETE', `/api/wechat/accounts/${appId}`)).status).toBe(200);
    expect((await w.api<{ accounts: Account[] }>('GET', '/api/wechat/accounts')).body.accounts).toEqual([]);
    expect((await w.api<{ personas: Persona[] }>('GET', '/api/wechat/personas')).body.personas[0]!.accounts).toEqual([]);
  });

  it('creates personas with a stable OpenID per account and validates UnionIDs', async () => {
    const p = await w.api<Persona>('POST', '/api/wechat/personas', { name: 'Wang', unionId: 'o' + 'u'.repeat(27) });
    expect(p.status).toBe(201);
    expect(p.body.accounts).toEqual([{ appId, openId: expect.stringMatching(/^o[A-Za-z0-9_-]{27}$/), following: false }]);
    const again = (await w.api<{ personas: Persona[] }>('GET', '/api/wechat/personas')).body.personas[0]!;
    expect(again.accounts[0]!.openId).toBe(p.body.accounts[0]!.openId);
    const second = (await w.api<Account>('POST', '/api/wechat/accounts', { name: 'Other', type: 'service', verified: true })).body.appId;
    const both = (await w.api<{ personas: Persona[] }>('GET', '/api/wechat/personas')).body.personas[0]!.accounts;
    expect(both.map((a) => a.appId)).toEqual([appId, second]);
    expect(both[0]!.openId).not.toBe(both[1]!.openId);
    expect((await w.api<{ error: { field: string } }>('POST', '/api/wechat/personas', { name: 'X', unionId: 'nope' })).body.error.field).toBe('unionId');
    expect((await w.api('POST', '/api/wechat/personas', { name: 'Y', unionId: 'o' + 'u'.repeat(27) })).status).toBe(409);
  });

  it('answers phone errors for unknown personas, accounts and messages to accounts not followed', async () => {
    const p = (await w.api<Persona>('POST', '/api/wechat/personas', { name: 'Lin' })).body;
    expect((await w.api<{ error: { field: string } }>('POST', '/api/phone/p_nobody/scan', { content: 'x' })).status).toBe(404);
    expect((await w.api<{ error: { field: string } }>('POST', `/api/phone/${p.id}/follow`, { appId: 'wx0000000000000000' })).body.error.field).toBe('appId');
    const msg = await w.api<{ error: { code: string } }>('POST', `/api/phone/${p.id}/message`, { appId, text: 'hi' });
    expect(msg.status).toBe(409);
    expect(msg.body.error.code).toBe('not_following');
    expect((await w.api<{ error: { field: string } }>('POST', `/api/phone/${p.id}/message`, { appId, text: '   ' })).body.error.field).toBe('text');
    expect((await w.api<{ error: { field: string } }>('POST', `/api/phone/${p.id}/scan`, {})).body.error.field).toBe('content');
  });

  it('keeps settings with their documented defaults and validates changes', async () => {
    const s = (await w.api<Record<string, unknown>>('GET', '/api/wechat/settings')).body;
    expect(s).toMatchObject({ pushTimeoutMs: 300, pushAttempts: 3, retrySpacingMs: 0, emptyEventKeyOnPlainFollow: true, ipWhitelistOnAllApis: false, defaultQrExpireSeconds: 60 });
    expect((await w.api('PUT', '/api/wechat/settings', { pushAttempts: 1 })).body).toMatchObject({ pushAttempts: 1, pushTimeoutMs: 300 });
    const bad = await w.api<{ error: { field: string } }>('PUT', '/api/wechat/settings', { pushAttempts: 0 });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe('pushAttempts');
    expect((await w.api<{ error: { code: string } }>('PUT', '/api/wechat/settings', { nonsense: true })).status).toBe(422);
  });

  it('lists its routes in the OpenAPI document', async () => {
    const doc = (await w.api<{ paths: Record<string, unknown> }>('GET', '/api/openapi.json')).body;
    for (const p of ['/api/wechat/accounts', '/api/wechat/accounts/{appId}/server', '/api/phone/{personaId}/scan', '/api/wechat/settings']) {
      expect(doc.paths).toHaveProperty([p]);
    }
  });
});
