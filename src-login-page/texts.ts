import { LOGIN_PAGE_TEXTS_ID, type LoginPageTexts } from '../src-main/contracts/login-page';

const FALLBACK: LoginPageTexts = {
  lang: 'en',
  status: { LOADING: '…', PENDING: '', SCANNED: '', AUTHORIZED: '', EXPIRED: '', CANCELLED: '', ERROR: '' },
  needsBinding: '',
  expiresIn: '{time}',
  expiring: '',
  refreshExpired: '↻',
  refreshCancelled: '↻',
  somethingWrong: '!',
  couldNotGetQr: '{error}',
  unreachable: '{error}',
  serverMessages: {},
};

/** The texts the server put in the page (see LoginPageTexts); a page without them still works, tersely. */
export function readTexts(doc: Document): LoginPageTexts {
  const el = doc.getElementById(LOGIN_PAGE_TEXTS_ID);
  try {
    return el?.textContent ? { ...FALLBACK, ...(JSON.parse(el.textContent) as Partial<LoginPageTexts>) } : FALLBACK;
  } catch {
    return FALLBACK;
  }
}

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);
}

/** A message from the server in the visitor's language when the page knows it, else as the server said it. */
export function localize(texts: LoginPageTexts, message: string | null | undefined): string {
  if (!message) return '';
  return texts.serverMessages[message] ?? message;
}
