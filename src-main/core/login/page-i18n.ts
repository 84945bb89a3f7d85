import i18next from 'i18next';
import { PAGE_TEXT, type PageTextKey } from '../../contracts/login-messages';
import type { LoginPageTexts } from '../../contracts/login-page';

/**
 * The hosted login page speaks its visitor's language: `?lang=` when given, else the best of the browser's
 * `Accept-Language` — any Chinese tag gives Simplified Chinese, anything else English. Chinese is the first
 * language; English is the fallback for a visitor who states no preference (a script, curl).
 */
export const PAGE_LANGUAGES = ['zh-CN', 'en'] as const;
export type PageLanguage = (typeof PAGE_LANGUAGES)[number];

const toLanguage = (tag: string): PageLanguage => (/^zh(-|_|$)/i.test(tag.trim()) ? 'zh-CN' : 'en');

/** The visitor's language: an explicit `lang` wins; else the Accept-Language entry with the highest q. */
export function pageLanguage(query: unknown, acceptLanguage: string | undefined): PageLanguage {
  if (typeof query === 'string' && query.trim()) return toLanguage(query);
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((e) => e.tag && e.tag !== '*' && e.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked[0] ? toLanguage(ranked[0].tag) : 'en';
}

const EN_PAGE = {
  title: 'Sign in · {{app}}',
  signInToContinue: 'Sign in to continue',
  methods: 'Sign-in methods',
  connectionKind: 'WeChat Official Account Follow',
  qrRegion: 'WeChat QR code',
  qrAlt: 'WeChat QR code: scan it with WeChat and follow the official account to sign in',
  scanned: 'Scanned',
  refreshExpired: 'QR code expired — click to refresh',
  refreshCancelled: 'Login cancelled — click to refresh',
  needsBinding: 'One more step: sign in to your existing account to link this WeChat account',
  expiresIn: 'Expires in {time}',
  expiring: 'Expiring…',
  bindTitle: 'Link your WeChat account',
  bindBody: 'This WeChat account is not linked to an account yet. Sign in once with your username and password; next time, scanning is enough.',
  username: 'Username',
  password: 'Password',
  bindSubmit: 'Sign in and link WeChat',
  cancel: 'Cancel',
  somethingWrong: 'Something went wrong.',
  tryAgain: 'Try again',
  via: 'Signed in with WeChat Official Account Follow',
  userId: 'User ID',
  application: 'Application',
  token: 'Login session token (JWT)',
  signOut: 'Sign out',
  footer: 'Hosted login page · Follow Studio login server',
  otherLanguage: '中文',
  couldNotGetQr: 'Could not get a QR code: {error}',
  unreachable: 'Could not reach the login server: {error}',
  unknownApp: 'There is no application with the ID "{{appId}}". Check the login URL.',
  unknownAppName: 'Unknown application',
  notBuilt: 'The login page is not built. Run npm run build, then start again.',
};

type PageKey = keyof typeof EN_PAGE;

type Catalogue = {
  page: Record<PageKey, string>;
  status: LoginPageTexts['status'];
  server: Record<PageTextKey | 'usernameRequired' | 'passwordRequired', string>;
};

/** The bind route's own refusals (page-routes.ts), besides the session texts of the contract. */
const SERVER_ENGLISH: Catalogue['server'] = {
  ...PAGE_TEXT,
  usernameRequired: 'Username is required',
  passwordRequired: 'Password is required',
};

const zhCN: Catalogue = {
  page: {
    title: '登录 · {{app}}',
    signInToContinue: '登录以继续',
    methods: '登录方式',
    connectionKind: '公众号关注登录',
    qrRegion: '微信二维码',
    qrAlt: '微信二维码：使用微信扫一扫并关注公众号即可登录',
    scanned: '扫码成功',
    refreshExpired: '二维码已过期，点击刷新',
    refreshCancelled: '登录已取消，点击刷新',
    needsBinding: '还差一步：登录已有账号，完成微信绑定',
    expiresIn: '{time} 后过期',
    expiring: '即将过期…',
    bindTitle: '绑定微信账号',
    bindBody: '该微信账号尚未绑定账号。请用用户名和密码登录一次，以后扫码即可登录。',
    username: '用户名',
    password: '密码',
    bindSubmit: '登录并绑定微信',
    cancel: '取消',
    somethingWrong: '出错了。',
    tryAgain: '重试',
    via: '已通过公众号关注登录',
    userId: '用户 ID',
    application: '应用',
    token: '登录会话令牌（JWT）',
    signOut: '退出登录',
    footer: '托管登录页 · Follow Studio 登录服务器',
    otherLanguage: 'English',
    couldNotGetQr: '无法获取二维码：{error}',
    unreachable: '无法连接登录服务器：{error}',
    unknownApp: '不存在 ID 为「{{appId}}」的应用，请检查登录地址。',
    unknownAppName: '未知应用',
    notBuilt: '登录页尚未构建。请运行 npm run build 后重新启动。',
  },
  status: {
    LOADING: '正在获取二维码…',
    PENDING: '请使用微信扫一扫，关注公众号后即可登录',
    SCANNED: '扫码成功，请在手机上关注公众号以继续',
    AUTHORIZED: '登录成功',
    EXPIRED: '二维码已过期',
    CANCELLED: '登录已取消，点击获取新的二维码',
    ERROR: '登录失败',
  },
  server: {
    loginOnlyRejected: '该微信账号尚未注册，此应用未开放注册（仅登录模式）。',
    expired: '二维码已过期，请刷新',
    cancelled: '登录已取消。',
    tooManyBindFailures: '登录失败次数过多，请刷新二维码后重试。',
    wrongPassword: '用户名或密码错误。',
    alreadyBound: '该账号已绑定此公众号的另一个微信用户。',
    noConnection: '此应用没有配置「公众号关注登录」身份源。',
    qrUnavailable: '登录二维码暂时无法生成，请稍后再试。',
    usernameRequired: '请填写用户名',
    passwordRequired: '请填写密码',
  },
};

const en: Catalogue = {
  page: EN_PAGE,
  status: {
    LOADING: 'Getting a QR code…',
    PENDING: 'Scan with WeChat, then follow the official account to sign in',
    SCANNED: 'Scanned — follow the official account on your phone to continue',
    AUTHORIZED: 'Signed in',
    EXPIRED: 'This QR code has expired',
    CANCELLED: 'Login cancelled — click to get a new QR code',
    ERROR: 'Sign-in failed',
  },
  server: SERVER_ENGLISH,
};

const i18n = i18next.createInstance();
void i18n.init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: 'zh-CN',
  supportedLngs: [...PAGE_LANGUAGES],
  fallbackLng: false,
  initAsync: false,
  // The page escapes everything it writes into HTML itself (page.ts).
  interpolation: { escapeValue: false },
});

export type PageT = (key: PageKey, values?: Record<string, string>) => string;

/** The page's words in one language. */
export function pageT(lang: PageLanguage): PageT {
  // i18next's key types are the studio's catalogue (src-renderer/i18n/i18next.d.ts, one per program); the
  // page's keys are typed by PageKey instead.
  const t = i18n.getFixedT(lang) as unknown as (key: string, values: Record<string, string>) => string;
  return (key, values) => t(`page.${key}`, values ?? {});
}

/** What the page's script needs (LoginPageTexts), in one language. */
export function pageScriptTexts(lang: PageLanguage): LoginPageTexts {
  const c = lang === 'zh-CN' ? zhCN : en;
  const serverMessages: Record<string, string> = {};
  for (const [key, english] of Object.entries(SERVER_ENGLISH)) serverMessages[english] = c.server[key as keyof Catalogue['server']];
  return {
    lang,
    status: c.status,
    needsBinding: c.page.needsBinding,
    expiresIn: c.page.expiresIn,
    expiring: c.page.expiring,
    refreshExpired: c.page.refreshExpired,
    refreshCancelled: c.page.refreshCancelled,
    somethingWrong: c.page.somethingWrong,
    couldNotGetQr: c.page.couldNotGetQr,
    unreachable: c.page.unreachable,
    serverMessages,
  };
}

/** A server message (a session's error) in the page's language, or as the server said it. */
export function localizeServerMessage(lang: PageLanguage, message: string): string {
  return pageScriptTexts(lang).serverMessages[message] ?? message;
}

/** Both catalogues, for the test that checks they have the same keys. */
export const PAGE_CATALOGUES = { 'zh-CN': zhCN, en } as const;
