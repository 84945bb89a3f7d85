import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account, LoginPool, LoginUser, Persona } from '../../../src-main/contracts/api';
import { createLogger } from '../../../src-main/core/logger';
import { count, newSession, sessionView, startWorld, type World } from './helpers';

describe('demo seed and one-click reset', () => {
  let w: World;
  let logs: string[];
  beforeEach(async () => {
    logs = [];
    w = await startWorld({}, { log: createLogger((l) => logs.push(l)) });
  });
  afterEach(() => w.stop());

  it('seeds a pool, a safe-mode connection wired to a verified account, an app and the demo users', async () => {
    const pools = (await w.api<{ pools: LoginPool[] }>('GET', '/api/login/pools')).body.pools;
    expect(pools).toHaveLength(1);
    expect(pools[0]).toMatchObject({ name: 'Demo pool', apps: [{ name: 'Demo Website' }] });
    const conn = pools[0]!.connections[0]!;
    expect(conn).toMatchObject({ identifier: 'wechat-follow', displayName: 'Follow Studio Demo', mode: 'safe', loginMode: 'login-and-register', association: 'field-matching' });
    const account = (await w.api<{ accounts: Account[] }>('GET', '/api/wechat/accounts')).body.accounts[0]!;
    expect(account.appId).toBe(conn.appId);
    expect(account.server).toMatchObject({ url: conn.eventsUrl, mode: 'safe', enabled: true });
    // The Token and EncodingAESKey are the same on both sides (URL verification passed with them).
    const verify = w.rt.journal.list({ kind: 'verify' });
    expect(verify.some((e) => e.source === 'auth' && e.verdict.ok)).toBe(true);
    const users = (await w.api<{ users: LoginUser[] }>('GET', `/api/login/users?poolId=${pools[0]!.id}`)).body.users;
    expect(users.map((u) => u.username).sort()).toEqual(['chen', 'demo', 'wang']);
    const personas = (await w.api<{ personas: Persona[] }>('GET', '/api/wechat/personas')).body.personas;
    const chen = personas.find((p) => p.name.startsWith('Chen'))!;
    expect(users.find((u) => u.username === 'chen')!.identities[0]!.openId).toBe(chen.accounts[0]!.openId);
    expect(users.find((u) => u.username === 'wang')!.unionId).toBe(personas.find((p) => p.name.startsWith('Wang'))!.unionId);
  });

  it('POST /api/reset clears both sides and seeds the demo again; logging in works right after', async () => {
    const s = await newSession(w);
    await w.rt.platform.service.scan(w.personas.lin, s.qrUrl);
    await w.rt.platform.service.follow(w.personas.lin, w.conn.appId);
    expect(count(w, 'login_users')).toBe(4);
    const res = await w.api<{ ok: boolean; pools: LoginPool[] }>('POST', '/api/reset');
    expect(res.status).toBe(200);
    expect(res.body.pools).toHaveLength(1);
    expect(count(w, 'login_users')).toBe(3);
    expect(count(w, 'login_sessions')).toBe(0);
    // The demo keeps its IDs: scripts and bookmarks made before the reset still work.
    expect(res.body.pools[0]!.id).toBe(w.pool.id);
    expect(res.body.pools[0]!.apps[0]!.id).toBe(w.appId);
    const pool = res.body.pools[0]!;
    const personas = (await w.api<{ personas: Persona[] }>('GET', '/api/wechat/personas')).body.personas;
    const chen = personas.find((p) => p.name.startsWith('Chen'))!;
    const fresh = await fetch(`${w.rt.urls.auth}/api/qr/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ appId: pool.apps[0]!.id }) });
    const view = (await fresh.json()) as { id: string; qrUrl: string };
    await w.rt.platform.service.scan(chen.id, view.qrUrl);
    expect(await sessionView(w, view.id)).toMatchObject({ status: 'AUTHORIZED', user: { username: 'chen' } });
  });

  it('no secret of the login server reaches the log', async () => {
    const s = await newSession(w);
    await w.rt.platform.service.scan(w.personas.chen, s.qrUrl);
    await w.api('POST', '/api/reset');
    const text = logs.join('\n');
    for (const secret of [w.secrets.token, w.secrets.encodingAesKey, 'demo1234']) expect(text).not.toContain(secret);
    const appSecret = (w.rt.ctx.db.prepare('SELECT app_secret AS s FROM login_connections').get() as { s: string }).s;
    expect(text).not.toContain(appSecret);
    const journal = JSON.stringify(w.rt.journal.list({ limit: 1000 }).filter((e) => e.source === 'auth'));
    expect(journal).not.toContain(appSecret);
    expect(journal).not.toContain(w.secrets.token);
  });
});
