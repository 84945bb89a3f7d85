import { test, expect } from './fixtures';

test('the ui link opens the studio in a browser and drops the token from the address bar', async ({ page, studio }) => {
  await page.goto(studio.ui);
  await expect(page).toHaveTitle(/Follow Studio/);
  expect(page.url()).toBe(studio.studio + '/');
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === 'follow_studio_session')?.httpOnly).toBe(true);
});

test('without the token the control API refuses the browser', async ({ page, studio }) => {
  const res = await page.request.get(studio.studio + '/api/health');
  expect(res.status()).toBe(401);
});
