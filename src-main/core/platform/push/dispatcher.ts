import type { JournalAttempt, JournalEntry, PhoneMessage, SignatureStep, DecryptionStep } from '../../../contracts/api';
import type { CoreContext } from '../../context';
import { sealPush, type SealedPush } from '../../wechat/envelope';
import { preview } from '../../wechat/errors';
import { asSaid, say, verbatim, type Said } from '../../../contracts/said';
import { newNonce } from '../../wechat/ids';
import { alphanumericRandom } from '../../wechat/random';
import type { AccountRecord } from '../accounts';
import type { PlatformSettings } from '../schemas';
import type { SettingsStore } from '../settings';
import type { Exchange, Transport } from './http';
import { pooledRandom } from './random-pool';
import { pushHttpRequest } from './request';
import { decryptionStep, judgeReply, type ReplyVerdict } from './verdict';
import { redactDecryptionStep, redactSignatureStep } from '../../journal/redact';
import type { Sentence } from '../../journal/said';

export const SERVICE_UNAVAILABLE = '该公众号暂时无法提供服务，请稍后再试';

export interface PushRequest {
  account: AccountRecord;
  openId: string;
  /** The message XML (§5); its content, CreateTime and MsgId included, is the same on every attempt. */
  messageXml: string;
  /** e.g. `subscribe qrscene_login42`, `text "hi"`. */
  label: string;
  /** Deliver here instead of the account's server (an authorized third-party platform's message URL). */
  receiver?: PushReceiver;
}

/** A push target other than the account's own server; `appId` is the AppID encrypted into the ciphertext's tail. */
export interface PushReceiver {
  url: string;
  token: string;
  encodingAesKey: string;
  mode: 'plaintext' | 'compatible' | 'safe';
  appId: string;
}

/** Where a push goes and with which keys: the account's own server, or the receiver that stands in for it. */
function targetOf(req: PushRequest): PushReceiver {
  return req.receiver ?? { ...req.account.server, appId: req.account.appId };
}

export interface PushOutcome {
  /** The server acknowledged or replied validly. */
  delivered: boolean;
  /** What the phone shows: the passive reply, or nothing. */
  message?: PhoneMessage;
  entry: JournalEntry;
}

interface InFlight {
  done: Promise<unknown>;
}

/** What a delivery gathered, attempt by attempt, for the journal. */
interface Delivery {
  attempts: JournalAttempt[];
  reasons: Said[];
  /** The first failure, its quote kept short, for the summary. */
  headline?: Said;
  signatures: SignatureStep[];
  decryptions: DecryptionStep[];
  /** Entries the receiving server wrote about these exchanges (a studio login server or relay says so). */
  related: string[];
  verdict?: ReplyVerdict;
}

/** The signature (and encryption) steps of one sealed attempt, labelled with it. */
function sealSteps(sealed: SealedPush, appId: string, n: number, decryptions: DecryptionStep[]): SignatureStep[] {
  const tag = ` (attempt ${n})`;
  const step = (label: string, x: { sorted: string[]; joined: string; sha1: string }): SignatureStep => ({ label: label + tag, sorted: x.sorted, joined: x.joined, sha1: x.sha1 });
  if (sealed.steps.encryption) decryptions.push(decryptionStep(`push Encrypt${tag}`, sealed.steps.encryption, appId));
  return [step('signature', sealed.steps.signature), ...(sealed.steps.msgSignature ? [step('msg_signature', sealed.steps.msgSignature)] : [])];
}

/** A delivery of one attempt needs no attempt numbers on its steps. */
function unlabelSingle<T extends { label: string }>(steps: T[], attempts: number): T[] {
  return attempts > 1 ? steps : steps.map((st) => ({ ...st, label: st.label.replace(' (attempt 1)', '') }));
}

/** Why an attempt did not deliver, quoting what the server said. */
function failureReason(x: Exchange, n: number, of: number, bodyMax = 120): Said {
  const error = x.errorSaid ?? (x.error ? verbatim(x.error) : undefined);
  if (!x.response) return say('push.failedAttempt', { error: error ?? say('push.noAnswer'), n, of });
  const body = x.response.body.trim();
  const reason = body
    ? say('push.httpAttemptBody', { status: x.response.status, n, of, body: JSON.stringify(preview(body, bodyMax)) })
    : say('push.httpAttempt', { status: x.response.status, n, of });
  return error ? say('push.withError', { reason, error }) : reason;
}

/** What to do about the last failure. */
function hintFor(a: JournalAttempt): Said {
  const status = a.response?.status;
  const hint =
    status === undefined && /timed out/.test(a.error ?? '')
      ? say('push.hint.timeout')
      : status === undefined
        ? say('push.hint.unreachable')
        : status >= 500
          ? say('push.hint.serverError')
          : status === 401 || status === 403
            ? say('push.hint.refused')
            : say('push.hint.notOk', { status });
  return say('push.fix', { hint });
}


/**
 * Delivers pushes over real HTTP as WeChat does (§3, §6): the mode's query and body, a per-attempt timeout,
 * up to N attempts with the same XML content (fresh timestamp/nonce/IV by default), and a verdict on the
 * answer. Each push becomes one journal entry with every attempt, the signature and encryption steps.
 */
export function createDispatcher(ctx: CoreContext, settings: SettingsStore, transport: Transport) {
  const inFlight = new Set<InFlight>();
  const stopAll = new AbortController();
  const random = pooledRandom(ctx.random);

  function seal(req: PushRequest): SealedPush {
    const server = targetOf(req);
    return sealPush({
      mode: server.mode,
      token: server.token,
      encodingAesKey: server.encodingAesKey,
      appId: server.appId,
      messageXml: req.messageXml,
      toUserName: req.account.originalId,
      openId: req.openId,
      timestamp: Math.floor(ctx.clock.now() / 1000),
      nonce: newNonce(random),
      random: alphanumericRandom(random),
    });
  }

  /** One delivery attempt: sealed afresh (or reused), sent, and its steps for the inspector. */
  async function attempt(req: PushRequest, s: PlatformSettings, sealed: SealedPush | undefined, signal: AbortSignal): Promise<{ sealed: SealedPush; exchange: Exchange }> {
    const server = targetOf(req);
    const next = !sealed || s.freshTransportOnRetry ? seal(req) : sealed;
    const query = server.mode === 'plaintext' && !s.openIdInPlaintextQuery ? next.query.filter(([k]) => k !== 'openid') : next.query;
    const request = pushHttpRequest({ url: server.url, query, body: next.body, ...(s.pushUserAgent ? { userAgent: s.pushUserAgent } : {}) });
    const exchange = await transport.send(request, s.pushTimeoutMs, signal);
    return { sealed: next, exchange };
  }

  /** Every attempt until a 200 (whatever it carried: WeChat retries only when it got no answer in time). */
  async function attempts(req: PushRequest, s: PlatformSettings, signal: AbortSignal): Promise<Delivery> {
    const d: Delivery = { attempts: [], reasons: [], signatures: [], decryptions: [], related: [] };
    const server = targetOf(req);
    let sealed: SealedPush | undefined;
    for (let n = 1; n <= s.pushAttempts; n++) {
      // Retry spacing on the injected clock; a stop ends the pause early (and the check below notices).
      if (n > 1 && s.retrySpacingMs > 0) await ctx.clock.sleep(s.retrySpacingMs, signal).catch(() => undefined);
      if (signal.aborted) {
        d.reasons.push(say('push.stoppedBefore', { n, of: s.pushAttempts }));
        break;
      }
      const sent = await attempt(req, s, sealed, signal);
      const x = sent.exchange;
      if (sent.sealed !== sealed) d.signatures.push(...sealSteps(sent.sealed, server.appId, n, d.decryptions));
      sealed = sent.sealed;
      d.attempts.push({ request: x.request, ...(x.response ? { response: x.response } : {}), ...(x.error ? { error: x.error } : {}), ms: x.ms });
      const related = x.response?.headers['x-journal-entry'];
      if (related) d.related.push(related);
      if (x.response?.status === 200 && x.body !== undefined) {
        d.verdict = judgeReply(x.body, { ...server, originalId: req.account.originalId, openId: req.openId });
        break;
      }
      d.reasons.push(failureReason(x, n, s.pushAttempts));
      d.headline ??= failureReason(x, n, s.pushAttempts, 40);
      if ((x.response && !s.retryOnHttpError) || x.failure === 'stopped') break;
    }
    return d;
  }

  function record(req: PushRequest, d: Delivery): PushOutcome {
    const server = targetOf(req);
    const delivered = d.verdict?.ok === true;
    const reasons: Sentence[] = [...d.reasons];
    if (d.verdict) {
      d.signatures.push(...d.verdict.signatures);
      d.decryptions.push(...d.verdict.decryptions);
      if (d.attempts.length > 1 && delivered) reasons.push(say('push.deliveredOnAttempt', { n: d.attempts.length }));
      reasons.push(...d.verdict.said);
    } else if (d.attempts.length) reasons.push(hintFor(d.attempts[d.attempts.length - 1]!));
    if (!delivered) reasons.push(say('push.userSaw', { text: SERVICE_UNAVAILABLE }));
    const outcome = d.verdict?.outcomeSaid ?? say('push.outcomeFailed', { reason: d.headline ?? say('push.noAnswer') });
    const entry = ctx.journal.record(
      {
        kind: 'push',
        source: 'wechat',
        appId: req.account.appId,
        url: server.url,
        summary: say('push.summary', { label: req.label, outcome: asSaid(outcome) }),
        attempts: d.attempts,
        verdict: { ok: delivered, reasons },
        decrypted: { request: req.messageXml, ...(d.verdict?.decryptedReply ? { reply: d.verdict.decryptedReply } : {}) },
        signatures: unlabelSingle(d.signatures, d.attempts.length).map((st) => redactSignatureStep(st, server.token)),
        decryptions: unlabelSingle(d.decryptions, d.attempts.length).map(redactDecryptionStep),
        ...(d.related.length ? { related: [...new Set(d.related)] } : {}),
      },
      [{ value: server.token, label: 'Token' }, { value: server.encodingAesKey, label: 'EncodingAESKey' }],
    );
    return { delivered, ...(d.verdict?.message ? { message: d.verdict.message } : {}), entry };
  }

  async function run(req: PushRequest, signal: AbortSignal): Promise<PushOutcome> {
    return record(req, await attempts(req, settings.get(), signal));
  }

  return {
    /** Delivers a push and resolves once it is settled (all attempts included); never rejects. */
    deliver(req: PushRequest): Promise<PushOutcome> {
      const done = run(req, stopAll.signal).catch((err: unknown) => {
        // A bug here must not leave the phone waiting forever; record what we know.
        ctx.log.error('platform: push failed unexpectedly', { error: (err as Error).message });
        const entry = ctx.journal.record({
          kind: 'push',
          source: 'wechat',
          appId: req.account.appId,
          url: targetOf(req).url,
          summary: say('push.summary', { label: req.label, outcome: say('push.failed') }),
          attempts: [],
          verdict: { ok: false, reasons: [say('push.internalError', { error: verbatim((err as Error).message) })] },
          decrypted: { request: req.messageXml },
        });
        return { delivered: false, entry } satisfies PushOutcome;
      });
      const flight: InFlight = { done };
      inFlight.add(flight);
      void done.finally(() => inFlight.delete(flight));
      return done;
    },
    get pending(): number {
      return inFlight.size;
    },
    /** Waits up to `graceMs` for in-flight pushes, then cancels the rest; each is journaled either way. */
    async stop(graceMs = 2000): Promise<void> {
      const all = (): Promise<unknown> => Promise.allSettled([...inFlight].map((f) => f.done));
      const grace = new AbortController();
      await Promise.race([all(), ctx.clock.sleep(graceMs, grace.signal).catch(() => undefined)]);
      grace.abort();
      if (inFlight.size > 0) {
        stopAll.abort();
        await all();
      }
      transport.close();
    },
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
