// `npm start`: the desktop app. Runs the Electron shell when Electron's binary is present (or can be
// fetched); otherwise says so in one line and gives the user the same app: the headless studio plus a
// Chromium --app window when a display and Chromium exist, or else the link to open.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { createRequire } from 'node:module';
import { spawn, spawnSync } from 'node:child_process';
import { buildIfStale, ROOT } from './build-if-stale.mjs';

const require = createRequire(import.meta.url);
const passThrough = process.argv.slice(2);

function electronBinary() {
  const dir = path.join(ROOT, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile)) {
    // Electron fetches its binary on first use; give that one bounded, quiet try.
    if (process.env.FOLLOW_STUDIO_NO_ELECTRON) return null;
    const r = spawnSync(process.execPath, [path.join(dir, 'install.js')], { stdio: 'ignore', timeout: 60_000 });
    if (r.status !== 0 || !fs.existsSync(pathFile)) return null;
  }
  const bin = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(bin) ? bin : null;
}

function findChromium() {
  for (const c of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) {
    if (c && fs.existsSync(c)) return c;
  }
  return null;
}

buildIfStale();
let electron = null;
try {
  require.resolve('electron');
  electron = electronBinary();
} catch {
  electron = null;
}

if (electron) {
  const child = spawn(electron, [ROOT, ...passThrough], { stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  process.stderr.write(
    "follow-studio: Electron's binary is not installed and could not be downloaded; starting the studio in your browser instead.\n",
  );
  // The same data folder the desktop window would use.
  const dataDir = path.join(process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'), 'follow-studio', 'data');
  const server = spawn(process.execPath, [path.join(ROOT, 'out/main/serve.js'), '--data', dataDir, '--quiet', ...passThrough], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let windowProc = null;
  const stop = () => {
    windowProc?.kill('SIGTERM');
    server.kill('SIGTERM');
  };
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, stop);
  server.on('exit', (code) => {
    windowProc?.kill('SIGTERM');
    process.exit(code ?? 0);
  });
  readline.createInterface({ input: server.stdout }).on('line', (line) => {
    let ready;
    try {
      ready = JSON.parse(line);
    } catch {
      return;
    }
    if (ready.event !== 'ready') return;
    const chromium = findChromium();
    if (chromium && (process.env.DISPLAY || process.env.WAYLAND_DISPLAY)) {
      const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'follow-studio-window-'));
      const flags = [`--app=${ready.ui}`, `--user-data-dir=${profile}`, '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--window-size=1440,900'];
      // Chromium refuses to run as root without --no-sandbox; --test-type drops the warning bar that flag brings.
      if (process.getuid?.() === 0) flags.push('--no-sandbox', '--test-type');
      windowProc = spawn(chromium, flags, { stdio: 'ignore' });
      windowProc.on('exit', () => {
        fs.rmSync(profile, { recursive: true, force: true });
        server.kill('SIGTERM');
      });
      process.stderr.write(`follow-studio: the studio is open in a Chromium window (close it to quit). Link: ${ready.studio}\n`);
    } else {
      process.stderr.write(`follow-studio: open this link in a browser (Ctrl-C to quit): ${ready.ui}\n`);
    }
  });
}
