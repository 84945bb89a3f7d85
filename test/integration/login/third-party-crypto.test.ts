import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LoginConnection } from '../../../src-main/contracts/api';
import { WechatCrypto } from '../../helpers/third-party';
import { newSession, sessionView, startWorld, type World } from './helpers';

/**
 * Pushes built by node-webot's `wechat-crypto` (the WXBizMsgCrypt port most Node WeChat servers use),
 * with the signature computed independently of the engine, are accepted by the events endpoint; its
 * encrypted reply is verified and decrypted by the same library.
 */

const sha1 = (parts: string[]): string => createHash('sha1').update([...parts].sort().join('')).digest('hex');

describe('third-party crypto interoperability (wechat-crypto)', () => {
  let w: World;
  beforeEach(async () => {
    w = await startWorld();
  });
  afterEach(() => w.stop());

  for (const mode of ['compatible', 'safe'] as const) {
    it(`${mode}: a push sealed by wechat-crypto logs in; its reply opens with wechat-crypto`, async () => {
      const patched = await w.api<LoginConnection>('PATCH', `/api/login/pools/${w.pool.id}/connections/${w.conn.identifier}`, { mode });
      expect(patched.status).toBe(200);
      const { token, encodingAesKey, appId, eventsUrl } = w.secrets;
      const lib = new WechatCrypto(token, encodingAesKey, appId);
      const s = await newSession(w);
      const openId = 'oThirdParty0000000000000000A';
      const now = Math.floor(Date.now() / 1000);
      const message =
        `<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><FromUserName><![CDATA[${openId}]]></FromUserName>` +
        `<CreateTime>${now}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event>` +
        `<EventKey><![CDATA[qrscene_${s.scene}]]></EventKey><Ticket><![CDATA[${s.qrUrl}]]></Ticket></xml>`;
      const encrypt = lib.encrypt(message);
      const timestamp = String(now);
      const nonce = '1320562132';
      const body =
        mode === 'safe'
          ? `<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`
          : message.replace('</xml>', `<Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`);
      const query = new URLSearchParams({
        signature: sha1([token, timestamp, nonce]),
        timestamp,
        nonce,
        openid: openId,
        encrypt_type: 'aes',
        msg_signature: lib.getSignature(timestamp, nonce, encrypt),
      });
      const res = await fetch(`${eventsUrl}?${query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
      expect(res.status).toBe(200);
      const reply = await res.text();
      const field = (name: string): string => new RegExp(`<${name}>(?:<!\\[CDATA\\[)?([^<\\]]*)`).exec(reply)?.[1] ?? '';
      expect(lib.getSignature(field('TimeStamp'), field('Nonce'), field('Encrypt'))).toBe(field('MsgSignature'));
      const opened = lib.decrypt(field('Encrypt'));
      expect(opened.id).toBe(appId);
      expect(opened.message).toContain(`<ToUserName><![CDATA[${openId}]]></ToUserName>`);
      expect(opened.message).toMatch(/Signed in to Demo Website as wx_/);
      expect((await sessionView(w, s.id)).status).toBe('AUTHORIZED');
    });
  }
});
