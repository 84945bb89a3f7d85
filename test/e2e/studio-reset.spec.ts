import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * Reset demo asks first, then leaves nothing of the old demo behind: no error toast in this window nor in a
 * window opened afterwards (whose event stream replays the old demo's history). Error toasts keep off the
 * phone and fade away by themselves.
 */

async function open(page: Page, ui: string): Promise<void> {
  await page.goto(ui);
  await page.getByTestId('stream-status').and(page.locator('[data-state="open"]')).waitFor();
  await page.frameLocator('iframe').first().locator('body[data-login-status="PENDING"]').waitFor();
}

test('Reset demo asks first, and leaves no stale toast here or in a new window', async ({ page, context, studio }) => {
  await open(page, studio.ui);
  // Something of the old demo in the lists and the event history: a login and the Login console's lists.
  const pc = page.frameLocator('iframe').first();
  await page.getByRole('button', { name: /扫一扫/ }).click();
  await page.getByRole('button', { name: /关注公众号/ }).click();
  await pc.locator('body[data-login-status="AUTHORIZED"]').waitFor();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Login console' }).click();
  await page.getByRole('tab', { name: 'Login sessions' }).click();
  await page.getByRole('table', { name: 'Login sessions' }).waitFor();
  const before = (await studio.api<{ personas: unknown[] }>('GET', '/api/wechat/personas')).body.personas.length;
  await studio.api('POST', '/api/wechat/personas', { name: 'Kept until reset' });

  // Cancel keeps everything.
  await page.getByRole('button', { name: 'Reset demo' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reset the demo?' });
  await expect(dialog).toContainText('everything made or changed since is lost');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect((await studio.api<{ personas: unknown[] }>('GET', '/api/wechat/personas')).body.personas).toHaveLength(before + 1);

  // Confirm resets; the only toast is the one that says so.
  await page.getByRole('button', { name: 'Reset demo' }).click();
  await dialog.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page.getByTestId('toast')).toHaveText(/Demo reset/);
  await expect(page.getByRole('table', { name: 'Login sessions' }).or(page.getByText('No login sessions yet'))).toBeVisible();
  expect((await studio.api<{ personas: unknown[] }>('GET', '/api/wechat/personas')).body.personas).toHaveLength(before);
  // Give the stream's events of the reset time to arrive and any refetch to fail (it must not).
  await page.getByRole('tab', { name: 'Users' }).click();
  await page.getByRole('table', { name: 'Users' }).waitFor();
  await expect(page.getByRole('alert')).toHaveCount(0);

  // A window opened now replays the old demo's history from the stream: still no error.
  const second = await context.newPage();
  await open(second, studio.ui);
  await second.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Login console' }).click();
  await second.getByRole('tab', { name: 'Login sessions' }).click();
  await second.getByRole('tab', { name: 'Users' }).click();
  await second.getByRole('table', { name: 'Users' }).waitFor();
  await expect(second.getByTestId('toast')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('an error toast stays off the phone and fades by itself', async ({ page, studio }) => {
  await open(page, studio.ui);
  // The studio server stops answering for a moment: the phone's action fails with a toast.
  await page.route('**/api/phone/*/scan', (route) => route.fulfill({ status: 500, json: { error: { code: 'internal', message: 'internal error; see the studio log' } } }));
  await page.getByRole('button', { name: /扫一扫/ }).click();
  const toast = page.getByTestId('toast');
  await expect(toast).toHaveText(/Scan failed: Internal error; see the studio log\./);
  const [t, phone] = [await toast.boundingBox(), await page.getByRole('region', { name: 'Phone' }).boundingBox()];
  const overlaps = t!.x < phone!.x + phone!.width && phone!.x < t!.x + t!.width && t!.y < phone!.y + phone!.height && phone!.y < t!.y + t!.height;
  expect(overlaps, 'the toast does not cover the phone').toBe(false);
  // It fades (its `leaving` state lasts 0.4 s, so watch every frame), then it is gone.
  await page.waitForFunction(() => document.querySelector('[data-testid="toast"]')?.classList.contains('leaving'), null, { polling: 'raf', timeout: 10_000 });
  await expect(toast).toHaveCount(0, { timeout: 5_000 });
});
