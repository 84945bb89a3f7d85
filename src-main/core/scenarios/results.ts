import type { Said } from '../../contracts/said';
import type { CaseResult, RunRef, RunResult, StepResult } from '../../contracts/scenarios';

/** What a run produces: the JSON report is `RunResult`, and the JUnit and HTML reports are made from it. */
export type { CaseFailure, CaseResult, Check, RunRef, RunResult, StepResult, StepStatus, TimelineItem } from '../../contracts/scenarios';

/**
 * Progress, as it happens: what a live terminal line or the studio's Scenarios page shows. Step events
 * carry the journal entry ids recorded during the step.
 */
export type ScenarioEvent =
  | { type: 'run-started'; total: number; workers: number; runs: RunRef[] }
  | { type: 'case-started'; run: RunRef }
  | { type: 'step-started'; runId: string; stepId: string; label: string; labelSaid?: Said; line: number }
  | { type: 'step-finished'; runId: string; step: Omit<StepResult, 'children'> }
  | { type: 'case-finished'; result: CaseResult }
  | { type: 'run-finished'; result: RunResult };

export type ProgressListener = (event: ScenarioEvent) => void;
