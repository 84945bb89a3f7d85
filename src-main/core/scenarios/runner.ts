import { say, sayText } from '../../contracts/said';
import type { PlannedRun } from './plan';
import type { CaseResult, ProgressListener, RunResult } from './results';
import { runCase } from './run-case';
import { createThreadPool, type ThreadEntry } from './threads';

/**
 * Runs planned cases, `workers` at a time. Each case has its own world (servers on their own ports, its
 * own database and clock), so running them side by side in one thread needs no coordination: their waits
 * are I/O and timers, and the event loop interleaves them. Worker threads (`threads`) give each worker a
 * core, but each thread loads and warms up the engine itself: measured in bench/scenarios.ts, that costs
 * more than it saves for the built-in library on two cores, so threads are the host's choice.
 */

export interface RunOptions {
  /** Cases at a time (default 1). */
  workers?: number;
  /**
   * With more than one worker, run cases on worker threads started from this script (one core each);
   * without it, side by side in this thread.
   */
  threads?: ThreadEntry;
  /** Start no new case after the first failure. */
  bail?: boolean;
  /** Start no new case once aborted (the studio's Stop button); running cases finish. */
  signal?: AbortSignal;
  shard?: { index: number; total: number };
}

export async function runScenarios(runs: PlannedRun[], options: RunOptions = {}, onEvent: ProgressListener = () => {}): Promise<RunResult> {
  const workers = Math.max(1, Math.min(options.workers ?? 1, runs.length || 1));
  const started = new Date();
  const wall = performance.now();
  const emit: ProgressListener = (e) => {
    try {
      onEvent(e);
    } catch {
      // A broken listener (a closed terminal, a closed page) must not stop the run.
    }
  };
  emit({ type: 'run-started', total: runs.length, workers, runs: runs.map(({ suiteRef: _s, caseRef: _c, ...ref }) => ref) });
  const results: Array<CaseResult | undefined> = new Array(runs.length);
  let next = 0;
  let stop = false;
  const pool = workers > 1 && options.threads ? createThreadPool(options.threads, workers) : undefined;
  const execute = async (run: PlannedRun): Promise<CaseResult> => {
    if (!pool) return runCase(run.suiteRef, run.caseRef, run.mode, emit);
    try {
      return await pool.run(run.suiteRef, run.suiteRef.cases.indexOf(run.caseRef), run.mode, emit);
    } catch (err) {
      return crashed(run, (err as Error).message, emit);
    }
  };
  const worker = async (): Promise<void> => {
    while (!stop && next < runs.length && !options.signal?.aborted) {
      const i = next++;
      const result = await execute(runs[i]!);
      results[i] = result;
      if (result.status === 'failed' && options.bail) stop = true;
    }
  };
  try {
    await Promise.all(Array.from({ length: workers }, worker));
  } finally {
    await pool?.close();
  }
  const cases = results.filter((r): r is CaseResult => r !== undefined);
  const result: RunResult = {
    tool: 'follow-studio test',
    version: 1,
    startedAt: started.toISOString(),
    wallMs: Math.round(performance.now() - wall),
    workers,
    ...(options.shard ? { shard: options.shard } : {}),
    total: runs.length,
    passed: cases.filter((c) => c.status === 'passed').length,
    failed: cases.filter((c) => c.status === 'failed').length,
    notRun: runs.length - cases.length,
    cases,
  };
  emit({ type: 'run-finished', result });
  return result;
}

/** A case whose thread died: a failed case that says so, rather than a hole in the report. */
function crashed(run: PlannedRun, message: string, emit: ProgressListener): CaseResult {
  const c = run.caseRef;
  const said = say('scenario.fail.caseCrashed', { error: message });
  const error = sayText(said);
  const result: CaseResult = {
    id: run.id,
    file: run.file,
    suite: run.suite,
    case: run.case,
    mode: run.mode,
    tags: c.tags,
    clock: c.clock,
    status: 'failed',
    wallMs: 0,
    caseMs: 0,
    steps: [{ id: 'setup', kind: 'setup', label: 'setup', line: c.line, status: 'failed', at: 0, ms: 0, wallMs: 0, error, errorSaid: said, journalIds: [] }],
    failure: { stepId: 'setup', step: 'setup', line: c.line, message: error, messageSaid: said, checks: [] },
    timeline: [],
  };
  emit({ type: 'case-finished', result });
  return result;
}
