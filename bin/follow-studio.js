#!/usr/bin/env node
// follow-studio <command> [flags] — builds the app first when the sources are newer, then runs
// out/main/cli.js (see README "Commands").
import path from 'node:path';
import fs from 'node:fs';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const builder = path.join(root, 'scripts', 'build-if-stale.mjs');
if (fs.existsSync(builder) && !args.includes('--help') && !args.includes('-h')) {
  const { buildIfStale } = await import(builder);
  buildIfStale();
}
const child = spawn(process.execPath, [path.join(root, 'out/main/cli.js'), ...args], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
