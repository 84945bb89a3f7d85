import type { JournalEntry } from '../../src-main/contracts/api';
import type {
  CaseResult,
  PlayOnStageInput,
  ReportFormat,
  ScenarioCheckResult,
  ScenarioLibrary,
  ScenarioRunView,
  StagePace,
  StartRunInput,
  UserScenarioFile,
} from '../../src-main/contracts/scenarios';
import type { Http } from './http';

const enc = encodeURIComponent;

/** The Scenarios page's routes (see src-main/core/studio/scenario-routes.ts). */
export function createScenarioApi(http: Http) {
  return {
    scenarioLibrary: () => http.request<ScenarioLibrary>('GET', '/api/scenarios/library'),
    checkScenarioFile: (file: UserScenarioFile) => http.request<ScenarioCheckResult>('POST', '/api/scenarios/check', file),
    startScenarioRun: (body: StartRunInput) => http.request<ScenarioRunView>('POST', '/api/scenarios/runs', body),
    playOnStage: (body: PlayOnStageInput) => http.request<ScenarioRunView>('POST', '/api/scenarios/stage', body),
    scenarioRuns: () => http.request<{ runs: ScenarioRunView[] }>('GET', '/api/scenarios/runs'),
    scenarioRun: (id: string) => http.request<ScenarioRunView>('GET', `/api/scenarios/runs/${enc(id)}`),
    scenarioCase: (id: string, index: number) => http.request<CaseResult>('GET', `/api/scenarios/runs/${enc(id)}/cases/${index}`),
    scenarioEntry: (id: string, entryId: string) => http.request<{ caseId: string; entry: JournalEntry }>('GET', `/api/scenarios/runs/${enc(id)}/entries/${enc(entryId)}`),
    cancelScenarioRun: (id: string) => http.request<ScenarioRunView>('POST', `/api/scenarios/runs/${enc(id)}/cancel`),
    stageNext: (id: string) => http.request<ScenarioRunView>('POST', `/api/scenarios/runs/${enc(id)}/next`),
    stagePace: (id: string, pace: Partial<StagePace>) => http.request<ScenarioRunView>('PUT', `/api/scenarios/runs/${enc(id)}/pace`, pace),
  };
}

/** Where a finished run's report downloads from (a plain link: the browser sends the studio's cookie). */
export function scenarioReportUrl(id: string, format: ReportFormat): string {
  return `/api/scenarios/runs/${enc(id)}/report/${format}`;
}
