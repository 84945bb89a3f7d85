import { z } from 'zod';
import { journalEntrySchema } from './journal';
import { saidSchema } from './said';
import { loginStatusSchema } from './login-api';
import { phoneScreenSchema } from './wechat-api';

/**
 * QA scenarios over the control API: what a run produces (the JSON report is `RunResult`), the requests
 * of the studio's Scenarios page, and the progress it shows live. The engine (src-main/core/scenarios)
 * and the renderer share these shapes.
 */

export const SCENARIO_MODES = ['plaintext', 'compatible', 'safe'] as const;
export type ScenarioMode = (typeof SCENARIO_MODES)[number];
const scenarioModeSchema = z.enum(SCENARIO_MODES);
const scenarioClockSchema = z.enum(['virtual', 'wall']);
export type ScenarioClock = z.infer<typeof scenarioClockSchema>;

const stepStatusSchema = z.enum(['passed', 'failed', 'skipped']);
export type StepStatus = z.infer<typeof stepStatusSchema>;

/** One expectation compared: what the file asked for and what the world showed. */
export const checkSchema = z.object({
  /** e.g. `page`, `phone.says`, `users.created`. */
  key: z.string(),
  expected: z.string(),
  actual: z.string(),
  ok: z.boolean(),
  /**
   * `expected` / `actual` as sentences, when they are the engine's words ("(no message)") rather than data;
   * a sentence quoting the journal says in full what the English clips to a line.
   */
  expectedSaid: saidSchema.optional(),
  actualSaid: saidSchema.optional(),
});
export type Check = z.infer<typeof checkSchema>;

/** A step's fields but its status and nested steps. */
const stepFields = z.object({
  /** Position in the case: "3", or "5.2.1" inside a parallel step (branch 2, its first step). */
  id: z.string(),
  kind: z.string(),
  label: z.string(),
  /** The label as a sentence, for the engine's own labels (a parallel step, a branch); others quote the file. */
  labelSaid: saidSchema.optional(),
  /** Line in the scenario file. */
  line: z.number(),
  /** When the step began, in the case's time since the case began (ms). */
  at: z.number(),
  /** How much of the case's time the step took (virtual or wall). */
  ms: z.number(),
  /** Real time the step took. */
  wallMs: z.number(),
  /** What happened, in a sentence (the phone's screen, the page's status). */
  detail: z.string().optional(),
  /** `detail` as a sentence (the studio shows it in its reader's language). */
  detailSaid: saidSchema.optional(),
  checks: z.array(checkSchema).optional(),
  /** Why the step failed. */
  error: z.string().optional(),
  /** `error` as a sentence. */
  errorSaid: saidSchema.optional(),
  /** Journal entries recorded while the step ran (the case's own timeline holds them). */
  journalIds: z.array(z.string()),
});
const flatStepSchema = stepFields.extend({ status: stepStatusSchema });

export interface StepResult extends z.infer<typeof flatStepSchema> {
  children?: StepResult[];
}
export const stepResultSchema: z.ZodType<StepResult> = flatStepSchema.extend({
  get children() {
    return z.array(stepResultSchema).optional();
  },
});

/** One thing that happened in the world, in order: a push with its decrypted XML, a page or phone change. */
export const timelineItemSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('journal'), at: z.number(), entry: journalEntrySchema }),
  z.object({ type: z.literal('page'), at: z.number(), sessionId: z.string(), page: z.string().optional(), status: loginStatusSchema, error: z.string().optional() }),
  z.object({ type: z.literal('phone'), at: z.number(), persona: z.string(), screen: phoneScreenSchema }),
]);
export type TimelineItem = z.infer<typeof timelineItemSchema>;

export const caseFailureSchema = z.object({
  stepId: z.string(),
  step: z.string(),
  /** `step` as a sentence, for the engine's own labels. */
  stepSaid: saidSchema.optional(),
  line: z.number(),
  message: z.string(),
  /** `message` as a sentence. */
  messageSaid: saidSchema.optional(),
  checks: z.array(checkSchema),
});
export type CaseFailure = z.infer<typeof caseFailureSchema>;

export const caseResultSchema = z.object({
  /** `file#case[mode]`: unique in a run, stable across runs. */
  id: z.string(),
  file: z.string(),
  suite: z.string(),
  case: z.string(),
  mode: scenarioModeSchema,
  tags: z.array(z.string()),
  clock: scenarioClockSchema,
  status: z.enum(['passed', 'failed']),
  /** Real time the case took (world included). */
  wallMs: z.number(),
  /** The case's own time at its end (virtual time jumps included). */
  caseMs: z.number(),
  steps: z.array(stepResultSchema),
  failure: caseFailureSchema.optional(),
  timeline: z.array(timelineItemSchema),
});
export type CaseResult = z.infer<typeof caseResultSchema>;

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
export const runRefSchema = z.object({ id: z.string(), file: z.string(), suite: z.string(), case: z.string(), mode: scenarioModeSchema });
export type RunRef = z.infer<typeof runRefSchema>;

// ---------------------------------------------------------------------------------------------------------
// The library and files, as the Scenarios page lists them

export const scenarioCaseSchema = z.object({
  name: z.string(),
  line: z.number(),
  modes: z.array(scenarioModeSchema),
  tags: z.array(z.string()),
  clock: scenarioClockSchema,
  steps: z.number(),
  /** Steps that need a third-party platform (platform.authorize / platform.cancel). */
  platform: z.boolean(),
});
export type ScenarioCaseDto = z.infer<typeof scenarioCaseSchema>;

export const scenarioFileSchema = z.object({
  /** `builtin/<file>` for the library, else the name the user gave. */
  file: z.string(),
  name: z.string(),
  cases: z.array(scenarioCaseSchema),
});
export type ScenarioFileDto = z.infer<typeof scenarioFileSchema>;

/** A problem of a scenario file: where, which key, what was expected. */
export const scenarioProblemSchema = z.object({ file: z.string(), line: z.number(), column: z.number(), path: z.string(), message: z.string(), messageSaid: saidSchema.optional() });
export type ScenarioProblem = z.infer<typeof scenarioProblemSchema>;

export const scenarioLibrarySchema = z.object({
  files: z.array(scenarioFileSchema),
  /** Problems of the library itself (a broken installation); empty normally. */
  problems: z.array(scenarioProblemSchema),
});
export type ScenarioLibrary = z.infer<typeof scenarioLibrarySchema>;

/** POST /api/scenarios/check: a file the user opened, checked; `suite` only when it has no problem. */
export const scenarioCheckResultSchema = z.object({ file: z.string(), suite: scenarioFileSchema.nullable(), problems: z.array(scenarioProblemSchema) });
export type ScenarioCheckResult = z.infer<typeof scenarioCheckResultSchema>;

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

const caseRunStatusSchema = z.enum(['queued', 'running', 'passed', 'failed']);
export type CaseRunStatus = z.infer<typeof caseRunStatusSchema>;
export const stepViewSchema = stepFields.extend({ status: z.enum(['passed', 'failed', 'skipped', 'running']) });
export type StepView = z.infer<typeof stepViewSchema>;

export const caseViewSchema = runRefSchema.extend({
  status: caseRunStatusSchema,
  steps: z.array(stepViewSchema),
  failure: caseFailureSchema.optional(),
  wallMs: z.number().optional(),
  caseMs: z.number().optional(),
});
export type CaseView = z.infer<typeof caseViewSchema>;

const stagePaceViewSchema = z.object({ pauseMs: z.number(), manual: z.boolean() });

/** What the stage shows while a case plays: the step it waits at (manual pace) and the pace. */
export const stageViewSchema = z.object({
  pace: stagePaceViewSchema,
  /** The next step, while the run waits for "next" (manual) or its pause. */
  waiting: z.object({ stepId: z.string(), label: z.string(), labelSaid: saidSchema.optional(), manual: z.boolean() }).nullable(),
});
export type StageView = z.infer<typeof stageViewSchema>;

const runKindSchema = z.enum(['suite', 'stage']);
export type RunKind = z.infer<typeof runKindSchema>;
const runStatusSchema = z.enum(['running', 'passed', 'failed', 'cancelled']);
export type RunStatus = z.infer<typeof runStatusSchema>;

export const scenarioRunViewSchema = z.object({
  id: z.string(),
  /** How many progress items the view has applied: a page that has a view and receives items skips those it has. */
  version: z.number(),
  kind: runKindSchema,
  status: runStatusSchema,
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  total: z.number(),
  passed: z.number(),
  failed: z.number(),
  notRun: z.number(),
  wallMs: z.number().nullable(),
  cases: z.array(caseViewSchema),
  stage: stageViewSchema.nullable(),
});
export type ScenarioRunView = z.infer<typeof scenarioRunViewSchema>;

/** What the stage should show now: the PC page opening (a new login), or the phone of a persona. */
export const stageCueSchema = z.discriminatedUnion('kind', [z.object({ kind: z.literal('page'), appId: z.string() }), z.object({ kind: z.literal('phone'), personaId: z.string() })]);
export type StageCue = z.infer<typeof stageCueSchema>;

/** One change to a run; the server keeps its view with the same reducer the page applies. */
export const scenarioProgressSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('started'), runs: z.array(runRefSchema) }),
  z.object({ t: z.literal('case'), id: z.string() }),
  z.object({ t: z.literal('step'), caseId: z.string(), stepId: z.string(), label: z.string(), labelSaid: saidSchema.optional(), line: z.number() }),
  z.object({ t: z.literal('step-done'), caseId: z.string(), step: flatStepSchema }),
  /** A finished case with every step (nested ones flattened after their parent, skipped ones included). */
  z.object({ t: z.literal('case-done'), id: z.string(), status: z.enum(['passed', 'failed']), failure: caseFailureSchema.optional(), wallMs: z.number(), caseMs: z.number(), steps: z.array(stepViewSchema) }),
  z.object({ t: z.literal('stage'), stage: stageViewSchema }),
  z.object({ t: z.literal('cue'), cue: stageCueSchema }),
  z.object({ t: z.literal('done'), status: runStatusSchema, passed: z.number(), failed: z.number(), notRun: z.number(), wallMs: z.number(), at: z.number() }),
]);
export type ScenarioProgress = z.infer<typeof scenarioProgressSchema>;

/** GET /api/scenarios/runs: recent runs, their cases left out (an empty list). */
export const scenarioRunListSchema = z.object({ runs: z.array(scenarioRunViewSchema) });

/** GET /api/scenarios/runs/{id}/entries/{entryId}: a journal entry of a case's own world. */
export const scenarioEntrySchema = z.object({ caseId: z.string(), entry: journalEntrySchema });

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
        steps: upsertStep(c.steps, { id: p.stepId, kind: '', label: p.label, ...(p.labelSaid ? { labelSaid: p.labelSaid } : {}), line: p.line, status: 'running', at: 0, ms: 0, wallMs: 0, journalIds: [] }),
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
