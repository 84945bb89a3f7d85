import { writeJUnit, type JUnitCase, type JUnitSuite } from '../reports/junit';
import { formatMs } from './duration';
import { failureLine, failureText, stepLines, timelineLines } from './report-text';
import type { CaseResult, RunResult } from './results';

/**
 * JUnit XML: one <testsuite> per scenario file, one <testcase> per case × mode (never aggregated), named
 * `case [mode]` with classname `file/suite`. A failure's message names the step, its line and what was
 * expected against what was seen; its body adds every step and the message timeline.
 */

export const junitClassname = (r: Pick<CaseResult, 'file' | 'suite'>): string => `${r.file}/${r.suite}`;
export const junitName = (r: Pick<CaseResult, 'case' | 'mode'>): string => `${r.case} [${r.mode}]`;

function testcase(r: CaseResult): JUnitCase {
  const out = [`case time ${formatMs(r.caseMs)} (${r.clock} clock), wall ${formatMs(r.wallMs)}`, ...stepLines(r.steps), '', 'Timeline:', ...timelineLines(r.timeline)];
  return {
    classname: junitClassname(r),
    name: junitName(r),
    time: r.wallMs / 1000,
    file: r.file,
    ...(r.failure ? { failure: { message: failureLine(r), type: r.failure.checks.length ? 'expectation' : 'step', body: failureText(r) } } : {}),
    systemOut: out.join('\n'),
  };
}

export function junitReport(run: RunResult): string {
  const byFile = new Map<string, JUnitSuite>();
  for (const r of run.cases) {
    let s = byFile.get(r.file);
    if (!s) byFile.set(r.file, (s = { name: r.suite, file: r.file, timestamp: run.startedAt.replace(/\.\d+Z$/, ''), cases: [] }));
    s.cases.push(testcase(r));
  }
  return writeJUnit('follow-studio test', [...byFile.values()], run.wallMs / 1000);
}
