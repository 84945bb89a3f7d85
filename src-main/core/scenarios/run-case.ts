import { runAction } from './actions';
import { usersAndLogins, type Branch, type CaseState } from './case-state';
import { PLATFORM_STEPS, usesStep, type Case, type Step, type Suite } from './model';
import type { CaseFailure, CaseResult, Check, ProgressListener, RunRef, StepResult } from './results';
import type { Mode } from './schema';
import { drive } from './time';
import { captureTimeline } from './timeline';
import { createWorld, type World, type WorldOptions } from './world';
import { say, sayText, type Said } from '../../contracts/said';
import { saidOf } from './said';

/**
 * One case in one mode: a fresh world, the steps in order (a parallel step's branches at the same time),
 * the first failure stops the case and the rest are reported as skipped.
 */

export function runId(file: string, caseName: string, mode: Mode): string {
  return `${file}#${caseName}[${mode}]`;
}

/** What a host may change about how one case runs (the studio's stage: its own world, and a pace). */
export interface CaseHooks {
  /** Builds the case's world; default a fresh, isolated one. */
  world?: (o: WorldOptions) => Promise<World>;
  /**
   * Awaited before each top-level step after the first: a pause, or a wait for "next". Throwing fails that
   * step with the error's message (the run was stopped) and skips the rest.
   */
  beforeStep?: (next: { id: string; label: string; labelSaid?: Said; line: number }) => Promise<void>;
}

interface Runner {
  state: CaseState;
  runId: string;
  emit: ProgressListener;
  hooks: CaseHooks;
}

const labelOf = (step: Step): Pick<StepResult, 'label' | 'labelSaid'> => ({ label: step.label, ...(step.kind === 'parallel' ? { labelSaid: step.labelSaid } : {}) });

function skipped(step: Step, id: string): StepResult {
  return { id, kind: step.kind, ...labelOf(step), line: step.line, status: 'skipped', at: 0, ms: 0, wallMs: 0, journalIds: [] };
}

/** A failed step's error: the sentence and its English text. */
const failedWith = (said: Said, english = sayText(said)): Pick<StepResult, 'error' | 'errorSaid'> => ({ error: english, errorSaid: said });

/** What was thrown, as a step's error: its sentence, and its message as it was. */
const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));
const thrown = (err: unknown): Pick<StepResult, 'error' | 'errorSaid'> => failedWith(saidOf(err), messageOf(err));

async function runBranch(r: Runner, steps: Step[], branch: Branch, prefix: string): Promise<StepResult[]> {
  const out: StepResult[] = [];
  let failed = false;
  for (const [i, step] of steps.entries()) {
    const id = `${prefix}${i + 1}`;
    if (failed) out.push(skipped(step, id));
    else if (prefix === '' && i > 0 && !(await paced(r, step, id, out))) failed = true;
    else {
      const res = await runStep(r, step, branch, id);
      out.push(res);
      failed = res.status === 'failed';
    }
  }
  return out;
}

/** The host's pace before a top-level step; false (and the step recorded as failed) when the run was stopped. */
async function paced(r: Runner, step: Step, id: string, out: StepResult[]): Promise<boolean> {
  if (!r.hooks.beforeStep) return true;
  try {
    await r.hooks.beforeStep({ id, ...labelOf(step), line: step.line });
    return true;
  } catch (err) {
    const at = r.state.world.clock.now() - r.state.start;
    const stopped: StepResult = { ...skipped(step, id), status: 'failed', at, ...thrown(err) };
    out.push(stopped);
    r.emit({ type: 'step-finished', runId: r.runId, step: stopped });
    return false;
  }
}

async function runParallel(r: Runner, step: Extract<Step, { kind: 'parallel' }>, id: string): Promise<StepResult[]> {
  if (step.each) {
    const each = step.each;
    return Promise.all(
      each.personas.map(async (persona, i) => {
        const children = await runBranch(r, each.steps, { own: persona, persona }, `${id}.${i + 1}.`);
        return group(`${id}.${i + 1}`, persona, undefined, step.line, children);
      }),
    );
  }
  return Promise.all(
    step.branches.map(async (steps, i) => {
      const children = await runBranch(r, steps, {}, `${id}.${i + 1}.`);
      return group(`${id}.${i + 1}`, `branch ${i + 1}`, say('scenario.label.branch', { n: i + 1 }), steps[0]?.line ?? step.line, children);
    }),
  );
}

/** A branch of a parallel step: a persona's name (data), or "branch 2" (a sentence). */
function group(id: string, label: string, labelSaid: Said | undefined, line: number, children: StepResult[]): StepResult {
  const failed = children.find((c) => c.status === 'failed');
  const at = children[0]?.at ?? 0;
  const end = Math.max(at, ...children.map((c) => c.at + c.ms));
  return {
    id,
    kind: 'branch',
    label,
    ...(labelSaid ? { labelSaid } : {}),
    line,
    status: failed ? 'failed' : 'passed',
    at,
    ms: end - at,
    wallMs: children.reduce((n, c) => n + c.wallMs, 0),
    ...(failed ? failedWith(say('scenario.fail.stepFailed', { id: failed.id })) : {}),
    journalIds: children.flatMap((c) => c.journalIds),
    children,
  };
}

async function runStep(r: Runner, step: Step, branch: Branch, id: string): Promise<StepResult> {
  const { state } = r;
  const clock = state.world.clock;
  const at = clock.now() - state.start;
  const wall = performance.now();
  const firstJournal = state.journalIds.length;
  r.emit({ type: 'step-started', runId: r.runId, stepId: id, ...labelOf(step), line: step.line });
  const result: StepResult = { id, kind: step.kind, ...labelOf(step), line: step.line, status: 'passed', at, ms: 0, wallMs: 0, journalIds: [] };
  try {
    if (step.kind === 'parallel') {
      result.children = await runParallel(r, step, id);
      const failed = result.children.find((c) => c.status === 'failed');
      if (failed) Object.assign(result, { status: 'failed', ...failedWith(say('scenario.fail.branchFailed', { id: failed.id, label: failed.labelSaid ?? failed.label })) });
    } else {
      const outcome = await runAction(state, branch, step);
      result.detail = outcome.english ?? sayText(outcome.detail);
      result.detailSaid = outcome.detail;
      if (outcome.checks) result.checks = outcome.checks;
    }
  } catch (err) {
    result.status = 'failed';
    Object.assign(result, thrown(err));
    const checks = (err as { checks?: Check[] }).checks;
    if (checks) result.checks = checks;
  }
  result.ms = clock.now() - state.start - at;
  result.wallMs = Math.round((performance.now() - wall) * 10) / 10;
  result.journalIds = state.journalIds.slice(firstJournal);
  const { children: _children, ...flat } = result;
  r.emit({ type: 'step-finished', runId: r.runId, step: flat });
  return result;
}

function firstFailure(steps: StepResult[]): StepResult | undefined {
  for (const s of steps) {
    if (s.status !== 'failed') continue;
    return (s.children && firstFailure(s.children)) ?? s;
  }
  return undefined;
}

function failureOf(steps: StepResult[]): CaseFailure | undefined {
  const f = firstFailure(steps);
  if (!f) return undefined;
  const messageSaid = f.errorSaid ?? (f.error === undefined ? say('scenario.fail.failed') : undefined);
  return {
    stepId: f.id,
    step: f.label,
    ...(f.labelSaid ? { stepSaid: f.labelSaid } : {}),
    line: f.line,
    message: f.error ?? 'failed',
    ...(messageSaid ? { messageSaid } : {}),
    checks: (f.checks ?? []).filter((c) => !c.ok),
  };
}

/** Runs one case in one mode in a fresh world; never throws (a broken world is a failed case). */
export async function runCase(suite: Suite, c: Case, mode: Mode, emit: ProgressListener = () => {}, hooks: CaseHooks = {}): Promise<CaseResult> {
  const ref: RunRef = { id: runId(suite.file, c.name, mode), file: suite.file, suite: suite.name, case: c.name, mode };
  emit({ type: 'case-started', run: ref });
  const wall = performance.now();
  const base = { ...ref, tags: c.tags, clock: c.clock };
  let world: World | undefined;
  let steps: StepResult[] = [];
  let timeline: CaseResult['timeline'] = [];
  let caseMs = 0;
  try {
    const needsPasswords = usesStep(c.steps, ['page.bind']) || c.setup.connection?.association === 'query-binding';
    const options: WorldOptions = { mode, clock: c.clock, setup: c.setup, needsPasswords, byAuthorization: usesStep(c.steps, PLATFORM_STEPS) };
    world = await (hooks.world ?? createWorld)(options);
    const start = world.clock.now();
    const state: CaseState = { world, timeoutMs: c.timeoutMs, pages: new Map(), named: new Set(), start, baseline: usersAndLogins(world), timeline: [], journalIds: [] };
    const stopCapture = captureTimeline(state);
    try {
      steps = await runBranch({ state, runId: ref.id, emit, hooks }, c.steps, {}, '');
    } finally {
      stopCapture();
      timeline = state.timeline;
      caseMs = world.clock.now() - start;
    }
  } catch (err) {
    const why = failedWith(say('scenario.fail.worldNotSetUp', { error: saidOf(err) }), sayText(say('scenario.fail.worldNotSetUp', { error: messageOf(err) })));
    steps = [{ id: 'setup', kind: 'setup', label: 'setup', line: c.line, status: 'failed', at: 0, ms: 0, wallMs: 0, ...why, journalIds: [] }, ...c.steps.map((s, i) => skipped(s, String(i + 1)))];
  } finally {
    if (world) await stopWorld(world);
  }
  const failure = failureOf(steps);
  const result: CaseResult = {
    ...base,
    status: failure ? 'failed' : 'passed',
    wallMs: Math.round(performance.now() - wall),
    caseMs,
    steps,
    ...(failure ? { failure } : {}),
    timeline,
  };
  emit({ type: 'case-finished', result });
  return result;
}

/** Stopping waits for pushes still in flight; in virtual time their timeouts need the clock to move. */
async function stopWorld(world: World): Promise<void> {
  try {
    await drive(world, world.stop(), 60_000, 'stopping the world');
  } catch {
    // The case's result is known; a world that does not stop cleanly is left to the garbage collector.
  }
}
