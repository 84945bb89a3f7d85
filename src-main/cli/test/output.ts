import { formatMs } from '../../core/scenarios/duration';
import { runTitle } from '../../core/scenarios/plan';
import { checkLines, stepLines } from '../../core/scenarios/report-text';
import type { CaseResult, RunResult, ScenarioEvent } from '../../core/scenarios/results';

/**
 * What `follow-studio test` prints while it runs. On a terminal: one line per finished case and a live
 * status line below (running cases, the step each is on) that redraws in place. Elsewhere (CI logs): the
 * same per-case lines, plainly, nothing redrawn. Failures are detailed again at the end.
 */

export interface Writer {
  write(text: string): void;
  isTTY: boolean;
  columns?: number;
}

const color = (tty: boolean) => (code: number, s: string): string => (tty ? `\u001b[${code}m${s}\u001b[0m` : s);

export function createProgress(out: Writer): { onEvent(e: ScenarioEvent): void; finish(run: RunResult): void } {
  const c = color(out.isTTY);
  const running = new Map<string, { title: string; step: string }>();
  let total = 0;
  let done = 0;
  let failed = 0;
  let statusShown = false;

  const clearStatus = (): void => {
    if (statusShown) out.write('\r\u001b[2K');
    statusShown = false;
  };
  const drawStatus = (): void => {
    if (!out.isTTY || running.size === 0) return;
    const [first] = running.values();
    const width = Math.max(40, (out.columns ?? 100) - 1);
    const line = `${done}/${total} done${failed ? `, ${failed} failed` : ''} · running ${running.size}: ${first!.title} — ${first!.step}`;
    out.write(`\r\u001b[2K${c(2, line.length > width ? `${line.slice(0, width - 1)}…` : line)}`);
    statusShown = true;
  };
  const caseLine = (r: CaseResult): void => {
    done++;
    const ok = r.status === 'passed';
    if (!ok) failed++;
    const mark = ok ? c(32, 'ok  ') : c(31, 'FAIL');
    const time = `${formatMs(r.wallMs)}${r.caseMs >= 1000 ? `, case time ${formatMs(r.caseMs)}` : ''}`;
    out.write(`${mark} ${String(done).padStart(String(total).length)}/${total} ${runTitle(r)} ${c(2, `(${time})`)}\n`);
    if (!ok && r.failure) out.write(`     ${c(31, `step ${r.failure.stepId} ${r.failure.step} (${r.file}:${r.failure.line}): ${r.failure.message}`)}\n`);
  };

  return {
    onEvent(e) {
      if (e.type === 'run-started') total = e.total;
      else if (e.type === 'case-started') running.set(e.run.id, { title: runTitle(e.run), step: 'setting up' });
      else if (e.type === 'step-started') {
        const r = running.get(e.runId);
        if (r) r.step = `step ${e.stepId} ${e.label}`;
      } else if (e.type === 'case-finished') {
        running.delete(e.result.id);
        clearStatus();
        caseLine(e.result);
      } else return;
      clearStatus();
      drawStatus();
    },
    finish(run) {
      clearStatus();
      printSummary(out, run);
    },
  };
}

/** The failures again, each with its step, line, expected and seen, then the closing count line. */
function printSummary(out: Writer, run: RunResult): void {
  const c = color(out.isTTY);
  const failures = run.cases.filter((r) => r.status === 'failed');
  if (failures.length) {
    out.write(`\n${c(1, 'Failures')}\n`);
    for (const r of failures) {
      out.write(`\n${c(31, `✗ ${runTitle(r)}`)}  ${c(2, r.file)}\n`);
      const f = r.failure!;
      out.write(`  step ${f.stepId} ${f.step} (line ${f.line})\n`);
      out.write(`${(f.checks.length ? checkLines(f.checks, '    ') : [`    ${f.message}`]).join('\n')}\n`);
      out.write(`${c(2, stepLines(r.steps, '    ').join('\n'))}\n`);
    }
  }
  out.write(`\n${run.passed} passed, ${run.failed} failed${run.notRun ? `, ${run.notRun} skipped` : ''}\n`);
  const caseTime = run.cases.reduce((n, r) => n + r.caseMs, 0);
  out.write(`${c(2, `${run.total} runs in ${formatMs(run.wallMs)} with ${run.workers} worker${run.workers === 1 ? '' : 's'} (${formatMs(caseTime)} of case time)`)}\n`);
}
