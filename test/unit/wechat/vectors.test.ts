import { describe, expect, it } from 'vitest';
import {
  decrypt,
  decryptDetailed,
  encrypt,
  msgSignature,
  openPush,
  openReply,
  parseXml,
  readMessage,
  readReply,
  sealPush,
  sealReply,
  sortedSignature,
  subscribeXml,
  textMessageXml,
  textReplyXml,
  urlSignature,
  verifyUrl,
} from '../../../src-main/core/wechat';
import { EXTRA_SORT, V1, V2, V3, V4, V5, V6, V7, V8, V9, V10 } from '../../fixtures/wechat-vectors';
import { fixedRandom } from './seeded-random';

/** §11 test vectors, byte for byte. */

describe('V1 — URL verification', () => {
  it('computes the signature from the sorted token, timestamp and nonce', () => {
    const s = sortedSignature([V1.token, V1.timestamp, V1.nonce]);
    expect(s.sorted).toEqual(['1514711492', '1714036504', 'AAAAA']);
    expect(s.joined).toBe('15147114921714036504AAAAA');
    expect(s.sha1).toBe(V1.signature);
    expect(urlSignature(V1.token, V1.timestamp, V1.nonce)).toBe(V1.signature);
  });

  it('verifyUrl answers the echostr verbatim', () => {
    const query = { signature: V1.signature, echostr: V1.echostr, timestamp: V1.timestamp, nonce: V1.nonce };
    const result = verifyUrl({ query, token: V1.token });
    expect(result).toMatchObject({ ok: true, echostr: '4375120948345356249' });
  });

  it('verifyUrl rejects another token, naming expected and got', () => {
    const query = { signature: V1.signature, echostr: V1.echostr, timestamp: V1.timestamp, nonce: V1.nonce };
    const result = verifyUrl({ query, token: 'BBBBB' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.got).toBe(V1.signature);
    expect(result.expected).toBe(urlSignature('BBBBB', V1.timestamp, V1.nonce));
    expect(result.reason).toMatch(/signature mismatch/);
  });

  it('verifyUrl reports missing parameters', () => {
    const result = verifyUrl({ query: { signature: V1.signature, timestamp: V1.timestamp }, token: V1.token });
    expect(result).toMatchObject({ ok: false, got: V1.signature });
    if (!result.ok) expect(result.reason).toMatch(/nonce, echostr/);
  });
});

describe('V2 — plaintext-mode POST signature', () => {
  it('matches', () => {
    expect(urlSignature(V2.token, V2.timestamp, V2.nonce)).toBe(V2.signature);
  });
});

describe('V3 — safe-mode push and encrypted reply (JSON format)', () => {
  it('checks both signatures of the URL', () => {
    expect(urlSignature(V3.token, V3.query.timestamp, V3.query.nonce)).toBe(V3.signature);
    expect(V3.query.signature).toBe(V3.signature);
    const body = JSON.parse(V3.body) as { Encrypt: string };
    expect(body.Encrypt).toBe(V3.encrypt);
    expect(msgSignature(V3.token, V3.query.timestamp, V3.query.nonce, body.Encrypt)).toBe(V3.msgSignature);
    expect(V3.query.msg_signature).toBe(V3.msgSignature);
  });

  it('decrypts with the documented sizes', () => {
    const d = decryptDetailed({ encodingAesKey: V3.encodingAesKey, encrypt: V3.encrypt, expectedAppId: V3.appId });
    expect(d.message).toBe(V3.message);
    expect(d.appId).toBe(V3.appId);
    expect(d.random.toString('latin1')).toBe(V3.random);
    expect(d.length).toBe(V3.msgLen);
    expect(d.cipherBytes).toBe(V3.cipherBytes);
    expect(d.fullBytes).toBe(V3.fullBytes);
    expect(d.aesKeyHex).toBe('00'.repeat(32));
    expect(d.ivHex).toBe('00'.repeat(16));
  });

  it('encrypts the reply byte for byte and signs it', () => {
    const e = encrypt({
      encodingAesKey: V3.encodingAesKey,
      appId: V3.appId,
      message: V3.reply.message,
      random: fixedRandom(V3.reply.random),
    });
    expect(e).toBe(V3.reply.encrypt);
    expect(msgSignature(V3.token, V3.reply.timestamp, V3.reply.nonce, e)).toBe(V3.reply.msgSignature);
    const back = decryptDetailed({ encodingAesKey: V3.encodingAesKey, encrypt: e, expectedAppId: V3.appId });
    expect(back.fullBytes).toBe(V3.reply.fullBytes);
    expect(back.cipherBytes).toBe(64);
  });
});

describe('V4 — safe-mode XML push and encrypted XML reply', () => {
  it('openPush verifies, decrypts and parses the push', () => {
    const opened = openPush({
      query: V4.query,
      body: V4.body,
      token: V4.token,
      encodingAesKey: V4.encodingAesKey,
      appId: V4.appId,
    });
    expect(opened.mode).toBe('encrypted');
    expect(opened.xml).toBe(V4.message);
    expect({ ...opened.record }).toEqual({
      ToUserName: 'gh_97417a04a28d',
      FromUserName: 'o9AgO5Kd5ggOC-bXrbNODIiE3bGY',
      CreateTime: '1715943329',
      MsgType: 'event',
      Event: 'debug_demo',
      debug_str: 'hello world',
    });
    expect(opened.steps.signature.expected).toBe(V4.query.signature);
    expect(opened.steps.msgSignature?.expected).toBe(V4.query.msg_signature);
    const d = opened.steps.decryption;
    expect(d?.cipherBytes).toBe(V4.cipherBytes);
    expect(d?.fullBytes).toBe(V4.fullBytes);
    expect(d?.length).toBe(V4.msgLen);
    expect(d?.random.toString('latin1')).toBe(V4.random);
    expect(d?.appId).toBe(V4.appId);
    expect(opened.steps.outer?.Encrypt).toBe(V4.encrypt);
  });

  it('sealReply produces the byte-exact Encrypt and MsgSignature in the sample template', () => {
    const xml = sealReply({
      token: V4.token,
      encodingAesKey: V4.encodingAesKey,
      appId: V4.appId,
      replyXml: V4.reply.message,
      timestamp: V4.reply.timestamp,
      nonce: V4.reply.nonce,
      random: fixedRandom(V4.reply.random),
    });
    expect(xml).toBe(
      `<xml>\n<Encrypt><![CDATA[${V4.reply.encrypt}]]></Encrypt>\n` +
        `<MsgSignature><![CDATA[${V4.reply.msgSignature}]]></MsgSignature>\n` +
        `<TimeStamp>${V4.reply.timestamp}</TimeStamp>\n<Nonce><![CDATA[${V4.reply.nonce}]]></Nonce>\n</xml>`,
    );
    const opened = openReply({
      body: xml,
      token: V4.token,
      encodingAesKey: V4.encodingAesKey,
      appId: V4.appId,
      encrypted: true,
    });
    expect(opened.kind).toBe('reply');
    if (opened.kind !== 'reply') return;
    expect(opened.encrypted).toBe(true);
    expect(opened.xml).toBe(V4.reply.message);
    expect(opened.record.demo_resp).toBe('[CDATA[good luck]]');
    expect(opened.steps.decryption?.fullBytes).toBe(V4.reply.fullBytes);
    expect(opened.steps.msgSignature?.expected).toBe(V4.reply.msgSignature);
  });
});

describe('V5 — official Python sample, compatible mode', () => {
  it('checks msg_signature and decrypts with padding 2', () => {
    expect(msgSignature(V5.token, V5.timestamp, V5.nonce, V5.encrypt)).toBe(V5.msgSignature);
    const d = decryptDetailed({ encodingAesKey: V5.encodingAesKey, encrypt: V5.encrypt, expectedAppId: V5.appId });
    expect(d.message).toBe(V5.message);
    expect(d.random.toString('latin1')).toBe(V5.random);
    expect(d.length).toBe(V5.msgLen);
    expect(d.padding).toBe(V5.padding);
  });

  it('textMessageXml reproduces the newline-separated plaintext', () => {
    expect(
      textMessageXml({
        toUserName: 'gh_10f6c3c3ac5a',
        fromUserName: 'oyORnuP8q7ou2gfYjqLzSIWZf0rs',
        createTime: 1409735668,
        content: 'abcdteT',
        msgId: '6054768590064713728',
      }),
    ).toBe(V5.message);
  });

  it('openPush opens the compatible-mode body of §3 and prefers the decrypted copy', () => {
    const single = V5.message.replaceAll('\n', '');
    const body = single.replace('</xml>', `<Encrypt><![CDATA[${V5.encrypt}]]></Encrypt></xml>`);
    const opened = openPush({
      query: {
        signature: urlSignature(V5.token, V5.timestamp, V5.nonce),
        timestamp: V5.timestamp,
        nonce: V5.nonce,
        encrypt_type: 'aes',
        msg_signature: V5.msgSignature,
      },
      body,
      token: V5.token,
      encodingAesKey: V5.encodingAesKey,
      appId: V5.appId,
    });
    expect(opened.xml).toBe(V5.message);
    expect(opened.steps.outer?.Content).toBe('abcdteT');
    const message = readMessage(opened.record);
    expect(message).toMatchObject({
      kind: 'text',
      content: 'abcdteT',
      msgId: '6054768590064713728',
      createTime: 1409735668,
      toUserName: 'gh_10f6c3c3ac5a',
      fromUserName: 'oyORnuP8q7ou2gfYjqLzSIWZf0rs',
    });
  });
});

describe('V6 — official Java sample, fixed random', () => {
  const base = { encodingAesKey: V6.encodingAesKey, appId: V6.appId, random: fixedRandom(V6.random) };

  it('V6a: multi-byte msg_len', () => {
    expect(encrypt({ ...base, message: V6.a.message })).toBe(V6.a.encrypt);
    const d = decryptDetailed({ encodingAesKey: V6.encodingAesKey, encrypt: V6.a.encrypt, expectedAppId: V6.appId });
    expect(d.message).toBe('我是中文abcd123');
    expect(d.length).toBe(19);
  });

  it('V6b: nested XML with Chinese', () => {
    expect(encrypt({ ...base, message: V6.b.message })).toBe(V6.b.encrypt);
    const d = decrypt({ encodingAesKey: V6.encodingAesKey, encrypt: V6.b.encrypt, expectedAppId: V6.appId });
    expect(d.message).toBe(V6.b.message);
    const rec = parseXml(d.message);
    expect(rec.ToUserName).toBe('oia2Tj我是中文jewbmiOUlr6X-1crbLOvLw');
    expect(rec.Video).toEqual({
      MediaId: 'eYJ1MbwPRJtOvIEabaxHs7TX2D-HV71s79GUxqdUkjm6Gs2Ed1KF3ulAOA9H1xG0',
      Title: 'testCallBackReplyVideo',
      Description: 'testCallBackReplyVideo',
    });
    expect(readReply(rec)).toMatchObject({ type: 'other', msgType: 'video', createTime: 1407743423 });
  });
});

describe('V7 — wechatpy', () => {
  it('V7a: decrypts an encrypted echostr after checking its msg_signature', () => {
    expect(msgSignature(V7.token, V7.a.timestamp, V7.a.nonce, V7.a.echostr)).toBe(V7.a.msgSignature);
    const d = decrypt({ encodingAesKey: V7.encodingAesKey, encrypt: V7.a.echostr, expectedAppId: V7.appId });
    expect(d.message).toBe(V7.a.plaintext);
  });

  it('V7b: encrypts and signs the reply byte for byte', () => {
    const e = encrypt({
      encodingAesKey: V7.encodingAesKey,
      appId: V7.appId,
      message: V7.b.message,
      random: fixedRandom(V7.b.random),
    });
    expect(e).toBe(V7.b.encrypt);
    expect(msgSignature(V7.token, V7.b.timestamp, V7.b.nonce, e)).toBe(V7.b.msgSignature);
    const sealed = sealReply({
      token: V7.token,
      encodingAesKey: V7.encodingAesKey,
      appId: V7.appId,
      replyXml: V7.b.message,
      timestamp: V7.b.timestamp,
      nonce: V7.b.nonce,
      random: fixedRandom(V7.b.random),
    });
    expect(sealed).toContain(`<Encrypt><![CDATA[${V7.b.encrypt}]]></Encrypt>`);
    expect(sealed).toContain(`<MsgSignature><![CDATA[${V7.b.msgSignature}]]></MsgSignature>`);
  });

  it('V7c: verifies and decrypts', () => {
    expect(msgSignature(V7.token, V7.c.timestamp, V7.c.nonce, V7.c.encrypt)).toBe(V7.c.msgSignature);
    const d = decrypt({ encodingAesKey: V7.encodingAesKey, encrypt: V7.c.encrypt, expectedAppId: V7.appId });
    expect(d.message).toBe(V7.c.message);
    const rec = parseXml(d.message);
    expect(rec.Content).toBe('test');
    expect(rec.FromUserName).toBe('messense');
    expect(rec.MsgId).toBe('4363689963896700987');
  });
});

describe('V8 — node-webot/wechat-crypto', () => {
  it('signs literal strings', () => {
    expect(msgSignature(V8.token, V8.timestamp, V8.nonce, V8.encrypt)).toBe(V8.signature);
  });
});

describe('V9 — WeCom echostr (contrast)', () => {
  it('verifies and decrypts', () => {
    expect(msgSignature(V9.token, V9.timestamp, V9.nonce, V9.echostr)).toBe(V9.msgSignature);
    const d = decrypt({ encodingAesKey: V9.encodingAesKey, encrypt: V9.echostr, expectedAppId: V9.appId });
    expect(d.message).toBe(V9.plaintext);
  });
});

describe('V10 — derived login-flow vector', () => {
  const push = {
    toUserName: 'gh_0123456789ab',
    fromUserName: 'oABCDEFGHIJKLMNOPQRSTUVWXYZ0',
    createTime: 1700000000,
  };

  it('subscribeXml builds the plaintext exactly', () => {
    expect(subscribeXml({ ...push, scene: 'login_9f8e7d', ticket: 'gQTESTTICKET==' })).toBe(V10.message);
    expect(subscribeXml({ ...push, eventKey: 'qrscene_login_9f8e7d', ticket: 'gQTESTTICKET==' })).toBe(V10.message);
  });

  it('sealPush (safe) produces the exact Encrypt, both signatures and the body', () => {
    const sealed = sealPush({
      mode: 'safe',
      token: V10.token,
      encodingAesKey: V10.encodingAesKey,
      appId: V10.appId,
      messageXml: V10.message,
      toUserName: push.toUserName,
      openId: push.fromUserName,
      timestamp: V10.timestamp,
      nonce: V10.nonce,
      random: fixedRandom(V10.random),
    });
    expect(sealed.encrypt).toBe(V10.encrypt);
    expect(sealed.query).toEqual([
      ['signature', V10.signature],
      ['timestamp', V10.timestamp],
      ['nonce', V10.nonce],
      ['openid', push.fromUserName],
      ['encrypt_type', 'aes'],
      ['msg_signature', V10.msgSignature],
    ]);
    expect(sealed.body).toBe(
      `<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><Encrypt><![CDATA[${V10.encrypt}]]></Encrypt></xml>`,
    );
    const opened = openPush({
      query: Object.fromEntries(sealed.query),
      body: sealed.body,
      token: V10.token,
      encodingAesKey: V10.encodingAesKey,
      appId: V10.appId,
    });
    expect(readMessage(opened.record)).toEqual({
      kind: 'subscribe',
      ...push,
      msgType: 'event',
      eventKey: 'qrscene_login_9f8e7d',
      scene: 'login_9f8e7d',
      ticket: 'gQTESTTICKET==',
    });
  });

  it('encrypts the reply byte for byte', () => {
    const replyXml = textReplyXml({
      toUserName: push.fromUserName,
      fromUserName: push.toUserName,
      createTime: 1700000001,
      content: '登录成功',
      newlines: false,
    });
    expect(replyXml).toBe(V10.reply.message);
    const sealed = sealReply({
      token: V10.token,
      encodingAesKey: V10.encodingAesKey,
      appId: V10.appId,
      replyXml,
      timestamp: V10.reply.timestamp,
      nonce: V10.reply.nonce,
      random: fixedRandom(V10.reply.random),
    });
    expect(sealed).toContain(`<Encrypt><![CDATA[${V10.reply.encrypt}]]></Encrypt>`);
    expect(sealed).toContain(`<MsgSignature><![CDATA[${V10.reply.msgSignature}]]></MsgSignature>`);
    expect(sealed).toContain('<TimeStamp>1700000001</TimeStamp>');
    const opened = openReply({
      body: sealed,
      token: V10.token,
      encodingAesKey: V10.encodingAesKey,
      appId: V10.appId,
      encrypted: true,
    });
    if (opened.kind !== 'reply') throw new Error('expected a reply');
    expect(readReply(opened.record)).toMatchObject({ type: 'text', content: '登录成功', toUserName: push.fromUserName });
  });
});

describe('extra sort vector', () => {
  it('matches', () => {
    expect(sortedSignature([...EXTRA_SORT.parts]).sha1).toBe(EXTRA_SORT.sha1);
  });
});
