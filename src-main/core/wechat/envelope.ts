import { decryptDetailed, encrypt as encryptMessage, encryptDetailed, type DecryptBreakdown } from './crypto';
import { WechatProtocolError, preview } from './errors';
import type { RandomSource } from './random';
import { msgSignature, signaturesEqual, sortedSignature, type SortedSignature } from './signature';
import { buildXml, cdata, parseXml, type XmlRecord } from './xml';

/** Both directions of a push (§3) and of its passive reply (§4.5), plus the GET check (§2). */

export type PushMode = 'plaintext' | 'compatible' | 'safe';

export interface SealPushInput {
  mode: PushMode;
  token: string;
  /** Required in compatible and safe mode; may be blank in plaintext mode. */
  encodingAesKey?: string;
  appId: string;
  /** The plaintext message XML (§5); it is also what gets encrypted. */
  messageXml: string;
  /** The account's original id, the only plaintext field of a safe-mode body. */
  toUserName: string;
  openId: string;
  timestamp: string | number;
  nonce: string;
  random?: RandomSource;
}

export interface SealedPush {
  /** Query parameters in the docs' order: signature, timestamp, nonce, openid[, encrypt_type, msg_signature]. */
  query: Array<[string, string]>;
  body: string;
  encrypt?: string;
  steps: { signature: SortedSignature; msgSignature?: SortedSignature; encryption?: DecryptBreakdown };
}

function requireKey(encodingAesKey: string | undefined, what: string): string {
  if (encodingAesKey === undefined || encodingAesKey.trim() === '') {
    throw new WechatProtocolError('illegal-aes-key', `${what} needs an EncodingAESKey, but none is configured`, {
      field: 'encodingAesKey',
    });
  }
  return encodingAesKey;
}

/** Compatible mode: the plaintext XML plus an `<Encrypt>` child just before `</xml>`, keeping its line style. */
function withEncryptElement(messageXml: string, encrypted: string): string {
  const close = messageXml.lastIndexOf('</xml>');
  if (close < 0 || messageXml.slice(close + '</xml>'.length).trim() !== '') {
    throw new WechatProtocolError('xml-build', 'cannot add <Encrypt>: the message XML does not end with </xml>', {
      field: 'messageXml',
    });
  }
  const head = messageXml.slice(0, close);
  const separator = head.endsWith('\n') ? '\n' : '';
  return `${head}<Encrypt>${cdata(encrypted)}</Encrypt>${separator}${messageXml.slice(close)}`;
}

export function sealPush(input: SealPushInput): SealedPush {
  const timestamp = String(input.timestamp);
  const signature = sortedSignature([input.token, timestamp, input.nonce]);
  const query: Array<[string, string]> = [
    ['signature', signature.sha1],
    ['timestamp', timestamp],
    ['nonce', input.nonce],
    ['openid', input.openId],
  ];
  if (input.mode === 'plaintext') {
    return { query, body: input.messageXml, steps: { signature } };
  }
  const { encrypt, breakdown } = encryptDetailed({
    encodingAesKey: requireKey(input.encodingAesKey, `${input.mode} mode`),
    appId: input.appId,
    message: input.messageXml,
    ...(input.random === undefined ? {} : { random: input.random }),
  });
  const msgSignature = sortedSignature([input.token, timestamp, input.nonce, encrypt]);
  query.push(['encrypt_type', 'aes'], ['msg_signature', msgSignature.sha1]);
  const body =
    input.mode === 'compatible'
      ? withEncryptElement(input.messageXml, encrypt)
      : buildXml([
          ['ToUserName', input.toUserName],
          ['Encrypt', encrypt],
        ]);
  return { query, body, encrypt, steps: { signature, msgSignature, encryption: breakdown } };
}

export interface SignatureCheck extends SortedSignature {
  /** Which parameter was checked: the query's signature/msg_signature or a reply's MsgSignature. */
  name: 'signature' | 'msg_signature' | 'MsgSignature';
  expected: string;
  got: string;
}

function checkSignature(name: SignatureCheck['name'], parts: string[], got: string): SignatureCheck {
  const computed = sortedSignature(parts);
  const check: SignatureCheck = { name, ...computed, expected: computed.sha1, got };
  if (!signaturesEqual(computed.sha1, got)) {
    const token = name === 'signature' ? 'Token' : 'Token (or the Encrypt text was altered)';
    throw new WechatProtocolError(
      'signature-mismatch',
      `${name} mismatch: expected ${computed.sha1} (sha1 of ${JSON.stringify(computed.sorted.map((p) => preview(p, 24)))} sorted and joined) but got ${got || '(empty)'}; check the ${token}`,
      { field: name, expected: computed.sha1, got },
    );
  }
  return check;
}

function requireParam(query: Record<string, string | undefined>, name: string): string {
  const value = query[name];
  if (value === undefined || value === '') {
    throw new WechatProtocolError('missing-field', `the request URL has no ${name} query parameter`, { field: name });
  }
  return value;
}

function requireEncrypt(record: XmlRecord, where: string): string {
  const value = record.Encrypt;
  if (typeof value !== 'string' || value === '') {
    throw new WechatProtocolError('missing-field', `${where} has no <Encrypt> text`, { field: 'Encrypt' });
  }
  return value;
}

export interface OpenPushInput {
  query: Record<string, string | undefined>;
  body: string;
  token: string;
  encodingAesKey?: string;
  appId: string;
  /** Unix seconds; needed when maxSkewSeconds is given. */
  now?: number;
  /** Optional replay window (WeChat itself does not require one; retries reuse content). */
  maxSkewSeconds?: number;
  maxBytes?: number;
}

export interface PushSteps {
  signature: SignatureCheck;
  timestamp?: { now: number; timestamp: number; skewSeconds: number; maxSkewSeconds: number };
  msgSignature?: SignatureCheck;
  decryption?: DecryptBreakdown;
  /** The outer body's fields in encrypted mode (compatible mode: the plaintext copy plus Encrypt). */
  outer?: XmlRecord;
}

export interface OpenedPush {
  mode: 'plaintext' | 'encrypted';
  /** The message XML: the body in plaintext mode, the decrypted text otherwise. */
  xml: string;
  record: XmlRecord;
  steps: PushSteps;
}

function checkWindow(timestamp: string, now: number | undefined, maxSkewSeconds: number): PushSteps['timestamp'] {
  if (now === undefined) {
    throw new Error('openPush: maxSkewSeconds needs `now` (unix seconds)');
  }
  const value = Number(timestamp);
  if (!/^[0-9]{1,12}$/.test(timestamp)) {
    throw new WechatProtocolError('timestamp-skew', `timestamp ${JSON.stringify(timestamp)} is not whole seconds`, {
      field: 'timestamp',
      got: timestamp,
    });
  }
  const skewSeconds = value - now;
  if (Math.abs(skewSeconds) > maxSkewSeconds) {
    throw new WechatProtocolError(
      'timestamp-skew',
      `timestamp ${timestamp} is ${Math.abs(skewSeconds)} s ${skewSeconds < 0 ? 'behind' : 'ahead of'} the receiver's clock (${now}); at most ${maxSkewSeconds} s is accepted`,
      { field: 'timestamp', expected: `${now} ± ${maxSkewSeconds}`, got: timestamp },
    );
  }
  return { now, timestamp: value, skewSeconds, maxSkewSeconds };
}

/** Receiver side of a push, in the order of §3's algorithm; throws naming the first check that failed. */
export function openPush(input: OpenPushInput): OpenedPush {
  const { query, token } = input;
  const timestamp = requireParam(query, 'timestamp');
  const nonce = requireParam(query, 'nonce');
  const signature = checkSignature('signature', [token, timestamp, nonce], requireParam(query, 'signature'));
  const steps: PushSteps = { signature };
  if (input.maxSkewSeconds !== undefined) {
    steps.timestamp = checkWindow(timestamp, input.now, input.maxSkewSeconds);
  }
  const parseOptions = input.maxBytes === undefined ? {} : { maxBytes: input.maxBytes };
  const encryptType = (query.encrypt_type ?? '').toLowerCase();
  if (encryptType === '' || encryptType === 'raw') {
    return { mode: 'plaintext', xml: input.body, record: parseXml(input.body, parseOptions), steps };
  }
  if (encryptType !== 'aes') {
    throw new WechatProtocolError(
      'unsupported-encrypt-type',
      `encrypt_type=${query.encrypt_type ?? ''} is not supported; WeChat sends aes (encrypted) or nothing/raw (plaintext)`,
      { field: 'encrypt_type', expected: 'aes', got: query.encrypt_type ?? '' },
    );
  }
  const encodingAesKey = requireKey(input.encodingAesKey, 'an encrypted push (encrypt_type=aes)');
  const outer = parseXml(input.body, parseOptions);
  const encrypted = requireEncrypt(outer, 'the encrypted push body');
  steps.outer = outer;
  steps.msgSignature = checkSignature(
    'msg_signature',
    [token, timestamp, nonce, encrypted],
    requireParam(query, 'msg_signature'),
  );
  steps.decryption = decryptDetailed({ encodingAesKey, encrypt: encrypted, expectedAppId: input.appId });
  const xml = steps.decryption.message;
  return { mode: 'encrypted', xml, record: parseXml(xml, parseOptions), steps };
}

export interface SealReplyInput {
  token: string;
  encodingAesKey: string;
  appId: string;
  replyXml: string;
  timestamp: string | number;
  nonce: string;
  random?: RandomSource;
}

/** The official sample's encrypted-reply template (§4.5): four elements, newlines, TimeStamp without CDATA. */
export function sealReply(input: SealReplyInput): string {
  const timestamp = String(input.timestamp);
  if (!/^[0-9]+$/.test(timestamp)) {
    throw new WechatProtocolError('xml-build', `TimeStamp must be whole seconds; got ${JSON.stringify(timestamp)}`, {
      field: 'TimeStamp',
    });
  }
  const encrypt = encryptMessage({
    encodingAesKey: requireKey(input.encodingAesKey, 'an encrypted reply'),
    appId: input.appId,
    message: input.replyXml,
    ...(input.random === undefined ? {} : { random: input.random }),
  });
  const signature = msgSignature(input.token, timestamp, input.nonce, encrypt);
  return [
    '<xml>',
    `<Encrypt>${cdata(encrypt)}</Encrypt>`,
    `<MsgSignature>${cdata(signature)}</MsgSignature>`,
    `<TimeStamp>${timestamp}</TimeStamp>`,
    `<Nonce>${cdata(input.nonce)}</Nonce>`,
    '</xml>',
  ].join('\n');
}

export interface OpenReplyInput {
  body: string;
  token: string;
  encodingAesKey?: string;
  appId: string;
  /** The push was encrypted (compatible/safe), so a reply carrying `<Encrypt>` is verified and decrypted. */
  encrypted: boolean;
  /** Safe mode: a plaintext reply is an error rather than accepted as compatible mode allows. */
  requireEncrypted?: boolean;
  maxBytes?: number;
}

export type OpenedReply =
  | { kind: 'ack'; body: 'success' | '' }
  | {
      kind: 'reply';
      /** Whether the reply came wrapped in the encrypted template. */
      encrypted: boolean;
      xml: string;
      record: XmlRecord;
      steps: { msgSignature?: SignatureCheck; decryption?: DecryptBreakdown; outer?: XmlRecord };
    };

function requireReplyText(record: XmlRecord, name: string): string {
  const value = record[name];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new WechatProtocolError('missing-field', `the encrypted reply has no <${name}>; the template needs Encrypt, MsgSignature, TimeStamp and Nonce`, {
      field: name,
    });
  }
  return value.trim();
}

/** Platform side of a passive reply (§4.5, §5.6). */
export function openReply(input: OpenReplyInput): OpenedReply {
  // Frameworks often append a newline to `success`; an acknowledgement is still an acknowledgement.
  const trimmed = typeof input.body === 'string' ? input.body.trim() : '';
  if (trimmed === '' || trimmed === 'success') return { kind: 'ack', body: trimmed === '' ? '' : 'success' };
  const parseOptions = input.maxBytes === undefined ? {} : { maxBytes: input.maxBytes };
  const outer = parseXml(input.body, parseOptions);
  if (!input.encrypted || outer.Encrypt === undefined) {
    if (input.encrypted && input.requireEncrypted) {
      throw new WechatProtocolError(
        'missing-field',
        'the reply is plaintext, but in safe mode a reply must use the encrypted template (Encrypt, MsgSignature, TimeStamp, Nonce) or be success/empty',
        { field: 'Encrypt' },
      );
    }
    return { kind: 'reply', encrypted: false, xml: input.body, record: outer, steps: {} };
  }
  const encrypted = requireEncrypt(outer, 'the encrypted reply');
  const timestamp = requireReplyText(outer, 'TimeStamp');
  const nonce = requireReplyText(outer, 'Nonce');
  const msgSignature = checkSignature(
    'MsgSignature',
    [input.token, timestamp, nonce, encrypted],
    requireReplyText(outer, 'MsgSignature'),
  );
  const decryption = decryptDetailed({
    encodingAesKey: requireKey(input.encodingAesKey, 'an encrypted reply'),
    encrypt: encrypted,
    expectedAppId: input.appId,
  });
  return {
    kind: 'reply',
    encrypted: true,
    xml: decryption.message,
    record: parseXml(decryption.message, parseOptions),
    steps: { msgSignature, decryption, outer },
  };
}

export type UrlVerification =
  | { ok: true; echostr: string; signature: SignatureCheck }
  | { ok: false; reason: string; expected: string; got: string };

/** The GET check (§2): plaintext three-field signature in every mode; the answer is echostr verbatim. */
export function verifyUrl({ query, token }: { query: Record<string, string | undefined>; token: string }): UrlVerification {
  const missing = ['signature', 'timestamp', 'nonce', 'echostr'].filter((n) => (query[n] ?? '') === '');
  const got = query.signature ?? '';
  if (missing.length > 0) {
    const expected =
      query.timestamp && query.nonce ? sortedSignature([token, query.timestamp, query.nonce]).sha1 : '';
    return { ok: false, reason: `missing query parameter ${missing.join(', ')}`, expected, got };
  }
  try {
    const signature = checkSignature('signature', [token, query.timestamp ?? '', query.nonce ?? ''], got);
    return { ok: true, echostr: query.echostr ?? '', signature };
  } catch (e) {
    if (!(e instanceof WechatProtocolError)) throw e;
    return { ok: false, reason: e.message, expected: e.expected ?? '', got };
  }
}
