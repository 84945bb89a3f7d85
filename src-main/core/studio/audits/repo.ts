import type { AuditMode, AuditReport, AuditRerun, AuditSummary, CheckStatus, SavedAudit, Verdict } from '../../../contracts/audit';
import type { Store } from '../../db/store';

/** Saved audits (migration 0007): one row per finished audit of an account's server. */

interface Row {
  id: string;
  appId: string;
  createdAt: number;
  url: string;
  mode: AuditMode;
  verdict: Verdict;
  counts: string;
  durationMs: number;
  policy: string;
  only: string;
  report: string;
  reruns: string;
}

const SUMMARY = 'id, app_id AS appId, created_at AS createdAt, url, mode, verdict, counts, duration_ms AS durationMs, policy, only_checks AS only';

function summaryOf(r: Omit<Row, 'report' | 'reruns'>): AuditSummary {
  return {
    id: r.id,
    appId: r.appId,
    createdAt: r.createdAt,
    status: 'done',
    url: r.url,
    mode: r.mode,
    verdict: r.verdict,
    counts: JSON.parse(r.counts) as Record<CheckStatus, number>,
    durationMs: r.durationMs,
    policy: r.policy,
    only: JSON.parse(r.only) as string[],
  };
}

export interface NewSavedAudit {
  id: string;
  appId: string;
  createdAt: number;
  policy: string;
  only: readonly string[];
  report: AuditReport;
}

export function createAuditRepo(store: Store) {
  const insert = store.write(
    `INSERT INTO audit_reports (id, app_id, created_at, url, mode, verdict, counts, duration_ms, policy, only_checks, report, reruns)
     VALUES (@id, @appId, @createdAt, @url, @mode, @verdict, @counts, @durationMs, @policy, @only, @report, '[]')`,
    'audits',
  );
  const update = store.write('UPDATE audit_reports SET verdict = @verdict, counts = @counts, report = @report, reruns = @reruns WHERE id = @id', 'audits');
  const clear = store.write('DELETE FROM audit_reports', 'audits');
  const byId = store.read<Row>(`SELECT ${SUMMARY}, report, reruns FROM audit_reports WHERE id = ?`);
  const byAccount = store.read<Omit<Row, 'report' | 'reruns'>>(`SELECT ${SUMMARY} FROM audit_reports WHERE app_id = ? ORDER BY created_at DESC, rowid DESC`);
  const before = store.read<Omit<Row, 'report' | 'reruns'>>(
    `SELECT ${SUMMARY} FROM audit_reports WHERE app_id = @appId AND id <> @id AND (created_at < @createdAt OR (created_at = @createdAt AND rowid < @rowid))
     ORDER BY created_at DESC, rowid DESC LIMIT 1`,
  );
  const rowidOf = store.read<{ rowid: number }>('SELECT rowid FROM audit_reports WHERE id = ?');

  return {
    insert(a: NewSavedAudit): void {
      const r = a.report;
      insert.run({
        id: a.id,
        appId: a.appId,
        createdAt: a.createdAt,
        url: r.url,
        mode: r.mode,
        verdict: r.verdict,
        counts: JSON.stringify(r.counts),
        durationMs: r.durationMs,
        policy: a.policy,
        only: JSON.stringify(a.only),
        report: JSON.stringify(r),
      });
    },
    /** A check was run again: the report with it replaced, and the re-run remembered. */
    replaceReport(id: string, report: AuditReport, reruns: readonly AuditRerun[]): void {
      update.run({ id, verdict: report.verdict, counts: JSON.stringify(report.counts), report: JSON.stringify(report), reruns: JSON.stringify(reruns) });
    },
    get(id: string): SavedAudit | undefined {
      const row = byId.get(id);
      if (!row) return undefined;
      return { ...summaryOf(row), report: JSON.parse(row.report) as AuditReport, reruns: JSON.parse(row.reruns) as AuditRerun[] };
    },
    list(appId: string): AuditSummary[] {
      return byAccount.all(appId).map(summaryOf);
    },
    /** The account's audit saved just before this one. */
    previous(a: AuditSummary): AuditSummary | undefined {
      const rowid = rowidOf.get(a.id)?.rowid ?? Number.MAX_SAFE_INTEGER;
      const row = before.get({ appId: a.appId, id: a.id, createdAt: a.createdAt, rowid });
      return row ? summaryOf(row) : undefined;
    },
    clear(): void {
      clear.run();
    },
  };
}

export type AuditRepo = ReturnType<typeof createAuditRepo>;
