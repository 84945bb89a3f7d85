import { writeJUnit, type JUnitCase } from '../reports/junit';
import { evidenceText } from './report-text';
import type { AuditReport } from './types';

/** One testcase per check; a FAIL is a <failure> carrying the evidence summary and the fix. */
export function renderAuditJunit(reports: readonly AuditReport[]): string {
  return writeJUnit(
    'follow-studio audit',
    reports.map((r) => ({
      name: `follow-studio audit ${r.url} (${r.mode} mode)`,
      timestamp: r.startedAt.replace(/\.\d+Z$/, ''),
      properties: { url: r.url, mode: r.mode, verdict: r.verdict, appId: r.account.appId },
      cases: r.checks.map((c): JUnitCase => {
        const base = { name: `${c.id} ${c.title}`, classname: `audit.${r.mode}`, time: c.durationMs / 1000 };
        if (c.status === 'FAIL') {
          return { ...base, failure: { message: c.summary, type: c.id, body: `${evidenceText(c)}\n\nWhy it matters: ${c.why}\n\nFix: ${c.fix}` } };
        }
        if (c.status === 'SKIP') return { ...base, skipped: c.summary };
        return { ...base, systemOut: `${c.status}: ${c.summary}${c.status === 'WARN' ? `\n\nFix: ${c.fix}` : ''}` };
      }),
    })),
  );
}
