// Time from spawning `node out/main/serve.js --memory` to its ready line (needs a build). Figures only.
import { performance } from 'node:perf_hooks';
import { startServe } from '../test/helpers/serve';

const runs = Number(process.env.RUNS ?? 5);
const times: number[] = [];
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const s = await startServe(['--memory']);
  times.push(performance.now() - t0);
  await s.stop();
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)]!;
console.log(`serve --memory → ready line: median ${median.toFixed(0)} ms, max ${times.at(-1)!.toFixed(0)} ms over ${runs} runs`);
console.log(JSON.stringify({ bench: 'startup', runs, medianMs: Math.round(median), maxMs: Math.round(times.at(-1)!) }));
