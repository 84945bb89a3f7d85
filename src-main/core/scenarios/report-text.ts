import { formatMs } from './duration';
import type { CaseResult, Check, StepResult, TimelineItem } from './results';

/** Plain-text pieces shared by the terminal, the JUnit report and the studio: a case's steps and failure. */

const MARK: Record<StepResult['status'], string> = { passed: '✓', failed: '✗', skipped: '-' };

export function flattenSteps(steps: StepResult[]): StepResult[] {
  return steps.flatMap((s) => [s, ...flattenSteps(s.children ?? [])]);
}

export function stepLines(steps: StepResult[], indent = ''): string[] {
  const out: string[] = [];
  for (const s of steps) {
    const time = s.ms > 0 ? ` [+${formatMs(s.at)}, took ${formatMs(s.ms)}]` : s.at > 0 ? ` [+${formatMs(s.at)}]` : '';
    const said = s.status === 'failed' ? (s.error ?? '') : (s.detail ?? '');
    out.push(`${indent}${MARK[s.status]} ${s.id} ${s.label}${time}${said ? ` — ${said.split('\n')[0]}` : ''}`);
    if (s.children) out.push(...stepLines(s.children, `${indent}    `));
  }
  return out;
}

export function checkLines(checks: Check[], indent = '  '): string[] {
  return checks.flatMap((c) => [`${indent}${c.key}`, `${indent}  expected: ${c.expected}`, `${indent}  saw:      ${c.actual}`]);
}

/** One line: "step 5 expect pages, users (line 17): users.created: expected 1, saw 2". */
export function failureLine(r: CaseResult): string {
  const f = r.failure;
  if (!f) return '';
  return `step ${f.stepId} ${f.step} (line ${f.line}): ${f.message}`;
}

export function failureText(r: CaseResult): string {
  const f = r.failure;
  if (!f) return '';
  const lines = [`Step ${f.stepId}: ${f.step} (${r.file}:${f.line})`];
  if (f.checks.length) lines.push(...checkLines(f.checks));
  else lines.push(`  ${f.message}`);
  lines.push('', 'Steps:', ...stepLines(r.steps, '  '));
  return lines.join('\n');
}

export function timelineLines(items: TimelineItem[], limit = 200): string[] {
  const out = items.slice(0, limit).map((t) => {
    const at = `+${formatMs(t.at)}`.padEnd(9);
    if (t.type === 'page') return `${at} page ${t.page ?? t.sessionId}: ${t.status}${t.error ? ` (${t.error})` : ''}`;
    if (t.type === 'phone') return `${at} phone ${t.persona}: ${t.screen.screen}${t.screen.error ? ` (${t.screen.error})` : ''}`;
    const e = t.entry;
    return `${at} ${e.source ?? ''} ${e.kind}: ${(e.summary ?? e.url).split('\n')[0]}${e.verdict.ok ? '' : ' [failed]'}`;
  });
  if (items.length > limit) out.push(`… ${items.length - limit} more`);
  return out;
}
