import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { dataNames, missingKeys, untranslated } from './i18n-check';
import type { ServeHandle } from '../helpers/serve';

/**
 * Every screen of the studio in Chinese (a zh-CN browser) and in English (en-US): no catalogue key is
 * missing, and no Chinese screen shows a label in English. The screens are reached by their routes, the
 * phone by WeChat's own labels (the same in both languages).
 */

interface Ids {
  /** The demo's WeChat account. */
  appId: string;
  /** The demo's login application. */
  loginAppId: string;
  studio: ServeHandle;
}

interface Screen {
  name: string;
  open(page: Page, ids: Ids): Promise<void>;
}

const go = async (page: Page, hash: string): Promise<void> => {
  await page.evaluate((h) => (window.location.hash = h), hash);
};

const SCREENS: Screen[] = [
  { name: 'stage', open: async (page) => void (await page.locator('iframe').first().waitFor()) },
  ...(['basic', 'ip', 'permissions', 'server', 'relay', 'followers', 'tickets'] as const).map((tab) => ({
    name: `wechat/${tab}`,
    open: async (page: Page, { appId }: { appId: string }) => {
      await go(page, `#/wechat/${appId}/${tab}`);
      await page.locator('#wx-panel').waitFor();
      await expect(page.locator('#wx-panel .empty, #wx-panel .form, #wx-panel .stack, #wx-panel .stack-sm, #wx-panel table').first()).toBeVisible();
    },
  })),
  {
    name: 'wechat/server/audit',
    open: async (page: Page, { appId }: { appId: string }) => {
      await go(page, `#/wechat/${appId}/server/audit`);
      await page.getByTestId('audit-run').click();
      await page.getByTestId('audit-report').waitFor({ timeout: 60_000 });
      await page.locator('.audit-report .segmented input[value="all"]').check();
      await page.locator('details.audit-check[data-check="TIME-01"] > summary').click();
      await page.locator('details.audit-check[data-check="TIME-01"] table').waitFor();
    },
  },
  { name: 'wechat/personas', open: async (page) => (await go(page, '#/wechat/personas'), await page.locator('table').first().waitFor()) },
  { name: 'wechat/settings', open: async (page) => (await go(page, '#/wechat/settings'), await page.locator('form .form-grid').waitFor()) },
  {
    name: 'wechat/new-account',
    open: async (page) => {
      await go(page, '#/wechat/personas');
      await page.locator('.card-head .btn').first().click();
      await page.locator('dialog[open]').waitFor();
    },
  },
  {
    name: 'login/sources+form',
    open: async (page) => {
      await page.keyboard.press('Escape');
      await go(page, '#/login/sources');
      await page.locator('.toolbar .btn-primary').click();
      await page.locator('form.card').first().waitFor();
    },
  },
  { name: 'login/apps', open: async (page) => (await go(page, '#/login/apps'), await page.locator('.app-card').first().waitFor()) },
  ...oidcScreens(),
  {
    name: 'login/users',
    open: async (page) => {
      await go(page, '#/login/users');
      await page.locator('details.disclosure summary').click();
      await page.locator('table').waitFor();
    },
  },
  { name: 'login/sessions', open: async (page) => (await go(page, '#/login/sessions'), await page.locator('table').waitFor()) },
  {
    name: 'login/platform',
    open: async (page) => {
      await go(page, '#/login/platform');
      await page.getByTestId('component-panel').locator('.btn-primary').click();
      await page.getByTestId('component-ticket').waitFor();
    },
  },
  { name: 'wechat/platforms', open: async (page) => (await go(page, '#/wechat/platforms'), await page.locator('article.conn').first().waitFor()) },
  {
    name: 'wechat/new-platform+errors',
    open: async (page) => {
      await page.locator('.card-head .btn-primary').first().click();
      await page.locator('dialog[open] button[type="submit"]').click();
      await page.locator('dialog[open] .field-error').first().waitFor();
    },
  },
  {
    name: 'wechat/account',
    open: async (page, { appId }) => {
      await page.keyboard.press('Escape');
      await go(page, `#/wechat/${appId}/account`);
      await page.locator('.account-admins').waitFor();
    },
  },
  {
    name: 'login/sources+authorize',
    open: async (page) => {
      await go(page, '#/login/sources');
      await page.locator('.toolbar .btn:not(.btn-primary)').first().click();
      await page.locator('form.card button[type="submit"]').click();
      await page.locator('.launcher').waitFor();
    },
  },
  {
    name: 'inspector',
    open: async (page) => {
      await go(page, '#/inspector');
      await page.locator('.jr-row').first().click();
      await page.getByTestId('verdict').waitFor();
    },
  },
  {
    name: 'workbench',
    open: async (page) => {
      await go(page, '#/workbench');
      await page.locator('form.card').nth(0).locator('button[type="submit"]').click();
      await page.locator('.field-error, form.card .callout, form.card .result').first().waitFor();
    },
  },
  {
    name: 'stage/test-tools',
    open: async (page) => {
      await go(page, '#/stage');
      await page.getByTestId('stage-tools').click();
      await page.locator('#stage-tools form').waitFor();
    },
  },
  {
    name: 'login/sources/fault',
    open: async (page) => {
      await page.keyboard.press('Escape');
      await go(page, '#/login/sources');
      await page.getByTestId('inject-fault').first().click();
      await page.locator('dialog[open] form').waitFor();
    },
  },
  {
    name: 'api-reference',
    open: async (page) => {
      await page.keyboard.press('Escape');
      await go(page, '#/api');
      await page.locator('iframe.api-frame').waitFor();
    },
  },
  {
    name: 'reset-dialog',
    open: async (page) => {
      await page.getByTestId('reset-demo').click();
      await page.locator('dialog[open]').waitFor();
    },
  },
  {
    name: 'scenarios (a case run, its steps and a journal entry)',
    open: async (page) => {
      await page.keyboard.press('Escape');
      await go(page, '#/scenarios');
      const modes = page.locator('.scn-toolbar .scn-filter').first().locator('input');
      await modes.nth(0).uncheck();
      await modes.nth(1).uncheck();
      await page.locator('[data-case="new user follows and signs in"] button').first().click();
      await page.locator('[data-testid="scenario-run"][data-status="passed"]').waitFor({ timeout: 30_000 });
      await page.getByTestId('matrix-cell').first().click();
      await page.getByTestId('step-entry').first().click();
      await page.getByTestId('entry-detail').waitFor();
    },
  },
  {
    name: 'scenarios/play-on-stage',
    open: async (page) => {
      await page.locator('[data-case="new user follows and signs in"] button').nth(1).click();
      await page.locator('dialog[open]').waitFor();
    },
  },
];

/** The OpenID Connect screens: an application's settings, its secret reset, the stage's sample website, a token in the inspector. */
function oidcScreens(): Screen[] {
  return [
    { name: 'login/app-oidc', open: async (page, { loginAppId }) => (await go(page, `#/login/apps/${loginAppId}`), await page.locator('form textarea').first().waitFor()) },
    {
      name: 'login/app-oidc/reset-secret',
      open: async (page) => {
        await page.getByTestId('reset-secret').click();
        await page.locator('dialog[open]').waitFor();
      },
    },
    {
      name: 'stage/sample',
      open: async (page) => {
        await page.keyboard.press('Escape');
        await go(page, '#/stage');
        await page.locator('input[name="pc-site"][value="sample"]').check();
        await page.frameLocator('iframe').first().locator('#sign-in').waitFor();
      },
    },
    {
      name: 'inspector/tokens',
      open: async (page, { studio }) => {
        const pc = page.frameLocator('iframe').first();
        await pc.locator('#sign-in').click();
        // The image's attribute is there, empty, until the page has its QR code.
        const content = await pc.locator('#qr[data-qr-url^="http"]').getAttribute('data-qr-url');
        const personas = (await studio.api<{ personas: Array<{ id: string; name: string }> }>('GET', '/api/wechat/personas')).body.personas;
        await studio.api('POST', `/api/phone/${personas.find((p) => p.name.startsWith('Chen'))!.id}/scan`, { content });
        await pc.locator('body[data-signed-in="true"]').waitFor();
        await go(page, '#/inspector');
        await page.locator('.inspector-bar select').first().selectOption('oidc');
        await page.locator('.jr-row', { hasText: /OIDC.*token/ }).first().click();
        await page.getByTestId('decoded-tokens').waitFor();
      },
    },
  ];
}

/** Scans and follows on the stage so the phone's chat, the journal and the sessions have something to show. */
async function signInOnStage(page: Page): Promise<void> {
  const pc = page.frameLocator('iframe').first();
  await pc.locator('body[data-login-status="PENDING"]').waitFor();
  await page.locator('.wx-cell').first().click();
  await page.locator('.wx-profile').waitFor();
  await page.locator('.wx-actions .weui-btn-primary').click();
  await pc.locator('body[data-login-status="AUTHORIZED"]').waitFor();
  await page.locator('.msg.account').first().waitFor();
}

async function visitAll(page: Page, studio: ServeHandle, check: (screen: string) => Promise<string[]>): Promise<string[]> {
  await page.goto(studio.ui);
  await page.getByTestId('stream-status').and(page.locator('[data-state="open"]')).waitFor();
  await signInOnStage(page);
  const appId = (await studio.api<{ accounts: Array<{ appId: string }> }>('GET', '/api/wechat/accounts')).body.accounts[0]!.appId;
  const loginAppId = (await studio.api<{ pools: Array<{ apps: Array<{ id: string }> }> }>('GET', '/api/login/pools')).body.pools[0]!.apps[0]!.id;
  const problems: string[] = [];
  problems.push(...(await check('stage, signed in')));
  for (const screen of SCREENS) {
    await screen.open(page, { appId, loginAppId, studio });
    problems.push(...(await check(screen.name)));
  }
  return problems;
}

test.describe('zh-CN', () => {
  test.use({ locale: 'zh-CN' });

  test('every screen is in Chinese: no missing key, no English-only label', async ({ page, studio }) => {
    test.setTimeout(120_000);
    const problems = await visitAll(page, studio, async (screen) => {
      const found = [...(await missingKeys(page)), ...(await untranslated(page, await dataNames(studio)))];
      return found.map((f) => `${screen}: ${f}`);
    });
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(problems).toEqual([]);
  });

  test('WeChat console terms and translated errors', async ({ page, studio }) => {
    await page.goto(studio.ui);
    await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '微信公众平台' })).toBeVisible();
    const appId = (await studio.api<{ accounts: Array<{ appId: string }> }>('GET', '/api/wechat/accounts')).body.accounts[0]!.appId;
    await go(page, `#/wechat/${appId}/server`);
    const form = page.getByRole('form', { name: '服务器配置' });
    for (const term of ['服务器地址(URL)', '令牌(Token)', '消息加解密密钥(EncodingAESKey)']) await expect(form.getByLabel(term, { exact: true })).toBeVisible();
    for (const mode of ['明文模式', '兼容模式', '安全模式（推荐）']) await expect(form.getByRole('radio', { name: mode })).toBeVisible();
    // A rule of the shared form check, in Chinese under its field.
    await form.getByLabel('令牌(Token)', { exact: true }).fill('x');
    await form.getByRole('button', { name: '提交' }).click();
    await expect(form.getByRole('alert').filter({ hasText: '令牌(Token)须为 3–32 位英文字母或数字' })).toBeVisible();
    // A refusal of the server, translated by its code and field: a Unique ID already in use.
    await go(page, '#/login/sources');
    await page.getByRole('button', { name: '创建身份源' }).click();
    const source = page.getByRole('form', { name: '新建身份源' });
    await source.getByRole('combobox', { name: '从一个公众号填入' }).selectOption(appId);
    await source.getByLabel('唯一标识').fill('wechat-follow');
    await source.getByLabel('开发者密码(AppSecret)').fill('0123456789abcdef0123456789ABCDEF');
    await source.getByRole('button', { name: '创建' }).click();
    await expect(source.getByRole('alert').filter({ hasText: '此用户池中已有身份源使用该唯一标识' })).toBeVisible();
    for (const term of ['登录并注册', '仅登录模式', '不关联', '字段匹配', '询问绑定']) await expect(source.getByRole('radio', { name: term })).toBeVisible();
  });
});

test.describe('en-US', () => {
  test.use({ locale: 'en-US' });

  test('every screen is in English, with no missing key', async ({ page, studio }) => {
    test.setTimeout(120_000);
    const problems = await visitAll(page, studio, async (screen) => (await missingKeys(page)).map((f) => `${screen}: ${f}`));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Login console' })).toBeVisible();
    expect(problems).toEqual([]);
  });

  test('the switch in the header changes the language and keeps the choice', async ({ page, studio }) => {
    await page.goto(studio.ui);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Stage' })).toBeVisible();
    await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: '中文' }).click();
    await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '演示台' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    // The choice outlives a reload, although the browser still prefers English.
    await page.reload();
    await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '演示台' })).toBeVisible();
    await page.getByRole('group', { name: '界面语言' }).getByRole('button', { name: 'English' }).click();
    await expect(nav.getByRole('link', { name: 'Stage' })).toBeVisible();
  });
});

test.describe('the hosted login page follows its visitor', () => {
  async function loginUrl(studio: ServeHandle): Promise<string> {
    return (await studio.api<{ pools: Array<{ apps: Array<{ loginUrl: string }> }> }>('GET', '/api/login/pools')).body.pools[0]!.apps[0]!.loginUrl;
  }

  test('Accept-Language zh-CN: Chinese page, lang attribute, no English-only label; ?lang=en overrides', async ({ browser, studio }) => {
    const url = await loginUrl(studio);
    const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await page.goto(url);
    await expect(page.locator('body')).toHaveAttribute('data-login-status', 'PENDING');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('status')).toHaveText('请使用微信扫一扫，关注公众号后即可登录');
    await expect(page.getByRole('tab').getByText('公众号关注登录', { exact: true })).toBeVisible();
    expect(await untranslated(page, await dataNames(studio))).toEqual([]);
    await page.goto(`${url}?lang=en`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('status')).toHaveText('Scan with WeChat, then follow the official account to sign in');
    await page.context().close();
  });

  test('Accept-Language en-US: English page', async ({ page, studio }) => {
    const res = await page.goto(await loginUrl(studio));
    expect(res?.headers()['content-language']).toBe('en');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('tab').getByText('WeChat Official Account Follow', { exact: true })).toBeVisible();
  });
});
