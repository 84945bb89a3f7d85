import type {
  ScenarioCheckResult,
  ScenarioFileDto,
  ScenarioMode,
  ScenarioProblem,
  ScenarioProgress,
  ScenarioRunView,
  StagePace,
} from '../../src-main/contracts/scenarios';
import type { ErrorInfo } from './errors';

/** A scenario file the user opened (or dropped) on the Scenarios page, with what the server found in it. */
export interface UserScenarioFile {
  name: string;
  content: string;
  check: ScenarioCheckResult | null;
  error: ErrorInfo | null;
}

export interface ScenarioFilters {
  modes: ScenarioMode[];
  tags: string[];
  grep: string;
}

export interface ScenariosData {
  library: { files: ScenarioFileDto[]; problems: ScenarioProblem[]; loaded: boolean; error: ErrorInfo | null };
  userFiles: UserScenarioFile[];
  filters: ScenarioFilters;
  runs: Record<string, ScenarioRunView | undefined>;
  /** The run the page shows. */
  shownRunId: string | null;
  /** The case × mode the page opened (`file#case[mode]`). */
  openCaseId: string | null;
  /** The case playing on the stage. */
  stageRunId: string | null;
  starting: boolean;
  /** Why the last start was refused (with the problems of a file, if that was why). */
  error: (ErrorInfo & { problems?: ScenarioProblem[] }) | null;
}

export interface PlayRequest {
  file: string;
  case: string;
  mode: ScenarioMode;
  pace: StagePace;
}

export interface ScenarioActions {
  loadScenarioLibrary(): Promise<void>;
  /** The latest run (the page opened after a reload, or in a second window). */
  loadLatestScenarioRun(): Promise<void>;
  openScenarioFile(name: string, content: string): Promise<void>;
  closeScenarioFile(name: string): void;
  setScenarioFilters(patch: Partial<ScenarioFilters>): void;
  /** Runs everything listed (filtered), or one case of one file. */
  startScenarioRun(only?: { file: string; case: string }): Promise<void>;
  cancelScenarioRun(runId: string): Promise<void>;
  openScenarioCase(id: string | null): void;
  /** Shows a run (and one of its cases) on the Scenarios page. */
  showScenarioRun(runId: string, caseId?: string): void;
  /** The stage stops showing the case it played. */
  closeStageRun(): void;
  /** Plays a case on the stage; true when it started. */
  playOnStage(request: PlayRequest): Promise<boolean>;
  stageNext(): Promise<void>;
  setStagePace(pace: Partial<StagePace>): Promise<void>;
  receiveScenario(event: { runId: string; progress: ScenarioProgress[]; version: number; at: number }): void;
}

export const initialScenarios = (): ScenariosData => ({
  library: { files: [], problems: [], loaded: false, error: null },
  userFiles: [],
  filters: { modes: ['plaintext', 'compatible', 'safe'], tags: [], grep: '' },
  runs: {},
  shownRunId: null,
  openCaseId: null,
  stageRunId: null,
  starting: false,
  error: null,
});
