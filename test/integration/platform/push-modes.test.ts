import { maskSecret } from '../../../src-main/core/journal/redact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../src-main/contracts/api';
import { startDevServer, type DevServer, type Received } from './dev-server';
import { field, refDecrypt, refEncryptedReply, refSignature, textReply } from './reference-crypto';
import { AES_KEY, TOKEN, accessToken, createQr, makeAccount, phone, type Fixture } from './setup';
import { startWorld, type World } from './world';

type Mode = 'plaintext' | 'compatible' | 'safe';

/** Checks transport and envelope against the protocol, and returns the message XML the push carried. */
function openPush(r: Received, mode: Mode, f: Fixture): string {
  expect(r.method).toBe('POST');
  expect(r.headers['content-type']).toBe('text/xml; charset=utf-8');
  const q = r.query;
  const ts = q.get('timestamp')!;
  const nonce = q.get('nonce')!;
  expect(ts).toMatch(/^\d{10}$/);
  expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(60);
  expect(nonce).toMatch(/^\d{9,10}$/);
  expect(q.get('signature')).toBe(refSignature(TOKEN, ts, nonce));
  expect(q.get('openid')).toBe(f.openId);
  if (mode === 'plaintext') {
    expect(r.queryOrder).toEqual(['signature', 'timestamp', 'nonce', 'openid']);
    return r.body;
  }
  expect(r.queryOrder).toEqual(['signature', 'timestamp', 'nonce', 'openid', 'encrypt_type', 'msg_signature']);
  expect(q.get('encrypt_type')).toBe('aes');
  const encrypt = field(r.body, 'Encrypt')!;
  expect(q.get('msg_signature')).toBe(refSignature(TOKEN, ts, nonce, encrypt));
  const plain = refDecrypt(AES_KEY, encrypt);
  expect(plain.appId).toBe(f.appId);
  expect(plain.random.toString('latin1')).toMatch(/^[A-Za-z0-9]{16}$/);
  if (mode === 'safe') {
    expect(r.body).toBe(`<xml><ToUserName><![CDATA[${f.originalId}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`);
  } else {
    // Compatible: the plaintext fields and the Encrypt element in one body; the plaintext equals the ciphertext's.
    expect(r.body).toBe(plain.msg.replace(/<\/xml>$/, `<Encrypt><![CDATA[${encrypt}]]></Encrypt>\n</xml>`));
  }
  return plain.msg;
}

const eventXml = (f: Fixture, createTime: string, rest: string): string =>
  `<xml><ToUserName><![CDATA[${f.originalId}]]></ToUserName>\n<FromUserName><![CDATA[${f.openId}]]></FromUserName>\n<CreateTime>${createTime}</CreateTime>\n${rest}</xml>`;

describe.each<Mode>(['plaintext', 'compatible', 'safe'])('pushes in %s mode', (mode) => {
  let w: World;
  let dev: DevServer;
  let f: Fixture;

  beforeEach(async () => {
    w = await startWorld();
    dev = await startDevServer();
    f = await makeAccount(w, dev, mode);
  });
  afterEach(async () => {
    await w.stop();
    await dev.close();
  });

  it('sends subscribe with qrscene_ and Ticket after a scan and a follow, then SCAN with the bare scene', async () => {
    const token = await accessToken(w, f);
    const qr = await createQr(w, token, { expire_seconds: 300, action_name: 'QR_STR_SCENE', action_info: { scene: { scene_str: 'login_42' } } });
    const before = dev.received.length; // the URL verification GET
    const profile = await phone(w, f.personaId, 'scan', { content: qr.url });
    expect(profile).toMatchObject({ screen: 'profile', appId: f.appId, following: false });
    expect(dev.received.length).toBe(before); // nothing pushed before the follow

    const chat = await phone(w, f.personaId, 'follow', { appId: f.appId });
    expect(chat).toMatchObject({ screen: 'chat', appId: f.appId, following: true });
    const sub = dev.received[before]!;
    const xml = openPush(sub, mode, f);
    const ct = field(xml, 'CreateTime')!;
    expect(xml).toBe(
      eventXml(f, ct, `<MsgType><![CDATA[event]]></MsgType>\n<Event><![CDATA[subscribe]]></Event>\n<EventKey><![CDATA[qrscene_login_42]]></EventKey>\n<Ticket><![CDATA[${qr.ticket}]]></Ticket>\n`),
    );

    await phone(w, f.personaId, 'scan', { content: qr.url });
    const scan = openPush(dev.received[before + 1]!, mode, f);
    expect(scan).toBe(
      eventXml(f, field(scan, 'CreateTime')!, `<MsgType><![CDATA[event]]></MsgType>\n<Event><![CDATA[SCAN]]></Event>\n<EventKey><![CDATA[login_42]]></EventKey>\n<Ticket><![CDATA[${qr.ticket}]]></Ticket>\n`),
    );
  });

  it('sends a numeric scene for QR_SCENE, a plain subscribe with an empty EventKey, unsubscribe, and text with MsgId', async () => {
    const token = await accessToken(w, f);
    const qr = await createQr(w, token, { action_name: 'QR_SCENE', action_info: { scene: { scene_id: 123 } } });
    expect(qr.expire_seconds).toBe(60);
    await phone(w, f.personaId, 'scan', { content: qr.url });
    await phone(w, f.personaId, 'follow', { appId: f.appId });
    expect(field(openPush(dev.received.at(-1)!, mode, f), 'EventKey')).toBe('qrscene_123');

    await phone(w, f.personaId, 'unfollow', { appId: f.appId });
    const unsub = openPush(dev.received.at(-1)!, mode, f);
    expect(unsub).toBe(eventXml(f, field(unsub, 'CreateTime')!, '<MsgType><![CDATA[event]]></MsgType>\n<Event><![CDATA[unsubscribe]]></Event>\n<EventKey><![CDATA[]]></EventKey>\n'));

    await phone(w, f.personaId, 'follow', { appId: f.appId });
    const plain = openPush(dev.received.at(-1)!, mode, f);
    expect(plain).toBe(eventXml(f, field(plain, 'CreateTime')!, '<MsgType><![CDATA[event]]></MsgType>\n<Event><![CDATA[subscribe]]></Event>\n<EventKey><![CDATA[]]></EventKey>\n'));

    await phone(w, f.personaId, 'message', { appId: f.appId, text: '你好 <world> & ]]> end' });
    const text = openPush(dev.received.at(-1)!, mode, f);
    const msgId = /<MsgId>(\d+)<\/MsgId>/.exec(text)?.[1];
    expect(msgId).toMatch(/^\d{1,20}$/);
    expect(text).toBe(
      eventXml(
        f,
        field(text, 'CreateTime')!,
        `<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[你好 <world> & ]]]]><![CDATA[> end]]></Content>\n<MsgId>${msgId}</MsgId>\n`,
      ),
    );
  });

  it('shows a passive text reply in the chat and journals the push with its steps', async () => {
    dev.respond((r) => {
      if (r.method === 'GET') return { body: r.query.get('echostr')! };
      const reply = textReply(f.openId, f.originalId, '登录成功');
      return { body: mode === 'plaintext' ? reply : refEncryptedReply({ token: TOKEN, encodingAesKey: AES_KEY, appId: f.appId, xml: reply }) };
    });
    const chat = await phone(w, f.personaId, 'follow', { appId: f.appId });
    expect(chat.messages).toEqual([expect.objectContaining({ from: 'account', text: '登录成功', kind: 'text' })]);
    const entry = (await w.api<JournalEntry>('GET', `/api/journal/${chat.journalId}`)).body;
    expect(entry).toMatchObject({ kind: 'push', source: 'wechat', appId: f.appId, verdict: { ok: true } });
    expect(entry.summary).toBe('subscribe → text reply “登录成功”');
    expect(entry.attempts).toHaveLength(1);
    expect(entry.attempts[0]!.response?.status).toBe(200);
    expect(entry.decrypted?.request).toContain('<Event><![CDATA[subscribe]]></Event>');
    // The journal keeps each step's structure with the Token masked in place, and never the Token itself.
    expect(entry.signatures?.[0]).toMatchObject({ label: 'signature', sorted: expect.arrayContaining([`«Token»`]) });
    expect(JSON.stringify(entry)).not.toContain(TOKEN);
    if (mode !== 'plaintext') {
      expect(entry.decrypted?.reply).toContain('登录成功');
      expect(entry.signatures?.map((s) => s.label)).toEqual(['signature', 'msg_signature', 'reply MsgSignature']);
      expect(entry.decryptions?.map((s) => [s.label, s.appId, s.ok])).toEqual([
        ['push Encrypt', f.appId, true],
        ['reply Encrypt', f.appId, true],
      ]);
      const keyHex = Buffer.from(AES_KEY + '=', 'base64').toString('hex');
      expect(entry.decryptions?.[0]?.aesKeyHex).toBe(maskSecret(keyHex));
      expect(JSON.stringify(entry)).not.toContain(keyHex);
      expect(JSON.stringify(entry)).not.toContain(AES_KEY);
    }
  });

  it('treats a tampered encrypted reply as WeChat does and says why', async () => {
    dev.respond((r) => {
      if (r.method === 'GET') return { body: r.query.get('echostr')! };
      const sealed = refEncryptedReply({ token: 'someOtherToken', encodingAesKey: AES_KEY, appId: f.appId, xml: textReply(f.openId, f.originalId, 'hi') });
      return { body: mode === 'plaintext' ? 'not xml at all' : sealed };
    });
    const chat = await phone(w, f.personaId, 'follow', { appId: f.appId });
    expect(chat.messages).toEqual([expect.objectContaining({ from: 'system', text: '该公众号暂时无法提供服务，请稍后再试' })]);
    const entry = (await w.api<JournalEntry>('GET', `/api/journal/${chat.journalId}`)).body;
    expect(entry.verdict.ok).toBe(false);
    expect(entry.attempts).toHaveLength(1); // a 200 is an answer: no retry
    if (mode === 'plaintext') expect(entry.verdict.reasons[0]).toMatch(/^reply is not XML: "not xml at all"/);
    else expect(entry.verdict.reasons[0]).toMatch(/^reply MsgSignature mismatch: expected [0-9a-f]{40}, got [0-9a-f]{40}: is the server signing with the Token\?$/);
  });
});
