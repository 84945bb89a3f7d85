import { checkById } from './catalog';
import type { CheckDef } from './checks/define';
import { asSaid, say, sayText, type Said } from '../../contracts/said';
import type { CheckOutcome, Line } from './outcome';
import type { AuditAccount } from './wire';
import type { AuditReport, AuditTarget, CheckResult, CheckStatus, SdkGuess, Severity, Verdict } from './types';

/** Turns a check's findings into a status under the severity in force, and results into a report. */

export function statusOf(o: CheckOutcome, severity: Severity): CheckStatus {
  if (o.skip) return 'SKIP';
  if (o.findings.some((f) => f.level === 'fail')) return severity;
  if (o.findings.some((f) => f.level === 'warn')) return severity === 'INFO' ? 'INFO' : 'WARN';
  if (o.inconclusive) return 'INFO';
  return 'PASS';
}

function summaryOf(o: CheckOutcome): Line {
  if (o.summary) return o.summary;
  if (o.skip) return o.skip;
  const first = (level: string) => {
    const f = o.findings.find((x) => x.level === level);
    return f && (f.said ?? f.text);
  };
  const last = o.findings.at(-1);
  const lastLine = last && (last.said ?? last.text);
  const bad = first('fail') ?? first('warn');
  if (bad !== undefined) return bad;
  if (o.inconclusive) return say('audit.summary.inconclusive', { seen: lastLine ?? say('audit.summary.nothingWrong'), unseen: o.notObserved[0] ?? '' });
  return lastLine ?? say('audit.summary.nothing');
}

/** The English text of a line, and its sentence when it is one. */
function both(line: Line): { text: string; said?: Said } {
  return typeof line === 'string' ? { text: line } : { text: sayText(line), said: line };
}

export function toResult(def: CheckDef, o: CheckOutcome, severity: Severity, durationMs: number): CheckResult {
  const summary = both(summaryOf(o));
  const summarySaid = summary.said ? { summarySaid: summary.said } : {};
  const unseen = o.notObserved.map(both);
  return {
    id: def.id,
    title: def.title,
    severity,
    defaultSeverity: def.severity,
    status: statusOf(o, severity),
    summary: summary.text,
    ...summarySaid,
    why: def.why,
    fix: def.fix,
    evidence: {
      summary: summary.text,
      ...summarySaid,
      findings: o.findings,
      notObserved: unseen.map((u) => u.text),
      ...(unseen.some((u) => u.said) ? { notObservedSaid: o.notObserved.map(asSaid) } : {}),
      exchanges: o.exchanges,
      ...(o.timing ? { timing: o.timing } : {}),
    },
    durationMs,
  };
}

export function verdictOf(results: readonly CheckResult[]): Verdict {
  if (results.some((r) => r.status === 'FAIL')) return 'FAIL';
  if (results.some((r) => r.status === 'WARN')) return 'WARN';
  return 'PASS';
}

export function buildReport(input: {
  account: AuditAccount;
  target: AuditTarget;
  results: CheckResult[];
  started: number;
  durationMs: number;
  sdk: SdkGuess | undefined;
  observer: string | undefined;
  timeoutMs?: number;
  defs?: readonly CheckDef[];
}): AuditReport {
  const counts = countsOf(input.results);
  const checks = input.results.map((r) => withSdkFix(r, input.sdk));
  return {
    tool: 'follow-studio audit',
    verdict: verdictOf(checks),
    mode: input.target.mode,
    url: input.target.url,
    startedAt: new Date(input.started).toISOString(),
    durationMs: input.durationMs,
    ...(input.timeoutMs !== undefined ? { timeoutMs: input.timeoutMs } : {}),
    account: { appId: input.account.appId, originalId: input.account.originalId, madeUp: input.account.madeUp },
    ...(input.observer ? { observer: input.observer } : {}),
    ...(input.sdk ? { sdk: input.sdk } : {}),
    counts,
    checks,
  };
}


function countsOf(results: readonly CheckResult[]): Record<CheckStatus, number> {
  const counts: Record<CheckStatus, number> = { PASS: 0, WARN: 0, FAIL: 0, INFO: 0, SKIP: 0 };
  for (const r of results) counts[r.status]++;
  return counts;
}

/**
 * The report with one check's result in place of the one it had (a check run again): the counts and the
 * verdict follow; the fix hint stays that of the server stack the whole run recognised.
 */
export function withCheckReplaced(report: AuditReport, result: CheckResult): AuditReport {
  const base = checkById(result.id)?.fix ?? result.fix;
  const fresh = withSdkFix({ ...result, fix: base }, report.sdk);
  const checks = report.checks.map((c) => (c.id === result.id ? fresh : c));
  return { ...report, checks, counts: countsOf(checks), verdict: verdictOf(checks) };
}

/** Appends the detected SDK's own fix, where the check has one. */
function withSdkFix(r: CheckResult, sdk: SdkGuess | undefined): CheckResult {
  const hint = sdk ? checkById(r.id)?.sdkFix?.[sdk.id] : undefined;
  return hint && !r.fix.includes(hint) ? { ...r, fix: `${r.fix}\n\n${sdk!.name}: ${hint}` } : r;
}
