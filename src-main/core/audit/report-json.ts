import type { AuditReport } from './types';

/** The JSON report is the report object itself: the CI contract (verdict, mode, url, checks[…]) plus extras. */
export function renderAuditJson(report: AuditReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
