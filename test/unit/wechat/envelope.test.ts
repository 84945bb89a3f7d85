import { describe, expect, it } from 'vitest';
import {
  WechatProtocolError,
  msgSignature,
  newAppId,
  newEncodingAesKey,
  newNonce,
  newOpenId,
  newOriginalId,
  newToken,
  openPush,
  openReply,
  readMessage,
  readReply,
  sealPush,
  sealReply,
  subscribeXml,
  textReplyXml,
  type PushMode,
  type SealedPush,
} from '../../../src-main/core/wechat';
import { expectProtocolError } from './expect-error';
import { seededRandom } from './seeded-random';

function world(seed: string) {
  const random = seededRandom(seed);
  const account = {
    token: newToken(32, random),
    encodingAesKey: newEncodingAesKey(random),
    appId: newAppId(random),
    originalId: newOriginalId(random),
  };
  const openId = newOpenId(random);
  const messageXml = subscribeXml({ toUserName: account.originalId, fromUserName: openId, createTime: 1700000000, scene: 'login_1', ticket: 'gQ+/==' });
  const seal = (mode: PushMode, extra: Partial<Parameters<typeof sealPush>[0]> = {}) =>
    sealPush({
      mode,
      ...account,
      messageXml,
      toUserName: account.originalId,
      openId,
      timestamp: 1700000000,
      nonce: newNonce(random),
      random,
      ...extra,
    });
  const open = (sealed: SealedPush, extra: Partial<Parameters<typeof openPush>[0]> = {}) =>
    openPush({ query: Object.fromEntries(sealed.query), body: sealed.body, ...account, ...extra });
  return { random, account, openId, messageXml, seal, open };
}

function replaceQuery(sealed: SealedPush, name: string, value: string | undefined): Record<string, string | undefined> {
  return { ...Object.fromEntries(sealed.query), [name]: value };
}

describe('sealPush → openPush round trips', () => {
  it.each(['plaintext', 'compatible', 'safe'] as const)('%s mode', (mode) => {
    const w = world(`rt-${mode}`);
    const sealed = w.seal(mode);
    const names = sealed.query.map(([n]) => n);
    expect(names).toEqual(
      mode === 'plaintext'
        ? ['signature', 'timestamp', 'nonce', 'openid']
        : ['signature', 'timestamp', 'nonce', 'openid', 'encrypt_type', 'msg_signature'],
    );
    const opened = w.open(sealed);
    expect(opened.mode).toBe(mode === 'plaintext' ? 'plaintext' : 'encrypted');
    expect(opened.xml).toBe(w.messageXml);
    expect(readMessage(opened.record)).toMatchObject({ kind: 'subscribe', scene: 'login_1', ticket: 'gQ+/==', fromUserName: w.openId });
    if (mode === 'plaintext') {
      expect(sealed.body).toBe(w.messageXml);
      expect(sealed.encrypt).toBeUndefined();
    }
    if (mode === 'compatible') {
      expect(sealed.body).toBe(w.messageXml.replace('\n</xml>', `\n<Encrypt><![CDATA[${sealed.encrypt}]]></Encrypt>\n</xml>`));
      expect(opened.steps.outer?.EventKey).toBe('qrscene_login_1');
    }
    if (mode === 'safe') {
      expect(sealed.body).toBe(`<xml><ToUserName><![CDATA[${w.account.originalId}]]></ToUserName><Encrypt><![CDATA[${sealed.encrypt}]]></Encrypt></xml>`);
      expect(opened.steps.decryption?.appId).toBe(w.account.appId);
    }
  });

  it('compatible mode on a single-line message keeps it single-line', () => {
    const w = world('compat-line');
    const messageXml = w.messageXml.replaceAll('\n', '');
    const sealed = w.seal('compatible', { messageXml });
    expect(sealed.body).toBe(messageXml.replace('</xml>', `<Encrypt><![CDATA[${sealed.encrypt}]]></Encrypt></xml>`));
    expect(w.open(sealed).xml).toBe(messageXml);
  });

  it('fresh random bytes give a fresh ciphertext for the same message', () => {
    const w = world('fresh');
    const a = w.seal('safe', { nonce: '123456789' });
    const b = w.seal('safe', { nonce: '123456789' });
    expect(a.encrypt).not.toBe(b.encrypt);
    expect(w.open(a).xml).toBe(w.open(b).xml);
  });

  it('plaintext mode needs no key; encrypted modes do', () => {
    const w = world('keys');
    expect(w.open(w.seal('plaintext', { encodingAesKey: '' }), { encodingAesKey: undefined }).mode).toBe('plaintext');
    expectProtocolError(() => w.seal('safe', { encodingAesKey: '' }), 'illegal-aes-key', /safe mode needs an EncodingAESKey/);
    const sealed = w.seal('safe');
    expectProtocolError(() => w.open(sealed, { encodingAesKey: undefined }), 'illegal-aes-key', /encrypted push/);
  });

  it('accepts encrypt_type=raw as plaintext', () => {
    const w = world('raw');
    const sealed = w.seal('plaintext');
    expect(w.open(sealed, { query: replaceQuery(sealed, 'encrypt_type', 'raw') }).mode).toBe('plaintext');
  });
});

describe('openPush rejects tampering with the right error', () => {
  it('a wrong token fails the signature, naming expected and got', () => {
    const w = world('token');
    const sealed = w.seal('safe');
    const e = expectProtocolError(() => w.open(sealed, { token: 'another-token' }), 'signature-mismatch', /^signature mismatch: expected [0-9a-f]{40} .* but got [0-9a-f]{40}; check the Token$/);
    expect(e.field).toBe('signature');
    expect(e.got).toBe(sealed.query[0]?.[1]);
    expect(e.expected).toMatch(/^[0-9a-f]{40}$/);
    expect(e.expected).not.toBe(e.got);
  });

  it('a tampered ciphertext fails msg_signature', () => {
    const w = world('cipher');
    const sealed = w.seal('safe');
    const enc = sealed.encrypt ?? '';
    const flipped = `${enc[0] === 'A' ? 'B' : 'A'}${enc.slice(1)}`;
    const e = expectProtocolError(() => w.open({ ...sealed, body: sealed.body.replace(enc, flipped) }), 'signature-mismatch', /msg_signature mismatch/);
    expect(e.field).toBe('msg_signature');
  });

  it('a tampered msg_signature or signature', () => {
    const w = world('sig');
    const sealed = w.seal('compatible');
    expectProtocolError(() => w.open(sealed, { query: replaceQuery(sealed, 'msg_signature', '0'.repeat(40)) }), 'signature-mismatch', /msg_signature/);
    expectProtocolError(() => w.open(sealed, { query: replaceQuery(sealed, 'signature', 'f'.repeat(40)) }), 'signature-mismatch', /^signature mismatch/);
    expectProtocolError(() => w.open(sealed, { query: replaceQuery(sealed, 'nonce', '1') }), 'signature-mismatch');
  });

  it('a re-signed tampered ciphertext is caught by decryption', () => {
    const w = world('resign');
    const sealed = w.seal('safe');
    const query = Object.fromEntries(sealed.query);
    for (let i = 0; i < 32; i++) {
      // Flip a byte in the second-to-last block: CBC garbles the last block's plaintext (padding, appid).
      const bytes = Buffer.from(sealed.encrypt ?? '', 'base64');
      const at = bytes.length - 17 - i;
      bytes[at] = (bytes[at] ?? 0) ^ 0x5a;
      const forged = bytes.toString('base64');
      // Someone who knows the Token can re-sign; only the AES key and the appid check stand in the way.
      const resigned = { ...query, msg_signature: msgSignature(w.account.token, query.timestamp ?? '', query.nonce ?? '', forged) };
      try {
        w.open(sealed, { query: resigned, body: sealed.body.replace(sealed.encrypt ?? '', forged) });
        throw new Error('tampered ciphertext was accepted');
      } catch (err) {
        expect(err).toBeInstanceOf(WechatProtocolError);
        expect(['illegal-buffer', 'appid-mismatch']).toContain((err as WechatProtocolError).code);
      }
    }
  });

  it('a receiver with another appid or another key', () => {
    const w = world('appid');
    const sealed = w.seal('safe');
    expectProtocolError(() => w.open(sealed, { appId: 'wx0000000000000000' }), 'appid-mismatch', /does not match the expected wx0000000000000000/);
    try {
      w.open(sealed, { encodingAesKey: newEncodingAesKey(w.random) });
      throw new Error('decrypted with a wrong key');
    } catch (err) {
      expect(['illegal-buffer', 'appid-mismatch']).toContain((err as WechatProtocolError).code);
    }
  });

  it('missing query parameters and a body without Encrypt', () => {
    const w = world('missing');
    const sealed = w.seal('safe');
    for (const name of ['signature', 'timestamp', 'nonce', 'msg_signature']) {
      const e = expectProtocolError(() => w.open(sealed, { query: replaceQuery(sealed, name, undefined) }), 'missing-field', new RegExp(`no ${name} query parameter`));
      expect(e.field).toBe(name);
    }
    const noEncrypt = `<xml><ToUserName><![CDATA[${w.account.originalId}]]></ToUserName></xml>`;
    expectProtocolError(() => w.open({ ...sealed, body: noEncrypt }), 'missing-field', /no <Encrypt>/);
  });

  it('an unknown encrypt_type', () => {
    const w = world('et');
    const sealed = w.seal('safe');
    expectProtocolError(() => w.open(sealed, { query: replaceQuery(sealed, 'encrypt_type', 'sm4') }), 'unsupported-encrypt-type', /encrypt_type=sm4/);
  });

  it('broken XML, a DOCTYPE, an oversize body', () => {
    const w = world('body');
    const plain = w.seal('plaintext');
    expectProtocolError(() => w.open({ ...plain, body: '<xml><A>' }), 'xml-parse');
    expectProtocolError(() => w.open({ ...plain, body: '<!DOCTYPE x><xml/>' }), 'xml-forbidden');
    expectProtocolError(() => w.open(plain, { maxBytes: 100 }), 'too-large');
  });

  it('the optional timestamp window', () => {
    const w = world('window');
    const sealed = w.seal('safe');
    const ok = w.open(sealed, { now: 1700000100, maxSkewSeconds: 300 });
    expect(ok.steps.timestamp).toEqual({ now: 1700000100, timestamp: 1700000000, skewSeconds: -100, maxSkewSeconds: 300 });
    expectProtocolError(() => w.open(sealed, { now: 1700000301, maxSkewSeconds: 300 }), 'timestamp-skew', /301 s behind the receiver's clock \(1700000301\); at most 300 s/);
    expectProtocolError(() => w.open(sealed, { now: 1699999000, maxSkewSeconds: 300 }), 'timestamp-skew', /ahead of/);
  });
});

describe('sealReply → openReply', () => {
  const w = world('reply');
  const replyXml = textReplyXml({ toUserName: w.openId, fromUserName: w.account.originalId, createTime: 1700000001, content: '登录成功' });
  const sealed = sealReply({ ...w.account, replyXml, timestamp: 1700000001, nonce: '987654321', random: w.random });
  const open = (body: string, extra: Partial<Parameters<typeof openReply>[0]> = {}) =>
    openReply({ body, ...w.account, encrypted: true, ...extra });

  it('round-trips in the official template', () => {
    expect(sealed).toMatch(/^<xml>\n<Encrypt><!\[CDATA\[[A-Za-z0-9+/=]+\]\]><\/Encrypt>\n<MsgSignature><!\[CDATA\[[0-9a-f]{40}\]\]><\/MsgSignature>\n<TimeStamp>1700000001<\/TimeStamp>\n<Nonce><!\[CDATA\[987654321\]\]><\/Nonce>\n<\/xml>$/);
    const opened = open(sealed);
    if (opened.kind !== 'reply') throw new Error('expected a reply');
    expect(opened.encrypted).toBe(true);
    expect(opened.xml).toBe(replyXml);
    expect(readReply(opened.record)).toMatchObject({ type: 'text', content: '登录成功', toUserName: w.openId });
  });

  it('success and empty bodies are acknowledgements', () => {
    expect(open('success')).toEqual({ kind: 'ack', body: 'success' });
    expect(open('')).toEqual({ kind: 'ack', body: '' });
    expect(open('success\n')).toEqual({ kind: 'ack', body: 'success' });
  });

  it('a tampered MsgSignature, a wrong token, missing template fields', () => {
    expectProtocolError(() => open(sealed.replace(/MsgSignature><!\[CDATA\[[0-9a-f]/, 'MsgSignature><![CDATA[x')), 'signature-mismatch', /MsgSignature mismatch/);
    expectProtocolError(() => open(sealed, { token: 'wrong' }), 'signature-mismatch');
    expectProtocolError(() => open(sealed.replace(/<Nonce>.*<\/Nonce>\n/, '')), 'missing-field', /no <Nonce>/);
    expectProtocolError(() => open(sealed.replace('<TimeStamp>1700000001</TimeStamp>', '<TimeStamp>1700000002</TimeStamp>')), 'signature-mismatch');
  });

  it('a reply encrypted for another account', () => {
    const other = sealReply({ ...w.account, appId: 'wx9999999999999999', replyXml, timestamp: 1, nonce: '1' });
    expectProtocolError(() => open(other), 'appid-mismatch', /wx9999999999999999 does not match/);
  });

  it('plaintext replies: accepted in compatible mode, refused when encryption is required', () => {
    const plain = open(replyXml);
    expect(plain).toMatchObject({ kind: 'reply', encrypted: false, xml: replyXml });
    expectProtocolError(() => open(replyXml, { requireEncrypted: true }), 'missing-field', /must use the encrypted template/);
    expect(open(sealed, { encrypted: false })).toMatchObject({ kind: 'reply', encrypted: false });
  });

  it('a broken reply body', () => {
    expectProtocolError(() => open('<html>oops</html>'), 'xml-parse', /root element is <html>/);
    expectProtocolError(() => open('{"errcode":0}'), 'xml-parse');
  });
});
