#!/usr/bin/env node
// npm run screenshots:report — PNGs of the scenario HTML report for the README (run `npm run build` first).
// Runs `follow-studio test` on a few built-in cases and a case that must fail, then photographs the report
// in Chromium (Debian's, /usr/bin/chromium or $CHROMIUM_PATH): docs/screenshots/scenario-report*.png.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'docs', 'screenshots');
const cli = path.join(root, 'out', 'main', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('screenshots:report: the app is not built; run `npm run build` first\n');
  process.exit(1);
}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'follow-studio-report-'));
const report = path.join(tmp, 'report.html');
const args = [cli, 'test', 'test/fixtures/scenarios/must-fail.yaml', '--builtin', '--modes', 'safe', '--html', report,
  '--grep', 'new user follows|existing follower scans|slow server answered|wrong Token$|expired QR|admitted under login-only'];
const run = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (!fs.existsSync(report)) {
  process.stderr.write(`screenshots:report: no report was written (exit code ${run.status})\n`);
  process.exit(1);
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium' });
const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
await page.goto(`file://${report}`);
await page.screenshot({ path: path.join(outDir, 'scenario-report.png') });
// The slow server: WeChat's three 5-second attempts on the virtual clock, one login.
await page.evaluate(() => {
  for (const d of document.querySelectorAll('details.case')) d.open = d.dataset.title.includes('slow server');
});
await page.locator('details.case[open]').scrollIntoViewIfNeeded();
await page.evaluate(() => document.querySelector('details.case[open]').scrollIntoView({ block: 'start' }));
await page.screenshot({ path: path.join(outDir, 'scenario-report-timeline.png') });
await browser.close();
fs.rmSync(tmp, { recursive: true, force: true });
console.log('wrote docs/screenshots/scenario-report.png and scenario-report-timeline.png');
