import { describe, expect, it } from 'vitest';
import type { AuditReport, AuditSummary, CheckResult, CheckStatus } from '../../../src-main/contracts/audit';
import { compareReports } from '../../../src-main/core/studio/audits/compare';

/** "What changed since the last audit": the checks whose status changed, and a change of target. */

const check = (id: string, status: CheckStatus): CheckResult =>
  ({ id, title: `${id} title`, status, severity: 'FAIL', defaultSeverity: 'FAIL', summary: '', why: '', fix: '', durationMs: 0, evidence: { summary: '', findings: [], notObserved: [], exchanges: [] } }) as CheckResult;
const report = (checks: CheckResult[], url = 'http://127.0.0.1:1/wx', mode: AuditReport['mode'] = 'safe'): AuditReport =>
  ({ url, mode, checks }) as AuditReport;
const summary = { id: 'audit_1', createdAt: 1 } as AuditSummary;

describe('comparing two audits', () => {
  it('lists the checks whose status changed, in the later report’s order, and checks run in only one of them', () => {
    const before = report([check('URL-01', 'PASS'), check('EVT-02', 'PASS'), check('SEC-01', 'WARN'), check('TOK-01', 'SKIP')]);
    const after = report([check('URL-01', 'PASS'), check('EVT-02', 'FAIL'), check('SEC-01', 'PASS'), check('DUP-01', 'INFO')]);
    const cmp = compareReports('audit_2', after, { summary, report: before });
    expect(cmp.changes).toEqual([
      { id: 'EVT-02', title: 'EVT-02 title', before: 'PASS', after: 'FAIL' },
      { id: 'SEC-01', title: 'SEC-01 title', before: 'WARN', after: 'PASS' },
      { id: 'DUP-01', title: 'DUP-01 title', before: null, after: 'INFO' },
      { id: 'TOK-01', title: 'TOK-01 title', before: 'SKIP', after: null },
    ]);
    expect(cmp.targetChanged).toBeNull();
    expect(cmp.previous).toBe(summary);
  });

  it('says when the URL or the mode changed in between; nothing to compare for a first audit', () => {
    const cmp = compareReports('audit_2', report([check('URL-01', 'PASS')], 'http://b/', 'plaintext'), { summary, report: report([check('URL-01', 'PASS')], 'http://a/', 'safe') });
    expect(cmp.changes).toEqual([]);
    expect(cmp.targetChanged).toEqual({ url: { before: 'http://a/', after: 'http://b/' }, mode: { before: 'safe', after: 'plaintext' } });
    expect(compareReports('audit_1', report([]), null)).toEqual({ id: 'audit_1', previous: null, changes: [], targetChanged: null });
  });
});
