import fs from 'node:fs';
import type { Page } from '@playwright/test';
import type { Account } from '../../src-main/contracts/api';
import { startFakeServer } from '../integration/audit/fake-server';
import { expect, test } from './fixtures';

/**
 * WeChat console → server configuration → "Audit this server": the demo account's server (the studio's
 * own login server) passes; pointed at a server that answers 500 on unknown events, EVT-02 fails, its
 * evidence opens in the inspector and reads as sent and received; after the server is fixed, EVT-02 runs
 * again and passes; the report says what changed since the previous audit, and an earlier one reopens.
 */

const nav = (page: Page, where: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: where }).click();
const check = (page: Page, id: string) => page.getByRole('article', { name: 'Audit report' }).locator(`details.audit-check[data-check="${id}"]`);

async function runAudit(page: Page, button: 'Run audit' | 'Run a new audit'): Promise<void> {
  await page.getByRole('button', { name: button }).click();
  // Progress per check while it runs, then the report.
  await expect(page.getByRole('region', { name: 'Audit progress' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'Audit report' })).toBeVisible({ timeout: 30_000 });
}

test('audit the demo account’s server, then a broken one: evidence in the inspector, a check re-run, what changed', async ({ page, studio }) => {
  test.setTimeout(120_000);
  const servers: Array<{ close(): Promise<void> }> = [];
  try {
    // The audit waits as long as the mock WeChat's push timeout. Answer times are real time and this test
    // must not depend on the machine's load (timings are bench/'s business): give answers 30 s.
    expect((await studio.api('PUT', '/api/wechat/settings', { pushTimeoutMs: 30_000 })).status).toBe(200);
    await page.goto(studio.ui);
    await expect(page.getByRole('status', { name: /event stream: Live/ })).toBeVisible();
    await nav(page, 'WeChat console');
    await page.getByRole('tab', { name: 'Server configuration' }).click();
    await page.getByRole('button', { name: 'Audit this server' }).click();
    await expect(page.getByText('No audit of this server yet')).toBeVisible();

    // 1. The studio's own login server: nothing fails, sign-ins observed.
    await runAudit(page, 'Run audit');
    const report = page.getByRole('article', { name: 'Audit report' });
    const lines = (status: string) =>
      report.locator(`details.audit-check[data-status="${status}"]`).evaluateAll((els) => els.map((e) => `${e.getAttribute('data-check')}: ${e.querySelector('.audit-summary')?.textContent}`));
    expect(await lines('FAIL')).toEqual([]);
    expect(await lines('WARN')).toEqual([]);
    await expect(report).toHaveAttribute('data-verdict', 'PASS');
    await expect(report.getByText('Nothing fails', { exact: true })).toBeVisible();
    await expect(report.getByText(/^30 s: the mock WeChat’s push timeout/)).toBeVisible();
    await expect(report.getByText(/Observed on the studio’s login server/)).toBeVisible();
    await expect(report.getByRole('region', { name: 'Since the previous audit' })).toContainText('first audit');
    await report.getByRole('radio', { name: /^All/ }).click();
    await expect(report.locator('details.audit-check')).toHaveCount(27);
    await expect(check(page, 'DUP-01')).toHaveAttribute('data-status', 'PASS');

    // 2. A server that answers 500 on events it does not know, at the account's URL (WeChat verifies it on submit).
    const { body: accounts } = await studio.api<{ accounts: Account[] }>('GET', '/api/wechat/accounts');
    const demo = accounts.accounts[0]!;
    const config = { token: demo.server.token, appId: demo.appId, encodingAesKey: demo.server.encodingAesKey, mode: demo.server.mode };
    const broken = await startFakeServer({ ...config, flaw: 'unknown-event-500' });
    servers.push(broken);
    await page.getByRole('button', { name: 'Server configuration' }).click();
    const form = page.getByRole('form', { name: 'Server configuration' });
    await form.getByLabel('URL').fill(broken.url);
    await form.getByRole('button', { name: 'Submit' }).click();
    await expect(form.getByText(/URL verification passed/)).toBeVisible();
    await form.getByRole('button', { name: 'Audit this server' }).click();

    await runAudit(page, 'Run a new audit');
    await expect(report).toHaveAttribute('data-verdict', 'FAIL');
    // The report opens on its problems: exactly the check the server was built to fail.
    expect(await lines('FAIL')).toEqual([expect.stringMatching(/^EVT-02: /)]);
    const changes = report.getByRole('region', { name: 'Since the previous audit' });
    await expect(changes).toContainText('The server URL or the mode changed in between.');
    await expect(changes.locator('li[data-check="EVT-02"]')).toContainText('Pass → Fail');

    // 3. Its evidence, in the inspector: the very exchange, answered 500.
    await check(page, 'EVT-02').locator('summary').click();
    await expect(check(page, 'EVT-02')).toContainText('Why it matters to a WeChat user');
    const failing = check(page, 'EVT-02').locator('li.audit-exchange', { hasText: 'HTTP 500' }).first();
    const label = (await failing.locator('.audit-exchange-label').textContent())!.split(' → ')[0]!;
    await failing.getByRole('button', { name: 'Open in inspector' }).click();
    const entry = page.getByRole('article', { name: 'Journal entry' });
    await expect(entry).toBeVisible();
    await expect(entry.getByRole('heading', { level: 2 })).toContainText(`EVT-02 · ${label} → HTTP 500`);
    await expect(entry.getByTestId('verdict')).toHaveAttribute('data-ok', 'false');
    await expect(entry.getByTestId('verdict')).toContainText('EVT-02 FAIL');
    await expect(entry.getByRole('region', { name: 'Response' })).toContainText('HTTP 500');
    await expect(entry.getByRole('region', { name: 'Response' }).getByLabel('Response body', { exact: true })).toHaveText('Internal Server Error');
    await expect(entry.getByTestId('audit-link')).toContainText('Audit evidence of EVT-02');
    expect(await entry.textContent()).not.toContain(demo.server.token);

    // 4. The server fixed at the same address; back to the report; EVT-02 again.
    await broken.close();
    servers.push(await startFakeServer({ ...config, port: Number(new URL(broken.url).port) }));
    await entry.getByRole('button', { name: 'Open the audit' }).click();
    await expect(check(page, 'EVT-02')).toHaveAttribute('data-status', 'FAIL');
    await check(page, 'EVT-02').locator('summary').click();
    await check(page, 'EVT-02').getByRole('button', { name: 'Re-run this check' }).click();
    await expect(check(page, 'EVT-02')).toHaveAttribute('data-status', 'PASS', { timeout: 20_000 });
    await expect(check(page, 'EVT-02')).toContainText(/Re-run .*: Fail → Pass/);
    await expect(report).not.toHaveAttribute('data-verdict', 'FAIL');
    await expect(changes.locator('li[data-check="EVT-02"]')).toHaveCount(0);

    // 5. The report as a file, and the past audits: the first one reopens, still passing.
    const [download] = await Promise.all([page.waitForEvent('download'), report.getByRole('link', { name: 'JSON' }).click()]);
    const json = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as { verdict: string; checks: Array<{ id: string; status: string }> };
    expect(json.checks.find((c) => c.id === 'EVT-02')?.status).toBe('PASS');
    const history = page.getByRole('table', { name: 'Past audits' });
    await expect(history.locator('tbody tr')).toHaveCount(2);
    await history.locator('tbody tr').nth(1).getByRole('button', { name: 'Open' }).click();
    await expect(report).toHaveAttribute('data-verdict', 'PASS');
    await expect(report.getByText(demo.server.url)).toBeVisible();
  } finally {
    await Promise.all(servers.map((s) => s.close()));
  }
});

test.describe('zh-CN', () => {
  test.use({ locale: 'zh-CN' });

  test('a failing check reads in Chinese: its summary, findings and exchange labels, with the observed values as recorded', async ({ page, studio }) => {
    test.setTimeout(90_000);
    const { body: accounts } = await studio.api<{ accounts: Account[] }>('GET', '/api/wechat/accounts');
    const demo = accounts.accounts[0]!;
    const config = { token: demo.server.token, appId: demo.appId, encodingAesKey: demo.server.encodingAesKey, mode: demo.server.mode };
    const broken = await startFakeServer({ ...config, flaw: 'unknown-event-500' });
    try {
      expect((await studio.api('PUT', '/api/wechat/settings', { pushTimeoutMs: 30_000 })).status).toBe(200);
      const saved = await studio.api('PUT', `/api/wechat/accounts/${demo.appId}/server`, { url: broken.url, token: demo.server.token, encodingAesKey: demo.server.encodingAesKey, mode: demo.server.mode, enabled: true });
      expect(saved.status).toBe(200);
      const started = await studio.api<{ audit: { id: string } }>('POST', `/api/wechat/accounts/${demo.appId}/audits`, { only: ['EVT-02', 'URL-01'] });
      expect(started.status).toBe(202);
      await expect.poll(async () => (await studio.api<{ status: string }>('GET', `/api/audits/${started.body.audit.id}`)).body.status, { timeout: 60_000 }).toBe('done');

      await page.goto(`${studio.ui}#/wechat/${demo.appId}/server/audit`);
      const report = page.getByRole('article', { name: '审计报告' });
      await expect(report).toHaveAttribute('data-verdict', 'FAIL', { timeout: 20_000 });
      const evt02 = report.locator('details.audit-check[data-check="EVT-02"]');
      await evt02.locator('summary').click();
      // The summary is the first failing finding: a Chinese sentence around the exchange's label and the answer, as observed.
      const summary = evt02.locator('.audit-summary');
      await expect(summary).toContainText('微信将来可能新增的事件类型');
      await expect(summary).toContainText('HTTP 500，响应体 "Internal Server Error"');
      await expect(summary.locator('[translate="no"]', { hasText: 'audit_unknown_event' })).toHaveCount(1);
      await expect(summary.locator('[translate="no"]', { hasText: '500' })).toHaveCount(1);
      const findings = evt02.locator('.audit-findings li');
      await expect(findings.filter({ hasText: '普通关注（EventKey 为空）：HTTP 200' })).toHaveCount(1);
      await expect(findings.filter({ hasText: /WeChat may add|plain follow|empty body|menu / })).toHaveCount(0);
      await expect(evt02.locator('li.audit-exchange', { hasText: '菜单 CLICK → HTTP 200' })).toHaveCount(1);
      await evt02.scrollIntoViewIfNeeded();
      await evt02.screenshot({ path: test.info().outputPath('audit-evt02-zh-CN.png') });
      // The same sentences in English are the report's own text.
      await page.getByRole('button', { name: 'English', exact: true }).click();
      const inEnglish = page.getByRole('article', { name: 'Audit report' }).locator('details.audit-check[data-check="EVT-02"]');
      await expect(inEnglish.locator('.audit-summary')).toHaveText('an event type WeChat may add (audit_unknown_event): HTTP 500 "Internal Server Error"');
      await expect(inEnglish.locator('.audit-findings li').filter({ hasText: 'plain follow (empty EventKey): HTTP 200' })).toHaveCount(1);
      await inEnglish.screenshot({ path: test.info().outputPath('audit-evt02-en.png') });
      // The JSON report keeps the English text beside the sentence.
      const { body } = await studio.api<{ report: { checks: Array<{ id: string; summary: string; summarySaid?: { code: string } }> } }>('GET', `/api/audits/${started.body.audit.id}`);
      const check = body.report.checks.find((c) => c.id === 'EVT-02')!;
      expect(check.summary).toBe('an event type WeChat may add (audit_unknown_event): HTTP 500 "Internal Server Error"');
      expect(check.summarySaid?.code).toBe('audit.labelled');
    } finally {
      await broken.close();
    }
  });
});
