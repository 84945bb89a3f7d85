import type { JournalAttempt, JournalEntry } from '../../../contracts/api';
import { redactDecryptionStep, redactSignatureStep } from '../../journal/redact';
import { encryptDetailed } from '../../wechat/crypto';
import { preview } from '../../wechat/errors';
import { newNonce } from '../../wechat/ids';
import { alphanumericRandom } from '../../wechat/random';
import { sortedSignature } from '../../wechat/signature';
import { buildXml, type XmlField } from '../../wechat/xml';
import type { Domain } from '../domain';
import { pooledRandom } from '../push/random-pool';
import { decryptionStep } from '../push/verdict';
import type { Component } from './components';
import type { OpenSettingsStore } from './settings';

export interface AuthEventOutcome {
  /** The platform answered `success`. */
  ok: boolean;
  entry: JournalEntry;
}

/** `url` plus the push's query, after any query the URL already has. */
function withQuery(url: string, query: Array<[string, string]>): string {
  const u = new URL(url);
  for (const [k, v] of query) u.searchParams.append(k, v);
  return u.toString();
}

/**
 * Pushes to a platform's authorization-event URL (spec §2, §4, §8): always encrypted with the component's
 * Token and EncodingAESKey, the component AppID as the ciphertext's tail, `<AppId>` + `<Encrypt>` as the
 * body, and both `encrypt_type=aes` and `msg_signature` in the query. The answer must be the plain string
 * `success`. Journaled like every other push: attempts, verdict, signature and encryption steps (secrets
 * masked), the decrypted XML.
 */
export function createAuthEventPusher(d: Domain, settings: OpenSettingsStore) {
  const random = pooledRandom(d.ctx.random);
  const inFlight = new Set<Promise<unknown>>();

  function seal(c: Component, xml: string) {
    const timestamp = String(Math.floor(d.ctx.clock.now() / 1000));
    const nonce = newNonce(random);
    const { encrypt, breakdown } = encryptDetailed({ encodingAesKey: c.aesKey, appId: c.componentAppId, message: xml, random: alphanumericRandom(random) });
    const signature = sortedSignature([c.token, timestamp, nonce]);
    const msgSignature = sortedSignature([c.token, timestamp, nonce, encrypt]);
    const body = buildXml([
      ['AppId', c.componentAppId],
      ['Encrypt', encrypt],
    ]);
    const query: Array<[string, string]> = [
      ['signature', signature.sha1],
      ['timestamp', timestamp],
      ['nonce', nonce],
      ['encrypt_type', 'aes'],
      ['msg_signature', msgSignature.sha1],
    ];
    return { body, query, signature, msgSignature, breakdown };
  }

  async function run(c: Component, xml: string, label: string, appId: string): Promise<AuthEventOutcome> {
    const attempts: JournalAttempt[] = [];
    const reasons: string[] = [];
    const { pushTimeoutMs, pushUserAgent } = d.settings.get();
    const tries = settings.get().authEventAttempts;
    let ok = false;
    let sealed = seal(c, xml);
    for (let n = 1; n <= tries && !ok; n++) {
      if (n > 1) sealed = seal(c, xml);
      const headers: Record<string, string> = { 'content-type': 'text/xml; charset=utf-8', accept: '*/*' };
      if (pushUserAgent) headers['user-agent'] = pushUserAgent;
      const x = await d.transport.send({ method: 'POST', url: withQuery(c.authEventUrl, sealed.query), headers, body: sealed.body }, pushTimeoutMs, d.stopping.signal);
      attempts.push({ request: x.request, ...(x.response ? { response: x.response } : {}), ...(x.error ? { error: x.error } : {}), ms: x.ms });
      const of = `(attempt ${n} of ${tries})`;
      if (!x.response) reasons.push(`${x.error ?? 'no answer'} ${of}`);
      else if (x.response.status !== 200) reasons.push(`HTTP ${x.response.status} from the platform ${of}`);
      else if ((x.body ?? '').trim() !== 'success') {
        reasons.push(`the platform answered ${JSON.stringify(preview(x.body ?? '', 60))} instead of the plain string success ${of}`);
      } else ok = true;
      if (x.failure === 'stopped') break;
    }
    const step = (name: string, s: { sorted: string[]; joined: string; sha1: string }) =>
      redactSignatureStep({ label: name, sorted: s.sorted, joined: s.joined, sha1: s.sha1 }, c.token);
    const entry = d.ctx.journal.record({
      kind: 'push',
      source: 'wechat',
      appId,
      url: c.authEventUrl,
      summary: `${label} → ${ok ? 'success' : `failed: ${preview(reasons[reasons.length - 1] ?? 'no answer', 60)}`}`,
      attempts,
      verdict: { ok, reasons },
      decrypted: { request: xml },
      signatures: [step('signature', sealed.signature), step('msg_signature', sealed.msgSignature)],
      decryptions: [redactDecryptionStep(decryptionStep('push Encrypt', sealed.breakdown, c.componentAppId))],
    });
    return { ok, entry };
  }

  return {
    /** Sends one notice; resolves when settled (all attempts), never rejects. */
    push(c: Component, infoType: string, fields: XmlField[], label: string, appId = c.componentAppId): Promise<AuthEventOutcome> {
      const xml = buildXml([['AppId', c.componentAppId], ['CreateTime', Math.floor(d.ctx.clock.now() / 1000)], ['InfoType', infoType], ...fields]);
      const p = run(c, xml, label, appId).catch((err: unknown) => {
        d.ctx.log.error('open platform: push failed unexpectedly', { error: (err as Error).message });
        const entry = d.ctx.journal.record({
          kind: 'push',
          source: 'wechat',
          appId,
          url: c.authEventUrl,
          summary: `${label} → failed`,
          attempts: [],
          verdict: { ok: false, reasons: [`internal error while pushing: ${(err as Error).message}`] },
          decrypted: { request: xml },
        });
        return { ok: false, entry };
      });
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
      return p;
    },
    /** Waits for pushes in flight (shutdown; the platform's stop aborts them after its grace). */
    settle(): Promise<unknown> {
      return Promise.allSettled([...inFlight]);
    },
  };
}

export type AuthEventPusher = ReturnType<typeof createAuthEventPusher>;
