// Builds the app (electron-vite) when out/ is missing or older than the sources. Build output goes to
// stderr so that a host's stdout stays reserved for its ready line.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newest(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of fs.readdirSync(p)) max = Math.max(max, newest(path.join(p, name)));
  return max;
}

export function isStale() {
  const built = ['out/main/serve.js', 'out/main/cli.js', 'out/main/index.js', 'out/renderer/index.html'].map((f) => newest(path.join(ROOT, f)));
  if (built.some((t) => t === 0)) return true;
  const sources = Math.max(
    ...['src-main', 'src-renderer', 'src-login-page', 'resources', 'electron.vite.config.ts', 'package.json'].map((f) => newest(path.join(ROOT, f))),
  );
  return sources > Math.min(...built);
}

export function buildIfStale() {
  if (!isStale()) return;
  process.stderr.write('follow-studio: building the app (first run or sources changed)…\n');
  const bin = path.join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const r = spawnSync(process.execPath, [bin, 'build'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) {
    process.stderr.write('follow-studio: the build failed; see the messages above\n');
    process.exit(r.status ?? 1);
  }
}
