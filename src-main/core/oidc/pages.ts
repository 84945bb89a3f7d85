import { randomBytes } from 'node:crypto';
import { escapeHtml } from '../login/page';

export { escapeHtml };

/**
 * The provider's own pages: the error shown instead of redirecting (an unknown client, an unregistered
 * redirect_uri — redirecting there would hand the answer to whoever wrote the URL), the logout step and
 * the signed-out page. Server-rendered, one inline style and script under a per-response CSP nonce.
 */

export const OIDC_PAGE_TEXT = {
  errorTitle: 'This sign-in request cannot be completed',
  errorHint: 'The website that sent you here is not configured to sign in with this login server. Tell its owner the error below.',
  loggingOut: 'Signing you out…',
  logoutButton: 'Sign out',
  signedOutTitle: 'You are signed out',
  signedOutHint: 'You can close this page.',
  footer: 'Follow Studio login server',
} as const;


const STYLE = `
:root { --ink: #1f2329; --muted: #6b7280; --line: #e5e7eb; --bg: #f3f5f7; --danger: #d93025; --green: #07c160; }
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: flex; flex-direction: column; align-items: center; justify-content: center; padding: 24px 12px;
  font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
.card { width: 100%; max-width: 440px; background: #fff; border-radius: 14px; box-shadow: 0 10px 30px rgba(15,23,42,.08), 0 1px 3px rgba(15,23,42,.06); padding: 28px; text-align: center; }
.icon { width: 44px; height: 44px; border-radius: 50%; display: grid; place-items: center; margin: 0 auto 12px; font-size: 22px; font-weight: 700; }
.icon.error { background: #fdecea; color: var(--danger); }
.icon.ok { background: #e8f8ef; color: var(--green); }
h1 { font-size: 18px; margin: 0 0 8px; }
p { margin: 0 0 14px; color: var(--muted); }
code { display: block; text-align: left; padding: 10px 12px; background: var(--bg); border-radius: 8px; font: 12px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; word-break: break-word; color: var(--ink); }
button { border: 0; background: var(--green); color: #fff; font: inherit; font-weight: 600; padding: 10px 16px; border-radius: 8px; cursor: pointer; }
footer { margin-top: 16px; color: var(--muted); font-size: 12px; }
`;

export interface OidcPage {
  html: string;
  csp: string;
}

function page(title: string, body: string, script = ''): OidcPage {
  const nonce = randomBytes(16).toString('base64');
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title><style nonce="${nonce}">${STYLE}</style></head>
<body>
<main class="card">${body}</main>
<footer>${escapeHtml(OIDC_PAGE_TEXT.footer)}</footer>
${script ? `<script nonce="${nonce}">${script}</script>` : ''}
</body>
</html>`;
  // No form-action: the logout form's answer redirects to the website's post-logout URI, another origin.
  const csp = [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src 'nonce-${nonce}'`, "base-uri 'none'", "frame-ancestors 'self' http://127.0.0.1:* http://localhost:* https://127.0.0.1:* https://localhost:*"].join('; ');
  return { html, csp };
}

/** The error, exactly as the protocol names it (`error`, `error_description`), on a page. */
export function errorPage(error: string, description: string | undefined): OidcPage {
  return page(
    OIDC_PAGE_TEXT.errorTitle,
    `<div class="icon error" aria-hidden="true">!</div>
<h1>${escapeHtml(OIDC_PAGE_TEXT.errorTitle)}</h1>
<p>${escapeHtml(OIDC_PAGE_TEXT.errorHint)}</p>
<code id="oidc-error" data-error="${escapeHtml(error)}">error: ${escapeHtml(error)}${description ? `<br>error_description: ${escapeHtml(description)}` : ''}</code>`,
  );
}

/**
 * RP-initiated logout: the provider's confirmation form (with its anti-forgery field) submitted at once,
 * as GenAuth does; the button is there when scripts are off.
 */
export function logoutPage(form: string): OidcPage {
  return page(
    OIDC_PAGE_TEXT.loggingOut,
    `<h1>${escapeHtml(OIDC_PAGE_TEXT.loggingOut)}</h1>
${form}
<input type="hidden" form="op.logoutForm" name="logout" value="yes">
<button type="submit" form="op.logoutForm">${escapeHtml(OIDC_PAGE_TEXT.logoutButton)}</button>`,
    `document.getElementById('op.logoutForm').submit();`,
  );
}

export function signedOutPage(): OidcPage {
  return page(
    OIDC_PAGE_TEXT.signedOutTitle,
    `<div class="icon ok" aria-hidden="true">✓</div><h1>${escapeHtml(OIDC_PAGE_TEXT.signedOutTitle)}</h1><p>${escapeHtml(OIDC_PAGE_TEXT.signedOutHint)}</p>`,
  );
}
