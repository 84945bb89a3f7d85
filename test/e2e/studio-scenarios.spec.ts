import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * The Scenarios page: a filtered part of the library runs and passes in every mode, a failing case of a
 * file the user opens says why (expected against seen), a file with a problem shows it at its line, the
 * journal entries of a case's own world open in the inspector, the reports download; and a case plays on
 * the stage, one step at a time, until the PC page shows the user signed in.
 */

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/scenarios');

/** Notes every state of the matrix a user could have seen (its cells' texts, each time they change). */
async function recordMatrix(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { matrixSeen: string[] }).matrixSeen = seen;
    const note = (): void => {
      const cells = [...document.querySelectorAll('[data-testid="matrix-cell"]')].map((c) => c.textContent?.trim() ?? '');
      const text = cells.join('|');
      if (cells.length && text !== seen.at(-1)) seen.push(text);
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

async function openScenarios(page: Page, ui: string): Promise<void> {
  await page.goto(ui);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Scenarios' }).click();
  await expect(page.getByRole('region', { name: 'Follow login' })).toBeVisible();
}

test('runs the library filtered to one case in every mode, and explains a failing case of an opened file', async ({ page, studio }) => {
  // Two runs of fresh worlds (each its own three servers) on a machine shared with other work.
  test.slow();
  await openScenarios(page, studio.ui);
  const toolbar = page.getByRole('search', { name: 'What Run all runs' });
  await toolbar.getByLabel('Filter by title').fill('new user follows and signs in');
  await expect(page.getByTestId('run-all')).toHaveText('Run all · 3 runs');
  await recordMatrix(page);
  await page.getByTestId('run-all').click();

  const run = page.getByRole('region', { name: 'Run' });
  await expect(run.getByTestId('run-status')).toHaveText('Passed', { timeout: 30_000 });
  // The matrix filled while the run went: two cases at a time, the third queued until one of them ended.
  const seen = await page.evaluate(() => (window as unknown as { matrixSeen: string[] }).matrixSeen);
  expect(seen).toContain('Running|Running|Queued');
  expect(seen.at(-1)).toBe('Passed|Passed|Passed');
  await expect(run.getByTestId('run-summary')).toContainText('3 passed · 0 failed · 3 in all');
  await expect(run.locator('thead th')).toHaveText(['Case', 'Plaintext', 'Compatible', 'Safe']);
  await expect(run.getByTestId('matrix-cell')).toHaveText(['Passed', 'Passed', 'Passed']);

  // A case opens to its steps; a step's journal entry shows in the inspector's entry view, and opens in the inspector.
  await run.getByRole('button', { name: 'new user follows and signs in, Safe: Passed' }).click();
  const detail = page.getByTestId('case-detail');
  await expect(detail.getByTestId('scenario-step')).toHaveCount(5);
  await expect(detail.getByTestId('scenario-step').nth(3)).toContainText('phone.follow as Lin');
  const subscribe = detail.getByTestId('step-entry').filter({ hasText: /^subscribe \(scene/ });
  await subscribe.click();
  const entry = detail.getByTestId('entry-detail');
  await expect(entry.getByTestId('verdict')).toHaveAttribute('data-ok', 'true');
  await expect(entry.getByRole('heading', { level: 2 })).toContainText('new user lin created');
  await detail.getByRole('button', { name: 'Open in inspector' }).click();
  await expect(page).toHaveURL(/#\/inspector\/scenario\/run_/);
  await expect(page.getByText("A journal entry of a scenario case's own world")).toBeVisible();
  await expect(page.getByTestId('entry-detail').getByRole('heading', { level: 2 })).toContainText('new user lin created');

  // The reports of the run download.
  await page.getByRole('button', { name: 'Back to Scenarios' }).click();
  const download = page.waitForEvent('download');
  await run.getByTestId('report-html').click();
  const html = fs.readFileSync((await (await download).path())!, 'utf8');
  expect(html).toContain('new user follows and signs in');
  expect(html).toContain('Scenario report — 3 passed, 0 failed');

  // Files the user opens: one with a case that must fail, one that does not parse.
  await page.getByTestId('scenario-file-input').setInputFiles([path.join(FIXTURES, 'must-fail.yaml'), path.join(FIXTURES, 'malformed.yaml')]);
  const broken = page.getByRole('region', { name: 'malformed.yaml' });
  await expect(broken).toContainText('1 problem: nothing in this file runs');
  await expect(broken).toContainText('line 7');
  await expect(broken).toContainText('unknown step "phone.scna"');
  await expect(broken.getByRole('button', { name: /^Run/ })).toHaveCount(0);

  // A file dropped on the page joins them.
  const dropped = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'passing.json', { type: 'application/json' }));
    return dt;
  }, fs.readFileSync(path.join(FIXTURES, 'passing.json'), 'utf8'));
  await page.getByTestId('scenarios').dispatchEvent('drop', { dataTransfer: dropped });
  await expect(page.getByRole('region', { name: 'JSON file' })).toContainText('an existing follower signs in');

  await page.getByRole('button', { name: 'Run “a new user is admitted under login-only”' }).click();
  await expect(run.getByTestId('run-status')).toHaveText('Failed', { timeout: 30_000 });
  await run.getByRole('button', { name: 'a new user is admitted under login-only, Safe: Failed' }).click();
  const failure = detail.getByTestId('case-failure');
  await expect(detail.getByText('Failed at step 4 · expect page · line 13')).toBeVisible();
  await expect(failure.getByRole('row').nth(1).getByRole('cell')).toHaveText(['AUTHORIZED', /^ERROR — "This WeChat account is not registered/]);
  await expect(detail.getByTestId('scenario-step').nth(4)).toHaveAttribute('data-status', 'skipped');
});

test('plays a case on the stage, one step at a time, until the PC page shows the user signed in', async ({ page, studio }) => {
  await openScenarios(page, studio.ui);
  await page.getByRole('button', { name: 'Play “new user follows and signs in” on stage' }).click();
  const dialog = page.getByRole('dialog', { name: 'Play on stage' });
  await dialog.getByRole('radio', { name: 'Step by step' }).check();
  await dialog.getByRole('button', { name: 'Reset the demo and play' }).click();

  // The stage: the case's bar over the PC page and the phone.
  await expect(page).toHaveURL(/#\/stage$/);
  const bar = page.getByRole('region', { name: 'A case playing on the stage' });
  const pc = page.frameLocator('iframe').first();
  const phone = page.getByRole('region', { name: 'Phone' });
  await expect(bar.getByTestId('stage-play-step')).toHaveText('Next: step 2 · phone.scan as Lin', { timeout: 20_000 });
  await expect(pc.locator('body[data-login-status="PENDING"]')).toBeAttached();
  // The bar takes its room from the devices: at 1024×768 the whole phone and the PC frame still show.
  await page.setViewportSize({ width: 1024, height: 768 });
  for (const device of [phone, page.locator('.browser')]) {
    const box = (await device.boundingBox())!;
    expect(box.y + box.height, 'the device ends inside the window').toBeLessThanOrEqual(768);
  }
  await page.setViewportSize({ width: 1440, height: 900 });

  await bar.getByRole('button', { name: 'Next step' }).click();
  await expect(bar.getByTestId('stage-play-step')).toHaveText('Next: step 3 · expect page, phone');
  // The phone shows the persona acting: Lin, who scanned and sees the account with Follow.
  await expect(page.locator('#stage-persona option:checked')).toHaveText(/^Lin/);
  await expect(phone.getByRole('button', { name: /关注公众号/ })).toBeVisible();
  await bar.getByRole('button', { name: 'Next step' }).click();
  await expect(bar.getByTestId('stage-play-step')).toHaveText('Next: step 4 · phone.follow as Lin');
  await bar.getByRole('button', { name: 'Next step' }).click();
  await expect(pc.locator('body[data-login-status="AUTHORIZED"]')).toBeAttached();
  await expect(page.getByTestId('pc-status')).toContainText('Signed in');
  await bar.getByRole('button', { name: 'Next step' }).click();
  await expect(bar.getByTestId('stage-play-status')).toHaveText('Passed');

  // Its steps on the Scenarios page: the stage's own journal, so they open in the inspector too.
  await bar.getByRole('button', { name: 'See its steps' }).click();
  await expect(page.getByTestId('case-detail').getByTestId('scenario-step')).toHaveCount(5);
});

test('stops a case playing on the stage: the bar says it stopped and its steps show how far it went', async ({ page, studio }) => {
  await openScenarios(page, studio.ui);
  await page.getByRole('button', { name: 'Play “new user follows and signs in” on stage' }).click();
  const dialog = page.getByRole('dialog', { name: 'Play on stage' });
  await dialog.getByRole('radio', { name: 'Step by step' }).check();
  await dialog.getByRole('button', { name: 'Reset the demo and play' }).click();

  const bar = page.getByRole('region', { name: 'A case playing on the stage' });
  const pc = page.frameLocator('iframe').first();
  await expect(bar.getByTestId('stage-play-step')).toHaveText('Next: step 2 · phone.scan as Lin', { timeout: 20_000 });
  await bar.getByRole('button', { name: 'Next step' }).click();
  await expect(bar.getByTestId('stage-play-step')).toHaveText('Next: step 3 · expect page, phone');
  await bar.getByRole('button', { name: 'Next step' }).click();
  await expect(bar.getByTestId('stage-play-step')).toHaveText('Next: step 4 · phone.follow as Lin');
  await bar.getByRole('button', { name: 'Stop' }).click();

  await expect(bar.getByTestId('stage-play-status')).toHaveText('Stopped');
  await expect(bar.getByTestId('stage-play-step')).toHaveText(/^Step 4 · phone.follow as Lin · the run was stopped · /);
  await expect(bar.getByRole('button', { name: 'Next step' })).toHaveCount(0);
  // Lin never followed: the phone still offers Follow and the PC page still waits.
  await expect(page.getByRole('region', { name: 'Phone' }).getByRole('button', { name: /关注公众号/ })).toBeVisible();
  await expect(pc.locator('body[data-login-status="PENDING"]')).toBeAttached();
  await bar.getByRole('button', { name: 'See its steps' }).click();
  const steps = page.getByTestId('case-detail').getByTestId('scenario-step');
  await expect(steps).toHaveCount(5);
  for (const [i, status] of ['passed', 'passed', 'passed', 'failed', 'skipped'].entries()) await expect(steps.nth(i)).toHaveAttribute('data-status', status);
  await expect(steps.nth(3)).toContainText('the run was stopped');
});

test.describe('zh-CN', () => {
  test.use({ locale: 'zh-CN' });

  test("a failing case's step messages and failure text are in Chinese; what the world showed stays as it was", async ({ page, studio }) => {
    test.slow();
    await page.goto(studio.ui);
    await page.getByTestId('stream-status').and(page.locator('[data-state="open"]')).waitFor();
    await page.evaluate(() => (window.location.hash = '#/scenarios'));
    await expect(page.getByRole('region', { name: 'Follow login' })).toBeVisible();
    await page.getByTestId('scenario-file-input').setInputFiles(path.join(FIXTURES, 'fails-in-words.yaml'));
    const run = page.getByTestId('scenario-run');
    const detail = page.getByTestId('case-detail');

    // An expectation that saw nothing: the checks say so in Chinese, the step before it says what the page and the phone show.
    await page.getByRole('button', { name: '运行「the phone has no message yet」' }).click();
    await expect(run).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
    await run.getByTestId('matrix-cell').first().click();
    await expect(detail.getByText('失败于第 3 步 · expect phone, journal · 第 11 行')).toBeVisible();
    const rows = detail.getByTestId('case-failure').getByRole('row');
    await expect(rows.nth(1).getByRole('cell')).toHaveText(['"欢迎"', '（没有消息）']);
    await expect(rows.nth(2).getByRole('cell')).toHaveText(['"no such words"', /^\d+ 条日志中都没有$/]);
    // The values are data: the file's words and what the world showed, marked so that no translator changes them.
    await expect(rows.nth(2).getByRole('cell').nth(1).locator('[translate="no"]')).toHaveText(/^\d+$/);
    const steps = detail.getByTestId('scenario-step');
    await expect(steps.nth(0).getByTestId('step-detail')).toHaveText('page 1：页面显示 PENDING');
    await expect(steps.nth(1).getByTestId('step-detail')).toHaveText(/^Lin 扫描 page 1：手机显示 .+ 的资料页，可点“关注”$/);
    await expect(steps.nth(1).getByTestId('step-detail').locator('[translate="no"]').first()).toHaveText('Lin');
    await page.screenshot({ path: test.info().outputPath('zh-CN-failing-case-checks.png'), fullPage: true });

    // A step that failed without an expectation: its message in Chinese, in the failure and on the step.
    await page.getByRole('button', { name: '运行「a step names a page nobody opened」' }).click();
    // The new run replaces the previous one (also failed): wait for it by its case before reading its status.
    await expect(run.getByTestId('matrix-cell')).toHaveAccessibleName(/a step names a page nobody opened/);
    await expect(run).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
    await run.getByTestId('matrix-cell').first().click();
    const why = '没有打开名为「nowhere」的页面；请用 page.open: { page: nowhere } 打开';
    await expect(detail.getByTestId('case-failure')).toHaveText(why);
    await expect(detail.getByTestId('scenario-step').nth(1).getByTestId('step-error')).toHaveText(why);
    await page.screenshot({ path: test.info().outputPath('zh-CN-failing-case-steps.png'), fullPage: true });

    // What the journal said about a push, quoted by a check: the journal's own sentences, in Chinese too.
    await page.getByRole('button', { name: "运行「a slow server's push is not delivered」" }).click();
    // The new run replaces the previous one (also failed): wait for it by its case before reading its status.
    await expect(run.getByTestId('matrix-cell')).toHaveAccessibleName(/a slow server's push is not delivered/);
    await expect(run).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
    await run.getByTestId('matrix-cell').first().click();
    await expect(detail.getByText('失败于第 4 步 · expect push · 第 24 行')).toBeVisible();
    const seen = detail.getByTestId('case-failure').getByRole('row').nth(2).getByRole('cell').nth(1);
    await expect(seen).toContainText('用户看到「该公众号暂时无法提供服务，请稍后再试」');
    await expect(seen).toContainText('修复：');
    await expect(seen).not.toContainText('the user saw');
    await page.screenshot({ path: test.info().outputPath('zh-CN-failing-push-check.png'), fullPage: true });
  });

  test("a malformed file's problems are in Chinese; the keys, steps and the YAML parser's own words stay as written", async ({ page, studio }) => {
    await page.goto(studio.ui);
    await page.evaluate(() => (window.location.hash = '#/scenarios'));
    await expect(page.getByRole('region', { name: 'Follow login' })).toBeVisible();
    const missing = 'version: 1\nname: Missing\ncases:\n  - name: a message without text\n    steps:\n      - phone.message: { as: Lin }\n';
    const unreadable = 'version: 1\nname: Unreadable\ncases: [\n  - a\n';
    await page.getByTestId('scenario-file-input').setInputFiles([
      { name: 'malformed.yaml', mimeType: 'text/yaml', buffer: fs.readFileSync(path.join(FIXTURES, 'malformed.yaml')) },
      { name: 'missing.yaml', mimeType: 'text/yaml', buffer: Buffer.from(missing) },
      { name: 'unreadable.yaml', mimeType: 'text/yaml', buffer: Buffer.from(unreadable) },
    ]);

    const broken = page.getByRole('region', { name: 'malformed.yaml' });
    await expect(broken).toContainText('1 个问题：此文件不会运行');
    const typo = broken.getByTestId('scenario-problem');
    await expect(typo).toHaveText(/^第 7 行 cases\[0\]\.steps\[1\]\["phone\.scna"\]: 未知的步骤「phone\.scna」；可用的步骤：page\.open, .+（是不是要写「phone\.scan」？）$/);
    await expect(typo).not.toContainText('unknown step');
    // The step as written and the suggestion are data, marked so that no translator changes them.
    await expect(typo.locator('.said [translate="no"]').first()).toHaveText('phone.scna');
    await expect(typo.locator('.said [translate="no"]').last()).toHaveText('phone.scan');

    const required = page.getByRole('region', { name: 'missing.yaml' }).getByTestId('scenario-problem');
    await expect(required).toHaveText('第 6 行 cases[0].steps[0]["phone.message"].text: 必填（应为 string）');

    const yaml = page.getByRole('region', { name: 'unreadable.yaml' }).getByTestId('scenario-problem').first();
    await expect(yaml).toContainText('YAML 语法错误：');
    await expect(yaml).not.toContainText('not valid YAML');
    // The parser's own words are its data, as it wrote them.
    await expect(yaml.locator('.said [translate="no"]')).toHaveText(/^[A-Z][a-z]+ .+/);
    await broken.screenshot({ path: test.info().outputPath('zh-CN-malformed-file.png') });
    await page.screenshot({ path: test.info().outputPath('zh-CN-file-problems.png'), fullPage: true });
  });
});
