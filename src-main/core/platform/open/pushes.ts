import type { DecryptionStep, JournalAttempt, JournalEntry, SignatureStep } from '../../../contracts/api';
import { redactDecryptionStep, redactSignatureStep, type KnownSecret } from '../../journal/redact';
import { encryptDetailed, type DecryptBreakdown } from '../../wechat/crypto';
import { errorSaid, preview } from '../../wechat/errors';
import { say, verbatim, type Said } from '../../../contracts/said';
import { newNonce } from '../../wechat/ids';
import { alphanumericRandom } from '../../wechat/random';
import { sortedSignature, type SortedSignature } from '../../wechat/signature';
import { componentEnvelopeXml, componentNoticeXml } from '../../wechat/messages';
import type { XmlField } from '../../wechat/xml';
import type { Domain } from '../domain';
import type { Exchange } from '../push/http';
import { pooledRandom } from '../push/random-pool';
import { pushHttpRequest } from '../push/request';
import { decryptionStep, summaryReason } from '../push/verdict';
import type { Component } from './components';
import type { OpenSettingsStore } from './settings';

export interface AuthEventOutcome {
  /** The platform answered `success`. */
  ok: boolean;
  entry: JournalEntry;
}

interface SealedNotice {
  body: string;
  query: Array<[string, string]>;
  signature: SortedSignature;
  msgSignature: SortedSignature;
  breakdown: DecryptBreakdown;
}

/** What the attempts of one notice gathered, for its journal entry. */
interface NoticeDelivery {
  ok: boolean;
  attempts: JournalAttempt[];
  reasons: Said[];
  signatures: SignatureStep[];
  decryptions: DecryptionStep[];
  /** Entries the receiving server wrote about these exchanges (a studio login server says so). */
  related: string[];
}

/** Why an attempt did not deliver, or undefined when the platform answered `success`. */
function failureOf(x: Exchange, n: number, of: number): Said | undefined {
  if (!x.response) return say('push.failedAttempt', { error: x.errorSaid ?? (x.error ? verbatim(x.error) : say('push.noAnswer')), n, of });
  if (x.response.status !== 200) return say('notice.http', { status: x.response.status, n, of });
  if ((x.body ?? '').trim() !== 'success') return say('notice.notSuccess', { body: JSON.stringify(preview(x.body ?? '', 60)), n, of });
  return undefined;
}

/** The summary's outcome: `success`, or the last failure (cut to 60 characters, then as text). */
function outcomeOf(x: NoticeDelivery): Said {
  if (x.ok) return say('notice.success');
  const last = x.reasons[x.reasons.length - 1];
  if (!last) return say('push.outcomeFailed', { reason: say('push.noAnswer') });
  return say('push.outcomeFailed', { reason: summaryReason(last) });
}

/**
 * Pushes to a platform's authorization-event URL (spec §2, §4, §8): always encrypted with the component's
 * Token and EncodingAESKey, the component AppID as the ciphertext's tail, `<AppId>` + `<Encrypt>` as the
 * body, and both `encrypt_type=aes` and `msg_signature` in the query. The answer must be the plain string
 * `success`. Journaled like every other push: each attempt sealed afresh with its own signature and
 * encryption steps, the verdict, the decrypted XML; the Token and EncodingAESKey never appear in it.
 */
export function createAuthEventPusher(d: Domain, settings: OpenSettingsStore) {
  const random = pooledRandom(d.ctx.random);
  const inFlight = new Set<Promise<unknown>>();
  // Not the platform's `stopping`: like account pushes, notices get a grace period to finish on stop.
  const stopAll = new AbortController();

  function seal(c: Component, xml: string): SealedNotice {
    const timestamp = String(Math.floor(d.ctx.clock.now() / 1000));
    const nonce = newNonce(random);
    const { encrypt, breakdown } = encryptDetailed({ encodingAesKey: c.aesKey, appId: c.componentAppId, message: xml, random: alphanumericRandom(random) });
    const signature = sortedSignature([c.token, timestamp, nonce]);
    const msgSignature = sortedSignature([c.token, timestamp, nonce, encrypt]);
    const body = componentEnvelopeXml(c.componentAppId, encrypt);
    const query: Array<[string, string]> = [
      ['signature', signature.sha1],
      ['timestamp', timestamp],
      ['nonce', nonce],
      ['encrypt_type', 'aes'],
      ['msg_signature', msgSignature.sha1],
    ];
    return { body, query, signature, msgSignature, breakdown };
  }

  async function deliver(c: Component, xml: string): Promise<NoticeDelivery> {
    const out: NoticeDelivery = { ok: false, attempts: [], reasons: [], signatures: [], decryptions: [], related: [] };
    const { pushTimeoutMs, pushUserAgent } = d.settings.get();
    const tries = settings.get().authEventAttempts;
    for (let n = 1; n <= tries && !out.ok; n++) {
      const sealed = seal(c, xml);
      const tag = tries > 1 ? ` (attempt ${n})` : '';
      const step = (name: string, s: SortedSignature): SignatureStep => redactSignatureStep({ label: name + tag, sorted: s.sorted, joined: s.joined, sha1: s.sha1 }, c.token);
      out.signatures.push(step('signature', sealed.signature), step('msg_signature', sealed.msgSignature));
      out.decryptions.push(redactDecryptionStep(decryptionStep(`push Encrypt${tag}`, sealed.breakdown, c.componentAppId)));
      const request = pushHttpRequest({ url: c.authEventUrl, query: sealed.query, body: sealed.body, ...(pushUserAgent ? { userAgent: pushUserAgent } : {}) });
      const x = await d.transport.send(request, pushTimeoutMs, stopAll.signal);
      out.attempts.push({ request: x.request, ...(x.response ? { response: x.response } : {}), ...(x.error ? { error: x.error } : {}), ms: x.ms });
      const related = x.response?.headers['x-journal-entry'];
      if (related) out.related.push(related);
      const failure = failureOf(x, n, tries);
      if (failure) out.reasons.push(failure);
      else out.ok = true;
      if (x.failure === 'stopped') break;
    }
    return out;
  }

  const secretsOf = (c: Component): KnownSecret[] => [
    { value: c.token, label: 'Token' },
    { value: c.aesKey, label: 'EncodingAESKey' },
    { value: c.appSecret, label: 'AppSecret' },
  ];

  async function run(c: Component, xml: string, label: string, appId: string): Promise<AuthEventOutcome> {
    const x = await deliver(c, xml);
    const entry = d.ctx.journal.record(
      {
        kind: 'push',
        source: 'wechat',
        appId,
        url: c.authEventUrl,
        summary: say('push.summary', { label, outcome: outcomeOf(x) }),
        attempts: x.attempts,
        verdict: { ok: x.ok, reasons: x.reasons },
        decrypted: { request: xml },
        signatures: x.signatures,
        decryptions: x.decryptions,
        ...(x.related.length ? { related: [...new Set(x.related)] } : {}),
      },
      secretsOf(c),
    );
    return { ok: x.ok, entry };
  }

  return {
    /** Sends one notice; resolves when settled (all attempts), never rejects. */
    push(c: Component, infoType: string, fields: XmlField[], label: string, appId = c.componentAppId): Promise<AuthEventOutcome> {
      const xml = componentNoticeXml({ appId: c.componentAppId, createTime: Math.floor(d.ctx.clock.now() / 1000), infoType, fields });
      const p = run(c, xml, label, appId).catch((err: unknown) => {
        d.ctx.log.error('open platform: push failed unexpectedly', { error: (err as Error).message });
        const entry = d.ctx.journal.record(
          {
            kind: 'push',
            source: 'wechat',
            appId,
            url: c.authEventUrl,
            summary: say('push.summary', { label, outcome: say('push.failed') }),
            attempts: [],
            verdict: { ok: false, reasons: [say('push.internalError', { error: errorSaid(err) })] },
            decrypted: { request: xml },
          },
          secretsOf(c),
        );
        return { ok: false, entry };
      });
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
      return p;
    },
    /** Waits up to `graceMs` for notices in flight, then cancels the rest; each is journaled either way. */
    async stop(graceMs = 2000): Promise<void> {
      const all = (): Promise<unknown> => Promise.allSettled([...inFlight]);
      const grace = new AbortController();
      await Promise.race([all(), d.ctx.clock.sleep(graceMs, grace.signal).catch(() => undefined)]);
      grace.abort();
      if (inFlight.size > 0) {
        stopAll.abort();
        await all();
      }
    },
  };
}

export type AuthEventPusher = ReturnType<typeof createAuthEventPusher>;
