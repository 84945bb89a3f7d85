import { LOGIN_PAGE_TEXTS_ID } from '../../contracts/login-page';
import { localizeServerMessage, pageScriptTexts, pageT, type PageLanguage, type PageT } from './page-i18n';

/**
 * The hosted login page: HTML rendered by the server in the visitor's language, its stylesheet and script
 * (src-login-page/, bundled at build time) served from the login server's own origin with the bundled CJK
 * font, nothing from a CDN. It works on its own origin and inside the studio's frame.
 */

/** The built script and stylesheet of the page (see page-assets.ts); absent when the UI is not built. */
export interface PageAssets {
  script: string;
  styles: string[];
}

export interface PageModel {
  appId: string;
  /** Null for an unknown application. */
  appName: string | null;
  connections: Array<{ identifier: string; displayName: string }>;
  lang: PageLanguage;
  /** The page's own URL path, for the link to the other language. */
  path: string;
  assets: PageAssets | null;
  /** Shown instead of the QR when the page cannot work: no such application, or a server message (no connection). */
  problem?: { unknownApp: true } | { message: string };
  /** The OIDC interaction this login finishes (core/oidc). */
  interaction?: string;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** CSP: own origin only (script, styles, fonts), data: images for the QR, framable by loopback origins (the studio). */
export function pageCsp(studioOrigin: string): string {
  const ancestors = ["'self'", 'http://127.0.0.1:*', 'http://localhost:*'];
  if (studioOrigin && !studioOrigin.includes('[')) ancestors.push(studioOrigin);
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "font-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    `frame-ancestors ${ancestors.join(' ')}`,
  ].join('; ');
}

const WECHAT_ICON = `<svg class="wx-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" d="M9.1 4C5.2 4 2 6.7 2 10c0 1.9 1 3.6 2.7 4.7l-.7 2.1 2.5-1.3c.8.2 1.7.4 2.6.4h.5a5.3 5.3 0 0 1-.2-1.5c0-3.3 3.1-5.9 6.9-5.9h.4C15.9 5.9 12.8 4 9.1 4Zm-2.4 3.1a.9.9 0 1 1 0 1.8.9.9 0 0 1 0-1.8Zm4.8 0a.9.9 0 1 1 0 1.8.9.9 0 0 1 0-1.8ZM16.2 9.6c-3.3 0-5.9 2.2-5.9 4.9s2.6 4.9 5.9 4.9c.7 0 1.4-.1 2-.3l2 1.1-.5-1.8c1.4-.9 2.3-2.3 2.3-3.9 0-2.7-2.6-4.9-5.8-4.9Zm-2 2.6a.8.8 0 1 1 0 1.5.8.8 0 0 1 0-1.5Zm4 0a.8.8 0 1 1 0 1.5.8.8 0 0 1 0-1.5Z"/></svg>`;



/** JSON inside <script type="application/json">: `<` is escaped so no text can close the element. */
function jsonData(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function problemText(m: PageModel): string | undefined {
  const t = pageT(m.lang);
  if (!m.problem) return undefined;
  return 'unknownApp' in m.problem ? t('unknownApp', { appId: m.appId }) : localizeServerMessage(m.lang, m.problem.message);
}

export function renderLoginPage(m: PageModel): string {
  const e = escapeHtml;
  const t = pageT(m.lang);
  const problem = problemText(m) ?? (m.assets ? undefined : t('notBuilt'));
  const first = m.connections[0];
  const ready = !problem && !!first;
  const appName = m.appName ?? t('unknownAppName');
  const other: PageLanguage = m.lang === 'zh-CN' ? 'en' : 'zh-CN';
  const tabs = m.connections
    .map(
      (c, i) => `<button type="button" class="method" role="tab" aria-selected="${i === 0}" data-connection-tab="${e(c.identifier)}">
          ${WECHAT_ICON}<span><span class="name">${e(c.displayName)}</span><span class="kind">${e(t('connectionKind'))}</span></span>
        </button>`,
    )
    .join('\n');
  const head = m.assets
    ? [...m.assets.styles.map((href) => `<link rel="stylesheet" href="${e(href)}">`), `<script type="module" src="${e(m.assets.script)}"></script>`].join('\n')
    : '';
  return `<!doctype html>
<html lang="${m.lang}"${m.assets ? ' class="fonts-pending"' : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${e(t('title', { app: appName }))}</title>
${head}
</head>
<body data-login-status="${ready ? 'LOADING' : 'ERROR'}" data-app-id="${e(m.appId)}" data-connection="${e(first?.identifier ?? '')}" data-ready="${ready}"${m.interaction ? ` data-interaction="${e(m.interaction)}"` : ''}>
<main class="card" aria-labelledby="app-name">
  <header class="brand">
    <div class="logo" aria-hidden="true">${e(([...appName.trim()][0] ?? '?').toUpperCase())}</div>
    <div><h1 id="app-name">${e(appName)}</h1><p>${e(t('signInToContinue'))}</p></div>
  </header>
  <nav class="methods" id="methods" role="tablist" aria-label="${e(t('methods'))}">
    ${tabs}
  </nav>
  <section class="qr-panel" id="qr-panel"${ready ? '' : ' hidden'} aria-label="${e(t('qrRegion'))}">
    <div class="qr-box" id="qr-box" data-state="LOADING">
      <img id="qr" alt="${e(t('qrAlt'))}" width="198" height="198" data-qr-url="">
      <div class="mask" id="mask-scanned" hidden><div class="check" aria-hidden="true">✓</div><span>${e(t('scanned'))}</span></div>
      <div class="mask" id="mask-expired" hidden><button type="button" class="refresh" id="refresh">${e(t('refreshExpired'))}</button></div>
    </div>
    <p class="status" id="status-text" role="status" aria-live="polite">${e(pageScriptTexts(m.lang).status.LOADING)}</p>
    <p class="countdown" id="countdown" aria-live="off"></p>
  </section>
${bindPanel(t)}
  <section class="panel error-panel" id="error-panel"${ready ? ' hidden' : ''} role="alert">
    <div class="error-icon" aria-hidden="true">!</div>
    <p class="error-text" id="error-text">${e(problem ?? t('somethingWrong'))}</p>
    <button type="button" class="refresh" id="retry"${ready ? '' : ' hidden'}>${e(t('tryAgain'))}</button>
  </section>
${donePanel(t, appName)}
</main>
<footer>${e(t('footer'))} · <a class="lang-link" lang="${other}" href="${e(`${m.path}?lang=${other}`)}">${e(t('otherLanguage'))}</a></footer>
<script type="application/json" id="${LOGIN_PAGE_TEXTS_ID}">${jsonData(pageScriptTexts(m.lang))}</script>
</body>
</html>`;
}


/** Query binding: the page asks the user to sign in to an existing account once. */
function bindPanel(t: PageT): string {
  const e = escapeHtml;
  return `  <section class="panel" id="bind-panel" hidden aria-labelledby="bind-title">
    <h2 id="bind-title">${e(t('bindTitle'))}</h2>
    <p>${e(t('bindBody'))}</p>
    <form id="bind-form" autocomplete="on" novalidate>
      <label for="bind-username">${e(t('username'))}</label>
      <input id="bind-username" name="username" autocomplete="username" required>
      <label for="bind-password">${e(t('password'))}</label>
      <input id="bind-password" name="password" type="password" autocomplete="current-password" required>
      <p class="field-error" id="bind-error" role="alert"></p>
      <div class="actions"><button type="submit" class="primary" id="bind-submit">${e(t('bindSubmit'))}</button><button type="button" class="secondary" id="bind-cancel">${e(t('cancel'))}</button></div>
    </form>
  </section>`;
}

/** The signed-in view. */
function donePanel(t: PageT, appName: string): string {
  const e = escapeHtml;
  return `  <section class="panel done" id="done-panel" hidden aria-labelledby="user-name">
    <div class="avatar" id="avatar" aria-hidden="true"></div>
    <h2 id="user-name"></h2>
    <div class="via">${WECHAT_ICON}<span>${e(t('via'))}</span></div>
    <dl>
      <dt>${e(t('username'))}</dt><dd id="user-username"></dd>
      <dt>${e(t('userId'))}</dt><dd id="user-id"></dd>
      <dt>${e(t('application'))}</dt><dd>${e(appName)}</dd>
    </dl>
    <details><summary>${e(t('token'))}</summary><code id="user-token"></code></details>
    <div class="actions"><button type="button" class="secondary" id="sign-out">${e(t('signOut'))}</button></div>
  </section>`;
}
