import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { componentEnvelopeXml, componentNoticeXml, decrypt, decryptDetailed, encryptDetailed, openPush, sortedSignature } from '../../../src-main/core/wechat';
import { WechatCrypto } from '../../helpers/third-party';
import { fixedRandom } from '../wechat/seeded-random';

const require = createRequire(import.meta.url);
const EasyEncryptor = require('node-easywechat/dist/Core/Encryptor') as new (appId: string, token: string, aesKey: string, receiveId: string) => {
  decrypt(text: string, msgSignature: string, nonce: string, timestamp: string): string;
};

/** The third-party-platform spec's §2.1 worked example, byte for byte. */
const V = {
  token: 'QDG6eK',
  aesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  appId: 'wx5823bf96d3bd56c7',
  random: '0123456789abcdef',
  timestamp: '1413192605',
  nonce: '1320562132',
  msg: '<xml><AppId><![CDATA[wx5823bf96d3bd56c7]]></AppId><CreateTime>1413192605</CreateTime><InfoType><![CDATA[component_verify_ticket]]></InfoType><ComponentVerifyTicket><![CDATA[ticket@@@TEST_TICKET_0001]]></ComponentVerifyTicket></xml>',
  encrypt:
    'sKqRbbiSUnDhFHOvPjtUMS3YPe9T70xmFg12E5xLJrJxH/mdtY0FivCkVyeSBvTwvRwSsa4t5gcdEJQTTaBo9QxNYN1eOvw97eVh3xL+M7ZlQ4Zyw2Atgkkew0pzp6SUqS39vv940ggkBsPxPf2mEnJhg/TEMYVkNWmm4mUFFn2Gea5C834YobcoKRnTpMZ4BBrr75tZcmJeNtoM0CCTqDS4+cVcMg1Y8zdySIp9MLn8X1YpcQ2IqgNVGTGgjpnkP3YfTjlVWgt5QGwQZu4wgsfP9IfZ7OIrPrxSP+uw66L7ra8+wLEZbF+mZ5XETwO3ql0CCb3R40rLA/SWyNytn2bbOAsXU2Z7xeaLyftZr7yCNOmRmN4+MbhLNeAkkZ0R',
  msgSignature: '3c8a3757658ecd5b6f8eec9276f22cae04935952',
  signature: '185d51257e7b97bb1ec9b0e17cfbde9341e0c83a',
};

describe('third-party platform crypto: the §2.1 worked example', () => {
  it('the verify-ticket message is 231 bytes and pads to 288', () => {
    expect(Buffer.byteLength(V.msg)).toBe(231);
    const { breakdown } = encryptDetailed({ encodingAesKey: V.aesKey, appId: V.appId, message: V.msg, random: fixedRandom(V.random) });
    expect(breakdown.fullBytes + breakdown.padding).toBe(288);
    expect(breakdown.cipherBytes).toBe(288);
  });

  it('encrypts to the vector with the component AppID as the tail, and signs it', () => {
    const { encrypt } = encryptDetailed({ encodingAesKey: V.aesKey, appId: V.appId, message: V.msg, random: fixedRandom(V.random) });
    expect(encrypt).toBe(V.encrypt);
    expect(sortedSignature([V.token, V.timestamp, V.nonce, encrypt]).sha1).toBe(V.msgSignature);
    expect(sortedSignature([V.token, V.timestamp, V.nonce]).sha1).toBe(V.signature);
  });

  it('decrypts back to the message, the random prefix and the tail', () => {
    const d = decrypt({ encodingAesKey: V.aesKey, encrypt: V.encrypt, expectedAppId: V.appId });
    expect(d.message).toBe(V.msg);
    expect(d.appId).toBe(V.appId);
    // The fast path keeps no random prefix; the inspector's detailed decryption does.
    expect(decryptDetailed({ encodingAesKey: V.aesKey, encrypt: V.encrypt, expectedAppId: V.appId }).random.toString('utf8')).toBe(V.random);
  });

  it('the notice builder writes the documented verify-ticket notice exactly', () => {
    expect(componentNoticeXml({ appId: V.appId, createTime: 1413192605, infoType: 'component_verify_ticket', fields: [['ComponentVerifyTicket', 'ticket@@@TEST_TICKET_0001']] })).toBe(V.msg);
  });

  it('the receiver opens the push as sent to the authorization-event URL', () => {
    const body = componentEnvelopeXml(V.appId, V.encrypt);
    const query = { signature: V.signature, timestamp: V.timestamp, nonce: V.nonce, encrypt_type: 'aes', msg_signature: V.msgSignature };
    const opened = openPush({ query, body, token: V.token, encodingAesKey: V.aesKey, appId: V.appId });
    expect(opened.record.ComponentVerifyTicket).toBe('ticket@@@TEST_TICKET_0001');
  });

  it('two third-party implementations decrypt the vector: wechat-crypto and node-easywechat', () => {
    const webot = new WechatCrypto(V.token, V.aesKey, V.appId);
    expect(webot.getSignature(V.timestamp, V.nonce, V.encrypt)).toBe(V.msgSignature);
    expect(webot.decrypt(V.encrypt)).toEqual({ message: V.msg, id: V.appId });
    const easy = new EasyEncryptor(V.appId, V.token, V.aesKey, V.appId);
    expect(easy.decrypt(V.encrypt, V.msgSignature, V.nonce, V.timestamp)).toBe(V.msg);
  });
});
