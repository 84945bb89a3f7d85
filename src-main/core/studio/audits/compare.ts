import type { AuditChange, AuditComparison, AuditReport, AuditSummary } from '../../../contracts/audit';

/**
 * What changed between two audits of the same account: the checks whose status differs (a check run in
 * only one of them counts, with null on the other side), in the later report's order, and whether the
 * server URL or the mode differ — a change of target explains many changes at once.
 */
export function compareReports(id: string, report: AuditReport, previous: { summary: AuditSummary; report: AuditReport } | null): AuditComparison {
  if (!previous) return { id, previous: null, changes: [], targetChanged: null };
  const before = new Map(previous.report.checks.map((c) => [c.id, c]));
  const after = new Map(report.checks.map((c) => [c.id, c]));
  const changes: AuditChange[] = [];
  for (const c of report.checks) {
    const b = before.get(c.id);
    if (b?.status !== c.status) changes.push({ id: c.id, title: c.title, before: b?.status ?? null, after: c.status });
  }
  for (const b of previous.report.checks) if (!after.has(b.id)) changes.push({ id: b.id, title: b.title, before: b.status, after: null });
  const target: NonNullable<AuditComparison['targetChanged']> = {
    ...(previous.report.url !== report.url ? { url: { before: previous.report.url, after: report.url } } : {}),
    ...(previous.report.mode !== report.mode ? { mode: { before: previous.report.mode, after: report.mode } } : {}),
  };
  return { id, previous: previous.summary, changes, targetChanged: Object.keys(target).length ? target : null };
}
