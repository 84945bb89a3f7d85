/**
 * The scenario engine's API, for every host: the CLI (`follow-studio test`) and the studio's Scenarios page.
 *
 *   const { suites, problems } = loadScenarioPaths(['qa/login.yaml']);   // or loadBuiltin(dir), parseScenarios(text, name)
 *   const result = await runSuites(suites, { workers: 2, modes: ['safe'] }, (event) => show(event));
 *
 * Events arrive as they happen (run, case and step started/finished; a finished step carries the ids of
 * the journal entries it caused); the result holds every case × mode with its steps, checks and timeline.
 */
import type { PlanOptions } from './plan';
import { planRuns } from './plan';
import type { ProgressListener, RunResult } from './results';
import { runScenarios, type RunOptions } from './runner';
import type { Suite } from './model';

export { loadBuiltin, loadScenarioPaths } from './load';
export { parseScenarios } from './parse';
export { planRuns, runTitle, type PlanOptions, type PlannedRun } from './plan';
export { runScenarios, type RunOptions } from './runner';
export { runCase } from './run-case';
export { scenarioJsonSchema } from './json-schema';
export { htmlReport } from './report-html';
export { junitReport } from './report-junit';
export { jsonReport } from './report-json';
export { ScenarioFormatError, formatProblem, type Case, type FormatProblem, type Step, type Suite } from './model';
export type * from './results';

/** Plans every case × mode of `suites` (filtered and sharded by `options`) and runs them. */
export function runSuites(suites: Suite[], options: RunOptions & PlanOptions = {}, onEvent?: ProgressListener): Promise<RunResult> {
  return runScenarios(planRuns(suites, options), options, onEvent);
}
