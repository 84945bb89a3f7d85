import type { DecryptionStep, PhoneMessage, SignatureStep } from '../../../contracts/api';
import type { DecryptBreakdown } from '../../wechat/crypto';
import { isWechatProtocolError, preview } from '../../wechat/errors';
import { openReply, type OpenedReply } from '../../wechat/envelope';
import { readReply } from '../../wechat/messages';
import { sortedSignature } from '../../wechat/signature';
import { parseXml } from '../../wechat/xml';
import { MAX_REPLY_BYTES } from './http';

export interface ReplyContext {
  mode: 'plaintext' | 'compatible' | 'safe';
  token: string;
  encodingAesKey: string;
  appId: string;
  originalId: string;
  openId: string;
}

export interface ReplyVerdict {
  ok: boolean;
  /** Why it failed, or notes on an accepted reply (warnings a developer may want to fix). */
  reasons: string[];
  /** The short outcome for the journal's summary: `success`, `text reply "…"`, `invalid reply`. */
  outcome: string;
  /** What the phone shows (nothing for acknowledgements). */
  message?: PhoneMessage;
  decryptedReply?: string;
  signatures: SignatureStep[];
  decryptions: DecryptionStep[];
}

export function decryptionStep(label: string, b: DecryptBreakdown, expectedAppId: string): DecryptionStep {
  return {
    label,
    aesKeyHex: b.aesKeyHex,
    ivHex: b.ivHex,
    randomHex: b.random.toString('hex'),
    length: b.length,
    message: b.message,
    appId: b.appId,
    expectedAppId,
    ok: b.appId === expectedAppId,
  };
}

const MEDIA_LABEL: Record<string, string> = { voice: '[语音]', video: '[视频]', music: '[音乐]' };
const ACCEPTED_TYPES = ['text', 'image', 'voice', 'video', 'music', 'news', 'transfer_customer_service'];

/** Reads a reply's plaintext XML as WeChat would and says what the phone shows. */
function interpret(xml: string, c: ReplyContext, v: ReplyVerdict): void {
  const reply = readReply(parseXml(xml, { maxBytes: MAX_REPLY_BYTES }));
  if (reply.toUserName !== c.openId) {
    v.reasons.push(`warning: reply ToUserName is ${reply.toUserName}, expected the user's OpenID ${c.openId} (the push's FromUserName)`);
  }
  if (reply.fromUserName !== c.originalId) {
    v.reasons.push(`warning: reply FromUserName is ${reply.fromUserName}, expected the account's original ID ${c.originalId} (the push's ToUserName)`);
  }
  switch (reply.type) {
    case 'text':
      if (reply.content === '') {
        throw new Error('text reply has an empty <Content>; to acknowledge without a message answer "success" or an empty body');
      }
      v.message = { from: 'account', text: reply.content, kind: 'text' };
      v.outcome = `text reply “${preview(oneLine(reply.content), 40)}”`;
      return;
    case 'image':
      v.message = { from: 'account', text: '[图片]', kind: 'image' };
      v.outcome = 'image reply';
      return;
    case 'news': {
      const first = reply.articles[0]?.title ?? '';
      const more = reply.articles.length > 1 ? ` (+${reply.articles.length - 1})` : '';
      v.message = { from: 'account', text: `${first}${more}`, kind: 'news' };
      v.outcome = `news reply “${preview(oneLine(first), 40)}”`;
      return;
    }
    default: {
      const type = reply.msgType;
      if (!ACCEPTED_TYPES.includes(type)) {
        throw new Error(`reply MsgType ${JSON.stringify(type)} is not a passive reply type (${ACCEPTED_TYPES.join(', ')})`);
      }
      if (MEDIA_LABEL[type]) v.message = { from: 'account', text: MEDIA_LABEL[type], kind: 'notice' };
      v.outcome = `${type} reply`;
    }
  }
}

function replySignatureStep(body: string, c: ReplyContext): SignatureStep | undefined {
  try {
    const outer = parseXml(body, { maxBytes: MAX_REPLY_BYTES });
    const [enc, ts, nonce, sig] = ['Encrypt', 'TimeStamp', 'Nonce', 'MsgSignature'].map((k) => {
      const value = outer[k];
      return typeof value === 'string' ? value.trim() : '';
    }) as [string, string, string, string];
    if (enc === '') return undefined;
    const computed = sortedSignature([c.token, ts, nonce, enc]);
    return { label: 'reply MsgSignature', ...computed, expected: sig, ok: computed.sha1 === sig.toLowerCase() };
  } catch {
    return undefined;
  }
}

/**
 * The verdict on an HTTP 200 answer to a push (§5.6): success/empty acknowledge; a passive reply is verified
 * (MsgSignature, appid) and decrypted in encrypted modes, then shown; anything else is what makes WeChat show
 * "该公众号暂时无法提供服务，请稍后再试", with a reason naming the likely cause.
 */
export function judgeReply(body: string, c: ReplyContext): ReplyVerdict {
  const v: ReplyVerdict = { ok: true, reasons: [], outcome: '', signatures: [], decryptions: [] };
  const encrypted = c.mode !== 'plaintext';
  let opened: OpenedReply;
  try {
    opened = openReply({
      body,
      token: c.token,
      encodingAesKey: c.encodingAesKey,
      appId: c.appId,
      encrypted,
      requireEncrypted: c.mode === 'safe',
      maxBytes: MAX_REPLY_BYTES,
    });
  } catch (e) {
    v.ok = false;
    v.outcome = 'invalid reply';
    const step = encrypted ? replySignatureStep(body, c) : undefined;
    if (step) v.signatures.push(step);
    v.reasons.push(explain(e, body));
    return v;
  }
  if (opened.kind === 'ack') {
    v.outcome = opened.body === '' ? 'empty (acknowledged)' : 'success';
    if (body !== opened.body) v.reasons.push(`note: the acknowledgement had surrounding whitespace (${JSON.stringify(preview(body, 20))})`);
    return v;
  }
  if (opened.steps.msgSignature) {
    const s = opened.steps.msgSignature;
    v.signatures.push({ label: 'reply MsgSignature', sorted: s.sorted, joined: s.joined, sha1: s.sha1, expected: s.got, ok: true });
  }
  if (opened.steps.decryption) {
    v.decryptions.push(decryptionStep('reply Encrypt', opened.steps.decryption, c.appId));
    v.decryptedReply = opened.xml;
  }
  if (!encrypted && opened.record.Encrypt !== undefined) {
    v.ok = false;
    v.outcome = 'invalid reply';
    v.reasons.push('reply is encrypted, but the account is in plaintext mode: set the same message mode on the server as on the console');
    return v;
  }
  if (c.mode === 'compatible' && !opened.encrypted) v.reasons.push('note: plaintext reply in compatible mode (accepted; safe mode would refuse it)');
  try {
    interpret(opened.xml, c, v);
  } catch (e) {
    v.ok = false;
    v.outcome = 'invalid reply';
    v.reasons.push(isWechatProtocolError(e) ? `reply is not a valid passive reply: ${e.message}` : (e as Error).message);
  }
  return v;
}

function explain(e: unknown, body: string): string {
  if (!isWechatProtocolError(e)) return `reply could not be read: ${(e as Error).message}`;
  switch (e.code) {
    case 'signature-mismatch':
      return `reply MsgSignature mismatch: expected ${e.expected ?? '?'}, got ${e.got || '(empty)'}: is the server signing with the Token?`;
    case 'appid-mismatch':
      return `reply decrypted but its appid is ${e.got || '(empty)'}, expected ${e.expected ?? '?'}: is the server encrypting with this account's AppID?`;
    case 'decrypt-failed':
    case 'illegal-buffer':
    case 'base64':
      return `reply <Encrypt> could not be decrypted (${e.message}): is the server using this account's EncodingAESKey?`;
    case 'xml-parse':
    case 'xml-forbidden':
      return `reply is not XML: ${JSON.stringify(preview(body, 60))} (${e.message}); answer "success", an empty body or a passive reply XML`;
    case 'too-large':
      return `reply is too large: ${e.message}`;
    default:
      return `reply is not a valid passive reply: ${e.message}`;
  }
}

/**
 * Summaries are one line: a reply's line breaks become spaces. A match starts only where whitespace starts
 * (the lookbehind), so a long run of spaces is scanned once, not once per space: a 1 MB reply of spaces took
 * minutes with a bare leading \s*.
 */
function oneLine(s: string): string {
  return s.replace(/(?<!\s)\s*\n\s*/g, ' ');
}
