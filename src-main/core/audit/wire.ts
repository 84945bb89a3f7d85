import type { Clock, RandomBytes } from '../context';
import { clip, type Exchange, type Transport } from '../platform/push/http';
import { pushHttpRequest } from '../platform/push/request';
import { sealPush, type SealedPush } from '../wechat/envelope';
import { newAppId, newEchostr, newMsgId, newNonce, newOpenId, newOriginalId, newSceneStr } from '../wechat/ids';
import { alphanumericRandom } from '../wechat/random';
import type { HttpRequestRecord } from '../../contracts/api';
import { readAnswer, type Answer } from './answer';
import { say, sayText, type Said } from '../../contracts/said';
import { maskSecret } from './secrets';
import type { AuditMode, AuditTarget, ExchangeEvidence } from './types';

/** The account the audit plays, and how it puts requests on the wire and reads what comes back. */

export interface AuditAccount {
  url: string;
  token: string;
  mode: AuditMode;
  encodingAesKey?: string;
  appId: string;
  originalId: string;
  /** Which of AppID / original ID the audit made up. */
  madeUp: string[];
}

export function auditAccount(target: AuditTarget, random: RandomBytes): AuditAccount {
  const madeUp: string[] = [];
  const appId = target.appId ?? (madeUp.push('AppID'), newAppId(random));
  const originalId = target.originalId ?? (madeUp.push('original ID'), newOriginalId(random));
  return {
    url: target.url,
    token: target.token,
    mode: target.mode,
    ...(target.encodingAesKey ? { encodingAesKey: target.encodingAesKey } : {}),
    appId,
    originalId,
    madeUp,
  };
}

export interface PushSpec {
  label: Said | string;
  /** For timing rows: `text`, `subscribe`, `SCAN`… */
  kind: string;
  message: string;
  openId: string;
  /** A push WeChat itself would send (counts for TIME-01); forged and malformed ones do not. */
  genuine: boolean;
  /** Seal as another mode than the account's (a downgrade, MODE-S2). */
  mode?: AuditMode;
  /** Encrypt for another AppID (CRY-01). */
  appId?: string;
  /** Unix seconds other than now (SEC-01). */
  timestamp?: number;
  /** Changes the sealed request before it is sent (forged signatures, broken ciphertexts, DTDs…). */
  tamper?: (p: { query: Array<[string, string]>; body: string; sealed: SealedPush }) => { query: Array<[string, string]>; body: string };
}

export interface Probe {
  spec?: PushSpec;
  evidence: ExchangeEvidence;
  answer: Answer;
  sealed?: SealedPush;
}

export interface Wire {
  account: AuditAccount;
  timeoutMs: number;
  push(spec: PushSpec): Promise<Probe>;
  send(label: Said | string, request: HttpRequestRecord): Promise<Probe>;
  openId(): string;
  msgId(): string;
  scene(): string;
  nonce(): string;
  echostr(): string;
  now(): number;
}

export interface WireDeps {
  clock: Clock;
  random: RandomBytes;
  transport: Transport;
  timeoutMs: number;
  stop: AbortSignal;
  /** Every probe, as it completes (TIME-01's ledger, the SDK guess, the studio's inspector). */
  onProbe(p: Probe): void;
}

export function createWire(account: AuditAccount, deps: WireDeps): Wire {
  const { clock, random, transport, timeoutMs } = deps;
  const now = (): number => Math.floor(clock.now() / 1000);

  async function exchange(request: HttpRequestRecord): Promise<Exchange> {
    // Waiting is on the injected clock; the server's own slowness is still measured in real time.
    const deadline = clock.timeout(timeoutMs);
    const x = await transport.send(request, timeoutMs + 60_000, AbortSignal.any([deps.stop, deadline]));
    if (x.failure === 'stopped' && deadline.aborted && !deps.stop.aborted) {
      return { ...x, failure: 'timeout', error: `no answer within ${timeoutMs} ms (WeChat gives up after 5 s and retries)` };
    }
    return x;
  }

  function seal(spec: PushSpec): { request: HttpRequestRecord; sealed: SealedPush } {
    const mode = spec.mode ?? account.mode;
    const sealed = sealPush({
      mode,
      token: account.token,
      ...(account.encodingAesKey ? { encodingAesKey: account.encodingAesKey } : {}),
      appId: spec.appId ?? account.appId,
      messageXml: spec.message,
      toUserName: account.originalId,
      openId: spec.openId,
      timestamp: spec.timestamp ?? now(),
      nonce: newNonce(random),
      random: alphanumericRandom(random),
    });
    let { query, body } = { query: sealed.query, body: sealed.body };
    if (spec.tamper) ({ query, body } = spec.tamper({ query: [...query], body, sealed }));
    return { request: pushHttpRequest({ url: account.url, query, body }), sealed };
  }

  // Reports end up in CI artifacts: a server that echoes the Token or the key must not leak it further.
  const secrets: Array<[string, string]> = [
    [account.token, '«Token»'],
    ...(account.encodingAesKey ? ([[account.encodingAesKey, '«EncodingAESKey»']] as Array<[string, string]>) : []),
  ];
  const mask = (text: string): string => secrets.reduce((t, [secret, shown]) => maskSecret(t, secret, shown), text);

  /** WeChat's own deadline passed: said as a sentence beside the transport's English error. */
  function read(x: Exchange, c?: Parameters<typeof readAnswer>[1]): Answer {
    const answer = readAnswer(x, c);
    return answer.kind === 'timeout' && x.error?.startsWith('no answer within ') ? { ...answer, errorSaid: say('audit.answer.timedOut', { ms: timeoutMs }) } : answer;
  }

  function evidenceOf(line: Said | string, x: Exchange, answer: Answer, message?: string): ExchangeEvidence {
    const response = x.response
      ? { ...x.response, body: mask(x.response.body), headers: Object.fromEntries(Object.entries(x.response.headers).map(([k, v]) => [k, mask(v)])) }
      : undefined;
    return {
      label: sayText(line),
      ...(typeof line === 'string' ? {} : { labelSaid: line }),
      request: x.request,
      ...(response ? { response } : {}),
      ...(x.error ? { error: x.error } : {}),
      ms: x.ms,
      answer: answer.kind,
      // Cut like the bodies: the oversized-push check's message alone would make a report megabytes long.
      ...(message !== undefined ? { message: clip(message) } : {}),
      ...(answer.reply?.xml !== undefined && answer.reply.encrypted ? { reply: mask(clip(answer.reply.xml)) } : {}),
      ...(answer.reply ? { platform: `${answer.reply.platform.ok ? 'accepted' : 'refused'}: ${answer.reply.platform.outcome}${answer.reply.platform.reasons.length ? ` (${answer.reply.platform.reasons.join('; ')})` : ''}` } : {}),
    };
  }

  return {
    account,
    timeoutMs,
    now,
    openId: () => newOpenId(random),
    msgId: () => newMsgId(random),
    scene: () => `audit_${newSceneStr(8, random)}`,
    nonce: () => newNonce(random),
    echostr: () => newEchostr(random),
    async push(spec) {
      const { request, sealed } = seal(spec);
      const x = await exchange(request);
      const answer = read(x, {
        mode: account.mode,
        token: account.token,
        ...(account.encodingAesKey ? { encodingAesKey: account.encodingAesKey } : {}),
        appId: account.appId,
        originalId: account.originalId,
        openId: spec.openId,
      });
      const probe: Probe = { spec, evidence: evidenceOf(spec.label, x, answer, spec.message), answer, sealed };
      deps.onProbe(probe);
      return probe;
    },
    async send(label, request) {
      const x = await exchange(request);
      const answer = read(x);
      const probe: Probe = { evidence: evidenceOf(label, x, answer), answer };
      deps.onProbe(probe);
      return probe;
    },
  };
}
