// The built-in scenario library (every case × mode), run with 1 and with 2 workers: cases per second and
// how much case time (virtual: expiries, WeChat's timeouts) a real second covers. Figures, not pass/fail.
// Two workers run on worker threads started from the built CLI (npm run build first), else from the
// TypeScript sources under tsx (slower to start).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadBuiltin } from '../src-main/core/scenarios/load';
import { planRuns } from '../src-main/core/scenarios/plan';
import { runScenarios } from '../src-main/core/scenarios/runner';
import type { ThreadEntry } from '../src-main/core/scenarios/threads';

const root = path.resolve(import.meta.dirname, '..');
const { suites, problems } = loadBuiltin(path.join(root, 'scenarios/builtin'));
if (problems.length) throw new Error(problems.map((p) => p.message).join('\n'));
const built = path.join(root, 'out/main/cli.js');
const threads: ThreadEntry = fs.existsSync(built)
  ? { url: pathToFileURL(built) }
  : { url: new URL('../src-main/core/scenarios/worker-entry.ts', import.meta.url), execArgv: ['--import', 'tsx'] };

const sets = [
  { name: 'library', runs: planRuns(suites) },
  { name: 'library without the 50-user case', runs: planRuns(suites, { tags: ['!load'] }) },
];
const rows: Array<Record<string, unknown>> = [];
for (const set of sets) {
  for (const workers of [1, 2]) {
    const r = await runScenarios(set.runs, { workers, threads });
    const seconds = r.wallMs / 1000;
    const caseSeconds = r.cases.reduce((n, c) => n + c.caseMs, 0) / 1000;
    const row = { set: set.name, workers, runs: r.total, passed: r.passed, failed: r.failed, seconds: +seconds.toFixed(1), casesPerSecond: +(r.total / seconds).toFixed(2), caseSecondsPerSecond: Math.round(caseSeconds / seconds) };
    rows.push(row);
    console.log(`${set.name}, ${workers} worker${workers > 1 ? 's' : ''}: ${r.total} runs in ${seconds.toFixed(1)} s → ${row.casesPerSecond} cases/s; ${Math.round(caseSeconds)} s of case time (${row.caseSecondsPerSecond}× real time)`);
  }
}
console.log(JSON.stringify({ bench: 'scenarios', rows }));
