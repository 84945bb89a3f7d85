import fs from 'node:fs';
import path from 'node:path';
import { scenarioJsonSchema } from '../../core/scenarios/json-schema';
import { loadBuiltin, loadScenarioPaths } from '../../core/scenarios/load';
import { formatProblem, type Suite } from '../../core/scenarios/model';
import { planRuns, runTitle } from '../../core/scenarios/plan';
import { htmlReport } from '../../core/scenarios/report-html';
import { jsonReport } from '../../core/scenarios/report-json';
import { junitReport } from '../../core/scenarios/report-junit';
import type { RunResult } from '../../core/scenarios/results';
import { runScenarios } from '../../core/scenarios/runner';
import type { ThreadEntry } from '../../core/scenarios/threads';
import { parseTestArgs, TEST_USAGE, UsageError, type TestArgs } from './args';
import { createProgress, type Writer } from './output';

/**
 * `follow-studio test`: load and check every file first (a bad file runs nothing: exit 2), plan the
 * runs, run them with live progress, write the reports, exit 0 or 1.
 */

export interface TestEnv {
  /** The built-in library's folder (scenarios/builtin). */
  builtinDir: string;
  /** With --threads, worker threads start this script; otherwise cases run side by side on this thread. */
  threads?: ThreadEntry;
  stdout: Writer;
  stderr: Writer;
  cwd?: string;
}

function load(args: TestArgs, env: TestEnv): Suite[] {
  if (args.paths.length === 0 && !args.builtin) throw new UsageError('nothing to run: name scenario files or folders, or add --builtin');
  const problems = [];
  const suites: Suite[] = [];
  if (args.builtin) {
    const b = loadBuiltin(env.builtinDir);
    suites.push(...b.suites);
    problems.push(...b.problems);
  }
  if (args.paths.length) {
    const l = loadScenarioPaths(args.paths, env.cwd ? { cwd: env.cwd } : {});
    suites.push(...l.suites);
    problems.push(...l.problems);
  }
  if (problems.length) {
    const lines = problems.map(formatProblem).join('\n');
    throw new UsageError(`${lines}\n${problems.length} problem${problems.length === 1 ? '' : 's'} in scenario files; nothing was run`);
  }
  return suites;
}

function writeReports(args: TestArgs, run: RunResult, env: TestEnv): void {
  const reports: Array<[string | undefined, () => string]> = [
    [args.junit, () => junitReport(run)],
    [args.html, () => htmlReport(run)],
    [args.json, () => jsonReport(run)],
  ];
  for (const [file, render] of reports) {
    if (!file) continue;
    const full = path.resolve(env.cwd ?? process.cwd(), file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, render());
    env.stdout.write(`report: ${file}\n`);
  }
}

/** Runs the command; resolves to the exit code (never calls process.exit, so tests can call it). */
export async function runTestCommand(argv: string[], env: TestEnv): Promise<number> {
  let args: TestArgs;
  let suites: Suite[];
  try {
    args = parseTestArgs(argv);
    if (args.help) {
      env.stdout.write(TEST_USAGE);
      return 0;
    }
    if (args.schema) {
      env.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
      return 0;
    }
    suites = load(args, env);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    env.stderr.write(`follow-studio test: ${err.message}\n`);
    if (!/problem/.test(err.message)) env.stderr.write('Run "follow-studio test --help" for the flags.\n');
    return 2;
  }
  const runs = planRuns(suites, { ...(args.modes ? { modes: args.modes } : {}), ...(args.grep ? { grep: args.grep } : {}), ...(args.tags ? { tags: args.tags } : {}), ...(args.shard ? { shard: args.shard } : {}) });
  if (runs.length === 0 && !args.shard) {
    env.stderr.write('follow-studio test: no case matches the given --modes, --grep and --tags\n');
    return 2;
  }
  if (args.list) {
    for (const r of runs) env.stdout.write(`${runTitle(r)}  ${r.file}\n`);
    env.stdout.write(`${runs.length} runs\n`);
    return 0;
  }
  const progress = createProgress(env.stdout);
  const run = await runScenarios(
    runs,
    { workers: args.workers, bail: args.bail, ...(args.shard ? { shard: args.shard } : {}), ...(args.threads && env.threads ? { threads: env.threads } : {}) },
    progress.onEvent,
  );
  progress.finish(run);
  writeReports(args, run, env);
  return run.failed > 0 ? 1 : 0;
}
