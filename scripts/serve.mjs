// `npm run serve -- [flags]`: the headless studio. Builds first when needed, then runs out/main/serve.js.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildIfStale, ROOT } from './build-if-stale.mjs';

const args = process.argv.slice(2);
if (!args.includes('--help') && !args.includes('-h')) buildIfStale();
const child = spawn(process.execPath, [path.join(ROOT, 'out/main/serve.js'), ...args], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
