import type { JournalAttempt, JournalEntry, PhoneMessage, SignatureStep, DecryptionStep } from '../../../contracts/api';
import type { CoreContext } from '../../context';
import { sealPush, type SealedPush } from '../../wechat/envelope';
import { preview } from '../../wechat/errors';
import { newNonce } from '../../wechat/ids';
import { alphanumericRandom } from '../../wechat/random';
import type { AccountRecord } from '../accounts';
import type { SettingsStore } from '../settings';
import type { Exchange, Transport } from './http';
import { pooledRandom } from './random-pool';
import { decryptionStep, judgeReply, type ReplyVerdict } from './verdict';
import { redactDecryptionStep, redactSignatureStep } from '../../journal/redact';

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

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve();
    const onAbort = (): void => {
      clearTimeout(t);
      resolve();
    };
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });

function withQuery(base: string, query: Array<[string, string]>): string {
  const q = query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  const hash = base.indexOf('#');
  const clean = hash >= 0 ? base.slice(0, hash) : base;
  return `${clean}${clean.includes('?') ? (clean.endsWith('?') || clean.endsWith('&') ? '' : '&') : '?'}${q}`;
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
    const server = req.receiver ?? req.account.server;
    return sealPush({
      mode: server.mode,
      token: server.token,
      encodingAesKey: server.encodingAesKey,
      appId: req.receiver?.appId ?? req.account.appId,
      messageXml: req.messageXml,
      toUserName: req.account.originalId,
      openId: req.openId,
      timestamp: Math.floor(ctx.clock.now() / 1000),
      nonce: newNonce(random),
      random: alphanumericRandom(random),
    });
  }

  async function run(req: PushRequest, signal: AbortSignal): Promise<PushOutcome> {
    const s = settings.get();
    const server = req.receiver ?? req.account.server;
    const tailAppId = req.receiver?.appId ?? req.account.appId;
    const attempts: JournalAttempt[] = [];
    const reasons: string[] = [];
    const signatures: SignatureStep[] = [];
    const decryptions: DecryptionStep[] = [];
    let sealed: SealedPush | undefined;
    let verdict: ReplyVerdict | undefined;
    let last: Exchange | undefined;
    for (let n = 1; n <= s.pushAttempts; n++) {
      if (n > 1) await sleep(s.retrySpacingMs, signal);
      if (signal.aborted) {
        reasons.push(`the studio stopped before attempt ${n} of ${s.pushAttempts}`);
        break;
      }
      if (!sealed || s.freshTransportOnRetry) sealed = seal(req);
      const query = server.mode === 'plaintext' && !s.openIdInPlaintextQuery ? sealed.query.filter(([k]) => k !== 'openid') : sealed.query;
      const headers: Record<string, string> = { 'content-type': 'text/xml; charset=utf-8', accept: '*/*' };
      if (s.pushUserAgent) headers['user-agent'] = s.pushUserAgent;
      last = await transport.send({ method: 'POST', url: withQuery(server.url, query), headers, body: sealed.body }, s.pushTimeoutMs, signal);
      attempts.push({ request: last.request, ...(last.response ? { response: last.response } : {}), ...(last.error ? { error: last.error } : {}), ms: last.ms });
      const label = `(attempt ${n} of ${s.pushAttempts})`;
      if (last.response?.status === 200 && last.body !== undefined) {
        verdict = judgeReply(last.body, {
          mode: server.mode,
          token: server.token,
          encodingAesKey: server.encodingAesKey,
          appId: tailAppId,
          originalId: req.account.originalId,
          openId: req.openId,
        });
        // A 200 ends the delivery whatever it carried: WeChat retries only when it got no answer in time.
        break;
      }
      if (last.response) {
        reasons.push(`HTTP ${last.response.status} from the server ${label}${last.error ? `: ${last.error}` : ''}`);
        if (!s.retryOnHttpError) break;
      } else {
        reasons.push(`${last.error ?? 'no answer'} ${label}`);
        if (last.failure === 'stopped') break;
      }
    }
    if (sealed) {
      const step = (label: string, x: { sorted: string[]; joined: string; sha1: string }): SignatureStep => ({ label, sorted: x.sorted, joined: x.joined, sha1: x.sha1 });
      signatures.push(step('signature', sealed.steps.signature));
      if (sealed.steps.msgSignature) signatures.push(step('msg_signature', sealed.steps.msgSignature));
      if (sealed.steps.encryption) decryptions.push(decryptionStep('push Encrypt', sealed.steps.encryption, tailAppId));
    }
    const delivered = verdict?.ok === true;
    if (verdict) {
      signatures.push(...verdict.signatures);
      decryptions.push(...verdict.decryptions);
      if (attempts.length > 1 && delivered) {
        reasons.push(`delivered on attempt ${attempts.length}: servers must deduplicate retries (FromUserName + CreateTime, or MsgId)`);
      }
      reasons.push(...verdict.reasons);
    }
    if (!delivered) reasons.push(`the user saw "${SERVICE_UNAVAILABLE}"`);
    const outcome = verdict?.outcome ?? `failed: ${preview(reasons[0] ?? 'no answer', 60)}`;
    const entry = ctx.journal.record({
      kind: 'push',
      source: 'wechat',
      appId: req.account.appId,
      url: server.url,
      summary: `${req.label} → ${outcome}`,
      attempts,
      verdict: { ok: delivered, reasons },
      decrypted: { request: req.messageXml, ...(verdict?.decryptedReply ? { reply: verdict.decryptedReply } : {}) },
      signatures: signatures.map((st) => redactSignatureStep(st, server.token)),
      decryptions: decryptions.map(redactDecryptionStep),
    });
    return { delivered, ...(verdict?.message ? { message: verdict.message } : {}), entry };
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
          url: (req.receiver ?? req.account.server).url,
          summary: `${req.label} → failed`,
          attempts: [],
          verdict: { ok: false, reasons: [`internal error while pushing: ${(err as Error).message}`] },
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
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([all(), new Promise((r) => (timer = setTimeout(r, graceMs)))]);
      clearTimeout(timer);
      if (inFlight.size > 0) {
        stopAll.abort();
        await all();
      }
      transport.close();
    },
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
