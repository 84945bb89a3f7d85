import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JournalEntry, LoginConnection, LoginUser } from '../../../src-main/contracts/api';
import { openReply } from '../../../src-main/core/wechat/envelope';
import { newEncodingAesKey, newOpenId } from '../../../src-main/core/wechat/ids';
import { sortedSignature, urlSignature } from '../../../src-main/core/wechat/signature';
import { count, newSession, push, sessionView, startWorld, waitFor, xml, type PushOptions, type World } from './helpers';

type Mode = 'plaintext' | 'compatible' | 'safe';

async function switchMode(w: World, mode: Mode): Promise<LoginConnection> {
  const res = await w.api<LoginConnection>('PATCH', `/api/login/pools/${w.pool.id}/connections/${w.conn.identifier}`, {
    mode,
    ...(mode === 'plaintext' ? {} : { encodingAesKey: w.secrets.encodingAesKey }),
  });
  expect(res.status).toBe(200);
  return w.rt.login.service.getConnection(w.pool.id, w.conn.identifier, true);
}

/** What a refusal may say to a caller: fixed, short, nothing about why. */
const FIXED = { 400: 'invalid request', 401: 'invalid signature', 404: 'not found' } as Record<number, string>;

/**
 * Every signature the server could have computed with its Token for this request: none of them may appear
 * in the answer or in the journal, or the endpoint becomes a signing oracle.
 */
function expectedSignatures(token: string, entry: JournalEntry): string[] {
  const url = new URL(entry.url);
  const ts = url.searchParams.get('timestamp') ?? '';
  const nonce = url.searchParams.get('nonce') ?? '';
  const encrypt = /<Encrypt><!\[CDATA\[([^\]]*)\]\]><\/Encrypt>/.exec(entry.attempts[0]?.request.body ?? '')?.[1];
  const sent = [url.searchParams.get('signature'), url.searchParams.get('msg_signature')];
  const computed = [sortedSignature([token, ts, nonce]).sha1, ...(encrypt ? [sortedSignature([token, ts, nonce, encrypt]).sha1] : [])];
  // A signature the caller sent itself is no secret; the ones it did not know must stay unknown.
  return computed.filter((sig) => !sent.includes(sig));
}

function lastAuthEntry(w: World): JournalEntry {
  return w.rt.journal.list({ limit: 20 }).find((e) => e.source === 'auth')!;
}

describe('events endpoint', () => {
  let w: World;
  beforeEach(async () => {
    w = await startWorld();
  });
  afterEach(() => w.stop());

  const url = (): string => w.conn.eventsUrl;

  it('answers WeChat URL verification with echostr, and refuses a wrong signature with a fixed answer, the reason only in the journal', async () => {
    const ts = '1714036504';
    const nonce = '1514711492';
    const ok = await fetch(`${url()}?${new URLSearchParams({ signature: urlSignature(w.secrets.token, ts, nonce), timestamp: ts, nonce, echostr: '4375120948345356249' })}`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('4375120948345356249');
    const bad = await fetch(`${url()}?${new URLSearchParams({ signature: urlSignature('WrongToken', ts, nonce), timestamp: ts, nonce, echostr: '1' })}`);
    expect(bad.status).toBe(401);
    const text = await bad.text();
    expect(text).toBe('invalid signature');
    const entry = lastAuthEntry(w);
    expect(entry.verdict).toMatchObject({ ok: false });
    expect(entry.verdict.reasons[0]).toMatch(/signature mismatch.*same Token/);
    expect(expectedSignatures(w.secrets.token, entry)).toHaveLength(1);
    for (const sig of expectedSignatures(w.secrets.token, entry)) {
      expect(text).not.toContain(sig);
      expect(JSON.stringify(entry)).not.toContain(sig);
    }
    expect(JSON.stringify(entry)).not.toContain(w.secrets.token);
  });

  it('unknown connection or pool: 404 with the reason in the journal', async () => {
    const res = await fetch(`${w.rt.urls.auth}/connections/social/nope/${w.pool.id}/events?signature=x&timestamp=1&nonce=1&echostr=1`);
    expect(res.status).toBe(404);
    expect(lastAuthEntry(w).verdict.reasons[0]).toMatch(/no connection "nope"/);
  });

  for (const mode of ['plaintext', 'compatible', 'safe'] as const) {
    it(`${mode}: a scan for a pending session logs in and the reply is ${mode === 'plaintext' ? 'plaintext' : 'encrypted'}`, async () => {
      const c = await switchMode(w, mode);
      const s = await newSession(w);
      const openId = newOpenId();
      const res = await push(url(), { mode, token: c.token, encodingAesKey: c.encodingAesKey, appId: c.appId, openId, messageXml: xml.subscribe(openId, s.scene) });
      expect(res.status).toBe(200);
      const reply = openReply({ body: res.body, token: c.token, encodingAesKey: c.encodingAesKey, appId: c.appId, encrypted: mode !== 'plaintext', requireEncrypted: mode === 'safe' });
      expect(reply.kind).toBe('reply');
      if (reply.kind === 'reply') {
        expect(reply.encrypted).toBe(mode !== 'plaintext');
        expect(reply.record.Content).toMatch(/Signed in to Demo Website as wx_/);
        expect(reply.record.ToUserName).toBe(openId);
      }
      const v = await sessionView(w, s.id);
      expect(v.status).toBe('AUTHORIZED');
      expect(v.user?.username).toMatch(/^wx_/);
      expect(v.token?.split('.')).toHaveLength(3);
    });
  }

  it('a non-login event is persisted and acknowledged with success', async () => {
    const openId = newOpenId();
    const before = count(w, 'login_events');
    const res = await push(url(), { mode: 'safe', token: w.secrets.token, encodingAesKey: w.secrets.encodingAesKey, appId: w.conn.appId, openId, messageXml: xml.text(openId, 'hello', '6054768590064713728') });
    expect(res.status).toBe(200);
    expect(res.body).toBe('success');
    expect(count(w, 'login_events')).toBe(before + 1);
  });

  it('a retried push is processed once and gets the same answer', async () => {
    const s = await newSession(w);
    const openId = newOpenId();
    const message = xml.subscribe(openId, s.scene, 1_800_000_000 - 5);
    const opts = { mode: 'safe' as const, token: w.secrets.token, encodingAesKey: w.secrets.encodingAesKey, appId: w.conn.appId, openId, messageXml: message };
    await w.api('PUT', '/api/login/settings', { maxSkewSeconds: 0 });
    const first = await push(url(), opts);
    const users = count(w, 'login_users');
    const logins = count(w, 'login_logins');
    // WeChat's retry: same content, fresh timestamp, nonce and IV.
    const second = await push(url(), opts);
    const third = await push(url(), opts);
    const open = (body: string) => openReply({ body, token: w.secrets.token, encodingAesKey: w.secrets.encodingAesKey, appId: w.conn.appId, encrypted: true });
    const a = open(first.body);
    const b = open(second.body);
    const c = open(third.body);
    expect(a.kind === 'reply' && b.kind === 'reply' && c.kind === 'reply').toBe(true);
    if (a.kind === 'reply' && b.kind === 'reply' && c.kind === 'reply') {
      expect(b.xml).toBe(a.xml);
      expect(c.xml).toBe(a.xml);
    }
    expect(count(w, 'login_users')).toBe(users);
    expect(count(w, 'login_logins')).toBe(logins);
    expect(lastAuthEntry(w).summary).toMatch(/duplicate/);
  });

  it('concurrent deliveries of the same push are processed once', async () => {
    const s = await newSession(w);
    const openId = newOpenId();
    const opts = { mode: 'safe' as const, token: w.secrets.token, encodingAesKey: w.secrets.encodingAesKey, appId: w.conn.appId, openId, messageXml: xml.subscribe(openId, s.scene) };
    const users = count(w, 'login_users');
    const results = await Promise.all([push(url(), opts), push(url(), opts), push(url(), opts)]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(count(w, 'login_users')).toBe(users + 1);
    expect(count(w, 'login_logins')).toBe(1);
  });

  describe('refusals change nothing', () => {
    async function refused(opts: Omit<PushOptions, 'messageXml'>, status: number, reason: RegExp): Promise<void> {
      const s = await newSession(w);
      const openId = opts.openId;
      const before = { users: count(w, 'login_users'), events: count(w, 'login_events'), identities: count(w, 'login_identities') };
      const res = await push(url(), { ...opts, messageXml: xml.subscribe(openId, s.scene) });
      expect(res.status).toBe(status);
      expect(res.body).toBe(FIXED[status]);
      expect(count(w, 'login_users')).toBe(before.users);
      expect(count(w, 'login_events')).toBe(before.events);
      expect(count(w, 'login_identities')).toBe(before.identities);
      expect((await sessionView(w, s.id)).status).toBe('PENDING');
      const entry = lastAuthEntry(w);
      expect(entry.verdict.ok).toBe(false);
      expect(entry.verdict.reasons[0]).toMatch(reason);
      const text = JSON.stringify(entry);
      expect(text).not.toContain(w.secrets.token);
      for (const sig of expectedSignatures(w.secrets.token, entry)) expect(text + res.body).not.toContain(sig);
    }

    it('bad signature (wrong Token)', async () => {
      await refused({ mode: 'safe', token: 'WrongToken1', encodingAesKey: w.secrets.encodingAesKey, appId: w.conn.appId, openId: newOpenId() }, 401, /signature mismatch/);
    });
    it('bad msg_signature', async () => {
      await refused(
        { mode: 'safe', token: w.secrets.token, encodingAesKey: w.secrets.encodingAesKey, appId: w.conn.appId, openId: newOpenId(), query: { msg_signature: '0'.repeat(40) } },
        401,
        /msg_signature mismatch/,
      );
    });
    it('wrong appid inside the ciphertext', async () => {
      await refused({ mode: 'safe', token: w.secrets.token, encodingAesKey: w.secrets.encodingAesKey, appId: 'wx00000000000000ff', openId: newOpenId() }, 400, /appid wx00000000000000ff does not match/);
    });
    it('wrong EncodingAESKey', async () => {
      await refused({ mode: 'safe', token: w.secrets.token, encodingAesKey: newEncodingAesKey(), appId: w.conn.appId, openId: newOpenId() }, 400, /EncodingAESKey|appid/);
    });
    it('timestamp outside the window', async () => {
      await refused(
        { mode: 'safe', token: w.secrets.token, encodingAesKey: w.secrets.encodingAesKey, appId: w.conn.appId, openId: newOpenId(), timestamp: Math.floor(Date.now() / 1000) - 3600 },
        400,
        /at most 300 s is accepted/,
      );
    });
    it('plaintext push to a safe-mode connection', async () => {
      await refused({ mode: 'plaintext', token: w.secrets.token, appId: w.conn.appId, openId: newOpenId() }, 400, /plaintext but connection "wechat-follow" is set to safe mode/);
    });
  });

  it('a DOCTYPE body is refused (no XML entities)', async () => {
    const ts = String(Math.floor(Date.now() / 1000));
    const nonce = '123456789';
    const res = await fetch(`${url()}?signature=${urlSignature(w.secrets.token, ts, nonce)}&timestamp=${ts}&nonce=${nonce}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><Encrypt>&e;</Encrypt></xml>',
    });
    expect(res.status).toBe(400);
    await waitFor(() => lastAuthEntry(w).verdict.ok === false, 'the refusal in the journal');
  });

  it('the journal of a push shows the decrypted message and never the Token', async () => {
    const s = await newSession(w);
    const openId = newOpenId();
    await push(url(), { mode: 'safe', token: w.secrets.token, encodingAesKey: w.secrets.encodingAesKey, appId: w.conn.appId, openId, messageXml: xml.subscribe(openId, s.scene) });
    const entry = lastAuthEntry(w);
    expect(entry.verdict.ok).toBe(true);
    expect(entry.decrypted?.request).toContain(`qrscene_${s.scene}`);
    expect(entry.signatures?.map((x) => x.label)).toEqual(['signature', 'msg_signature']);
    expect(JSON.stringify(entry)).not.toContain(w.secrets.token);
    expect(JSON.stringify(entry)).not.toContain(w.secrets.encodingAesKey);
    const users = await w.api<{ users: LoginUser[] }>('GET', `/api/login/users?poolId=${w.pool.id}`);
    expect(users.body.users.find((u) => u.identities.some((i) => i.openId === openId))?.logins).toHaveLength(1);
  });
});
