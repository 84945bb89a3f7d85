import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Account, JournalEntry, Persona, PhoneScreen } from '../../../src-main/contracts/api';
import { makeTempDir } from '../../../src-main/core/db/temp';
import { startDevServer, type DevServer } from './dev-server';
import { textReply } from './reference-crypto';
import { AES_KEY, TOKEN } from './setup';
import { startWorld, until, type World } from './world';

describe('persistence and shutdown', () => {
  const tmp = makeTempDir();
  let dev: DevServer | undefined;
  afterEach(async () => {
    await dev?.close();
  });
  afterAll(() => tmp.remove());

  it('keeps accounts, personas, follows, chats, live tokens and tickets, settings and the journal across a restart', async () => {
    dev = await startDevServer();
    let w: World = await startWorld({ dataDir: tmp.dir, memory: false });
    const acc = (await w.api<Account & { appSecret: string }>('POST', '/api/wechat/accounts', { name: 'Keep', type: 'service', verified: true })).body;
    await w.api('PUT', `/api/wechat/accounts/${acc.appId}/server`, { url: dev.url, token: TOKEN, encodingAesKey: AES_KEY, mode: 'compatible', enabled: true });
    await w.api('PUT', '/api/wechat/settings', { defaultQrExpireSeconds: 600 });
    const p = (await w.api<Persona>('POST', '/api/wechat/personas', { name: 'Lin' })).body;
    const token = (await w.wx<{ access_token: string }>('GET', `/cgi-bin/token?grant_type=client_credential&appid=${acc.appId}&secret=${acc.appSecret}`)).body.access_token;
    const qr = (await w.wx<{ ticket: string; url: string }>('POST', `/cgi-bin/qrcode/create?access_token=${token}`, { action_name: 'QR_STR_SCENE', action_info: { scene: { scene_str: 'keep' } } })).body;
    dev.respond((r) => (r.method === 'GET' ? { body: r.query.get('echostr')! } : { body: textReply('x', 'y', 'saved reply') }));
    await w.api('POST', `/api/phone/${p.id}/scan`, { content: qr.url });
    await w.api('POST', `/api/phone/${p.id}/follow`, { appId: acc.appId });
    const journalBefore = (await w.api<{ entries: JournalEntry[] }>('GET', '/api/journal?limit=1000')).body.entries.length;
    await w.stop();

    w = await startWorld({ dataDir: tmp.dir, memory: false });
    try {
      const accounts = (await w.api<{ accounts: Account[] }>('GET', '/api/wechat/accounts')).body.accounts;
      expect(accounts).toEqual([expect.objectContaining({ appId: acc.appId, server: expect.objectContaining({ url: dev.url, mode: 'compatible', enabled: true }) })]);
      const personas = (await w.api<{ personas: Persona[] }>('GET', '/api/wechat/personas')).body.personas;
      expect(personas).toEqual([{ ...p, accounts: [{ ...p.accounts[0]!, following: true }] }]);
      expect((await w.wx<{ total: number }>('GET', `/cgi-bin/user/get?access_token=${token}`)).body.total).toBe(1);
      expect((await fetch(`${w.rt.urls.wechat}/cgi-bin/showqrcode?ticket=${encodeURIComponent(qr.ticket)}`)).status).toBe(200);
      const phone = (await w.api<{ screen: PhoneScreen }>('GET', `/api/phone/${p.id}`)).body;
      expect(phone.screen.messages).toEqual([expect.objectContaining({ from: 'account', text: 'saved reply' })]);
      expect((await w.api<{ defaultQrExpireSeconds: number }>('GET', '/api/wechat/settings')).body.defaultQrExpireSeconds).toBe(600);
      expect((await w.api<{ entries: JournalEntry[] }>('GET', '/api/journal?limit=1000')).body.entries.length).toBeGreaterThanOrEqual(journalBefore);
      // Scanning the kept ticket as a follower pushes SCAN on the restarted platform.
      await w.api('POST', `/api/phone/${p.id}/scan`, { content: qr.url });
      expect(dev.received.at(-1)!.body).toContain('<Event><![CDATA[SCAN]]></Event>');
    } finally {
      await w.stop();
    }
  });

  it('stops within the grace period and journals a push still waiting for its server', async () => {
    const dir = makeTempDir();
    dev = await startDevServer();
    const w = await startWorld({ dataDir: dir.dir, memory: false, pushTimeoutMs: 10_000 }, true);
    const clock = w.virtual!;
    const acc = (await w.api<Account>('POST', '/api/wechat/accounts', { name: 'Slow', type: 'service', verified: true })).body;
    await w.api('PUT', `/api/wechat/accounts/${acc.appId}/server`, { url: dev.url, token: TOKEN, encodingAesKey: '', mode: 'plaintext', enabled: true });
    const p = (await w.api<Persona>('POST', '/api/wechat/personas', { name: 'Lin' })).body;
    dev.respond((r) => (r.method === 'GET' ? { body: r.query.get('echostr')! } : { hold: true }));
    const pending = w.api('POST', `/api/phone/${p.id}/follow`, { appId: acc.appId }).catch(() => undefined);
    await dev.waitFor(2);
    // The grace period runs on the studio's clock: once stopping waits on it, two seconds of it pass.
    const started = clock.now();
    let stopped = false;
    const stopping = w.stop().then(() => (stopped = true));
    await until(() => clock.nextDue() === started + 2000, 'the grace period to start');
    await clock.advance(1999);
    expect(stopped).toBe(false);
    await clock.advance(1);
    await stopping;
    expect(clock.now() - started).toBe(2000);
    await pending;
    const again = await startWorld({ dataDir: dir.dir, memory: false });
    try {
      const { entries } = (await again.api<{ entries: JournalEntry[] }>('GET', '/api/journal?kind=push')).body;
      expect(entries).toHaveLength(1);
      expect(entries[0]!.verdict.ok).toBe(false);
      expect(entries[0]!.verdict.reasons[0]).toBe('the studio stopped before the server answered (attempt 1 of 3)');
    } finally {
      await again.stop();
      dir.remove();
    }
  });
});
