// `npm run bench`: runs every benchmark in turn and prints their figures (no pass/fail).
// Benchmarks that spawn the headless host need a build (`npm run build`) first.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const here = import.meta.dirname;
const only = process.argv.slice(2);
const benches = ['crypto', 'push', 'login', 'startup', 'scenarios'].filter((b) => only.length === 0 || only.includes(b));
let failed = 0;
for (const name of benches) {
  const file = path.join(here, `${name}.ts`);
  if (!fs.existsSync(file)) continue;
  console.log(`\n== bench/${name} ==`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
