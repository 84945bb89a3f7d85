import { redactSignatureStep } from '../../journal/redact';
import type { JournalEntry } from '../../../contracts/api';
import type { CoreContext } from '../../context';
import { preview } from '../../wechat/errors';
import { newEchostr, newNonce } from '../../wechat/ids';
import type { SettingsStore } from '../settings';
import type { Transport } from './http';
import { verifyUrlRequest } from './request';

export interface VerifyResult {
  ok: boolean;
  /** Why it failed, as the console would have to explain it. */
  reason?: string;
  entry: JournalEntry;
}

/** What is wrong with a URL-verification answer, as a kind and its values (the audit says it in other words). */
export type EchoProblem =
  | { kind: 'status'; status: number }
  | { kind: 'bom' | 'empty' }
  | { kind: 'whitespace' | 'wrapped'; body: string }
  | { kind: 'other'; body: string; echostr: string };

export function echoProblem(status: number, body: string, echostr: string): EchoProblem | null {
  if (status !== 200) return { kind: 'status', status };
  if (body === echostr) return null;
  if (body.replace(/^\uFEFF/, '') === echostr) return { kind: 'bom' };
  if (body.trim() === echostr) return { kind: 'whitespace', body: JSON.stringify(preview(body, 40)) };
  if (body.includes(echostr)) return { kind: 'wrapped', body: JSON.stringify(preview(body, 60)) };
  if (body === '') return { kind: 'empty' };
  return { kind: 'other', body: JSON.stringify(preview(body, 60)), echostr };
}

/** Why a URL-verification answer is not exactly the echostr, or null when it is. */
export function explainEchoAnswer(status: number, body: string, echostr: string): string | null {
  const p = echoProblem(status, body, echostr);
  if (!p) return null;
  switch (p.kind) {
    case 'status':
      return `the server answered HTTP ${p.status}, expected 200 with the echostr: does it check the signature with the same Token as entered here?`;
    case 'bom':
      return 'the server answered the echostr with a UTF-8 byte order mark in front; WeChat needs exactly the echostr';
    case 'whitespace':
      return `the server answered the echostr with surrounding whitespace (${p.body}); WeChat needs exactly the echostr, no newline`;
    case 'wrapped':
      return `the server answered ${p.body}, which wraps the echostr; return the echostr alone (no quotes, XML or JSON)`;
    case 'empty':
      return 'the server answered an empty body; it must return the echostr query parameter unchanged';
    default:
      return `the server answered ${p.body} instead of the echostr ${p.echostr}: does it use the same Token, and return echostr unchanged?`;
  }
}

/**
 * WeChat's URL verification (§2): a plain GET with signature, timestamp, nonce and echostr in every mode;
 * the server must answer 200 with exactly the echostr. Journaled as a 'verify' entry either way.
 */
export async function verifyServerUrl(
  ctx: CoreContext,
  settings: SettingsStore,
  transport: Transport,
  input: { appId: string; url: string; token: string },
  stop: AbortSignal,
): Promise<VerifyResult> {
  const s = settings.get();
  const timestamp = String(Math.floor(ctx.clock.now() / 1000));
  const nonce = newNonce(ctx.random);
  const echostr = newEchostr(ctx.random);
  const { request, signature: sig } = verifyUrlRequest({ url: input.url, token: input.token, timestamp, nonce, echostr, ...(s.pushUserAgent ? { userAgent: s.pushUserAgent } : {}) });
  const x = await transport.send(request, s.pushTimeoutMs, stop);
  const reason = x.response ? explainEchoAnswer(x.response.status, x.body ?? '', echostr) : (x.error ?? 'no answer');
  const ok = reason === null;
  const entry = ctx.journal.record({
    kind: 'verify',
    source: 'wechat',
    appId: input.appId,
    url: input.url,
    summary: `URL verification → ${ok ? 'passed' : 'failed'}`,
    attempts: [{ request: x.request, ...(x.response ? { response: x.response } : {}), ...(x.error ? { error: x.error } : {}), ms: x.ms }],
    verdict: { ok, reasons: ok ? [`answered the echostr ${echostr} in ${x.ms} ms`] : [reason] },
    signatures: [redactSignatureStep({ label: 'signature', sorted: sig.sorted, joined: sig.joined, sha1: sig.sha1 }, input.token)],
    ...(x.response?.headers['x-journal-entry'] ? { related: [x.response.headers['x-journal-entry']] } : {}),
  }, [{ value: input.token, label: 'Token' }]);
  return ok ? { ok, entry } : { ok, reason, entry };
}
