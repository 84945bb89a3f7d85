import type { AuditReport, CheckResult } from './types';

/** Words shared by the console, JUnit and HTML: one line per check, the verdict line. */

export function verdictLine(r: AuditReport): string {
  const c = r.counts;
  return `${r.mode} mode: ${r.verdict} — ${c.FAIL} failed, ${c.WARN} warnings, ${c.PASS} passed, ${c.INFO} info, ${c.SKIP} skipped (${(r.durationMs / 1000).toFixed(1)} s)`;
}

/** The evidence in a few lines: findings, what could not be observed, timing. */
export function evidenceText(check: CheckResult): string {
  const lines = check.evidence.findings.map((f) => `[${f.level}] ${f.text}`);
  for (const n of check.evidence.notObserved) lines.push(`[not observed] ${n}`);
  for (const t of check.evidence.timing ?? []) lines.push(`[timing] ${t.kind}: n=${t.count} p50=${t.p50} ms p95=${t.p95} ms max=${t.max} ms timeouts=${t.timeouts}`);
  for (const x of check.evidence.exchanges.slice(0, 6)) {
    lines.push(`[exchange] ${x.label}: ${x.request.method} ${x.request.url} → ${x.response ? `HTTP ${x.response.status}` : (x.error ?? 'no answer')} in ${x.ms} ms`);
  }
  return lines.join('\n');
}
