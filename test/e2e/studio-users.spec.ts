import { test, expect } from './fixtures';

test('login console: a user made by hand, with per-field errors first and nothing saved', async ({ page, studio }) => {
  await page.goto(studio.ui);
  await expect(page.getByRole('status', { name: /event stream: Live/ })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Login console' }).click();
  await page.getByRole('tab', { name: 'Users' }).click();
  const table = page.getByRole('table', { name: 'Users' });
  await expect(table).toContainText('demo');
  const before = await table.locator('tbody tr').count();

  await page.getByText('New user (for query binding or field matching)').click();
  const form = page.getByRole('form', { name: 'New user' });
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(form.getByLabel('Username')).toHaveAccessibleDescription(/username/i);
  await expect(table.locator('tbody tr')).toHaveCount(before);

  await form.getByLabel('Username').fill('ana');
  await form.getByLabel('Password').fill('s3cret-pass');
  await form.getByLabel('Nickname').fill('Ana');
  await form.getByRole('button', { name: 'Create user' }).click();
  const row = table.locator('tbody tr', { hasText: 'ana' });
  await expect(row).toContainText('Ana');
  await expect(row).toContainText('password');
  await expect(table.locator('tbody tr')).toHaveCount(before + 1);
  await expect(form.getByLabel('Username')).toHaveValue('');
});
