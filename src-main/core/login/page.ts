import { PAGE_SCRIPT } from './page-script';

/**
 * The hosted login page: server-rendered HTML, one inline style and one inline script (both under the
 * response's CSP nonce), nothing from a CDN. It works on its own origin and inside the studio's frame.
 */

export interface PageModel {
  appId: string;
  appName: string;
  connections: Array<{ identifier: string; displayName: string }>;
  nonce: string;
  /** Shown instead of the QR when the page cannot work (unknown app, no connection). */
  problem?: string;
  /** The OIDC interaction this login finishes (core/oidc). */
  interaction?: string;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** CSP: own origin only, data: images for the QR, framable by loopback origins (the studio). */
export function pageCsp(nonce: string, studioOrigin: string): string {
  const ancestors = ["'self'", 'http://127.0.0.1:*', 'http://localhost:*'];
  if (studioOrigin && !studioOrigin.includes('[')) ancestors.push(studioOrigin);
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    `frame-ancestors ${ancestors.join(' ')}`,
  ].join('; ');
}

const WECHAT_ICON = `<svg class="wx-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" d="M9.1 4C5.2 4 2 6.7 2 10c0 1.9 1 3.6 2.7 4.7l-.7 2.1 2.5-1.3c.8.2 1.7.4 2.6.4h.5a5.3 5.3 0 0 1-.2-1.5c0-3.3 3.1-5.9 6.9-5.9h.4C15.9 5.9 12.8 4 9.1 4Zm-2.4 3.1a.9.9 0 1 1 0 1.8.9.9 0 0 1 0-1.8Zm4.8 0a.9.9 0 1 1 0 1.8.9.9 0 0 1 0-1.8ZM16.2 9.6c-3.3 0-5.9 2.2-5.9 4.9s2.6 4.9 5.9 4.9c.7 0 1.4-.1 2-.3l2 1.1-.5-1.8c1.4-.9 2.3-2.3 2.3-3.9 0-2.7-2.6-4.9-5.8-4.9Zm-2 2.6a.8.8 0 1 1 0 1.5.8.8 0 0 1 0-1.5Zm4 0a.8.8 0 1 1 0 1.5.8.8 0 0 1 0-1.5Z"/></svg>`;

const STYLE = `
:root { --green: #07c160; --green-dark: #06ad56; --ink: #1f2329; --muted: #6b7280; --line: #e5e7eb; --bg: #f3f5f7; --danger: #d93025; }
* { box-sizing: border-box; }
html, body { margin: 0; min-height: 100%; }
body { font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans", Roboto, sans-serif; color: var(--ink); background: var(--bg); display: flex; flex-direction: column; align-items: center; justify-content: center; min-height: 100vh; padding: 24px 12px; }
.card { width: 100%; max-width: 400px; background: #fff; border-radius: 14px; box-shadow: 0 10px 30px rgba(15, 23, 42, .08), 0 1px 3px rgba(15, 23, 42, .06); padding: 28px 28px 24px; }
.brand { display: flex; align-items: center; gap: 12px; margin-bottom: 20px; }
.logo { width: 40px; height: 40px; border-radius: 10px; background: linear-gradient(135deg, #0fd26f, var(--green-dark)); color: #fff; display: grid; place-items: center; font-weight: 700; font-size: 18px; flex: none; }
.brand h1 { font-size: 18px; margin: 0; line-height: 1.25; }
.brand p { margin: 0; color: var(--muted); font-size: 13px; }
.methods { display: flex; flex-direction: column; gap: 8px; margin-bottom: 18px; }
.method { display: flex; align-items: center; gap: 10px; width: 100%; padding: 10px 12px; border: 1px solid var(--line); border-radius: 10px; background: #fff; cursor: pointer; text-align: left; font: inherit; color: inherit; transition: border-color .15s, background .15s; }
.method:hover { border-color: var(--green); }
.method[aria-selected="true"] { border-color: var(--green); background: #f0fbf5; }
.method:focus-visible, button:focus-visible, input:focus-visible { outline: 2px solid var(--green); outline-offset: 2px; }
.wx-icon { width: 24px; height: 24px; color: var(--green); flex: none; }
.method .name { display: block; font-weight: 600; }
.method .kind { display: block; font-size: 12px; color: var(--muted); }
.qr-panel { text-align: center; }
.qr-box { position: relative; width: 220px; height: 220px; margin: 4px auto 12px; border: 1px solid var(--line); border-radius: 12px; padding: 10px; background: #fff; }
.qr-box img { width: 198px; height: 198px; display: block; image-rendering: pixelated; }
.qr-box img:not([src]) { visibility: hidden; }
.qr-box[data-state="LOADING"]::after { content: ""; position: absolute; inset: 50% auto auto 50%; width: 28px; height: 28px; margin: -14px; border: 3px solid var(--line); border-top-color: var(--green); border-radius: 50%; animation: spin .8s linear infinite; }
@keyframes spin { to { transform: rotate(360deg); } }
.mask { position: absolute; inset: 0; border-radius: 12px; background: rgba(255, 255, 255, .94); display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 10px; padding: 16px; font-weight: 600; }
.mask[hidden] { display: none; }
.mask .check { width: 44px; height: 44px; border-radius: 50%; background: var(--green); color: #fff; display: grid; place-items: center; font-size: 24px; }
.refresh { border: 0; background: var(--green); color: #fff; font: inherit; font-weight: 600; padding: 9px 14px; border-radius: 8px; cursor: pointer; }
.refresh:hover { background: var(--green-dark); }
.status { margin: 0 0 2px; font-weight: 600; min-height: 21px; }
.countdown { margin: 0; color: var(--muted); font-size: 12px; min-height: 18px; font-variant-numeric: tabular-nums; }
.panel h2 { font-size: 16px; margin: 0 0 6px; }
.panel p { margin: 0 0 14px; color: var(--muted); }
label { display: block; font-size: 13px; font-weight: 600; margin: 10px 0 4px; }
input { width: 100%; padding: 9px 11px; border: 1px solid var(--line); border-radius: 8px; font: inherit; }
input:focus { border-color: var(--green); }
.actions { display: flex; gap: 8px; margin-top: 16px; }
.primary { flex: 1; border: 0; background: var(--green); color: #fff; font: inherit; font-weight: 600; padding: 10px 14px; border-radius: 8px; cursor: pointer; }
.primary:hover { background: var(--green-dark); }
.primary:disabled { opacity: .6; cursor: default; }
.secondary { border: 1px solid var(--line); background: #fff; font: inherit; padding: 10px 14px; border-radius: 8px; cursor: pointer; }
.field-error { color: var(--danger); font-size: 13px; min-height: 20px; margin: 8px 0 0; }
.error-panel { text-align: center; }
.error-icon { width: 44px; height: 44px; border-radius: 50%; background: #fdecea; color: var(--danger); display: grid; place-items: center; font-size: 22px; font-weight: 700; margin: 4px auto 10px; }
.error-text { color: var(--ink) !important; font-weight: 600; }
.done { text-align: center; }
.avatar { width: 56px; height: 56px; border-radius: 50%; background: var(--green); color: #fff; font-size: 24px; font-weight: 700; display: grid; place-items: center; margin: 4px auto 10px; }
.done h2 { margin: 0; font-size: 18px; }
.via { display: inline-flex; align-items: center; gap: 6px; margin: 6px 0 14px; color: var(--green-dark); font-weight: 600; font-size: 13px; }
.via .wx-icon { width: 18px; height: 18px; }
dl { text-align: left; margin: 0; border-top: 1px solid var(--line); padding-top: 10px; display: grid; grid-template-columns: auto 1fr; gap: 6px 12px; font-size: 13px; }
dt { color: var(--muted); }
dd { margin: 0; word-break: break-all; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
details { margin-top: 12px; text-align: left; font-size: 12px; }
details summary { cursor: pointer; color: var(--muted); }
details code { display: block; margin-top: 6px; padding: 8px; background: var(--bg); border-radius: 6px; word-break: break-all; font-size: 11px; }
footer { margin-top: 16px; color: var(--muted); font-size: 12px; }
[hidden] { display: none !important; }
`;

/** Query binding: the user proves an existing account once (shown by the page script). */
const BIND_PANEL = `  <section class="panel" id="bind-panel" hidden aria-labelledby="bind-title">
    <h2 id="bind-title">Link your WeChat account</h2>
    <p>This WeChat account is not linked to an account yet. Sign in once with your username and password; next time, scanning is enough.</p>
    <form id="bind-form" autocomplete="on" novalidate>
      <label for="bind-username">Username</label>
      <input id="bind-username" name="username" autocomplete="username" required>
      <label for="bind-password">Password</label>
      <input id="bind-password" name="password" type="password" autocomplete="current-password" required>
      <p class="field-error" id="bind-error" role="alert"></p>
      <div class="actions"><button type="submit" class="primary" id="bind-submit">Sign in and link WeChat</button><button type="button" class="secondary" id="bind-cancel">Cancel</button></div>
    </form>
  </section>`;

function donePanel(appName: string): string {
  return `  <section class="panel done" id="done-panel" hidden aria-labelledby="user-name">
    <div class="avatar" id="avatar" aria-hidden="true"></div>
    <h2 id="user-name"></h2>
    <div class="via">${WECHAT_ICON}<span>Signed in with WeChat Official Account Follow</span></div>
    <dl>
      <dt>Username</dt><dd id="user-username"></dd>
      <dt>User ID</dt><dd id="user-id"></dd>
      <dt>Application</dt><dd>${escapeHtml(appName)}</dd>
    </dl>
    <details><summary>Login session token (JWT)</summary><code id="user-token"></code></details>
    <div class="actions"><button type="button" class="secondary" id="sign-out">Sign out</button></div>
  </section>`;
}

export function renderLoginPage(m: PageModel): string {
  const e = escapeHtml;
  const first = m.connections[0];
  const ready = !m.problem && !!first;
  const tabs = m.connections
    .map(
      (c, i) => `<button type="button" class="method" role="tab" aria-selected="${i === 0}" data-connection-tab="${e(c.identifier)}">
          ${WECHAT_ICON}<span><span class="name">${e(c.displayName)}</span><span class="kind">WeChat Official Account Follow</span></span>
        </button>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Sign in · ${e(m.appName)}</title>
<style nonce="${m.nonce}">${STYLE}</style>
</head>
<body data-login-status="${ready ? 'LOADING' : 'ERROR'}" data-app-id="${e(m.appId)}" data-connection="${e(first?.identifier ?? '')}" data-ready="${ready}"${m.interaction ? ` data-interaction="${e(m.interaction)}"` : ''}>
<main class="card" aria-labelledby="app-name">
  <header class="brand">
    <div class="logo" aria-hidden="true">${e((m.appName.trim()[0] ?? '?').toUpperCase())}</div>
    <div><h1 id="app-name">${e(m.appName)}</h1><p>Sign in to continue</p></div>
  </header>
  <nav class="methods" id="methods" role="tablist" aria-label="Sign-in methods">
    ${tabs}
  </nav>
  <section class="qr-panel" id="qr-panel"${ready ? '' : ' hidden'} aria-label="WeChat QR code">
    <div class="qr-box" id="qr-box" data-state="LOADING">
      <img id="qr" alt="WeChat QR code: scan it with WeChat and follow the official account to sign in" width="198" height="198" data-qr-url="">
      <div class="mask" id="mask-scanned" hidden><div class="check" aria-hidden="true">✓</div><span>Scanned</span></div>
      <div class="mask" id="mask-expired" hidden><button type="button" class="refresh" id="refresh">QR code expired — click to refresh</button></div>
    </div>
    <p class="status" id="status-text" role="status" aria-live="polite">Getting a QR code…</p>
    <p class="countdown" id="countdown" aria-live="off"></p>
  </section>
${BIND_PANEL}
  <section class="panel error-panel" id="error-panel"${ready ? ' hidden' : ''} role="alert">
    <div class="error-icon" aria-hidden="true">!</div>
    <p class="error-text" id="error-text">${e(m.problem ?? 'Something went wrong.')}</p>
    <button type="button" class="refresh" id="retry"${ready ? '' : ' hidden'}>Try again</button>
  </section>
${donePanel(m.appName)}
</main>
<footer>Hosted login page · Follow Studio login server</footer>
<script nonce="${m.nonce}">${PAGE_SCRIPT}</script>
</body>
</html>`;
}
