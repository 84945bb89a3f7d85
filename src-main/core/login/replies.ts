/**
 * What the login server says, on the phone (passive replies in the chat) and on the page (session errors).
 * Chinese first on the phone, as a WeChat user would see it, with the English line below for demos.
 */

// The page's texts are shared with the studio and the hosted page, which translate them.
export { PAGE_TEXT } from '../../contracts/login-messages';

export const PHONE_TEXT = {
  signedIn: (appName: string, username: string): string =>
    `登录成功，你已登录「${appName}」。\nSigned in to ${appName} as ${username}.`,
  loginOnlyRejected: (appName: string): string =>
    `该微信未绑定账号，无法登录「${appName}」（仅允许已有账号登录）。\nThis WeChat account is not registered, and sign-up is disabled for ${appName} (login-only).`,
  needsBinding: (appName: string): string =>
    `请在电脑网页上登录已有账号，完成微信绑定。\nSign in to your existing ${appName} account on the web page to link this WeChat account.`,
  expired: '二维码已过期，请在网页上刷新后重新扫码。\nThis QR code has expired. Refresh it on the web page and scan again.',
  cancelled: '该登录已取消，请在网页上重新获取二维码。\nThis login was cancelled. Get a new QR code on the web page.',
  alreadyDone: '该二维码已使用，请在网页上重新获取二维码。\nThis QR code has already been used. Get a new one on the web page.',
  /** A follow without a scene (not from a login QR code): nobody is signed in, and the user is told why. */
  welcome:
    '感谢关注！本次关注不是通过网页上的登录二维码，因此没有登录。如需登录，请用微信扫描网页上的二维码。\nThanks for following. This follow did not come from a login QR code, so nobody was signed in: to sign in, scan the QR code on the web page.',
} as const;
