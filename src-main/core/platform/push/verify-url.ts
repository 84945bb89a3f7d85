import { redactSignatureStep } from '../../journal/redact';
import type { JournalEntry } from '../../../contracts/api';
import type { CoreContext } from '../../context';
import { preview } from '../../wechat/errors';
import { say, sayText, verbatim, type Said } from '../../../contracts/said';
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
export function echoAnswerSaid(status: number, body: string, echostr: string): Said | null {
  if (status !== 200) return say('verify.httpStatus', { status });
  if (body === echostr) return null;
  if (body.replace(/^\uFEFF/, '') === echostr) return say('verify.bom');
  if (body.trim() === echostr) return say('verify.whitespace', { body: JSON.stringify(preview(body, 40)) });
  if (body.includes(echostr)) return say('verify.wrapped', { body: JSON.stringify(preview(body, 60)) });
  if (body === '') return say('verify.empty');
  return say('verify.other', { body: JSON.stringify(preview(body, 60)), echostr });
}

/** The same, as English text. */
export function explainEchoAnswer(status: number, body: string, echostr: string): string | null {
  const said = echoAnswerSaid(status, body, echostr);
  return said && sayText(said);
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
  const reason = x.response ? echoAnswerSaid(x.response.status, x.body ?? '', echostr) : (x.errorSaid ?? (x.error ? verbatim(x.error) : say('push.noAnswer')));
  const ok = reason === null;
  const entry = ctx.journal.record({
    kind: 'verify',
    source: 'wechat',
    appId: input.appId,
    url: input.url,
    summary: say(ok ? 'verify.passed' : 'verify.failed'),
    attempts: [{ request: x.request, ...(x.response ? { response: x.response } : {}), ...(x.error ? { error: x.error } : {}), ms: x.ms }],
    verdict: { ok, reasons: reason ? [reason] : [say('verify.answered', { echostr, ms: x.ms })] },
    signatures: [redactSignatureStep({ label: 'signature', sorted: sig.sorted, joined: sig.joined, sha1: sig.sha1 }, input.token)],
    ...(x.response?.headers['x-journal-entry'] ? { related: [x.response.headers['x-journal-entry']] } : {}),
  }, [{ value: input.token, label: 'Token' }]);
  return reason ? { ok: false, reason: sayText(reason), entry } : { ok: true, entry };
}
