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

/** Why a URL-verification answer is not exactly the echostr, or null when it is (shared with the audit's URL-01). */
export function explainEchoAnswer(status: number, body: string, echostr: string): string | null {
  if (status !== 200) {
    return `the server answered HTTP ${status}, expected 200 with the echostr: does it check the signature with the same Token as entered here?`;
  }
  if (body === echostr) return null;
  if (body.replace(/^\uFEFF/, '') === echostr) return 'the server answered the echostr with a UTF-8 byte order mark in front; WeChat needs exactly the echostr';
  if (body.trim() === echostr) {
    return `the server answered the echostr with surrounding whitespace (${JSON.stringify(preview(body, 40))}); WeChat needs exactly the echostr, no newline`;
  }
  if (body.includes(echostr)) {
    return `the server answered ${JSON.stringify(preview(body, 60))}, which wraps the echostr; return the echostr alone (no quotes, XML or JSON)`;
  }
  if (body === '') return 'the server answered an empty body; it must return the echostr query parameter unchanged';
  return `the server answered ${JSON.stringify(preview(body, 60))} instead of the echostr ${echostr}: does it use the same Token, and return echostr unchanged?`;
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
