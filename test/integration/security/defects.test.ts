import { afterEach, describe, expect, it } from 'vitest';
import type { LoginConnection, PhoneScreen, QrSessionView, Relay } from '../../../src-main/contracts/api';
import type { StudioEvent } from '../../../src-main/contracts/events';
import { makeTempDir } from '../../../src-main/core/db/temp';
import { newOpenId } from '../../../src-main/core/wechat/ids';
import { count, newSession, push, sessionView, startWorld, waitFor, xml, type World } from '../login/helpers';

/** Each defect an outside review found, sent again as an attack; each must now change nothing it should not. */

let w: World | undefined;
afterEach(async () => {
  await w?.stop();
  w = undefined;
});

describe('one new WeChat user scanning two login pages at the same moment', () => {
  it('becomes one user with one identity, signed in on both pages', async () => {
    w = await startWorld();
    const world = w;
    const [a, b] = await Promise.all([newSession(world), newSession(world)]);
    const openId = newOpenId();
    const users = count(world, 'login_users');
    const opts = { mode: 'safe' as const, token: world.secrets.token, encodingAesKey: world.secrets.encodingAesKey, appId: world.conn.appId, openId };
    const now = Math.floor(Date.now() / 1000);
    const results = await Promise.all([
      push(world.conn.eventsUrl, { ...opts, messageXml: xml.subscribe(openId, a.scene, now) }),
      push(world.conn.eventsUrl, { ...opts, messageXml: xml.scan(openId, b.scene, now) }),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(count(world, 'login_users')).toBe(users + 1);
    const identities = world.rt.ctx.db.prepare('SELECT user_id AS userId FROM login_identities WHERE open_id = ?').all(openId) as Array<{ userId: string }>;
    expect(identities).toHaveLength(1);
    const [va, vb] = await Promise.all([sessionView(world, a.id), sessionView(world, b.id)]);
    expect([va.status, vb.status]).toEqual(['AUTHORIZED', 'AUTHORIZED']);
    expect(va.user?.id).toBe(identities[0]!.userId);
    expect(vb.user?.id).toBe(identities[0]!.userId);
  });
});

describe('a restart on the same data with new ports', () => {
  it('keeps every login working: the account and its relay follow the studio to its new ports', async () => {
    const tmp = makeTempDir();
    try {
      let world = await startWorld({ dataDir: tmp.dir, memory: false });
      const lin = world.personas.lin;
      const relay = (await world.api<Relay>('POST', '/api/relay', {
        appId: world.conn.appId,
        token: world.secrets.token,
        encodingAesKey: world.secrets.encodingAesKey,
        mode: 'safe',
        forwardTo: { poolId: world.pool.id, identifier: world.conn.identifier },
        configureAccount: true,
      })).body;
      const oldAuth = world.rt.urls.auth;
      await world.stop();

      // Hold the old ports so the next run cannot get them back by chance.
      const holders = await Promise.all([new URL(oldAuth).port, new URL(relay.url).port].map(async (port) => {
        const { createServer } = await import('node:net');
        const s = createServer();
        await new Promise<void>((r) => s.listen(Number(port), '127.0.0.1', () => r()));
        return s;
      }));
      try {
        world = w = await startWorld({ dataDir: tmp.dir, memory: false });
        expect(world.rt.urls.auth).not.toBe(oldAuth);
        const relays = (await world.api<{ relays: Relay[] }>('GET', '/api/relay')).body.relays;
        expect(relays).toHaveLength(1);
        expect(relays[0]!.url).not.toBe(relay.url);
        const account = world.rt.platform.service.getAccount(world.conn.appId)!;
        expect(account.server.url).toBe(relays[0]!.url);
        expect(relays[0]!.forwardTo.url.startsWith(world.rt.urls.auth)).toBe(true);

        const s = await newSession(world);
        await world.rt.platform.service.scan(lin, s.qrUrl);
        const screen: PhoneScreen = await world.rt.platform.service.follow(lin, world.conn.appId);
        expect(screen.messages?.at(-1)?.text).toMatch(/登录成功/);
        expect((await sessionView(world, s.id)).status).toBe('AUTHORIZED');
      } finally {
        for (const h of holders) h.close();
      }
    } finally {
      tmp.remove();
    }
  });
});

describe('requests refused for bad input change nothing', () => {
  it('a phone message with a control character is refused with 422 and not stored', async () => {
    w = await startWorld();
    const chen = w.personas.chen;
    const before = count(w, 'wx_chat');
    const res = await w.api<{ error: { field: string } }>('POST', `/api/phone/${chen}/message`, { appId: w.conn.appId, text: 'hi\u0000there' });
    expect(res.status).toBe(422);
    expect(res.body.error.field).toBe('text');
    expect(count(w, 'wx_chat')).toBe(before);
  });

  it('qrcode/create refuses a scene with a control character with WeChat’s error, and a later follow is clean', async () => {
    w = await startWorld();
    const account = w.rt.platform.service.getAccount(w.conn.appId)!;
    const secret = (await w.api<{ appSecret: string }>('POST', `/api/wechat/accounts/${account.appId}/secret`)).body.appSecret;
    const wx = w.rt.urls.wechat;
    const token = ((await (await fetch(`${wx}/cgi-bin/token?grant_type=client_credential&appid=${account.appId}&secret=${secret}`)).json()) as { access_token: string }).access_token;
    const tickets = count(w, 'wx_tickets');
    const res = (await (
      await fetch(`${wx}/cgi-bin/qrcode/create?access_token=${token}`, {
        method: 'POST',
        body: JSON.stringify({ expire_seconds: 60, action_name: 'QR_STR_SCENE', action_info: { scene: { scene_str: 'bad\u0001scene' } } }),
      })
    ).json()) as { errcode?: number; errmsg?: string };
    expect(res.errcode).toBe(40053);
    expect(count(w, 'wx_tickets')).toBe(tickets);
    const follow = await w.api<PhoneScreen>('POST', `/api/phone/${w.personas.lin}/follow`, { appId: account.appId });
    expect(follow.status).toBe(200);
  });

  it('PATCH of a connection with null fields is a 422 naming the field, and the connection is unchanged', async () => {
    w = await startWorld();
    const url = `/api/login/pools/${w.pool.id}/connections/${w.conn.identifier}`;
    const before = (await w.api<LoginConnection>('GET', url)).body;
    for (const field of ['displayName', 'appId', 'token', 'mode', 'loginMode', 'association']) {
      const res = await w.api<{ error: { field: string } }>('PATCH', url, { [field]: null });
      expect(res.status, field).toBe(422);
      expect(res.body.error.field).toBe(field);
    }
    expect((await w.api<LoginConnection>('GET', url)).body).toEqual(before);
  });

  it('a form body that is not a JSON object (a string, a number, a list) is a 422, and nothing changes', async () => {
    w = await startWorld();
    const url = `/api/login/pools/${w.pool.id}/connections/${w.conn.identifier}`;
    const before = (await w.api<LoginConnection>('GET', url)).body;
    for (const body of ['x', 7, ['displayName']]) {
      const res = await w.api<{ error: { code: string; message: string } }>('PATCH', url, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error.message).toBe('the body must be a JSON object');
    }
    expect((await w.api<LoginConnection>('GET', url)).body).toEqual(before);
  });

  it('concurrent resets all answer 200, and one demo stands afterwards', async () => {
    w = await startWorld();
    const world = w;
    const results = await Promise.all(Array.from({ length: 5 }, () => world.api<{ ok: boolean }>('POST', '/api/reset')));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(world.rt.login.service.listPools()).toHaveLength(1);
    expect(world.rt.platform.service.listAccounts()).toHaveLength(1);
    expect(world.rt.platform.service.listPersonas()).toHaveLength(3);
  });
});

describe('access tokens', () => {
  it('never appear in the journal or on the event stream', async () => {
    w = await startWorld();
    const world = w;
    const seen: StudioEvent[] = [];
    const off = world.rt.bus.subscribe((e) => seen.push(e));
    const secret = (await world.api<{ appSecret: string }>('POST', `/api/wechat/accounts/${world.conn.appId}/secret`)).body.appSecret;
    const answer = (await (await fetch(`${world.rt.urls.wechat}/cgi-bin/token?grant_type=client_credential&appid=${world.conn.appId}&secret=${secret}`)).json()) as { access_token: string };
    await fetch(`${world.rt.urls.wechat}/cgi-bin/user/get?access_token=${answer.access_token}`);
    // The login server's own token (fetched for its QR codes) too.
    await newSession(world, { appId: world.appId }).catch(() => undefined);
    await waitFor(() => seen.some((e) => e.type === 'journal' && e.entry.url.includes('user/get')), 'the user/get entry');
    off();
    const journal = JSON.stringify(world.rt.journal.list({ limit: 1000 }));
    expect(journal).toContain('access_token');
    expect(journal).not.toContain(answer.access_token);
    expect(journal).not.toContain(secret);
    expect(JSON.stringify(seen)).not.toContain(answer.access_token);
    const view = (await world.api<{ entries: QrSessionView[] }>('GET', '/api/journal?limit=1000')).body;
    expect(JSON.stringify(view)).not.toContain(answer.access_token);
  });
});
