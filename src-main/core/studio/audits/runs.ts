import type { Account } from '../../../contracts/api';
import type { AuditEventBody, AuditReport, AuditSummary, CheckResult } from '../../../contracts/audit';
import { AuditInputError, AuditUnreachableError, createAudit, type Audit, type AuditProgress, type LoginObserver } from '../../audit';
import type { CoreContext } from '../../context';
import { StudioError } from '../../http/errors';
import type { KnownSecret } from '../../journal/redact';
import { checkLines, fromAuditInput, targetOf, type AuditChoices } from './target';

/**
 * Audits as they run, in this process: one at a time per account (a full audit or one check again), each
 * with its own stop switch, progress published on the event stream. What finishes is handed to `onDone`
 * (which saves it); what fails or is stopped stays listed here until the studio stops.
 */

export interface LiveRun {
  summary: AuditSummary;
  controller: AbortController;
  finished: Promise<void>;
}

export interface RunDeps {
  ctx: CoreContext;
  /** How long to wait for each answer: the mock platform's push timeout (WeChat's 5 s by default). */
  timeoutMs(): number;
  observerFor(url: string): Promise<LoginObserver | undefined>;
  onDone(run: LiveRun, report: AuditReport, secrets: KnownSecret[]): AuditSummary;
}

export const secretsOf = (account: Account): KnownSecret[] => [
  { value: account.server.token, label: 'Token' },
  { value: account.server.encodingAesKey, label: 'EncodingAESKey' },
];

export function createRuns(deps: RunDeps) {
  const { ctx } = deps;
  const runs = new Map<string, LiveRun>();
  /** Account → what is running against its server (an audit's id, or a re-run's). */
  const busy = new Map<string, string>();
  const inflight = new Set<{ controller: AbortController; finished: Promise<unknown> }>();

  const publish = (auditId: string, appId: string, progress: AuditEventBody): void => void ctx.bus.publish({ type: 'audit', auditId, appId, progress });

  function claim(appId: string, id: string): void {
    if (busy.has(appId)) throw new StudioError(409, 'conflict', 'an audit of this account’s server is already running; wait for it or stop it', 'appId');
    busy.set(appId, id);
  }

  /** Builds the engine for the account, turning a bad configuration into a 422 naming its field. */
  async function engine(account: Account, choices: Pick<AuditChoices, 'only' | 'policy'>, controller: AbortController, onProgress: (e: AuditProgress) => void): Promise<Audit> {
    const target = targetOf(account);
    const observer = await deps.observerFor(target.url);
    try {
      const options = { clock: ctx.clock, timeoutMs: deps.timeoutMs(), only: choices.only, policy: choices.policy, signal: controller.signal, onProgress };
      return createAudit(target, { ...options, ...(observer ? { observer } : {}) });
    } catch (e) {
      throw e instanceof AuditInputError ? fromAuditInput(e) : e;
    }
  }

  function progressOf(run: LiveRun): (e: AuditProgress) => void {
    const { id, appId } = run.summary;
    return (e) => {
      const p = run.summary.progress;
      if (e.type === 'check-start') publish(id, appId, { phase: 'check-start', checkId: e.id });
      if (e.type !== 'check-done' || !p) return;
      const r = e.result;
      const line = { id: r.id, title: r.title, status: r.status, severity: r.severity, summary: r.summary, ...(r.summarySaid ? { summarySaid: r.summarySaid } : {}) };
      p.checks = p.checks.map((c) => (c.id === line.id ? line : c));
      p.done = e.done;
      publish(id, appId, { phase: 'check-done', check: line, done: e.done, total: e.total });
    };
  }

  async function drive(run: LiveRun, audit: Audit, secrets: KnownSecret[]): Promise<void> {
    let report: AuditReport | undefined;
    let error = '';
    try {
      report = await audit.run();
    } catch (e) {
      error = e instanceof AuditUnreachableError ? e.message : `the audit itself failed: ${(e as Error).message}`;
    } finally {
      await audit.close();
      busy.delete(run.summary.appId);
    }
    const { id, appId } = run.summary;
    if (report && !run.controller.signal.aborted) {
      runs.delete(id);
      publish(id, appId, { phase: 'done', summary: deps.onDone(run, report, secrets) });
      return;
    }
    const stopped = run.controller.signal.aborted;
    run.summary = { ...run.summary, status: stopped ? 'stopped' : 'failed', error: stopped ? String(run.controller.signal.reason ?? 'stopped') : error };
    delete run.summary.progress;
    publish(id, appId, { phase: 'failed', summary: run.summary });
  }

  function track<T>(controller: AbortController, work: Promise<T>): Promise<T> {
    const item = { controller, finished: work.catch(() => undefined) };
    inflight.add(item);
    void item.finished.finally(() => inflight.delete(item));
    return work;
  }

  return {
    get: (id: string): LiveRun | undefined => runs.get(id),
    /** This process's unsaved audits of the account: running, failed or stopped. */
    list: (appId: string): AuditSummary[] => [...runs.values()].map((r) => r.summary).filter((s) => s.appId === appId),

    async start(id: string, account: Account, choices: AuditChoices): Promise<AuditSummary> {
      claim(account.appId, id);
      const controller = new AbortController();
      const checks = checkLines(choices.only);
      const summary: AuditSummary = { id, appId: account.appId, createdAt: ctx.clock.now(), status: 'running', url: account.server.url, mode: account.server.mode, policy: choices.policyText, only: choices.only, progress: { done: 0, total: checks.length, checks } };
      const run: LiveRun = { summary, controller, finished: Promise.resolve() };
      let audit: Audit;
      try {
        audit = await engine(account, choices, controller, progressOf(run));
      } catch (e) {
        busy.delete(account.appId);
        throw e;
      }
      runs.set(id, run);
      publish(id, account.appId, { phase: 'start', summary });
      run.finished = track(controller, drive(run, audit, secretsOf(account)));
      return summary;
    },

    /** One check again, fresh pushes; the account is busy meanwhile. Returns the check's new result. */
    async rerunCheck(auditId: string, account: Account, checkId: string, policy: AuditChoices['policy']): Promise<CheckResult> {
      claim(account.appId, `${auditId}:${checkId}`);
      const controller = new AbortController();
      try {
        const onProgress = (e: AuditProgress): void => void (e.type === 'check-start' && publish(auditId, account.appId, { phase: 'check-start', checkId: e.id }));
        const audit = await engine(account, { only: [checkId], policy }, controller, onProgress);
        publish(auditId, account.appId, { phase: 'rerun-start', checkId });
        try {
          const fresh = await track(controller, audit.run());
          return fresh.checks[0]!;
        } catch (e) {
          if (e instanceof AuditUnreachableError) throw new StudioError(422, 'server_unreachable', e.message, 'url');
          throw e;
        } finally {
          await audit.close();
        }
      } finally {
        busy.delete(account.appId);
      }
    },

    stop(id: string, reason: string): void {
      runs.get(id)?.controller.abort(reason);
    },

    /** Stops everything running and waits for it to settle (nothing is saved); forgets failed runs. */
    async stopAll(reason: string): Promise<void> {
      const all = [...inflight];
      for (const item of all) item.controller.abort(reason);
      await Promise.all(all.map((i) => i.finished));
      runs.clear();
    },
  };
}

export type Runs = ReturnType<typeof createRuns>;
