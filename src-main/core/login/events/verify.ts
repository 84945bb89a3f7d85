import type { FastifyRequest } from 'fastify';
import type { RefusalStatus } from '../../receiver/refusal';
import { refusalOf } from '../../receiver/refusal';
import { openPush, type OpenedPush } from '../../wechat/envelope';
import { errorSaid, WechatProtocolError } from '../../wechat/errors';
import { say, type Said } from '../../../contracts/said';
import { readMessage, type InboundMessage } from '../../wechat/messages';
import type { ConnectionRow } from '../repo';

/** A push the endpoint will not act on: the status to answer and, for the journal only, why. */
export interface Refusal {
  refused: true;
  status: RefusalStatus;
  diagnosis: Said;
  opened?: OpenedPush;
}

export const refusal = (status: RefusalStatus, diagnosis: Said, opened?: OpenedPush): Refusal => ({ refused: true, status, diagnosis, ...(opened ? { opened } : {}) });

/** What a push is sealed with: the receiver's Token and EncodingAESKey, and the AppID inside the ciphertext. */
export interface PushKeys {
  token: string;
  encodingAesKey: string;
  appId: string;
}

export interface Verified {
  refused?: false;
  opened: OpenedPush;
  encrypted: boolean;
}

/** Step "verify": signature or msg_signature, the timestamp window, decryption and the appid inside it. */
export function verify(conn: PushKeys, req: FastifyRequest, nowSeconds: number, maxSkewSeconds: number): Verified | Refusal {
  if (typeof req.body !== 'string') return refusal(400, say('refusal.bodyNotXml'));
  try {
    const opened = openPush({
      query: req.query as Record<string, string | undefined>,
      body: req.body,
      token: conn.token,
      ...(conn.encodingAesKey ? { encodingAesKey: conn.encodingAesKey } : {}),
      appId: conn.appId,
      now: nowSeconds,
      ...(maxSkewSeconds > 0 ? { maxSkewSeconds } : {}),
    });
    return { opened, encrypted: opened.mode === 'encrypted' };
  } catch (err) {
    if (!(err instanceof WechatProtocolError)) throw err;
    const r = refusalOf(err);
    return refusal(r.status, r.diagnosis);
  }
}

/** Step "read": the push's mode must be the connection's, and the XML a message WeChat sends. */
export function read(conn: Pick<ConnectionRow, 'mode' | 'identifier'>, v: Verified): InboundMessage | Refusal {
  if (conn.mode === 'plaintext' && v.encrypted) {
    return refusal(400, say('refusal.encryptedButPlaintext', { identifier: conn.identifier }), v.opened);
  }
  if (conn.mode !== 'plaintext' && !v.encrypted) {
    return refusal(400, say('refusal.plaintextButEncrypted', { identifier: conn.identifier, mode: say(`refusal.mode.${conn.mode}`) }), v.opened);
  }
  try {
    return readMessage(v.opened.record);
  } catch (err) {
    if (err instanceof WechatProtocolError) return refusal(400, say('refusal.unreadable', { error: errorSaid(err) }), v.opened);
    throw err;
  }
}
