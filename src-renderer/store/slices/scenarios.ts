import { applyProgress, SCENARIO_MODES, type ScenarioProblem, type ScenarioProgress, type ScenarioRunView, type StageCue, type StartRunInput } from '../../../src-main/contracts/scenarios';
import { ApiError } from '../../api/http';
import { toErrorInfo } from '../errors';
import type { ScenarioActions, ScenariosData, UserScenarioFile } from '../scenarios-types';
import type { Get, Set, StoreDeps, StudioState } from '../types';

/** A cue older than this arrived as the stream's history (a reload): the stage does not act on it. */
const CUE_FRESH_MS = 5000;

const isBuiltin = (file: string): boolean => file.startsWith('builtin/');

function problemsOf(err: unknown): ScenarioProblem[] | undefined {
  const body = err instanceof ApiError ? (err.body as { problems?: ScenarioProblem[] } | undefined) : undefined;
  return body?.problems;
}

/** The request of "Run all" (the library and the user's files that have no problem, filtered) or of one case. */
export function runRequest(s: ScenariosData, only?: { file: string; case: string }): StartRunInput {
  const valid = s.userFiles.filter((f) => f.check?.suite);
  const files = (names: string[]) => valid.filter((f) => names.includes(f.name)).map((f) => ({ name: f.name, content: f.content }));
  const f = s.filters;
  const modes = f.modes.length < SCENARIO_MODES.length ? { modes: f.modes } : {};
  if (only) {
    return { ...(isBuiltin(only.file) ? { builtin: [only.file] } : { files: files([only.file]) }), cases: [`${only.file}#${only.case}`], ...modes };
  }
  const mine = files(valid.map((v) => v.name));
  return { builtin: true, ...(mine.length ? { files: mine } : {}), ...modes, ...(f.tags.length ? { tags: f.tags } : {}), ...(f.grep.trim() ? { grep: f.grep.trim() } : {}) };
}

type Patch = Partial<ScenariosData> | ((s: ScenariosData) => Partial<ScenariosData>);

export function scenariosSlice(set: Set, get: Get, { api }: StoreDeps): ScenarioActions {
  const patch = (p: Patch): void => set((st: StudioState) => ({ scenarios: { ...st.scenarios, ...(typeof p === 'function' ? p(st.scenarios) : p) } }));
  // An answer (or a fetch) can be older than what the stream already brought: the newer view stays.
  const putRun = (run: ScenarioRunView): void => patch((s) => ((s.runs[run.id]?.version ?? -1) > run.version ? {} : { runs: { ...s.runs, [run.id]: run } }));
  const loading = new Set<string>();

  const loadRun = async (id: string): Promise<void> => {
    if (loading.has(id)) return;
    loading.add(id);
    try {
      putRun(await api.scenarioRun(id));
    } catch {
      // A run the studio no longer keeps: nothing to show.
    } finally {
      loading.delete(id);
    }
  };

  /** The stage follows a case playing: the PC page opens the login page, the phone shows the persona acting. */
  const stageCue = (cue: StageCue): void => {
    const a = get().actions;
    if (cue.kind === 'page') a.setLoginApp(cue.appId);
    else if (get().personaId !== cue.personaId) a.selectPersona(cue.personaId);
  };

  const refuse = (err: unknown): void => {
    const problems = problemsOf(err);
    patch({ error: { ...toErrorInfo(err), ...(problems ? { problems } : {}) } });
  };

  return {
    async loadScenarioLibrary() {
      try {
        const lib = await api.scenarioLibrary();
        patch({ library: { files: lib.files, problems: lib.problems, loaded: true, error: null } });
      } catch (err) {
        patch((s) => ({ library: { ...s.library, loaded: true, error: toErrorInfo(err) } }));
      }
    },
    async loadLatestScenarioRun() {
      try {
        const { runs } = await api.scenarioRuns();
        const latest = runs.find((r) => r.kind === 'suite') ?? runs[0];
        const stage = runs.find((r) => r.kind === 'stage' && r.status === 'running');
        if (stage) patch({ stageRunId: stage.id });
        if (latest && !get().scenarios.shownRunId) {
          patch({ shownRunId: latest.id });
          await loadRun(latest.id);
        }
        if (stage) await loadRun(stage.id);
      } catch {
        // The page still works without the last run.
      }
    },
    async openScenarioFile(name, content) {
      const entry: UserScenarioFile = { name, content, check: null, error: null };
      patch((s) => ({ userFiles: [...s.userFiles.filter((f) => f.name !== name), entry] }));
      let done: UserScenarioFile;
      try {
        done = { ...entry, check: await api.checkScenarioFile({ name, content }) };
      } catch (err) {
        done = { ...entry, error: toErrorInfo(err) };
      }
      patch((s) => ({ userFiles: s.userFiles.map((f) => (f.name === name ? done : f)) }));
    },
    closeScenarioFile(name) {
      patch((s) => ({ userFiles: s.userFiles.filter((f) => f.name !== name) }));
    },
    setScenarioFilters(p) {
      patch((s) => ({ filters: { ...s.filters, ...p } }));
    },
    async startScenarioRun(only) {
      patch({ starting: true, error: null });
      try {
        const run = await api.startScenarioRun(runRequest(get().scenarios, only));
        putRun(run);
        patch({ shownRunId: run.id, openCaseId: null });
      } catch (err) {
        refuse(err);
      } finally {
        patch({ starting: false });
      }
    },
    async cancelScenarioRun(runId) {
      try {
        putRun(await api.cancelScenarioRun(runId));
      } catch (err) {
        refuse(err);
      }
    },
    openScenarioCase(id) {
      patch({ openCaseId: id });
    },
    showScenarioRun(runId, caseId) {
      patch({ shownRunId: runId, openCaseId: caseId ?? null });
    },
    closeStageRun() {
      patch({ stageRunId: null });
    },
    async playOnStage(r) {
      patch({ error: null });
      const file = get().scenarios.userFiles.find((f) => f.name === r.file);
      try {
        const source = isBuiltin(r.file) || !file ? { builtin: r.file } : { file: { name: file.name, content: file.content } };
        const run = await api.playOnStage({ ...source, case: r.case, mode: r.mode, pace: r.pace });
        putRun(run);
        patch({ stageRunId: run.id });
        return true;
      } catch (err) {
        refuse(err);
        return false;
      }
    },
    async stageNext() {
      const id = get().scenarios.stageRunId;
      if (!id) return;
      try {
        putRun(await api.stageNext(id));
      } catch {
        // The step went by itself meanwhile (its pause ended): nothing to do.
      }
    },
    async setStagePace(pace) {
      const id = get().scenarios.stageRunId;
      if (!id) return;
      try {
        putRun(await api.stagePace(id, pace));
      } catch (err) {
        refuse(err);
      }
    },
    receiveScenario({ runId, progress, version, at }) {
      const fresh = Date.now() - at < CUE_FRESH_MS;
      for (const p of progress) if (p.t === 'cue' && fresh) stageCue(p.cue);
      const known = get().scenarios.runs[runId];
      if (!known) {
        // A run this window did not start (another window, a script): shown when nothing else is.
        if (progress.some((p) => p.t === 'started') && fresh) {
          void loadRun(runId).then(() => {
            const run = get().scenarios.runs[runId];
            if (run?.kind === 'stage') patch({ stageRunId: runId });
            else if (run && !get().scenarios.shownRunId) patch({ shownRunId: runId });
          });
        }
        return;
      }
      const before = version - progress.length;
      if (known.version >= version) return; // a fetch brought these already
      if (known.version < before) return void loadRun(runId); // some were missed (a reconnect): fetch the view
      putRun(progress.slice(known.version - before).reduce((v: ScenarioRunView, p: ScenarioProgress) => applyProgress(v, p), known));
    },
  };
}
