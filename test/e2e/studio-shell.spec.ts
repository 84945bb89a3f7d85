import { test, expect } from './fixtures';

/** The shell: the launch link, navigation by keyboard and by URL, the stream status, the desktop bridge fallback. */

test('without the launch link the studio explains what to open', async ({ page, studio }) => {
  await page.goto(studio.studio);
  await expect(page.getByRole('heading', { name: 'This window needs the launch link' })).toBeVisible();
});

test('navigation: links, deep links and the stream status', async ({ page, studio }) => {
  await page.goto(studio.ui);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(page.getByRole('status', { name: /event stream: Live/ })).toBeVisible();
  for (const [link, heading] of [
    ['WeChat console', 'WeChat console'],
    ['Login console', 'Login console'],
    ['Inspector', 'Inspector'],
    ['Workbench', 'Workbench'],
    ['Stage', 'Stage'],
  ] as const) {
    await nav.getByRole('link', { name: link }).click();
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(nav.getByRole('link', { name: link })).toHaveAttribute('aria-current', 'page');
  }
  // A deep link opens a console tab directly; Back returns.
  await page.goto(`${studio.studio}/#/login/apps`);
  await expect(page.getByRole('tab', { name: 'Applications' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('tab', { name: 'Users' }).click();
  await expect(page).toHaveURL(/#\/login\/users$/);
  await page.goBack();
  await expect(page.getByRole('tab', { name: 'Applications' })).toHaveAttribute('aria-selected', 'true');
});

test('keyboard: tabs move with the arrow keys; secrets are masked until revealed', async ({ page, studio }) => {
  await page.goto(`${studio.ui}`);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'WeChat console' }).click();
  const tab = page.getByRole('tab', { name: 'Basic configuration' });
  await tab.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'IP whitelist' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'IP whitelist' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('tab', { name: 'Server configuration' }).click();
  const token = page.getByLabel('Token', { exact: true });
  await expect(token).toHaveAttribute('type', 'password');
  await page.getByRole('button', { name: 'Show Token' }).click();
  await expect(token).toHaveAttribute('type', 'text');
  await page.getByRole('button', { name: 'Generate' }).click();
  await expect(page.getByLabel('EncodingAESKey', { exact: true })).toHaveValue(/^[A-Za-z0-9]{43}$/);
});

test('Experience login opens the hosted login page in a pop-up (web fallback of the desktop bridge)', async ({ page, studio }) => {
  await page.goto(`${studio.ui}`);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Login console' }).click();
  await page.getByRole('tab', { name: 'Applications' }).click();
  const popup = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Experience login for Demo Website' }).click();
  const win = await popup;
  await expect(win.locator('body')).toHaveAttribute('data-login-status', /PENDING|LOADING/);
  expect(win.url().startsWith(studio.auth)).toBe(true);
});

test('Reset demo restores the seed', async ({ page, studio }) => {
  await page.goto(studio.ui);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'WeChat console' }).click();
  await page.getByRole('button', { name: /Personas/ }).click();
  const form = page.getByRole('form', { name: 'New persona' });
  await form.getByLabel('Name').fill('Temporary persona');
  await form.getByRole('button', { name: 'Add persona' }).click();
  await expect(page.getByRole('table', { name: 'Personas' })).toContainText('Temporary persona');
  await page.getByRole('button', { name: 'Reset demo' }).click();
  await page.getByRole('dialog', { name: 'Reset the demo?' }).getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page.getByText(/Demo reset/)).toBeVisible();
  await expect(page.getByRole('table', { name: 'Personas' })).not.toContainText('Temporary persona');
  await expect(page.getByRole('table', { name: 'Personas' })).toContainText('Lin (new user)');
});
