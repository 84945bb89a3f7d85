import { describe, expect, it } from 'vitest';
import { judgeReply, type ReplyContext } from '../../../src-main/core/platform/push/verdict';
import { sealReply } from '../../../src-main/core/wechat/envelope';
import { GROWTH, LINEAR_GROWTH, growth } from '../../helpers/growth';

const c: ReplyContext = {
  mode: 'safe',
  token: 'testtoken123',
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  appId: 'wx1234567890abcdef',
  originalId: 'gh_0123456789ab',
  openId: 'oABCDEFGHIJKLMNOPQRSTUVWXYZ0',
};
const reply = (content: string, to = c.openId, from = c.originalId): string =>
  `<xml><ToUserName><![CDATA[${to}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>1700000001</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content></xml>`;

describe('judgeReply', () => {
  it('reads the spec’s V10 encrypted reply', () => {
    const body = [
      '<xml>',
      '<Encrypt><![CDATA[DpQeJfnf/MGZ/+GTIspwVH89UQVOkYhtQ5SVFQC57ZBr8MS7IThsdiuvp2NbgYCrvI88GP2TjPhgOrFjA/VH8X5lTytIX3qANaJi1lMqKJVcXCVZNNkiNjXlzpOroI9dG2h9QHijGBYKBJ31OQev54mKp+8BLlo4hVhssbqL3a76UYQKvxRm056tPs2Y2sPmDjJ605MBGoTeWND0ptSZAKwi0jgW+0zHaOvTkruSZayroQWYNUOjDr8g98fvwawZaLPwbGupQ/GezGqktnefXGYuFE3MVtgG/1yOESppvLw+cAyGNdVhQnxNV5BEGTLVY7yT+MKMIOGgHj2BgEWqoEcCrqL8Jptdiwk6lEIvF98ymczUngyHnXyKeEcfV3TD]]></Encrypt>',
      '<MsgSignature><![CDATA[a1f735f5e764e00c22dda575e1a6871b43ae96c2]]></MsgSignature>',
      '<TimeStamp>1700000001</TimeStamp>',
      '<Nonce><![CDATA[1234567890]]></Nonce>',
      '</xml>',
    ].join('\n');
    const v = judgeReply(body, c);
    expect(v).toMatchObject({ ok: true, reasons: [], outcome: 'text reply “登录成功”', message: { from: 'account', text: '登录成功', kind: 'text' } });
    expect(v.decryptions[0]).toMatchObject({ label: 'reply Encrypt', randomHex: Buffer.from('fedcba9876543210').toString('hex'), appId: c.appId, ok: true });
    expect(v.signatures[0]).toMatchObject({ sha1: 'a1f735f5e764e00c22dda575e1a6871b43ae96c2', ok: true });
  });

  it.each([
    ['success', 'success'],
    ['', 'empty (acknowledged)'],
    ['success\n', 'success'],
  ])('acknowledges %j', (body, outcome) => {
    expect(judgeReply(body, c)).toMatchObject({ ok: true, outcome });
  });

  it('warns about swapped user names but still shows the reply', () => {
    const body = sealReply({ token: c.token, encodingAesKey: c.encodingAesKey, appId: c.appId, replyXml: reply('hi', c.originalId, c.openId), timestamp: 1, nonce: '2' });
    const v = judgeReply(body, c);
    expect(v.ok).toBe(true);
    expect(v.reasons).toEqual([
      `warning: reply ToUserName is ${c.originalId}, expected the user's OpenID ${c.openId} (the push's FromUserName)`,
      `warning: reply FromUserName is ${c.openId}, expected the account's original ID ${c.originalId} (the push's ToUserName)`,
    ]);
  });

  it.each([
    ['JSON', '{"reply":"hi"}', /^reply is not XML: "\{\\"reply\\":\\"hi\\"\}"/],
    ['a wrong key', sealReply({ token: c.token, encodingAesKey: 'A'.repeat(43), appId: c.appId, replyXml: reply('x'), timestamp: 1, nonce: '2' }), /could not be decrypted .*: is the server using this account's EncodingAESKey\?$/],
    ['an unknown type', sealReply({ token: c.token, encodingAesKey: c.encodingAesKey, appId: c.appId, replyXml: reply('x').replace('[text]', '[hologram]'), timestamp: 1, nonce: '2' }), /MsgType "hologram" is not a passive reply type/],
  ])('refuses %s with an actionable reason', (_name, body, reason) => {
    const v = judgeReply(body, c);
    expect(v.ok).toBe(false);
    expect(v.reasons[0]).toMatch(reason);
  });

  it('refuses an encrypted reply when the account is in plaintext mode', () => {
    const body = sealReply({ token: c.token, encodingAesKey: c.encodingAesKey, appId: c.appId, replyXml: reply('x'), timestamp: 1, nonce: '2' });
    expect(judgeReply(body, { ...c, mode: 'plaintext' }).reasons[0]).toMatch(/^reply is encrypted, but the account is in plaintext mode/);
  });

  it('refuses a 1 MiB reply of 100,000 elements at once, as too large', () => {
    const body = `<xml>${'<Content>x</Content>'.repeat(52_000)}</xml>`;
    expect(body.length).toBeGreaterThan(1_000_000);
    for (const mode of ['plaintext', 'safe'] as const) {
      const v = judgeReply(body, { ...c, mode });
      expect(v).toMatchObject({ ok: false, outcome: 'invalid reply' });
      expect(v.reasons[0]).toMatch(/^reply is too large: XML has more than 1000 elements/);
    }
  });

  it('judges a text reply in time linear in its size, however its whitespace runs', () => {
    // Long runs of spaces without a line break, then one with: the summary joins lines into one.
    const body = (n: number): string => reply(`${' '.repeat(n)}x \n y${' '.repeat(n)}`);
    const plaintext = { ...c, mode: 'plaintext' as const };
    const v = judgeReply(body(10), plaintext);
    expect(v).toMatchObject({ ok: true, outcome: `text reply “${' '.repeat(10)}x y${' '.repeat(10)}”` });
    expect(growth(body(20_000), body(20_000 * GROWTH), (b) => judgeReply(b, plaintext))).toBeLessThan(LINEAR_GROWTH);
  }, 30_000); // a busy machine slows it down; the quadratic summary took minutes
});
