import { systemClock, type Clock, type RandomBytes } from '../context';
import { nodeTransport, type Transport } from '../platform/push/http';
import { verifyUrlRequest } from '../platform/push/request';
import { deriveAesKey } from '../wechat/crypto';
import { defaultRandom } from '../wechat/random';
import { startCanary, isLoopbackUrl, type Canary } from './canary';
import { CHECKS, CHECK_IDS, HOSTILE_ORDER, type CheckDef } from './catalog';
import { createContext, type AuditContext } from './context';
import { Outcome, type CheckOutcome } from './outcome';
import { toResult, buildReport } from './result';
import { guessSdk } from './sdk';
import { say } from '../../contracts/said';
import { AUDIT_MODES, type AuditProgress, type AuditReport, type AuditTarget, type CheckResult, type LoginObserver, type PolicyLevel } from './types';
import { auditAccount, createWire, type AuditAccount, type Probe } from './wire';

export interface AuditOptions {
  clock?: Clock;
  random?: RandomBytes;
  transport?: Transport;
  /** WeChat's per-attempt timeout; 5000 ms unless a test shrinks the scale. */
  timeoutMs?: number;
  observer?: LoginObserver;
  only?: readonly string[];
  policy?: ReadonlyMap<string, PolicyLevel>;
  /** Listen for XML external-entity fetches (default: when the server is on this machine). */
  canary?: boolean;
  onProgress?: (e: AuditProgress) => void;
  signal?: AbortSignal;
}

/** A target or option that cannot be audited; `field` names the flag or property. */
export class AuditInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export class AuditUnreachableError extends Error {}

export interface Audit {
  run(): Promise<AuditReport>;
  /** Runs one check again with fresh pushes and returns the report with that check replaced. */
  rerun(id: string): Promise<AuditReport>;
  readonly report: AuditReport | undefined;
  close(): Promise<void>;
}

function validate(target: AuditTarget, only: readonly string[] | undefined): void {
  let url: URL;
  try {
    url = new URL(target.url);
  } catch {
    throw new AuditInputError('url', `--url ${JSON.stringify(target.url)} is not a URL; give the full server address, e.g. http://127.0.0.1:3000/wechat`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AuditInputError('url', `--url must start with http:// or https://, got ${url.protocol}`);
  if (!target.token) throw new AuditInputError('token', '--token is required: the Token entered on the WeChat console');
  if (!AUDIT_MODES.includes(target.mode)) throw new AuditInputError('mode', `--mode must be plaintext, compatible or safe; got ${JSON.stringify(target.mode)}`);
  if (target.mode !== 'plaintext') {
    if (!target.encodingAesKey) throw new AuditInputError('aes-key', `--aes-key is required in ${target.mode} mode: the EncodingAESKey (43 characters)`);
    try {
      deriveAesKey(target.encodingAesKey);
    } catch (e) {
      throw new AuditInputError('aes-key', `--aes-key: ${(e as Error).message}`);
    }
  }
  const unknown = (only ?? []).filter((id) => !CHECK_IDS.includes(id));
  if (unknown.length) throw new AuditInputError('only', `--only: unknown check ID ${unknown.join(', ')}; known: ${CHECK_IDS.join(', ')}`);
}

interface Session {
  ctx: AuditContext;
  ledger: Probe[];
}

export function createAudit(target: AuditTarget, options: AuditOptions = {}): Audit {
  validate(target, options.only);
  const clock = options.clock ?? systemClock;
  const random = options.random ?? defaultRandom;
  const transport = options.transport ?? nodeTransport(clock);
  const timeoutMs = options.timeoutMs ?? 5000;
  const stop = options.signal ?? new AbortController().signal;
  const account: AuditAccount = auditAccount(target, random);
  const emit = (e: AuditProgress): void => options.onProgress?.(e);
  const selected = CHECKS.filter((c) => !options.only?.length || options.only.includes(c.id));
  let report: AuditReport | undefined;
  let results = new Map<string, CheckResult>();
  let started = 0;

  const severityOf = (def: CheckDef) => {
    const p = options.policy?.get(def.id);
    return p && p !== 'IGNORE' ? p : def.severity;
  };

  function session(canary?: Canary): Session {
    const ledger: Probe[] = [];
    const wire = createWire(account, { clock, random, transport, timeoutMs, stop, onProbe: (p) => ledger.push(p) });
    const ctx = createContext({ wire, clock, ledger, memo: new Map(), ...(options.observer ? { observer: options.observer } : {}), ...(canary ? { canary } : {}) });
    return { ctx, ledger };
  }

  async function runCheck(def: CheckDef, s: Session, done: () => number): Promise<CheckResult> {
    const t0 = clock.now();
    emit({ type: 'check-start', id: def.id, title: def.title });
    let outcome: CheckOutcome;
    if (options.policy?.get(def.id) === 'IGNORE') outcome = new Outcome().skip(say('audit.skip.ignored')).done();
    else if (def.unobservable) outcome = new Outcome().skip(def.unobservable).done();
    else if (def.modes && !def.modes.includes(account.mode)) outcome = new Outcome().skip(say('audit.skip.notApplicable', { mode: say(`audit.mode.${account.mode}`), reason: def.notApplicable ?? '' })).done();
    else {
      try {
        outcome = await def.run(s.ctx);
      } catch (e) {
        outcome = new Outcome().skip(say('audit.skip.auditFailed', { error: (e as Error).message })).done();
      }
    }
    const result = toResult(def, outcome, severityOf(def), clock.now() - t0);
    emit({ type: 'check-done', result, done: done(), total: selected.length });
    return result;
  }

  /** Hostile checks one at a time; a genuine push after each shows whether the server survived it. */
  async function hostile(defs: CheckDef[], s: Session, done: () => number): Promise<CheckResult[]> {
    const out: CheckResult[] = [];
    let downAfter: string | undefined;
    for (const def of defs) {
      if (downAfter) {
        const skipped = toResult(def, new Outcome().skip(say('audit.skip.serverDown', { check: downAfter })).done(), severityOf(def), 0);
        emit({ type: 'check-done', result: skipped, done: done(), total: selected.length });
        out.push(skipped);
        continue;
      }
      let result = await runCheck(def, s, done);
      // A server that is merely slow is TIME-01's finding; waiting 5 s after each check would prove nothing.
      if (result.status !== 'SKIP' && (await s.ctx.baseline()).state === 'ok') {
        const probe = () => s.ctx.wire.push(s.ctx.textSpec(say('audit.label.afterHostile', { check: def.id })));
        let alive = await probe();
        // A server that closed a kept-alive connection (after a 413, say) is not down: try a new one.
        if (alive.answer.kind === 'no-answer') alive = await probe();
        if (alive.answer.kind === 'no-answer') {
          downAfter = def.id;
          const o = new Outcome();
          o.findings.push(...result.evidence.findings);
          o.exchanges.push(...result.evidence.exchanges);
          o.fail(say('audit.engine.crashed', { answer: alive.answer.errorSaid ?? alive.answer.error ?? say('audit.answer.none') }));
          o.keep(alive);
          result = toResult(def, o.done(), severityOf(def), result.durationMs);
        }
      }
      out.push(result);
    }
    return out;
  }

  async function preflight(): Promise<void> {
    const { request } = verifyUrlRequest({ url: account.url, token: account.token, timestamp: String(Math.floor(clock.now() / 1000)), nonce: '1', echostr: '1' });
    const x = await transport.send(request, timeoutMs, AbortSignal.any([stop, clock.timeout(timeoutMs)]));
    if (!x.response && x.failure === 'network') throw new AuditUnreachableError(`cannot reach ${account.url}: ${x.error ?? 'no answer'}`);
  }

  async function runAll(defs: CheckDef[]): Promise<CheckResult[]> {
    const canary = options.canary ?? isLoopbackUrl(account.url) ? await startCanary() : undefined;
    const s = session(canary);
    let count = 0;
    const done = (): number => ++count;
    try {
      const main = defs.filter((d) => d.phase === 'main');
      const rough = HOSTILE_ORDER.map((id) => defs.find((d) => d.id === id)).filter((d): d is CheckDef => d !== undefined);
      const final = defs.filter((d) => d.phase === 'final');
      const out = await Promise.all(main.map((d) => runCheck(d, s, done)));
      out.push(...(await hostile(rough, s, done)));
      for (const d of final) out.push(await runCheck(d, s, done));
      sdkProbes.push(...s.ledger);
      return out;
    } finally {
      await canary?.close();
    }
  }

  const sdkProbes: Probe[] = [];

  function assemble(): AuditReport {
    const ordered = selected.map((d) => results.get(d.id)).filter((r): r is CheckResult => r !== undefined);
    return buildReport({ account, target, results: ordered, started, durationMs: clock.now() - started, timeoutMs, sdk: guessSdk(sdkProbes), observer: options.observer?.description });
  }

  return {
    get report() {
      return report;
    },
    async run() {
      started = clock.now();
      await preflight();
      emit({ type: 'start', total: selected.length, checks: selected.map((c) => ({ id: c.id, title: c.title })) });
      results = new Map((await runAll(selected)).map((r) => [r.id, r]));
      report = assemble();
      emit({ type: 'done', report });
      return report;
    },
    async rerun(id) {
      const def = CHECKS.find((c) => c.id === id);
      if (!def) throw new AuditInputError('check', `unknown check ID ${JSON.stringify(id)}`);
      if (!report) throw new AuditInputError('check', 'run the audit before re-running one of its checks');
      const [result] = await runAll([def]);
      results.set(id, result!);
      report = assemble();
      emit({ type: 'done', report });
      return report;
    },
    async close() {
      transport.close();
    },
  };
}
