import { afterEach, describe, expect, it } from 'vitest';
import type { Account, JournalEntry, LoginUser } from '../../../src-main/contracts/api';
import type { DemoGuide } from '../../../src-main/contracts/demo';
import { newSession, sessionView, startWorld, type World } from './helpers';

/** The stage's QA routes: point back, the demo guide, the nickname from user/info, the welcome on a plain follow. */
describe('stage QA routes', () => {
  let w: World;
  afterEach(() => w.stop());

  const account = async (): Promise<Account> => (await w.api<{ accounts: Account[] }>('GET', '/api/wechat/accounts')).body.accounts.find((a) => a.appId === w.conn.appId)!;

  it('point back fills URL, Token, EncodingAESKey and mode from the identity source, after WeChat\'s URL verification', async () => {
    w = await startWorld();
    // The account points somewhere else (a developer's own server, long gone), in plaintext mode.
    await w.rt.platform.service.setServerConfig(w.conn.appId, { url: 'http://127.0.0.1:9/nowhere', token: 'elsewhere1', encodingAesKey: '', mode: 'plaintext', enabled: true }, { verify: false });
    expect((await account()).server.url).toBe('http://127.0.0.1:9/nowhere');
    const verifiesBefore = w.rt.journal.list({ kind: 'verify' }).length;
    const res = await w.api<Account & { warnings: string[] }>('POST', '/api/studio/point-back', { poolId: w.pool.id, identifier: w.conn.identifier });
    expect(res.status).toBe(200);
    expect(res.body.server).toEqual({ url: w.secrets.eventsUrl, token: w.secrets.token, encodingAesKey: w.secrets.encodingAesKey, mode: w.secrets.mode, enabled: true });
    // WeChat's GET with echostr reached the events endpoint and passed.
    const verifies = w.rt.journal.list({ kind: 'verify' });
    expect(verifies.length).toBeGreaterThan(verifiesBefore);
    expect(verifies[0]!.verdict.ok).toBe(true);
    // And logins work again.
    const s = await newSession(w);
    await w.rt.platform.service.scan(w.personas.chen, s.qrUrl);
    expect((await sessionView(w, s.id)).status).toBe('AUTHORIZED');
  });

  it('point back refuses what it cannot do, by field, and changes nothing', async () => {
    w = await startWorld();
    const before = await account();
    const missing = await w.api<{ error: { code: string; field: string } }>('POST', '/api/studio/point-back', { poolId: w.pool.id, identifier: 'nope' });
    expect(missing.status).toBe(404);
    expect(missing.body.error.field).toBe('identifier');
    const empty = await w.api<{ error: { message: string; field: string } }>('POST', '/api/studio/point-back', { poolId: w.pool.id });
    expect(empty.status).toBe(422);
    expect(empty.body.error).toMatchObject({ field: 'identifier', message: 'identifier is required' });
    expect(await account()).toEqual(before);
  });

  it('the demo guide names the password account and each persona\'s part, never the AppSecret', async () => {
    w = await startWorld();
    const res = await w.api<DemoGuide>('GET', '/api/studio/demo');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      seeded: true,
      poolId: w.pool.id,
      applicationId: w.appId,
      appId: w.conn.appId,
      identifier: 'wechat-follow',
      credentials: { username: 'demo', password: 'demo1234' },
      personas: [
        { id: w.personas.lin, role: 'newUser' },
        { id: w.personas.chen, role: 'follower' },
        { id: w.personas.wang, role: 'unionUser' },
      ],
    });
    const secret = w.rt.ctx.db.prepare('SELECT app_secret AS s FROM login_connections').get() as { s: string };
    expect(JSON.stringify(res.body)).not.toContain(secret.s);
  });

  it('the demo guide of an empty store says so', async () => {
    w = await startWorld({ seed: 'empty' });
    expect((await w.api<DemoGuide>('GET', '/api/studio/demo')).body).toEqual({ seeded: false, personas: [] });
  });

  it('a new user gets the persona\'s nickname from user/info; with the setting off, wx_…', async () => {
    w = await startWorld();
    const s = await newSession(w);
    await w.rt.platform.service.scan(w.personas.lin, s.qrUrl);
    const chat = await w.rt.platform.service.follow(w.personas.lin, w.conn.appId);
    expect(chat.messages?.at(-1)?.text).toMatch(/Signed in to Demo Website as lin\.$/);
    const users = (await w.api<{ users: LoginUser[] }>('GET', `/api/login/users?poolId=${w.pool.id}`)).body.users;
    expect(users.find((u) => u.username === 'lin')?.nickname).toBe('Lin (new user)');

    expect((await w.api('PUT', '/api/wechat/settings', { userInfoNickname: false })).status).toBe(200);
    const info = await fetch(`${w.rt.urls.wechat}/cgi-bin/token?grant_type=client_credential&appid=${w.conn.appId}&secret=${(w.rt.ctx.db.prepare('SELECT app_secret AS s FROM login_connections').get() as { s: string }).s}`);
    const { access_token: token } = (await info.json()) as { access_token: string };
    const openId = w.rt.platform.service.openId(w.personas.lin, w.conn.appId);
    const off = (await (await fetch(`${w.rt.urls.wechat}/cgi-bin/user/info?access_token=${token}&openid=${openId}&lang=zh_CN`)).json()) as Record<string, unknown>;
    expect(off.subscribe).toBe(1);
    expect(off).not.toHaveProperty('nickname');
    await w.api('PUT', '/api/wechat/settings', { userInfoNickname: true });
    const on = (await (await fetch(`${w.rt.urls.wechat}/cgi-bin/user/info?access_token=${token}&openid=${openId}&lang=zh_CN`)).json()) as Record<string, unknown>;
    expect(on.nickname).toBe('Lin (new user)');
  });

  it('a plain follow after an unfollow tells the phone why nobody was signed in', async () => {
    w = await startWorld();
    await w.rt.platform.service.unfollow(w.personas.chen, w.conn.appId);
    const chat = await w.rt.platform.service.follow(w.personas.chen, w.conn.appId);
    const reply = chat.messages?.at(-1);
    expect(reply).toMatchObject({ from: 'account' });
    expect(reply?.text).toContain('本次关注不是通过网页上的登录二维码，因此没有登录');
    expect(reply?.text).toContain('This follow did not come from a login QR code, so nobody was signed in');
    const entry = (await w.api<JournalEntry>('GET', `/api/journal/${chat.journalId}`)).body;
    expect(entry.verdict.ok).toBe(true);
  });
});
