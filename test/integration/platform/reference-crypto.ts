import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';

/**
 * An independent, minimal WXBizMsgCrypt (as the official samples write it), so that tests check the
 * platform's output against the algorithm rather than against the code that produced it.
 */
export function refSignature(...parts: string[]): string {
  return createHash('sha1').update([...parts].sort().join('')).digest('hex');
}

export function refDecrypt(encodingAesKey: string, encrypted: string): { random: Buffer; msg: string; appId: string } {
  const key = Buffer.from(encodingAesKey + '=', 'base64');
  const d = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  d.setAutoPadding(false);
  const plain = Buffer.concat([d.update(Buffer.from(encrypted, 'base64')), d.final()]);
  const pad = plain[plain.length - 1]!;
  const content = plain.subarray(0, plain.length - (pad >= 1 && pad <= 32 ? pad : 0));
  const len = content.readUInt32BE(16);
  return { random: content.subarray(0, 16), msg: content.subarray(20, 20 + len).toString('utf8'), appId: content.subarray(20 + len).toString() };
}

export function refEncrypt(encodingAesKey: string, appId: string, msg: string, random = 'abcdefghijklmnop'): string {
  const key = Buffer.from(encodingAesKey + '=', 'base64');
  const body = Buffer.from(msg, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  const full = Buffer.concat([Buffer.from(random), len, body, Buffer.from(appId)]);
  const n = 32 - (full.length % 32);
  const c = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  c.setAutoPadding(false);
  return Buffer.concat([c.update(Buffer.concat([full, Buffer.alloc(n, n)])), c.final()]).toString('base64');
}

/** An encrypted passive reply in the official template (§4.5). */
export function refEncryptedReply(o: { token: string; encodingAesKey: string; appId: string; xml: string; timestamp?: string; nonce?: string }): string {
  const timestamp = o.timestamp ?? String(Math.floor(Date.now() / 1000));
  const nonce = o.nonce ?? '123456789';
  const encrypt = refEncrypt(o.encodingAesKey, o.appId, o.xml);
  const sig = refSignature(o.token, timestamp, nonce, encrypt);
  return `<xml>\n<Encrypt><![CDATA[${encrypt}]]></Encrypt>\n<MsgSignature><![CDATA[${sig}]]></MsgSignature>\n<TimeStamp>${timestamp}</TimeStamp>\n<Nonce><![CDATA[${nonce}]]></Nonce>\n</xml>`;
}

/** Reads `<Name><![CDATA[v]]></Name>` or `<Name>v</Name>` with a regex, as many hand-written servers do. */
export function field(xml: string, name: string): string | undefined {
  const m = new RegExp(`<${name}>(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))</${name}>`).exec(xml);
  return m ? (m[1] ?? m[2]) : undefined;
}

export function textReply(toUser: string, fromUser: string, content: string): string {
  return `<xml><ToUserName><![CDATA[${toUser}]]></ToUserName><FromUserName><![CDATA[${fromUser}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content></xml>`;
}
