#!/usr/bin/env node
// npm run screenshots — PNGs of the studio for the README, taken from the built app (it builds nothing:
// run `npm run build` first). Spawns `node out/main/serve.js --memory`, drives the UI with playwright-core's
// Chromium (Debian's, at /usr/bin/chromium or $CHROMIUM_PATH) through a login mid-flow, each console and
// the inspector, and writes docs/screenshots/*.png. Offline: nothing but the three loopback servers.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'docs', 'screenshots');
const serveJs = path.join(root, 'out', 'main', 'serve.js');
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const VIEWPORT = { width: 1440, height: 900 };

function fail(message) {
  process.stderr.write(`screenshots: ${message}\n`);
  process.exit(1);
}

if (!fs.existsSync(serveJs) || !fs.existsSync(path.join(root, 'out', 'renderer', 'index.html'))) {
  fail('the app is not built; run `npm run build` first');
}
if (!fs.existsSync(executablePath)) fail(`no Chromium at ${executablePath} (apt-get install chromium, or set CHROMIUM_PATH)`);

/** Starts the headless host and resolves with its ready line. */
function startServe() {
  const child = spawn(process.execPath, [serveJs, '--memory', '--quiet'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not get ready in 20 s: ${stderr}`)), 20_000);
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        const v = JSON.parse(line);
        if (v.event === 'ready') {
          clearTimeout(timer);
          resolve(v);
        }
      } catch {
        // not the ready line
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited (${code}): ${stderr}`)));
  });
  return { child, ready };
}

const shots = [];
async function shot(page, name, what) {
  // Let transitions and the event stream settle; screenshots are documentation, not tests.
  await page.waitForTimeout(350);
  const file = path.join(outDir, `${name}.png`);
  await page.screenshot({ path: file });
  shots.push(`${path.relative(root, file)}  ${what}`);
}

const nav = (page, name) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  const { child, ready: readyP } = startServe();
  const ready = await readyP;
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  try {
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, colorScheme: 'light', locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(ready.ui);
    await page.getByRole('status', { name: /event stream: Live/ }).waitFor();

    // Stage, mid-flow: the PC page shows its QR code, the phone scanned it and offers Follow.
    const pc = page.frameLocator('iframe[title="PC login page"]');
    await pc.locator('body[data-login-status="PENDING"]').waitFor();
    await page.getByText('The page shows a login QR code').waitFor();
    await shot(page, 'stage-qr', 'Stage: the hosted login page with its QR code beside the phone');
    const phone = page.getByRole('region', { name: 'Phone' });
    await phone.getByRole('button', { name: /Scan/ }).click();
    await phone.getByRole('button', { name: /Follow/ }).waitFor();
    await shot(page, 'stage-scanned', 'Stage mid-flow: the phone decoded the QR code and shows the account with Follow');
    await phone.getByRole('button', { name: /Follow/ }).click();
    await pc.locator('body[data-login-status="AUTHORIZED"]').waitFor();
    await phone.getByRole('log').locator('[data-from="account"]').first().waitFor();
    await shot(page, 'stage-signed-in', 'Stage: signed in on the PC, the account\'s reply in the chat');

    // Inspector: the subscribe push, verdict and decryption.
    await page.getByRole('button', { name: 'Inspect this push' }).click();
    await page.getByRole('article', { name: 'Journal entry' }).getByTestId('verdict').waitFor();
    await shot(page, 'inspector', 'Inspector: the live timeline and the subscribe push with its verdict');
    const detail = page.getByRole('article', { name: 'Journal entry' });
    await detail.getByRole('region', { name: 'Signature' }).scrollIntoViewIfNeeded();
    await shot(page, 'inspector-signature', 'Inspector: signature computation (sorted inputs, SHA-1) and the decryption');

    // WeChat console: server configuration of the demo account.
    await nav(page, 'WeChat console');
    await page.getByRole('tab', { name: 'Basic configuration' }).click();
    await shot(page, 'wechat-console', 'WeChat console: basic configuration (AppID, AppSecret reset)');
    await page.getByRole('tab', { name: 'Server configuration' }).click();
    await page.getByRole('form', { name: 'Server configuration' }).getByRole('button', { name: 'Submit' }).click();
    await page.getByText(/URL verification passed/).waitFor();
    await shot(page, 'wechat-console-server', 'WeChat console: server configuration, verified by WeChat on submit');
    await page.getByRole('tab', { name: 'Followers' }).click();
    await page.getByRole('table', { name: 'Followers' }).waitFor();
    await shot(page, 'wechat-console-followers', 'WeChat console: followers');

    // Login console: identity sources, the form with its per-field rules, users, sessions.
    await nav(page, 'Login console');
    await page.getByRole('tab', { name: 'Identity sources' }).click();
    await shot(page, 'login-console', 'Login console: the WeChat Official Account Follow identity source');
    await page.getByRole('button', { name: 'Create identity source' }).click();
    const form = page.getByRole('form', { name: 'New identity source' });
    await form.getByLabel('Unique ID').fill('Bad ID');
    await form.getByLabel('Token', { exact: true }).fill('x');
    await form.getByRole('button', { name: 'Create' }).click();
    await form.getByRole('alert').first().waitFor();
    await form.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, 'login-console-form', 'Login console: the identity source form with per-field errors');
    await form.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('tab', { name: 'Users' }).click();
    await page.getByRole('table', { name: 'Users' }).waitFor();
    await shot(page, 'login-console-users', 'Login console: users with their identities and logins');
    await page.getByRole('tab', { name: 'Login sessions' }).click();
    await page.getByRole('table', { name: 'Login sessions' }).waitFor();
    await shot(page, 'login-console-sessions', 'Login console: QR login sessions');

    // Workbench: the worked example of wechat-protocol.md §2, and an encrypt/decrypt round trip.
    await nav(page, 'Workbench');
    await page.getByLabel('Token', { exact: true }).fill('AAAAA');
    await page.getByRole('button', { name: 'Show Token' }).click();
    await page.getByLabel('EncodingAESKey', { exact: true }).fill('abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG');
    await page.getByRole('button', { name: 'Show EncodingAESKey' }).click();
    await page.getByLabel('AppID').fill('wxb11529c136998cb6');
    const sign = page.getByRole('form', { name: 'Sign' });
    await sign.getByLabel('Timestamp', { exact: true }).fill('1714036504');
    await sign.getByLabel('Nonce', { exact: true }).fill('1514711492');
    await sign.getByRole('button', { name: 'Sign', exact: true }).click();
    await sign.getByTestId('signature-sha1').waitFor();
    await page.getByRole('form', { name: 'Encrypt' }).getByRole('button', { name: 'Encrypt', exact: true }).click();
    await page.getByRole('form', { name: 'Encrypt' }).getByLabel('Encrypt result').waitFor();
    await page.getByRole('form', { name: 'Decrypt' }).getByRole('button', { name: 'Decrypt', exact: true }).click();
    await page.getByRole('form', { name: 'Decrypt' }).getByLabel('Decrypt result').waitFor();
    await shot(page, 'workbench', 'Workbench: encrypt, decrypt and sign by hand');
  } finally {
    await browser.close();
    child.kill('SIGTERM');
  }
  process.stdout.write(`Wrote ${shots.length} screenshots:\n${shots.map((s) => `  ${s}`).join('\n')}\n`);
}

main().catch((err) => fail(err.stack || String(err)));
