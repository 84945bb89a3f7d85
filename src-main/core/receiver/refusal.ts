import type { DecryptionStep, SignatureStep } from '../../contracts/api';
import { redactDecryptionStep, redactSignatureStep } from '../journal/redact';
import type { OpenedPush } from '../wechat/envelope';
import { errorSaid, type WechatProtocolError } from '../wechat/errors';
import { say, verbatim, type Said } from '../../contracts/said';

/**
 * What a WeChat message server (the login server's events endpoint, a relay) answers a push it refuses,
 * and what it writes down about it. Anyone can send a push, so the answer is short and fixed — what real
 * servers answer — and says nothing about why: a refusal that names the expected signature would be a
 * signing oracle. The diagnosis goes only into the journal, without the Token and without the expected
 * signature (the workbench recomputes it with the real Token).
 */
export const REFUSAL = {
  400: 'invalid request',
  401: 'invalid signature',
  404: 'not found',
  502: 'bad gateway',
} as const;

export type RefusalStatus = keyof typeof REFUSAL;

function mismatch(field: string, got: string): Said {
  const sent = got ? say('refusal.sent', { field, got: got.slice(0, 8) }) : say('refusal.sentEmpty', { field });
  return say(field === 'signature' ? 'refusal.signatureMismatch' : 'refusal.msgSignatureMismatch', { field, sent });
}

export function refusalOf(err: WechatProtocolError): { status: RefusalStatus; diagnosis: Said } {
  if (err.code === 'signature-mismatch') return { status: 401, diagnosis: mismatch(err.field ?? 'signature', err.got ?? '') };
  return { status: 400, diagnosis: errorSaid(err) };
}

const MISSING = /^missing query parameter (.+)$/;

/** The journal's line for a failed URL verification (GET): a missing parameter, or a signature mismatch. */
export function urlVerificationDiagnosis(v: { reason: string; got: string }): Said {
  const missing = MISSING.exec(v.reason)?.[1];
  const reason = missing ? say('refusal.missingQuery', { names: missing }) : v.reason.startsWith('missing') ? verbatim(v.reason) : mismatch('signature', v.got);
  return say('refusal.urlVerificationFailed', { reason });
}

/** The inspector's steps of a push that opened: signatures with the Token hidden, decryption without the key. */
export function verdictSteps(opened: OpenedPush, token: string, appId: string): { signatures: SignatureStep[]; decryptions: DecryptionStep[] } {
  const signatures: SignatureStep[] = [];
  const steps = opened.steps;
  const sig = (c: NonNullable<typeof steps.msgSignature>): SignatureStep =>
    redactSignatureStep({ label: c.name, sorted: c.sorted.map(shorten(c.sorted)), joined: shorten(c.sorted)(c.joined), sha1: c.sha1, expected: c.expected, ok: true }, token);
  if (steps.signature) signatures.push(sig(steps.signature));
  if (steps.msgSignature) signatures.push(sig(steps.msgSignature));
  const d = steps.decryption;
  const decryptions: DecryptionStep[] = d
    ? [
        redactDecryptionStep({
          label: 'push',
          aesKeyHex: d.aesKeyHex,
          ivHex: d.ivHex,
          randomHex: d.random.toString('hex'),
          length: d.length,
          message: d.message,
          appId: d.appId,
          expectedAppId: appId,
          ok: true,
        }),
      ]
    : [];
  return { signatures, decryptions };
}

/** The long Encrypt input is in the request body in full; the step shows its head, so a row stays small. */
function shorten(parts: readonly string[]): (s: string) => string {
  const long = parts.filter((p) => p.length > 64);
  return (s) => long.reduce((acc, p) => acc.split(p).join(`${p.slice(0, 16)}…(${p.length} chars)`), s);
}
