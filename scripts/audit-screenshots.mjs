// Screenshots of the audit's HTML report for the README: audits a node-webot server in safe mode (the one
// the tests use) with the built CLI, then opens the report in Debian's Chromium. Run after `npm run build`.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'docs/screenshots');
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const env = { TOKEN: 'auditToken123', APPID: 'wx1234567890abcdef', AES_KEY: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' };

const server = spawn(process.execPath, [path.join(root, 'test/integration/audit/webot-server.mjs')], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'ignore'] });
const { port } = await new Promise((resolve) => server.stdout.once('data', (d) => resolve(JSON.parse(String(d)))));
const html = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'audit-shot-')), 'report.html');
const args = ['audit', '--url', `http://127.0.0.1:${port}/wechat`, '--token', env.TOKEN, '--mode', 'safe', '--aes-key', env.AES_KEY, '--app-id', env.APPID, '--html', html];
const run = spawnSync(process.execPath, [path.join(root, 'out/main/cli.js'), ...args], { encoding: 'utf8' });
process.stdout.write(run.stdout);
server.kill();

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
await page.goto(`file://${html}`);
await page.screenshot({ path: path.join(out, 'audit-report.png') });
const check = page.locator('#REP-02');
await check.locator('details').first().evaluate((d) => (d.open = true));
await check.screenshot({ path: path.join(out, 'audit-report-check.png') });
await browser.close();
console.log(`screenshots in ${out}`);
