import { say, sayText, verbatim, type Said } from '../../contracts/said';
import type { Exchange } from '../platform/push/http';
import { judgeReply } from '../platform/push/verdict';
import { decryptDetailed } from '../wechat/crypto';
import { preview } from '../wechat/errors';
import { sortedSignature, signaturesEqual } from '../wechat/signature';
import { parseXml, type XmlRecord } from '../wechat/xml';
import type { AnswerKind, AuditMode } from './types';

/**
 * Reads an answer the way WeChat would have to: an acknowledgement, a passive reply (its envelope and its
 * own XML kept apart, so each check judges only its own concern), a refusal, an error page, or silence.
 */

export interface ReplyContext {
  mode: AuditMode;
  token: string;
  encodingAesKey?: string;
  appId: string;
  originalId: string;
  /** The user the push came from; a reply goes back to them. */
  openId: string;
}

export interface EnvelopeReading {
  missing: string[];
  encrypt?: string;
  timeStamp?: string;
  nonce?: string;
  msgSignature?: { got: string; expected: string; ok: boolean };
  decrypted?: { appId: string; length: number; padding: number; cipherBytes: number; fullBytes: number };
  decryptError?: string;
}

export interface ReplyReading {
  encrypted: boolean;
  /** The reply's own XML (decrypted when it came encrypted); absent when it could not be decrypted. */
  xml?: string;
  record?: XmlRecord;
  envelope?: EnvelopeReading;
  /** The mock platform's verdict: would WeChat show this reply? */
  platform: { ok: boolean; outcome: string; reasons: string[] };
}

export interface Answer {
  kind: AnswerKind;
  status?: number;
  ms: number;
  body?: string;
  error?: string;
  /** The error as a sentence, when the audit itself wrote it (WeChat's deadline passed). */
  errorSaid?: Said;
  reply?: ReplyReading;
}

const ENVELOPE = ['Encrypt', 'MsgSignature', 'TimeStamp', 'Nonce'] as const;

const text = (rec: XmlRecord, name: string): string | undefined => {
  const v = rec[name];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
};

function readEnvelope(outer: XmlRecord, c: ReplyContext): { envelope: EnvelopeReading; xml?: string } {
  const envelope: EnvelopeReading = { missing: ENVELOPE.filter((k) => text(outer, k) === undefined) };
  const encrypt = text(outer, 'Encrypt');
  const ts = text(outer, 'TimeStamp');
  const nonce = text(outer, 'Nonce');
  const sig = text(outer, 'MsgSignature');
  if (encrypt !== undefined) envelope.encrypt = encrypt;
  if (ts !== undefined) envelope.timeStamp = ts;
  if (nonce !== undefined) envelope.nonce = nonce;
  if (encrypt !== undefined && sig !== undefined) {
    const expected = sortedSignature([c.token, ts ?? '', nonce ?? '', encrypt]).sha1;
    envelope.msgSignature = { got: sig, expected, ok: signaturesEqual(expected, sig) };
  }
  if (encrypt === undefined || !c.encodingAesKey) return { envelope };
  try {
    const d = decryptDetailed({ encodingAesKey: c.encodingAesKey, encrypt });
    envelope.decrypted = { appId: d.appId, length: d.length, padding: d.padding, cipherBytes: d.cipherBytes, fullBytes: d.fullBytes };
    return { envelope, xml: d.message };
  } catch (e) {
    envelope.decryptError = (e as Error).message;
    return { envelope };
  }
}

function readReply(body: string, c: ReplyContext): ReplyReading | undefined {
  let outer: XmlRecord;
  try {
    outer = parseXml(body);
  } catch {
    return undefined;
  }
  const verdict = judgeReply(body, {
    mode: c.mode,
    token: c.token,
    encodingAesKey: c.encodingAesKey ?? '',
    appId: c.appId,
    originalId: c.originalId,
    openId: c.openId,
  });
  const platform = { ok: verdict.ok, outcome: verdict.outcome, reasons: verdict.reasons };
  if (outer.Encrypt === undefined) return { encrypted: false, xml: body, record: outer, platform };
  const { envelope, xml } = readEnvelope(outer, c);
  const reading: ReplyReading = { encrypted: true, envelope, platform };
  if (xml !== undefined) {
    reading.xml = xml;
    try {
      reading.record = parseXml(xml);
    } catch {
      // the decrypted text is not XML: REP-01 says so from reading.xml
    }
  }
  return reading;
}

function failureKind(x: Exchange): AnswerKind {
  return x.failure === 'timeout' ? 'timeout' : 'no-answer';
}

/** Classifies one HTTP exchange; `c` is needed to read passive replies (pushes only). */
export function readAnswer(x: Exchange, c?: ReplyContext): Answer {
  const base = { ms: x.ms, ...(x.error ? { error: x.error } : {}) };
  if (!x.response) return { kind: failureKind(x), ...base };
  const status = x.response.status;
  const body = x.body ?? x.response.body;
  const out = { ...base, status, body };
  if (x.failure === 'too-large') return { kind: 'invalid', ...out };
  if (status >= 300 && status < 400) return { kind: 'redirect', ...out };
  if (status >= 400 && status < 500) return { kind: 'refused', ...out };
  if (status >= 500 || status < 200) return { kind: 'server-error', ...out };
  const trimmed = body.trim();
  if (trimmed === '' || trimmed === 'success') return { kind: 'ack', ...out };
  if (!c) return { kind: 'invalid', ...out };
  const reply = readReply(body, c);
  return reply ? { kind: 'reply', ...out, reply } : { kind: 'invalid', ...out };
}

/** One line for evidence and findings: `HTTP 401 "Invalid signature"`, `no answer within 5000 ms`. */
export function describeAnswer(a: Answer): string {
  return sayText(answerSaid(a));
}

/** The same line as a sentence; statuses, bodies and other programs' errors are its values. */
export function answerSaid(a: Answer): Said {
  switch (a.kind) {
    case 'timeout':
    case 'no-answer':
      return a.errorSaid ?? (a.error ? verbatim(a.error) : say('audit.answer.none'));
    case 'ack':
      return a.body?.trim() === '' ? say('audit.answer.emptyBody', { status: a.status }) : say('audit.answer.body', { status: a.status, body: JSON.stringify(preview(a.body ?? '', 20)) });
    case 'reply':
      return say(a.reply?.encrypted ? 'audit.answer.replyEncrypted' : 'audit.answer.replyPlaintext', { status: a.status });
    default:
      if (a.error) return say('audit.answer.error', { status: a.status ?? '?', error: a.error });
      return say('audit.answer.body', { status: a.status ?? '?', body: JSON.stringify(preview(a.body ?? '', 60)) });
  }
}

/** Did the server take the push in, as WeChat would count it (an answer it can use)? */
export const isHandled = (a: Answer): boolean => a.kind === 'ack' || a.kind === 'reply';
/** Did the server clearly turn the request away? */
export const isRefusal = (a: Answer): boolean => a.kind === 'refused' || (a.kind === 'server-error' && a.status === 501);

/** Plaintext fields of a reply's own XML, or undefined. */
export function replyField(a: Answer, name: string): string | undefined {
  const rec = a.reply?.record;
  return rec ? text(rec, name) : undefined;
}
