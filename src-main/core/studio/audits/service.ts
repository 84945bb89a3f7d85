import type { Account } from '../../../contracts/api';
import type { AuditComparison, AuditReport, AuditSummary, SavedAudit } from '../../../contracts/audit';
import { CHECK_IDS, renderAuditHtml, renderAuditJson, renderAuditJunit, withCheckReplaced } from '../../audit';
import type { CoreContext } from '../../context';
import { StudioError, notFound } from '../../http/errors';
import type { KnownSecret } from '../../journal/redact';
import type { Login } from '../../login';
import type { Platform } from '../../platform';
import type { StudioRelays } from '../relays';
import { compareReports } from './compare';
import { journalEvidence } from './journal';
import { ownLoginObserver } from './observer';
import { createAuditRepo } from './repo';
import { createRuns, secretsOf, type LiveRun } from './runs';
import { parseChoices, policyOf } from './target';

/**
 * "Audit this server" in the WeChat console: the developer-server audit run against an account's saved
 * server configuration (with the studio's own login server watched in process when the URL is one of its
 * connections or relays), its exchanges written to the journal, the report saved per account with the
 * policy used, a check run again on demand, and any audit compared with the account's previous one.
 */

export type ReportFormat = 'html' | 'json' | 'junit';

const FORMATS: Record<ReportFormat, { type: string; ext: string; render: (r: AuditReport) => string }> = {
  html: { type: 'text/html; charset=utf-8', ext: 'html', render: (r) => renderAuditHtml([r]) },
  json: { type: 'application/json; charset=utf-8', ext: 'json', render: renderAuditJson },
  junit: { type: 'application/xml; charset=utf-8', ext: 'junit.xml', render: (r) => renderAuditJunit([r]) },
};

/** A saved audit as lists and the event stream carry it: without the report's evidence and the re-runs. */
function summaryOf(saved: SavedAudit): AuditSummary {
  const { report: _report, reruns: _reruns, ...summary } = saved;
  return summary;
}

export function createStudioAudits(ctx: CoreContext, platform: Platform, login: Login, relays: StudioRelays) {
  const repo = createAuditRepo(ctx.store);

  function save(run: LiveRun, report: AuditReport, secrets: KnownSecret[]): AuditSummary {
    const { id, appId, createdAt, policy, only } = run.summary;
    ctx.store.tx(() => {
      journalEvidence(ctx.journal, { reportId: id, appId, checks: report.checks, secrets });
      repo.insert({ id, appId, createdAt, policy, only, report });
    });
    return summaryOf(repo.get(id)!);
  }

  const runs = createRuns({
    ctx,
    timeoutMs: () => platform.service.settings().pushTimeoutMs,
    observerFor: (url) => ownLoginObserver(platform, login, relays, url),
    onDone: save,
  });

  const account = (appId: string): Account => {
    const a = platform.service.getAccount(appId);
    if (!a) throw notFound('account', appId, 'appId');
    return a;
  };

  function saved(id: string): SavedAudit & { report: AuditReport } {
    const s = repo.get(id);
    if (s?.report) return { ...s, report: s.report };
    if (runs.get(id)) throw new StudioError(409, 'conflict', `audit ${JSON.stringify(id)} has no report: it is ${runs.get(id)!.summary.status}`, 'id');
    throw notFound('audit', id, 'id');
  }

  return {
    async start(appId: string, body: unknown): Promise<AuditSummary> {
      const choices = parseChoices(body);
      return runs.start(`audit_${ctx.random(9).toString('hex')}`, account(appId), choices);
    },

    /** The account's audits, newest first: this process's running or unfinished ones, then the saved ones. */
    list(appId: string): AuditSummary[] {
      account(appId);
      return [...runs.list(appId), ...repo.list(appId)].sort((a, b) => b.createdAt - a.createdAt);
    },

    get(id: string): SavedAudit {
      const live = runs.get(id);
      if (live) return { ...live.summary, reruns: [] };
      return saved(id);
    },

    /** What changed since `withId`, or since the account's audit saved before this one. */
    compare(id: string, withId?: string): AuditComparison {
      const a = saved(id);
      if (withId === undefined) {
        const prev = repo.previous(a);
        return compareReports(id, a.report, prev ? { summary: prev, report: saved(prev.id).report } : null);
      }
      const b = repo.get(withId);
      if (!b?.report) throw notFound('audit', withId, 'with');
      if (b.appId !== a.appId) throw new StudioError(422, 'invalid_field', `with: audit ${JSON.stringify(withId)} is of another account (${b.appId})`, 'with');
      const { report, reruns: _r, ...summary } = b;
      return compareReports(id, a.report, { summary, report });
    },

    async rerun(id: string, checkId: string): Promise<SavedAudit> {
      const a = saved(id);
      if (!CHECK_IDS.includes(checkId)) throw notFound('check', checkId, 'checkId');
      const before = a.report.checks.find((c) => c.id === checkId);
      if (!before) throw new StudioError(422, 'invalid_field', `checkId: ${checkId} was not part of this audit (it ran ${a.only.join(', ')})`, 'checkId');
      const acct = account(a.appId);
      if (acct.server.url !== a.url || acct.server.mode !== a.mode) {
        throw new StudioError(409, 'conflict', `the account’s server configuration changed since this audit (it audited ${a.url} in ${a.mode} mode); run a new audit`, 'url');
      }
      const result = await runs.rerunCheck(id, acct, checkId, policyOf(a.policy));
      const reruns = [...a.reruns, { checkId, at: ctx.clock.now(), before: before.status, after: result.status }];
      ctx.store.tx(() => {
        journalEvidence(ctx.journal, { reportId: id, appId: a.appId, checks: [result], secrets: secretsOf(acct) });
        repo.replaceReport(id, withCheckReplaced(a.report, result), reruns);
      });
      const updated = saved(id);
      ctx.bus.publish({ type: 'audit', auditId: id, appId: a.appId, progress: { phase: 'rerun-done', checkId, summary: summaryOf(updated) } });
      return updated;
    },

    async stopRun(id: string): Promise<AuditSummary> {
      const live = runs.get(id);
      if (!live) {
        saved(id);
        throw new StudioError(409, 'conflict', `audit ${JSON.stringify(id)} is not running`, 'id');
      }
      if (live.summary.status === 'running') {
        runs.stop(id, 'stopped from the studio');
        await live.finished;
      }
      return live.summary;
    },

    /** A saved report as a file: HTML (self-contained), the JSON report or JUnit XML. */
    download(id: string, format: ReportFormat): { body: string; type: string; filename: string } {
      const a = saved(id);
      const f = FORMATS[format];
      const day = new Date(a.createdAt).toISOString().slice(0, 19).replace(/[:T]/g, '-');
      return { body: f.render(a.report), type: f.type, filename: `audit-${a.appId}-${a.mode}-${day}.${f.ext}` };
    },

    /** "Reset demo": running audits are stopped (nothing saved), saved ones deleted. */
    async reset(): Promise<void> {
      await runs.stopAll('the demo was reset');
      repo.clear();
    },

    /** The studio stops: running audits are stopped and awaited before the store closes. */
    close: (): Promise<void> => runs.stopAll('the studio is stopping'),
  };
}

export type StudioAudits = ReturnType<typeof createStudioAudits>;
