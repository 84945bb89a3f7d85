// The built-in scenario library (every case × mode), run with 1 and with 2 workers — side by side on one
// thread (the default), and on two worker threads (--threads) — cases per second, CPU time, and how much
// case time (virtual: expiries, WeChat's timeouts) a real second covers. Figures, not pass/fail.
// Threads start from the built CLI (npm run build first), else from the sources under tsx (slower).
// A first untimed pass warms the engine up, as a long-running host would be.
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
await runScenarios(planRuns(suites, { tags: ['!load'] }), { workers: 1 });
const configs = [
  { label: '1 worker', workers: 1 },
  { label: '2 workers', workers: 2 },
  { label: '2 workers on threads', workers: 2, threads },
];
for (const set of sets) {
  for (const cfg of configs) {
    const cpu0 = process.cpuUsage();
    const r = await runScenarios(set.runs, { workers: cfg.workers, ...(cfg.threads ? { threads: cfg.threads } : {}) });
    const cpu = process.cpuUsage(cpu0);
    const seconds = r.wallMs / 1000;
    const caseSeconds = r.cases.reduce((n, c) => n + c.caseMs, 0) / 1000;
    const row = {
      set: set.name,
      config: cfg.label,
      runs: r.total,
      passed: r.passed,
      failed: r.failed,
      seconds: +seconds.toFixed(1),
      cpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(1),
      casesPerSecond: +(r.total / seconds).toFixed(2),
      caseSecondsPerSecond: Math.round(caseSeconds / seconds),
    };
    rows.push(row);
    console.log(`${set.name}, ${cfg.label}: ${r.total} runs in ${seconds.toFixed(1)} s (CPU ${row.cpuSeconds} s) → ${row.casesPerSecond} cases/s; ${Math.round(caseSeconds)} s of case time (${row.caseSecondsPerSecond}× real time)`);
  }
}
console.log(JSON.stringify({ bench: 'scenarios', rows }));
