import { sortedSignature } from '../../../src-main/core/wechat/signature';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account, Relay } from '../../../src-main/contracts/api';
import { newEncodingAesKey, newToken } from '../../../src-main/core/wechat/ids';
import { count, newSession, sessionView, startWorld, waitFor, type World } from './helpers';

describe('mode 2: the relay', () => {
  let w: World;
  beforeEach(async () => {
    w = await startWorld();
  });
  afterEach(() => w.stop());

  for (const mode of ['plaintext', 'compatible', 'safe'] as const) {
    it(`takes every push of a ${mode}-mode account, answers other events itself, forwards scan and follow re-sealed for the login server`, async () => {
      // The account has its own Token/EncodingAESKey, different from the connection's (safe mode).
      const token = newToken(16);
      const encodingAesKey = mode === 'plaintext' ? '' : newEncodingAesKey();
      const res = await w.api<Relay>('POST', '/api/relay', {
        appId: w.conn.appId,
        token,
        encodingAesKey,
        mode,
        forwardTo: { poolId: w.pool.id, identifier: w.conn.identifier },
        configureAccount: true,
      });
      expect(res.status).toBe(201);
      const relay = res.body;
      expect(relay.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/wechat\/events$/);
      const account = (await w.api<{ accounts: Account[] }>('GET', '/api/wechat/accounts')).body.accounts[0]!;
      expect(account.server).toMatchObject({ url: relay.url, mode, enabled: true });

      const eventsBefore = count(w, 'login_events');
      // A text message: the relay answers it; the login server never sees it.
      const chat = await w.rt.platform.service.sendMessage(w.personas.chen, w.conn.appId, 'hello relay');
      expect(chat.messages?.at(-1)?.text).toBe('You said: hello relay');
      expect(count(w, 'login_events')).toBe(eventsBefore);

      // The existing follower scans: SCAN goes through the relay to the login server.
      const s = await newSession(w);
      const screen = await w.rt.platform.service.scan(w.personas.chen, s.qrUrl);
      expect(screen.messages?.at(-1)?.text).toMatch(/Signed in to Demo Website as chen/);
      expect(await sessionView(w, s.id)).toMatchObject({ status: 'AUTHORIZED', user: { username: 'chen' } });

      // A new persona follows through the QR code: subscribe with the scene is forwarded too.
      const s2 = await newSession(w);
      await w.rt.platform.service.scan(w.personas.lin, s2.qrUrl);
      await w.rt.platform.service.follow(w.personas.lin, w.conn.appId);
      await waitFor(async () => (await sessionView(w, s2.id)).status === 'AUTHORIZED', 'AUTHORIZED through the relay');
      expect(count(w, 'login_events')).toBe(eventsBefore + 2);

      const stats = (await w.api<{ relays: Relay[] }>('GET', '/api/relay')).body.relays[0]!.stats;
      expect(stats).toMatchObject({ forwarded: 2, handled: 1, refused: 0 });
      const relayEntries = w.rt.journal.list({ limit: 50 }).filter((e) => e.source === 'relay');
      expect(relayEntries.some((e) => /forwarded to the login server/.test(e.summary ?? ''))).toBe(true);
      expect(JSON.stringify(relayEntries)).not.toContain(token);
    });
  }

  it('refuses a push with a bad signature with a fixed answer, forwards nothing, and tells only the journal why', async () => {
    const token = newToken(16);
    const relay = (await w.api<Relay>('POST', '/api/relay', { appId: w.conn.appId, token, mode: 'plaintext', forwardTo: { poolId: w.pool.id, identifier: w.conn.identifier } })).body;
    const ts = String(Math.floor(Date.now() / 1000));
    const res = await fetch(`${relay.url}?signature=${'0'.repeat(40)}&timestamp=${ts}&nonce=1`, { method: 'POST', body: '<xml></xml>', headers: { 'content-type': 'text/xml' } });
    expect(res.status).toBe(401);
    const text = await res.text();
    expect(text).toBe('invalid signature');
    const expected = sortedSignature([token, ts, '1']).sha1;
    const entry = w.rt.journal.list({ limit: 5 }).find((e) => e.source === 'relay')!;
    expect(entry.verdict).toMatchObject({ ok: false, reasons: [expect.stringMatching(/signature mismatch.*same Token/)] });
    for (const leak of [expected, token]) {
      expect(text).not.toContain(leak);
      expect(JSON.stringify(entry)).not.toContain(leak);
    }
    expect((await w.api<{ relays: Relay[] }>('GET', '/api/relay')).body.relays[0]!.stats.refused).toBe(1);
    expect((await w.api('DELETE', `/api/relay/${relay.id}`)).status).toBe(200);
    expect((await w.api<{ relays: Relay[] }>('GET', '/api/relay')).body.relays).toEqual([]);
  });

  it('validates its settings field by field', async () => {
    const res = await w.api<{ error: { field: string } }>('POST', '/api/relay', { appId: w.conn.appId, token: 'x', mode: 'safe', forwardTo: { poolId: w.pool.id, identifier: w.conn.identifier } });
    expect(res.status).toBe(422);
    expect(res.body.error.field).toBe('token');
    const noKey = await w.api<{ error: { field: string } }>('POST', '/api/relay', { appId: w.conn.appId, token: 'abc123', mode: 'safe', forwardTo: { poolId: w.pool.id, identifier: w.conn.identifier } });
    expect(noKey.body.error.field).toBe('encodingAesKey');
  });
});
