#!/usr/bin/env node
// npm run screenshots — PNGs of the studio for the README, taken from the built app (it builds nothing:
// run `npm run build` first). Spawns `node out/main/serve.js --memory`, drives the UI with playwright-core's
// Chromium (Debian's, at /usr/bin/chromium or $CHROMIUM_PATH) through a login mid-flow, each console and
// the inspector, in English (docs/screenshots/*.png) and in Chinese (docs/screenshots/zh-CN/*.png).
// Offline: nothing but the three loopback servers.
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
// `npm run screenshots -- scenarios` (or `studio`) takes one part only.
const only = process.argv[2] ?? null;
if (only && !['studio', 'scenarios', 'qa'].includes(only)) {
  process.stderr.write('screenshots: the one argument is `studio`, `scenarios` or `qa`\n');
  process.exit(2);
}

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
async function shot(page, dir, name, what) {
  // Let transitions and the event stream settle; screenshots are documentation, not tests.
  await page.waitForTimeout(350);
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file });
  shots.push(`${path.relative(root, file)}  ${what}`);
}

/** The studio's words in one language, from its catalogue, so the same walk works in Chinese and English. */
function catalogue(lang) {
  const dir = path.join(root, 'src-renderer', 'i18n', 'locales');
  const read = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));
  // The base file and one file per newer screen (locales/<lang>/<screen>.json), as src-renderer/i18n/catalogue.ts composes them.
  const screens = fs.existsSync(path.join(dir, lang)) ? fs.readdirSync(path.join(dir, lang)).filter((f) => f.endsWith('.json')) : [];
  // The engine's sentences (engine-*.json) sit under `engine`, as in catalogue.ts.
  const engine = Object.assign({}, ...screens.filter((f) => f.startsWith('engine-')).map((f) => read(path.join(dir, lang, f))));
  const tree = Object.assign(read(path.join(dir, `${lang}.json`)), ...screens.filter((f) => !f.startsWith('engine-')).map((f) => read(path.join(dir, lang, f))), { engine });
  const raw = (key) => {
    const text = key.split('.').reduce((node, k) => node?.[k], tree);
    if (typeof text !== 'string') throw new Error(`no catalogue entry ${key} in ${lang}`);
    return text;
  };
  const t = (key, values = {}) => raw(key).replace(/\{\{(\w+)\}\}/g, (_, k) => String(values[k] ?? ''));
  /** The text of an entry up to its first placeholder, to find a sentence whatever the values. */
  t.prefix = (key) => raw(key).split('{{')[0];
  return t;
}
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One walk through the studio: a login mid-flow, each console, the inspector and the workbench. */
async function walk(page, ready, lang, dir) {
  const t = catalogue(lang);
  const nav = (key) => page.getByRole('navigation', { name: t('app.nav') }).getByRole('link', { name: t(key), exact: true }).click();
  await page.goto(ready.ui);
  await page.getByTestId('stream-status').and(page.locator('[data-state="open"]')).waitFor();

  // Stage, mid-flow: the PC page shows its QR code, the phone scanned it and offers Follow.
  const pc = page.frameLocator('iframe').first();
  await pc.locator('body[data-login-status="PENDING"]').waitFor();
  await page.getByText(t('stage.pc.showsQr')).waitFor();
  await shot(page, dir, 'stage-qr', 'Stage: the hosted login page with its QR code beside the phone');
  const phone = page.getByRole('region', { name: t('phone.title') });
  // WeChat's own labels (扫一扫, 关注公众号) are the same in both languages.
  await phone.getByRole('button', { name: /扫一扫/ }).click();
  await phone.getByRole('button', { name: /关注公众号/ }).waitFor();
  await shot(page, dir, 'stage-scanned', 'Stage mid-flow: the phone decoded the QR code and shows the account with Follow');
  await phone.getByRole('button', { name: /关注公众号/ }).click();
  await pc.locator('body[data-login-status="AUTHORIZED"]').waitFor();
  await phone.getByRole('log').locator('[data-from="account"]').first().waitFor();
  await shot(page, dir, 'stage-signed-in', "Stage: signed in on the PC, the account's reply in the chat");

  // Inspector: the subscribe push, verdict and decryption.
  await page.getByRole('button', { name: t('phone.inspectPush') }).click();
  const detail = page.getByRole('article', { name: t('inspector.entry') });
  await detail.getByTestId('verdict').waitFor();
  await shot(page, dir, 'inspector', 'Inspector: the live timeline and the subscribe push with its verdict');
  await detail.getByRole('region', { name: t('inspector.sections.signature') }).scrollIntoViewIfNeeded();
  await shot(page, dir, 'inspector-signature', 'Inspector: signature computation (sorted inputs, SHA-1) and the decryption');

  // WeChat console: basic and server configuration of the demo account, followers.
  await nav('views.wechat.label');
  await page.getByRole('tab', { name: t('wechat.tabs.basic') }).click();
  await shot(page, dir, 'wechat-console', 'WeChat console: basic configuration (AppID, AppSecret reset)');
  await page.getByRole('tab', { name: t('wechat.tabs.server') }).click();
  await page.getByRole('form', { name: t('wechat.tabs.server') }).getByRole('button', { name: t('common.submit') }).click();
  await page.getByText(new RegExp(escapeRe(t.prefix('wechat.server.verifiedEnabled')))).waitFor();
  await shot(page, dir, 'wechat-console-server', 'WeChat console: server configuration, verified by WeChat on submit');
  await auditWalk(page, t, dir);
  await page.getByRole('tab', { name: t('wechat.tabs.followers') }).click();
  await page.getByRole('table', { name: t('wechat.tabs.followers') }).waitFor();
  await shot(page, dir, 'wechat-console-followers', 'WeChat console: followers');

  // Login console: identity sources, the form with its per-field rules, users, sessions.
  await nav('views.login.label');
  await page.getByRole('tab', { name: t('login.tabs.sources') }).click();
  await shot(page, dir, 'login-console', 'Login console: the WeChat Official Account Follow identity source');
  await page.getByRole('button', { name: t('login.sources.create') }).click();
  const form = page.getByRole('form', { name: t('login.form.new') });
  await form.getByLabel(t('fields.identifier')).fill('Bad ID');
  await form.getByLabel(t('fields.token'), { exact: true }).fill('x');
  await form.getByRole('button', { name: t('common.create') }).click();
  await form.getByRole('alert').first().waitFor();
  await form.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot(page, dir, 'login-console-form', 'Login console: the identity source form with per-field errors');
  await form.getByRole('button', { name: t('common.cancel') }).click();
  await page.getByRole('tab', { name: t('login.tabs.users') }).click();
  await page.getByRole('table', { name: t('login.tabs.users') }).waitFor();
  await shot(page, dir, 'login-console-users', 'Login console: users with their identities and logins');
  await page.getByRole('tab', { name: t('login.tabs.sessions') }).click();
  await page.getByRole('table', { name: t('login.tabs.sessions') }).waitFor();
  await shot(page, dir, 'login-console-sessions', 'Login console: QR login sessions');

  // Workbench: the worked example of wechat-protocol.md §2, and an encrypt/decrypt round trip.
  await nav('views.workbench.label');
  await page.getByLabel(t('fields.token'), { exact: true }).fill('AAAAA');
  await page.getByRole('button', { name: t('common.showWhat', { what: t('fields.token') }) }).click();
  await page.getByLabel(t('fields.encodingAesKey'), { exact: true }).fill('abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG');
  await page.getByRole('button', { name: t('common.showWhat', { what: t('fields.encodingAesKey') }) }).click();
  await page.getByLabel(t('crypto.appId'), { exact: true }).fill('wxb11529c136998cb6');
  const sign = page.getByRole('form', { name: t('workbench.sign') });
  await sign.getByLabel(t('workbench.timestamp'), { exact: true }).fill('1714036504');
  await sign.getByLabel(t('workbench.nonce'), { exact: true }).fill('1514711492');
  await sign.getByRole('button', { name: t('workbench.sign'), exact: true }).click();
  await sign.getByTestId('signature-sha1').waitFor();
  const encrypt = page.getByRole('form', { name: t('workbench.encrypt') });
  await encrypt.getByRole('button', { name: t('workbench.encrypt'), exact: true }).click();
  await encrypt.getByLabel(t('workbench.encryptResult')).waitFor();
  const decrypt = page.getByRole('form', { name: t('workbench.decrypt') });
  await decrypt.getByRole('button', { name: t('workbench.decrypt'), exact: true }).click();
  await decrypt.getByLabel(t('workbench.decryptResult')).waitFor();
  await shot(page, dir, 'workbench', 'Workbench: encrypt, decrypt and sign by hand');

  await oidcWalk(page, ready, t, dir);

  // A small screen: the stage at 1024 px, the sidebar showing icons and the phone zoomed to fit.
  await page.setViewportSize({ width: 1024, height: 768 });
  await nav('views.stage.label');
  await shot(page, dir, 'stage-1024', 'Stage at 1024×768: the whole stage in view');

  await page.setViewportSize(VIEWPORT);
  await storyWalk(page, dir, t, nav);
}

/** The stage's story of the third-party platform, one click; then the consoles it leaves behind. */
async function storyWalk(page, dir, t, nav) {
  await page.getByRole('button', { name: t('story.button') }).click();
  const step = (id) => page.locator(`[data-testid="story-bar"][data-step="${id}"]`).waitFor({ timeout: 60_000 });
  await page.locator('[data-testid="phone-authorize"][data-step="funcs"]').waitFor({ timeout: 60_000 });
  await shot(page, dir, 'story-authorize', "Story: WeChat's authorization page on the PC; the admin's phone ticks the permission sets");
  await step('connected');
  await page.getByTestId('authorizer').waitFor({ timeout: 30_000 });
  await shot(page, dir, 'story-connected', "Story: the login console, connected by authorization (the account's name, avatar, original ID)");
  await step('cancel');
  await page.locator('dialog[open]').waitFor({ timeout: 30_000 });
  await shot(page, dir, 'story-cancel', 'Story: Authorization management → View platform details → Cancel authorization');
  await page.locator('[data-testid="story-bar"][data-status="done"]').waitFor({ timeout: 90_000 });
  await shot(page, dir, 'story-done', 'Story: the login session ended, a new login refused; every step done');
  await page.getByRole('button', { name: t('common.dismiss') }).click();

  await nav('views.wechat.label');
  await page.getByRole('button', { name: new RegExp(escapeRe(t('openPlatform.title'))) }).click();
  await page.locator('article.conn').first().waitFor();
  await shot(page, dir, 'wechat-console-platforms', 'WeChat console: third-party platforms, a verify ticket on demand');
  await nav('views.login.label');
  await page.getByRole('tab', { name: t('component.tab') }).click();
  await page.getByTestId('component-ticket').waitFor();
  await shot(page, dir, 'login-console-platform', "Login console: the pool's third-party platform (the two URLs to register, one-click registration)");
}

/** Audit this server: the demo account's server (the studio's own login server) audited, a check opened on its timings. */
async function auditWalk(page, t, dir) {
  await page.getByRole('form', { name: t('wechat.tabs.server') }).getByRole('button', { name: t('audit.open') }).click();
  await page.getByRole('button', { name: t('audit.run') }).click();
  const report = page.getByRole('article', { name: t('audit.reportTitle') });
  await report.waitFor({ timeout: 60_000 });
  await report.getByRole('radio', { name: new RegExp(`^${escapeRe(t.prefix('audit.filter.all'))}`) }).click();
  const time = report.locator('details.audit-check[data-check="TIME-01"]');
  await time.locator('summary').click();
  await time.locator('table').waitFor();
  await shot(page, dir, 'wechat-console-audit', "WeChat console: Audit this server — the report, a check's why, fix and timings");
  await page.getByRole('tab', { name: t('wechat.tabs.server') }).click();
}

/** OpenID Connect: the sample website signed in on the stage, an application's settings, the tokens in the inspector. */
async function oidcWalk(page, ready, t, dir) {
  const nav = (key) => page.getByRole('navigation', { name: t('app.nav') }).getByRole('link', { name: t(key), exact: true }).click();
  await nav('views.stage.label');
  await page.getByRole('radiogroup', { name: t('oidc.stage.show') }).getByRole('radio', { name: t('oidc.stage.sample') }).check();
  const pc = page.frameLocator('iframe').first();
  await pc.locator('#sign-in').click();
  await pc.locator('body[data-login-status="PENDING"]').waitFor();
  const content = await pc.locator('#qr').getAttribute('data-qr-url');
  // The persona on the phone follows the account already (the walk above): a scan signs in at once.
  const personaId = await page.locator('#stage-persona').inputValue();
  const res = await fetch(`${ready.studio}/api/phone/${encodeURIComponent(personaId)}/scan`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ready.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ content }),
  });
  if (!res.ok) throw new Error(`scan failed: HTTP ${res.status}`);
  await pc.locator('body[data-signed-in="true"]').waitFor();
  await shot(page, dir, 'stage-sample-site', "Stage: the sample website, signed in through the hosted page in the same frame, with the id_token's claims");

  await nav('views.inspector.label');
  await page.getByRole('combobox', { name: t('inspector.kind') }).selectOption('oidc');
  await page.getByRole('listbox', { name: t('inspector.journal') }).getByRole('option').filter({ hasText: /OIDC.*token/ }).first().click();
  const tokens = page.getByRole('region', { name: t('oidc.tokens.title') });
  await tokens.waitFor();
  // Scrolls the entry's own pane, not the page.
  await tokens.evaluate((el) => {
    const pane = el.closest('.detail-scroll');
    if (pane) pane.scrollTop += el.getBoundingClientRect().top - pane.getBoundingClientRect().top;
  });
  await shot(page, dir, 'inspector-tokens', 'Inspector: an OpenID Connect token exchange with its id_token decoded');
  await page.getByRole('combobox', { name: t('inspector.kind') }).selectOption('all');

  await nav('views.login.label');
  await page.getByRole('tab', { name: t('login.tabs.apps') }).click();
  await page.getByRole('button', { name: t('oidc.apps.open') }).first().click();
  await page.getByRole('form', { name: t('oidc.form.title') }).waitFor();
  await shot(page, dir, 'login-console-oidc', "Login console: an application's OpenID Connect settings");
}

/**
 * The Scenarios page: the library, Run all filling the case × mode matrix, a failing case of a user's file
 * with expected against seen, a step's journal entry, then a case playing on the stage; at 1440×900 and 1024 px.
 */
/** The stage's test tools (faults, point back, the demo guide) and the API reference. */
async function walkQa(page, ready, lang, dir) {
  await page.setViewportSize(VIEWPORT);
  await page.goto(ready.ui);
  await page.getByTestId('stream-status').and(page.locator('[data-state="open"]')).waitFor();
  await page.frameLocator('iframe').first().locator('body[data-login-status="PENDING"]').waitFor();
  await page.getByTestId('stage-tools').click();
  await page.locator('#stage-tools form').first().waitFor();
  await shot(page, dir, 'stage-test-tools', "Stage: Expire now and the test tools — faults on the login server, point back, the demo's accounts and personas");
  await page.keyboard.press('Escape');
  await page.goto(`${ready.studio}/#/api`);
  await page.frameLocator('iframe.api-frame').locator('.swagger-ui .opblock').first().waitFor({ timeout: 30_000 });
  await shot(page, dir, 'api-reference', 'API reference: the OpenAPI document of the control API in the bundled Swagger UI');
}

async function walkScenarios(page, ready, lang, dir) {
  const t = catalogue(lang);
  const nav = (key) => page.getByRole('navigation', { name: t('app.nav') }).getByRole('link', { name: t(key), exact: true }).click();
  await page.setViewportSize(VIEWPORT);
  await page.goto(ready.ui);
  await page.getByTestId('stream-status').and(page.locator('[data-state="open"]')).waitFor();
  await nav('views.scenarios.label');
  await page.getByTestId('scenario-case').first().waitFor();
  await shot(page, dir, 'scenarios', 'Scenarios: the built-in library, the filters of Run all and the files a user opens');

  // Run all of the smoke cases: the matrix while it fills, then passed.
  const toolbar = page.getByRole('search', { name: t('scenarios.filters.label') });
  await toolbar.locator('label.scn-chip', { hasText: /^smoke$/ }).click();
  await page.getByTestId('run-all').click();
  const run = page.getByRole('region', { name: t('scenarios.run.title') });
  await run.locator('[data-testid="matrix-cell"][data-status="passed"]').first().waitFor({ timeout: 60_000 });
  await page.screenshot({ path: path.join(dir, 'scenarios-running.png') });
  shots.push(`${path.relative(root, path.join(dir, 'scenarios-running.png'))}  Scenarios: Run all, the case × mode matrix filling`);
  await page.locator('[data-testid="scenario-run"]:not([data-status="running"])').waitFor({ timeout: 120_000 });

  // A user's file with a case that must fail, and one with a problem at its line.
  const fixtures = path.join(root, 'test', 'fixtures', 'scenarios');
  await page.getByTestId('scenario-file-input').setInputFiles([path.join(fixtures, 'must-fail.yaml'), path.join(fixtures, 'malformed.yaml')]);
  await page.getByRole('region', { name: 'malformed.yaml' }).locator('.scn-problems').waitFor();
  await page.getByRole('button', { name: t('scenarios.runCaseNamed', { name: 'a new user is admitted under login-only' }) }).click();
  await page.locator('[data-testid="scenario-run"][data-status="failed"]').waitFor({ timeout: 60_000 });
  await run.locator('[data-testid="matrix-cell"][data-status="failed"]').click();
  const detail = page.getByTestId('case-detail');
  await detail.getByTestId('case-failure').waitFor();
  await shot(page, dir, 'scenarios-failure', "Scenarios: a failing case of the user's file, expected against seen; a file's problem at its line");
  await detail.getByTestId('step-entry').first().click();
  await detail.getByTestId('entry-detail').scrollIntoViewIfNeeded();
  await shot(page, dir, 'scenarios-entry', "Scenarios: a step's journal entry from the case's own world");

  await page.setViewportSize({ width: 1024, height: 768 });
  await page.evaluate(() => document.querySelectorAll('*').forEach((el) => el.scrollTop > 0 && el.scrollTo(0, 0)));
  await shot(page, dir, 'scenarios-1024', 'Scenarios at 1024×768');

  // Play on stage, one step at a time.
  await page.setViewportSize(VIEWPORT);
  await page.getByRole('button', { name: t('scenarios.play.buttonNamed', { name: 'new user follows and signs in' }) }).click();
  const dialog = page.getByRole('dialog', { name: t('scenarios.play.title') });
  await dialog.getByRole('radio', { name: t('scenarios.play.manual') }).check();
  await dialog.getByRole('button', { name: t('scenarios.play.start') }).click();
  const bar = page.getByRole('region', { name: t('scenarios.play.bar') });
  const next = bar.getByRole('button', { name: t('scenarios.play.nextStep') });
  for (let i = 0; i < 2; i++) {
    await bar.locator('[data-testid="stage-next"]:not([disabled])').waitFor({ timeout: 20_000 });
    await next.click();
  }
  await page.getByRole('region', { name: t('phone.title') }).getByRole('button', { name: /关注公众号/ }).waitFor();
  await bar.locator('[data-testid="stage-next"]:not([disabled])').waitFor();
  await shot(page, dir, 'scenarios-play', 'Play on stage: the case waits at "Next step"; the phone shows the account with Follow');
  await page.setViewportSize({ width: 1024, height: 768 });
  await shot(page, dir, 'scenarios-play-1024', 'Play on stage at 1024×768');
  await next.click();
  await page.frameLocator('iframe').first().locator('body[data-login-status="AUTHORIZED"]').waitFor();
  await next.click();
  await page.locator('[data-testid="stage-play"][data-status="passed"]').waitFor();
}

/** The screenshots in English (docs/screenshots/) and Chinese (docs/screenshots/zh-CN/), each from a fresh studio. */
async function main() {
  for (const [locale, lang, dir] of [
    ['en-US', 'en', outDir],
    ['zh-CN', 'zh-CN', path.join(outDir, 'zh-CN')],
  ]) {
    fs.mkdirSync(dir, { recursive: true });
    const { child, ready: readyP } = startServe();
    const ready = await readyP;
    const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
    try {
      const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, colorScheme: 'light', locale });
      const page = await context.newPage();
      if (!only || only === 'studio') await walk(page, ready, lang, dir);
      if (!only || only === 'scenarios') await walkScenarios(page, ready, lang, dir);
      if (!only || only === 'qa') await walkQa(page, ready, lang, dir);
    } finally {
      await browser.close();
      child.kill('SIGTERM');
    }
  }
  process.stdout.write(`Wrote ${shots.length} screenshots:\n${shots.map((s) => `  ${s}`).join('\n')}\n`);
}

main().catch((err) => fail(err.stack || String(err)));
