import type { LoginStatus } from './api';

/**
 * What the login server hands the hosted page's script (src-login-page/) in a JSON data block: the texts it
 * shows as the session moves, already in the visitor's language. The page's HTML itself is rendered by the
 * server (src-main/core/login/page.ts).
 */
export interface LoginPageTexts {
  lang: string;
  status: Record<LoginStatus | 'LOADING', string>;
  needsBinding: string;
  /** "Expires in {time}": `{time}` is replaced by m:ss. */
  expiresIn: string;
  expiring: string;
  refreshExpired: string;
  refreshCancelled: string;
  somethingWrong: string;
  /** `{error}` is replaced by the failure. */
  couldNotGetQr: string;
  unreachable: string;
  /** The server's English messages (session errors, the bind API's refusals) → the visitor's language. */
  serverMessages: Record<string, string>;
}

export const LOGIN_PAGE_TEXTS_ID = 'login-page-texts';
/** The message type the page posts to a loopback parent (the studio's PC frame). */
export const LOGIN_PAGE_QR_MESSAGE = 'follow-studio:qr';
