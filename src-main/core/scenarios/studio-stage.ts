import type { RunResult, StageCue } from '../../contracts/scenarios';
import type { Case, Suite } from './model';
import type { ProgressListener } from './results';
import { runCase, runId } from './run-case';
import type { Mode } from './schema';
import type { StagePacer } from './stage-pace';
import { createStageWorld, type StageHost } from './stage-world';

/**
 * One case played on the studio's stage: the studio's own world (the demo, reset first), on the wall
 * clock, each step after the first at the pacer's pace, the stage told what to show (cues).
 */
export async function playOnStage(o: {
  host: Omit<StageHost, 'cue'>;
  suite: Suite;
  c: Case;
  mode: Mode;
  pacer: StagePacer;
  emit: ProgressListener;
  cue: (cue: StageCue) => void;
}): Promise<RunResult> {
  const startedAt = new Date().toISOString();
  const wall = performance.now();
  const c: Case = { ...o.c, clock: 'wall' };
  o.emit({ type: 'run-started', total: 1, workers: 1, runs: [{ id: runId(o.suite.file, c.name, o.mode), file: o.suite.file, suite: o.suite.name, case: c.name, mode: o.mode }] });
  const host: StageHost = { ...o.host, cue: o.cue };
  const result = await runCase(o.suite, c, o.mode, o.emit, { world: (w) => createStageWorld(host, w), beforeStep: (next) => o.pacer.beforeStep(next) });
  const passed = result.status === 'passed' ? 1 : 0;
  return { tool: 'follow-studio test', version: 1, startedAt, wallMs: Math.round(performance.now() - wall), workers: 1, total: 1, passed, failed: 1 - passed, notRun: 0, cases: [result] };
}
