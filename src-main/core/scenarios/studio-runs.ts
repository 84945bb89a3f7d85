import type { JournalEntry } from '../../contracts/api';
import {
  DEFAULT_STAGE_PACE,
  emptyRunView,
  type CaseResult,
  type PlayOnStageInput,
  type ReportFormat,
  type RunResult,
  type ScenarioProgress,
  type ScenarioRunView,
  type StagePace,
  type StartRunInput,
} from '../../contracts/scenarios';
import type { Clock } from '../clock';
import { StudioError, notFound } from '../http/errors';
import { planRuns } from './plan';
import { htmlReport } from './report-html';
import { jsonReport } from './report-json';
import { junitReport } from './report-junit';
import type { ProgressListener } from './results';
import { runScenarios } from './runner';
import { createStagePacer, type StagePacer } from './stage-pace';
import { createProgressChannel, progressOf, type ProgressChannel } from './studio-progress';
import { createSources } from './studio-sources';
import { playOnStage } from './studio-stage';
import type { StageHost } from './stage-world';

/**
 * The studio's scenario runs: a run of the library and the user's files (in fresh worlds, side by side),
 * or one case played on the stage. Each run keeps its view (what the Scenarios page shows, built by the
 * same reducer the page applies to the progress it receives) and, as cases finish, their full results.
 */

export interface ScenarioRunsDeps {
  clock: Clock;
  /** The built-in library's folder, or null when this host has none. */
  builtinDir: string | null;
  /** Sends progress on the studio's event stream. */
  publish(runId: string, progress: ScenarioProgress[], version: number): void;
  stage: Omit<StageHost, 'cue'>;
  /** Cases at a time in a library run. */
  workers?: number;
}

interface RunRecord {
  /** The view the channel applies progress to. */
  state: { view: ScenarioRunView };
  channel: ProgressChannel;
  results: CaseResult[];
  result: RunResult | null;
  abort: AbortController;
  pacer?: StagePacer;
  done: Promise<void>;
}

/** Finished runs kept for the page (their timelines hold every push): the oldest go first. */
const KEEP_RUNS = 6;
let counter = 0;

export function createScenarioRuns(deps: ScenarioRunsDeps) {
  const sources = createSources(deps.builtinDir);
  const runs = new Map<string, RunRecord>();

  function begin(kind: 'suite' | 'stage', stage: StagePace | null): RunRecord {
    for (const r of runs.values()) {
      if (r.state.view.kind === kind && r.state.view.status === 'running') {
        throw new StudioError(409, 'run_in_progress', kind === 'stage' ? 'a case is already playing on the stage; stop it first' : 'a scenario run is in progress; stop it or wait for it to finish');
      }
    }
    const id = `run_${deps.clock.now().toString(36)}_${(++counter).toString(36)}`;
    const state = { view: emptyRunView(id, kind, deps.clock.now(), stage ? { pace: stage, waiting: null } : null) };
    const channel = createProgressChannel(deps.clock, state, (items, version) => deps.publish(id, items, version));
    const record: RunRecord = { state, channel, results: [], result: null, abort: new AbortController(), done: Promise.resolve() };
    runs.set(id, record);
    for (const old of [...runs.values()].filter((r) => r.state.view.status !== 'running').slice(0, Math.max(0, runs.size - KEEP_RUNS))) runs.delete(old.state.view.id);
    return record;
  }

  function listener(record: RunRecord): ProgressListener {
    return (e) => {
      if (e.type === 'case-finished') record.results.push(e.result);
      const item = progressOf(e);
      if (item) record.channel.push(item);
    };
  }

  function finish(record: RunRecord, result: RunResult): void {
    record.result = result;
    const stopped = record.abort.signal.aborted;
    const status = stopped ? 'cancelled' : result.failed > 0 ? 'failed' : 'passed';
    record.channel.push({ t: 'done', status, passed: result.passed, failed: result.failed, notRun: result.notRun, wallMs: result.wallMs, at: deps.clock.now() }, true);
  }

  function get(id: string): RunRecord {
    const r = runs.get(id);
    if (!r) throw notFound('scenario run', id, 'id');
    return r;
  }

  function finished(id: string): RunResult {
    const r = get(id);
    if (!r.result) throw new StudioError(409, 'run_in_progress', 'the run has not finished yet; its report is made when it ends', 'id');
    return r.result;
  }

  return {
    library: sources.library,
    check: sources.check,

    /** Starts a run of the library and/or the user's files; validated completely before anything runs. */
    start(input: StartRunInput): ScenarioRunView {
      const suites = sources.load(input);
      const wanted = input.cases ? new Set(input.cases) : null;
      let planned = planRuns(suites, { ...(input.modes ? { modes: input.modes } : {}), ...(input.tags ? { tags: input.tags } : {}), ...(input.grep ? { grep: new RegExp(input.grep, 'i') } : {}) });
      if (wanted) {
        const known = new Set(suites.flatMap((s) => s.cases.map((c) => `${s.file}#${c.name}`)));
        input.cases!.forEach((c, i) => {
          if (!known.has(c)) throw new StudioError(422, 'invalid_field', `cases.${i}: no case "${c}" (write it as file#case name)`, `cases.${i}`);
        });
        planned = planned.filter((r) => wanted.has(`${r.file}#${r.case}`));
      }
      if (planned.length === 0) {
        const field = input.grep !== undefined ? 'grep' : input.tags ? 'tags' : input.modes ? 'modes' : 'cases';
        throw new StudioError(422, 'invalid_field', `${field}: no case matches the modes, tags and grep given`, field);
      }
      const record = begin('suite', null);
      const options = { workers: input.workers ?? deps.workers ?? 2, signal: record.abort.signal };
      record.done = runScenarios(planned, options, listener(record)).then((result) => finish(record, result));
      return record.state.view;
    },

    /** Plays one case on the stage: the studio's own world, on the wall clock, at the pace asked for. */
    play(input: PlayOnStageInput): ScenarioRunView {
      const suites = sources.load(input.builtin !== undefined ? { builtin: [input.builtin] } : { files: [input.file!] });
      const suite = suites[0]!;
      const c = suite.cases.find((x) => x.name === input.case);
      if (!c) throw new StudioError(422, 'invalid_field', `case: ${suite.file} has no case "${input.case}"`, 'case');
      const mode = input.mode ?? c.modes[0]!;
      if (!c.modes.includes(mode)) throw new StudioError(422, 'invalid_field', `mode: the case runs in ${c.modes.join(', ')}`, 'mode');
      const pace = { ...DEFAULT_STAGE_PACE, ...input.pace };
      const record = begin('stage', pace);
      record.pacer = createStagePacer(deps.clock, pace, (stage) => record.channel.push({ t: 'stage', stage }, true));
      record.done = playOnStage({ host: deps.stage, suite, c, mode, pacer: record.pacer, emit: listener(record), cue: (cue) => record.channel.push({ t: 'cue', cue }, true) }).then((result) => finish(record, result));
      return record.state.view;
    },

    list(): ScenarioRunView[] {
      return [...runs.values()].map((r) => ({ ...r.state.view, cases: [] })).reverse();
    },
    get: (id: string): ScenarioRunView => get(id).state.view,

    /** A finished case with its steps and timeline, by its place in the run. */
    caseResult(id: string, index: number): CaseResult {
      const r = get(id);
      const ref = r.state.view.cases[index];
      if (!ref) throw new StudioError(404, 'not_found', `the run has no case ${index}`, 'index');
      const found = r.results.find((c) => c.id === ref.id);
      if (!found) throw new StudioError(409, 'not_finished', `"${ref.case}" [${ref.mode}] has not finished`, 'index');
      return found;
    },

    /** A journal entry of a case's own world (from its timeline). */
    entry(id: string, entryId: string): { caseId: string; entry: JournalEntry } {
      for (const c of get(id).results) {
        for (const t of c.timeline) if (t.type === 'journal' && t.entry.id === entryId) return { caseId: c.id, entry: t.entry };
      }
      throw notFound('journal entry of this run', entryId, 'entryId');
    },

    report(id: string, format: ReportFormat): { body: string; type: string; filename: string } {
      const result = finished(id);
      if (format === 'html') return { body: htmlReport(result), type: 'text/html; charset=utf-8', filename: `scenarios-${id}.html` };
      if (format === 'junit') return { body: junitReport(result), type: 'application/xml; charset=utf-8', filename: `scenarios-${id}.xml` };
      return { body: jsonReport(result), type: 'application/json; charset=utf-8', filename: `scenarios-${id}.json` };
    },

    /** Stops a run: no new case starts; on the stage the waiting (or next) step fails "the run was stopped". */
    cancel(id: string): ScenarioRunView {
      const r = get(id);
      if (r.state.view.status === 'running') {
        r.abort.abort();
        r.pacer?.stop();
      }
      return r.state.view;
    },
    next(id: string): ScenarioRunView {
      const r = get(id);
      if (!r.pacer || r.state.view.status !== 'running') throw new StudioError(409, 'not_playing', 'this run is not a case playing on the stage', 'id');
      if (!r.pacer.next()) throw new StudioError(409, 'not_waiting', 'the stage is not waiting for a step right now', 'id');
      return r.state.view;
    },
    pace(id: string, pace: Partial<StagePace>): ScenarioRunView {
      const r = get(id);
      if (!r.pacer || r.state.view.status !== 'running') throw new StudioError(409, 'not_playing', 'this run is not a case playing on the stage', 'id');
      r.pacer.setPace(pace);
      return r.state.view;
    },

    /** The studio is stopping: every run stops; waits a little for them to end. */
    async stop(): Promise<void> {
      for (const r of runs.values()) {
        r.abort.abort();
        r.pacer?.stop();
      }
      const grace = new AbortController();
      await Promise.race([Promise.allSettled([...runs.values()].map((r) => r.done)), deps.clock.sleep(5000, grace.signal).catch(() => undefined)]);
      grace.abort();
    },
  };
}

export type ScenarioRuns = ReturnType<typeof createScenarioRuns>;
