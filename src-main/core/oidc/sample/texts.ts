/** Every text of the sample website, per language: English and Simplified Chinese. */

export const SAMPLE_LANGS = ['en', 'zh-CN'] as const;
export type SampleLang = (typeof SAMPLE_LANGS)[number];

export interface SampleTexts {
  siteName: string;
  tagline: string;
  heroTitle: string;
  heroBody: string;
  signIn: string;
  signInNote: string;
  signedInAs: string;
  via: string;
  idTokenTitle: string;
  idTokenNote: string;
  userinfoTitle: string;
  userinfoNote: string;
  tokensTitle: string;
  accessTokenExpires: string;
  refreshToken: string;
  present: string;
  absent: string;
  refresh: string;
  refreshed: string;
  signOut: string;
  signedOut: string;
  claim: string;
  value: string;
  errorTitle: string;
  noApplication: string;
  noSecret: string;
  language: string;
  footer: string;
}

export const SAMPLE_TEXT: Record<SampleLang, SampleTexts> = {
  en: {
    siteName: 'Demo Website',
    tagline: 'A website that signs its users in with OpenID Connect',
    heroTitle: 'Welcome',
    heroBody: 'This page is an ordinary website. It knows nothing about WeChat: it asks the login server for an OpenID Connect sign-in and gets the user back with an id_token.',
    signIn: 'Sign in with WeChat',
    signInNote: 'You will scan a QR code with WeChat and follow the official account.',
    signedInAs: 'Signed in as',
    via: 'Signed in with WeChat through OpenID Connect',
    idTokenTitle: 'id_token claims',
    idTokenNote: 'Checked by openid-client (issuer, audience, expiry, nonce); signed with',
    userinfoTitle: 'UserInfo',
    userinfoNote: 'From the userinfo endpoint with the access token',
    tokensTitle: 'Tokens',
    accessTokenExpires: 'Access token expires',
    refreshToken: 'Refresh token',
    present: 'present',
    absent: 'none',
    refresh: 'Refresh tokens',
    refreshed: 'Tokens refreshed',
    signOut: 'Sign out',
    signedOut: 'You are signed out.',
    claim: 'Claim',
    value: 'Value',
    errorTitle: 'Sign-in did not complete',
    noApplication: 'The login server has no application for this website yet.',
    noSecret: 'The application has no secret kept for OpenID Connect: reset its secret in the login console.',
    language: '中文',
    footer: 'Sample website served by Follow Studio · openid-client',
  },
  'zh-CN': {
    siteName: '示例网站',
    tagline: '一个使用 OpenID Connect 登录的网站',
    heroTitle: '欢迎',
    heroBody: '这是一个普通网站，它并不了解微信：它向登录服务器发起 OpenID Connect 登录，并通过 id_token 得到用户信息。',
    signIn: '微信登录',
    signInNote: '用微信扫码并关注公众号即可登录。',
    signedInAs: '已登录：',
    via: '通过 OpenID Connect 使用微信登录',
    idTokenTitle: 'id_token 声明',
    idTokenNote: '由 openid-client 校验（签发者、受众、有效期、nonce）；签名算法',
    userinfoTitle: 'UserInfo 用户信息',
    userinfoNote: '使用 access token 从 userinfo 端点获取',
    tokensTitle: '令牌',
    accessTokenExpires: 'Access token 过期时间',
    refreshToken: 'Refresh token',
    present: '有',
    absent: '无',
    refresh: '刷新令牌',
    refreshed: '令牌已刷新',
    signOut: '退出登录',
    signedOut: '您已退出登录。',
    claim: '声明',
    value: '值',
    errorTitle: '登录未完成',
    noApplication: '登录服务器还没有为此网站创建应用。',
    noSecret: '该应用没有保存用于 OpenID Connect 的密钥：请在登录控制台重置应用密钥。',
    language: 'English',
    footer: '由 Follow Studio 提供的示例网站 · openid-client',
  },
};

/** The language asked for by ?lang=, else the browser's first supported one, else English. */
export function pickLang(query: string | undefined, acceptLanguage: string | undefined): SampleLang {
  if (query === 'en' || query === 'zh-CN') return query;
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('zh') ? 'zh-CN' : 'en';
}
