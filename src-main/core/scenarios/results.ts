import type { JournalEntry, LoginStatus, PhoneScreen } from '../../contracts/api';
import type { ClockKind } from './model';
import type { Mode } from './schema';

/** What a run produces: the JSON report is this, and the JUnit and HTML reports are made from it. */

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
  /** Journal entries recorded while the step ran (links into the studio's inspector). */
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
  mode: Mode;
  tags: string[];
  clock: ClockKind;
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
  /** Runs not started because --bail stopped the run. */
  notRun: number;
  cases: CaseResult[];
}

/** Reference to one case × mode before it runs. */
export interface RunRef {
  id: string;
  file: string;
  suite: string;
  case: string;
  mode: Mode;
}

/**
 * Progress, as it happens: what a live terminal line or the studio's Scenarios page shows. Step events
 * carry the journal entry ids recorded during the step.
 */
export type ScenarioEvent =
  | { type: 'run-started'; total: number; workers: number; runs: RunRef[] }
  | { type: 'case-started'; run: RunRef }
  | { type: 'step-started'; runId: string; stepId: string; label: string; line: number }
  | { type: 'step-finished'; runId: string; step: Omit<StepResult, 'children'> }
  | { type: 'case-finished'; result: CaseResult }
  | { type: 'run-finished'; result: RunResult };

export type ProgressListener = (event: ScenarioEvent) => void;
