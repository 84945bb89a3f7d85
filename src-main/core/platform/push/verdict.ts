import type { DecryptionStep, PhoneMessage, SignatureStep } from '../../../contracts/api';
import type { DecryptBreakdown } from '../../wechat/crypto';
import { errorSaid, isWechatProtocolError, preview } from '../../wechat/errors';
import { say, sayText, verbatim, type Said, type SaidValue } from '../../../contracts/said';
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
  /** Why it failed, or notes on an accepted reply (warnings a developer may want to fix), in English. */
  reasons: string[];
  /** The same reasons as sentences (the journal's `verdict.said`), in the same order. */
  said: Said[];
  /** The short outcome for the journal's summary: `success`, `text reply "…"`, `invalid reply`. */
  outcome: string;
  /** The outcome as a sentence. */
  outcomeSaid: Said;
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

/** A reason for a one-line summary: the sentence itself when it fits in 60 characters, else its English cut there. */
export function summaryReason(reason: Said): Said {
  const text = sayText(reason);
  return text.length <= 60 ? reason : verbatim(preview(text, 60));
}

/** Adds a reason in both forms. */
function reason(v: ReplyVerdict, s: Said): void {
  v.said.push(s);
  v.reasons.push(sayText(s));
}

function setOutcome(v: ReplyVerdict, s: Said): void {
  v.outcomeSaid = s;
  v.outcome = sayText(s);
}

/** A reply WeChat would not show, said as a sentence. */
class ReplyProblem extends Error {
  constructor(readonly said: Said) {
    super(sayText(said));
  }
}

const MEDIA_LABEL: Record<string, string> = { voice: '[语音]', video: '[视频]', music: '[音乐]' };
const ACCEPTED_TYPES = ['text', 'image', 'voice', 'video', 'music', 'news', 'transfer_customer_service'];

/** Reads a reply's plaintext XML as WeChat would and says what the phone shows. */
function interpret(xml: string, c: ReplyContext, v: ReplyVerdict): void {
  const reply = readReply(parseXml(xml, { maxBytes: MAX_REPLY_BYTES }));
  if (reply.toUserName !== c.openId) {
    reason(v, say('reply.toUserName', { got: reply.toUserName, openId: c.openId }));
  }
  if (reply.fromUserName !== c.originalId) {
    reason(v, say('reply.fromUserName', { got: reply.fromUserName, originalId: c.originalId }));
  }
  switch (reply.type) {
    case 'text':
      if (reply.content === '') {
        throw new ReplyProblem(say('reply.emptyContent'));
      }
      v.message = { from: 'account', text: reply.content, kind: 'text' };
      setOutcome(v, say('reply.outcome.text', { text: preview(oneLine(reply.content), 40) }));
      return;
    case 'image':
      v.message = { from: 'account', text: '[图片]', kind: 'image' };
      setOutcome(v, say('reply.outcome.image'));
      return;
    case 'news': {
      const first = reply.articles[0]?.title ?? '';
      const more = reply.articles.length > 1 ? ` (+${reply.articles.length - 1})` : '';
      v.message = { from: 'account', text: `${first}${more}`, kind: 'news' };
      setOutcome(v, say('reply.outcome.news', { title: preview(oneLine(first), 40) }));
      return;
    }
    default: {
      const type = reply.msgType;
      if (!ACCEPTED_TYPES.includes(type)) {
        throw new ReplyProblem(say('reply.notPassiveType', { type: JSON.stringify(type), types: ACCEPTED_TYPES.join(', ') }));
      }
      if (MEDIA_LABEL[type]) v.message = { from: 'account', text: MEDIA_LABEL[type], kind: 'notice' };
      setOutcome(v, say('reply.outcome.other', { type }));
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
  const v: ReplyVerdict = { ok: true, reasons: [], said: [], outcome: '', outcomeSaid: verbatim(''), signatures: [], decryptions: [] };
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
    setOutcome(v, say('reply.outcome.invalid'));
    const step = encrypted ? replySignatureStep(body, c) : undefined;
    if (step) v.signatures.push(step);
    reason(v, explain(e, body));
    return v;
  }
  if (opened.kind === 'ack') {
    setOutcome(v, say(opened.body === '' ? 'reply.outcome.empty' : 'reply.outcome.success'));
    if (body !== opened.body) reason(v, say('reply.whitespaceAck', { body: JSON.stringify(preview(body, 20)) }));
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
    setOutcome(v, say('reply.outcome.invalid'));
    reason(v, say('reply.encryptedInPlaintext'));
    return v;
  }
  if (c.mode === 'compatible' && !opened.encrypted) reason(v, say('reply.plaintextInCompatible'));
  try {
    interpret(opened.xml, c, v);
  } catch (e) {
    v.ok = false;
    setOutcome(v, say('reply.outcome.invalid'));
    reason(v, e instanceof ReplyProblem ? e.said : isWechatProtocolError(e) ? say('reply.notValid', { error: errorSaid(e) }) : errorSaid(e));
  }
  return v;
}

function explain(e: unknown, body: string): Said {
  if (!isWechatProtocolError(e)) return say('reply.unreadable', { error: errorSaid(e) });
  const error = errorSaid(e);
  const orEmpty = (x: string | undefined): SaidValue => x || say('reply.empty');
  switch (e.code) {
    case 'signature-mismatch':
      return say('reply.signatureMismatch', { expected: e.expected ?? '?', got: orEmpty(e.got) });
    case 'appid-mismatch':
      return say('reply.appIdMismatch', { got: orEmpty(e.got), expected: e.expected ?? '?' });
    case 'decrypt-failed':
    case 'illegal-buffer':
    case 'base64':
      return say('reply.undecryptable', { error });
    case 'xml-parse':
    case 'xml-forbidden':
      return say('reply.notXml', { body: JSON.stringify(preview(body, 60)), error });
    case 'too-large':
      return say('reply.tooLarge', { error });
    default:
      return say('reply.notValid', { error });
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
