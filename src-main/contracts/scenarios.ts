import { z } from 'zod';
import type { JournalEntry, LoginStatus, PhoneScreen } from './api';

/**
 * QA scenarios over the control API: what a run produces (the JSON report is `RunResult`), the requests
 * of the studio's Scenarios page, and the progress it shows live. The engine (src-main/core/scenarios)
 * and the renderer share these shapes.
 */

export const SCENARIO_MODES = ['plaintext', 'compatible', 'safe'] as const;
export type ScenarioMode = (typeof SCENARIO_MODES)[number];
export type ScenarioClock = 'virtual' | 'wall';

export type StepStatus = 'passed' | 'failed' | 'skipped';

/** One expectation compared: what the file asked for and what the world showed. */
export interface Check {
  /** e.g. `page`, `phone.says`, `users.created`. */
  key: string;
  expected: string;
  actual: string;
  ok: boolean;
}

export interface StepResult {
  /** Position in the case: "3", or "5.2.1" inside a parallel step (branch 2, its first step). */
  id: string;
  kind: string;
  label: string;
  /** Line in the scenario file. */
  line: number;
  status: StepStatus;
  /** When the step began, in the case's time since the case began (ms). */
  at: number;
  /** How much of the case's time the step took (virtual or wall). */
  ms: number;
  /** Real time the step took. */
  wallMs: number;
  /** What happened, in a sentence (the phone's screen, the page's status). */
  detail?: string;
  checks?: Check[];
  /** Why the step failed. */
  error?: string;
  /** Journal entries recorded while the step ran (the case's own timeline holds them). */
  journalIds: string[];
  children?: StepResult[];
}

/** One thing that happened in the world, in order: a push with its decrypted XML, a page or phone change. */
export type TimelineItem =
  | { type: 'journal'; at: number; entry: JournalEntry }
  | { type: 'page'; at: number; sessionId: string; page?: string; status: LoginStatus; error?: string }
  | { type: 'phone'; at: number; persona: string; screen: PhoneScreen };

export interface CaseFailure {
  stepId: string;
  step: string;
  line: number;
  message: string;
  checks: Check[];
}

export interface CaseResult {
  /** `file#case[mode]`: unique in a run, stable across runs. */
  id: string;
  file: string;
  suite: string;
  case: string;
  mode: ScenarioMode;
  tags: string[];
  clock: ScenarioClock;
  status: 'passed' | 'failed';
  /** Real time the case took (world included). */
  wallMs: number;
  /** The case's own time at its end (virtual time jumps included). */
  caseMs: number;
  steps: StepResult[];
  failure?: CaseFailure;
  timeline: TimelineItem[];
}

export interface RunResult {
  tool: 'follow-studio test';
  version: 1;
  startedAt: string;
  wallMs: number;
  workers: number;
  shard?: { index: number; total: number };
  total: number;
  passed: number;
  failed: number;
  /** Runs not started because --bail (or Stop) ended the run. */
  notRun: number;
  cases: CaseResult[];
}

/** Reference to one case × mode before it runs. */
export interface RunRef {
  id: string;
  file: string;
  suite: string;
  case: string;
  mode: ScenarioMode;
}

// ---------------------------------------------------------------------------------------------------------
// The library and files, as the Scenarios page lists them

export interface ScenarioCaseDto {
  name: string;
  line: number;
  modes: ScenarioMode[];
  tags: string[];
  clock: ScenarioClock;
  steps: number;
  /** Steps that need a third-party platform (platform.authorize / platform.cancel). */
  platform: boolean;
}

export interface ScenarioFileDto {
  /** `builtin/<file>` for the library, else the name the user gave. */
  file: string;
  name: string;
  cases: ScenarioCaseDto[];
}

/** A problem of a scenario file: where, which key, what was expected. */
export interface ScenarioProblem {
  file: string;
  line: number;
  column: number;
  path: string;
  message: string;
}

export interface ScenarioLibrary {
  files: ScenarioFileDto[];
  /** Problems of the library itself (a broken installation); empty normally. */
  problems: ScenarioProblem[];
}

/** POST /api/scenarios/check: a file the user opened, checked; `suite` only when it has no problem. */
export interface ScenarioCheckResult {
  file: string;
  suite: ScenarioFileDto | null;
  problems: ScenarioProblem[];
}

// ---------------------------------------------------------------------------------------------------------
// Requests

/** Largest scenario file the studio accepts (the built-in files are a few KB). */
export const SCENARIO_FILE_MAX_CHARS = 256_000;

export const userFileSchema = z.strictObject({
  name: z.string().trim().min(1, { error: 'name the file' }).max(200, { error: 'at most 200 characters' }),
  content: z.string().max(SCENARIO_FILE_MAX_CHARS, { error: `a scenario file may have at most ${SCENARIO_FILE_MAX_CHARS} characters` }),
});
export type UserScenarioFile = z.infer<typeof userFileSchema>;

export const checkFileBody = userFileSchema;

const modesSchema = z.array(z.enum(SCENARIO_MODES, { error: `one of ${SCENARIO_MODES.join(', ')}` })).min(1, { error: 'name at least one mode' }).max(3);

/** A regular expression the title `suite › case [mode]` must match (case-insensitive). */
const grepSchema = z
  .string()
  .max(200)
  .refine(
    (s) => {
      try {
        new RegExp(s, 'i');
        return true;
      } catch {
        return false;
      }
    },
    { error: 'not a valid regular expression' },
  );

export const startRunBody = z
  .strictObject({
    /** Include the built-in library: every file, or the ones named (`builtin/follow-login.yaml`). */
    builtin: z.union([z.boolean(), z.array(z.string().min(1).max(200)).min(1).max(50)]).optional(),
    files: z.array(userFileSchema).max(20, { error: 'at most 20 files at once' }).optional(),
    modes: modesSchema.optional(),
    tags: z.array(z.string().trim().min(1).max(64)).max(20).optional(),
    grep: grepSchema.optional(),
    /** Only these cases, as `file#case name` (the Run button of one case). */
    cases: z.array(z.string().min(1).max(400)).min(1).max(500).optional(),
    workers: z.number().int().min(1).max(4).optional(),
  })
  .refine((b) => (b.builtin !== undefined && b.builtin !== false) || (b.files?.length ?? 0) > 0, {
    error: 'nothing to run: set builtin, or send files',
    path: ['builtin'],
  });
export type StartRunInput = z.infer<typeof startRunBody>;

/** Pace of a case played on the stage: a pause between steps, or one step per "next". */
export const stagePaceSchema = z.strictObject({
  pauseMs: z.number().int().min(0, { error: 'pauseMs must be 0 or more' }).max(30_000, { error: 'pauseMs must be at most 30000' }).optional(),
  manual: z.boolean().optional(),
});
export type StagePace = Required<z.infer<typeof stagePaceSchema>>;
export const DEFAULT_STAGE_PACE: StagePace = { pauseMs: 1200, manual: false };

export const playOnStageBody = z
  .strictObject({
    /** A file of the library (`builtin/follow-login.yaml`)… */
    builtin: z.string().min(1).max(200).optional(),
    /** …or a file the user opened. */
    file: userFileSchema.optional(),
    case: z.string().trim().min(1, { error: 'name the case to play' }).max(300),
    mode: z.enum(SCENARIO_MODES, { error: `one of ${SCENARIO_MODES.join(', ')}` }).optional(),
    pace: stagePaceSchema.optional(),
  })
  .refine((b) => (b.builtin === undefined) !== (b.file === undefined), { error: 'give either builtin (a library file) or file', path: ['builtin'] });
export type PlayOnStageInput = z.infer<typeof playOnStageBody>;

export const reportFormats = ['html', 'junit', 'json'] as const;
export type ReportFormat = (typeof reportFormats)[number];

// ---------------------------------------------------------------------------------------------------------
// A run as the Scenarios page shows it, and the progress that builds it

export type CaseRunStatus = 'queued' | 'running' | 'passed' | 'failed';
export type StepView = Omit<StepResult, 'children' | 'status'> & { status: StepStatus | 'running' };

export interface CaseView extends RunRef {
  status: CaseRunStatus;
  steps: StepView[];
  failure?: CaseFailure;
  wallMs?: number;
  caseMs?: number;
}

/** What the stage shows while a case plays: the step it waits at (manual pace) and the pace. */
export interface StageView {
  pace: StagePace;
  /** The next step, while the run waits for "next" (manual) or its pause. */
  waiting: { stepId: string; label: string; manual: boolean } | null;
}

export type RunKind = 'suite' | 'stage';
export type RunStatus = 'running' | 'passed' | 'failed' | 'cancelled';

export interface ScenarioRunView {
  id: string;
  /** How many progress items the view has applied: a page that has a view and receives items skips those it has. */
  version: number;
  kind: RunKind;
  status: RunStatus;
  startedAt: number;
  finishedAt: number | null;
  total: number;
  passed: number;
  failed: number;
  notRun: number;
  wallMs: number | null;
  cases: CaseView[];
  stage: StageView | null;
}

/** What the stage should show now: the PC page opening (a new login), or the phone of a persona. */
export type StageCue = { kind: 'page'; appId: string } | { kind: 'phone'; personaId: string };

/** One change to a run; the server keeps its view with the same reducer the page applies. */
export type ScenarioProgress =
  | { t: 'started'; runs: RunRef[] }
  | { t: 'case'; id: string }
  | { t: 'step'; caseId: string; stepId: string; label: string; line: number }
  | { t: 'step-done'; caseId: string; step: Omit<StepResult, 'children'> }
  /** A finished case with every step (nested ones flattened after their parent, skipped ones included). */
  | { t: 'case-done'; id: string; status: 'passed' | 'failed'; failure?: CaseFailure; wallMs: number; caseMs: number; steps: StepView[] }
  | { t: 'stage'; stage: StageView }
  | { t: 'cue'; cue: StageCue }
  | { t: 'done'; status: RunStatus; passed: number; failed: number; notRun: number; wallMs: number; at: number };

export function emptyRunView(id: string, kind: RunKind, startedAt: number, stage: StageView | null): ScenarioRunView {
  return { id, version: 0, kind, status: 'running', startedAt, finishedAt: null, total: 0, passed: 0, failed: 0, notRun: 0, wallMs: null, cases: [], stage };
}

/** A case's steps as one list: each parallel step followed by its branches and their steps. */
export function flattenSteps(steps: StepResult[]): StepView[] {
  return steps.flatMap(({ children, ...s }) => [s, ...(children ? flattenSteps(children) : [])]);
}

function withCase(view: ScenarioRunView, id: string, change: (c: CaseView) => CaseView): ScenarioRunView {
  return { ...view, cases: view.cases.map((c) => (c.id === id ? change(c) : c)) };
}

function upsertStep(steps: StepView[], step: StepView): StepView[] {
  const i = steps.findIndex((s) => s.id === step.id);
  return i < 0 ? [...steps, step] : steps.map((s, j) => (j === i ? { ...s, ...step } : s));
}

/** Applies one progress item to a run's view (pure: the server and the page share it). */
export function applyProgress(view: ScenarioRunView, p: ScenarioProgress): ScenarioRunView {
  return { ...change(view, p), version: view.version + 1 };
}

function change(view: ScenarioRunView, p: ScenarioProgress): ScenarioRunView {
  switch (p.t) {
    case 'started':
      return { ...view, total: p.runs.length, cases: p.runs.map((r) => ({ ...r, status: 'queued', steps: [] })) };
    case 'case':
      return withCase(view, p.id, (c) => ({ ...c, status: 'running', steps: [] }));
    case 'step':
      return withCase(view, p.caseId, (c) => ({
        ...c,
        steps: upsertStep(c.steps, { id: p.stepId, kind: '', label: p.label, line: p.line, status: 'running', at: 0, ms: 0, wallMs: 0, journalIds: [] }),
      }));
    case 'step-done':
      return withCase(view, p.caseId, (c) => ({ ...c, steps: upsertStep(c.steps, p.step) }));
    case 'case-done': {
      const next = withCase(view, p.id, (c) => ({ ...c, status: p.status, steps: p.steps, wallMs: p.wallMs, caseMs: p.caseMs, ...(p.failure ? { failure: p.failure } : {}) }));
      // Counted from the cases, so an item applied twice (a page that fetched the view meanwhile) counts once.
      return { ...next, passed: next.cases.filter((c) => c.status === 'passed').length, failed: next.cases.filter((c) => c.status === 'failed').length };
    }
    case 'stage':
      return { ...view, stage: p.stage };
    case 'cue':
      return view;
    case 'done':
      return { ...view, status: p.status, passed: p.passed, failed: p.failed, notRun: p.notRun, wallMs: p.wallMs, finishedAt: p.at, stage: view.stage ? { ...view.stage, waiting: null } : null };
  }
}
