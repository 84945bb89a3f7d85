#!/usr/bin/env node
// follow-studio serve [flags]  — the headless studio (see README "Headless mode").
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [command, ...rest] = process.argv.slice(2);
if (command !== 'serve') {
  process.stderr.write('Usage: follow-studio serve [flags]   (follow-studio serve --help lists the flags)\n');
  process.exit(command === undefined || command === '--help' || command === '-h' ? 0 : 2);
}
const child = spawn(process.execPath, [path.join(root, 'out/main/serve.js'), ...rest], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
