import { escapeHtml } from '../pages';
import type { SampleLang, SampleTexts } from './texts';

/** The sample website's one page: signed out (a sign-in button) or signed in (the user, claims, userinfo). */

export interface SignedInView {
  name: string;
  sub: string;
  claims: Record<string, unknown>;
  header: Record<string, unknown>;
  userinfo: Record<string, unknown> | null;
  accessTokenExpiresAt: number | null;
  hasRefreshToken: boolean;
}

export interface SampleModel {
  lang: SampleLang;
  t: SampleTexts;
  nonce: string;
  signedIn: SignedInView | null;
  notice?: string;
  error?: string;
}

const WECHAT_ICON = `<svg class="wx" viewBox="0 0 24 24" aria-hidden="true"><path fill="currentColor" d="M9.1 4C5.2 4 2 6.7 2 10c0 1.9 1 3.6 2.7 4.7l-.7 2.1 2.5-1.3c.8.2 1.7.4 2.6.4h.5a5.3 5.3 0 0 1-.2-1.5c0-3.3 3.1-5.9 6.9-5.9h.4C15.9 5.9 12.8 4 9.1 4Zm-2.4 3.1a.9.9 0 1 1 0 1.8.9.9 0 0 1 0-1.8Zm4.8 0a.9.9 0 1 1 0 1.8.9.9 0 0 1 0-1.8ZM16.2 9.6c-3.3 0-5.9 2.2-5.9 4.9s2.6 4.9 5.9 4.9c.7 0 1.4-.1 2-.3l2 1.1-.5-1.8c1.4-.9 2.3-2.3 2.3-3.9 0-2.7-2.6-4.9-5.8-4.9Zm-2 2.6a.8.8 0 1 1 0 1.5.8.8 0 0 1 0-1.5Zm4 0a.8.8 0 1 1 0 1.5.8.8 0 0 1 0-1.5Z"/></svg>`;

const STYLE = `
:root { --ink: #111827; --muted: #6b7280; --line: #e5e7eb; --bg: #f8fafc; --brand: #2563eb; --green: #07c160; --danger: #b91c1c; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.55 -apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
header.top { display: flex; align-items: center; justify-content: space-between; padding: 14px 28px; background: #fff; border-bottom: 1px solid var(--line); }
.brand { display: flex; align-items: center; gap: 10px; font-weight: 700; font-size: 16px; }
.logo { width: 30px; height: 30px; border-radius: 8px; background: linear-gradient(135deg, #60a5fa, var(--brand)); color: #fff; display: grid; place-items: center; font-size: 15px; }
.tag { color: var(--muted); font-weight: 400; font-size: 13px; }
nav a { color: var(--muted); text-decoration: none; font-size: 13px; }
main { max-width: 880px; margin: 0 auto; padding: 32px 24px 48px; }
.hero { background: #fff; border: 1px solid var(--line); border-radius: 16px; padding: 40px; text-align: center; }
.hero h1 { margin: 0 0 10px; font-size: 28px; }
.hero p { margin: 0 auto 24px; max-width: 540px; color: var(--muted); }
.wx { width: 22px; height: 22px; }
.btn { display: inline-flex; align-items: center; gap: 8px; border: 0; border-radius: 10px; padding: 11px 18px; font: inherit; font-weight: 600; cursor: pointer; text-decoration: none; }
.btn.wechat { background: var(--green); color: #fff; font-size: 15px; }
.btn.wechat:hover { background: #06ad56; }
.btn.plain { background: #fff; color: var(--ink); border: 1px solid var(--line); }
.note { font-size: 12px; color: var(--muted); margin-top: 12px; }
.profile { display: flex; align-items: center; gap: 16px; background: #fff; border: 1px solid var(--line); border-radius: 16px; padding: 20px 24px; }
.avatar { width: 56px; height: 56px; border-radius: 50%; background: var(--green); color: #fff; display: grid; place-items: center; font-size: 24px; font-weight: 700; flex: none; }
.profile h1 { margin: 0; font-size: 20px; }
.via { display: inline-flex; align-items: center; gap: 6px; color: #06ad56; font-size: 13px; font-weight: 600; }
.via .wx { width: 16px; height: 16px; }
.actions { margin-left: auto; display: flex; gap: 8px; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; margin-top: 16px; }
section.card { background: #fff; border: 1px solid var(--line); border-radius: 14px; padding: 18px 20px; min-width: 0; }
section.card h2 { margin: 0 0 2px; font-size: 15px; }
section.card .sub { margin: 0 0 12px; color: var(--muted); font-size: 12px; }
table { width: 100%; border-collapse: collapse; font-size: 12.5px; }
th, td { text-align: left; padding: 6px 8px; border-top: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; width: 38%; }
td { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; word-break: break-all; }
pre { margin: 0; padding: 12px; background: var(--bg); border-radius: 8px; font-size: 12px; overflow: auto; }
.banner { border-radius: 10px; padding: 10px 14px; margin-bottom: 16px; font-weight: 600; }
.banner.ok { background: #ecfdf5; color: #047857; }
.banner.error { background: #fef2f2; color: var(--danger); }
.banner .detail { font-weight: 400; }
.mt { margin-top: 16px !important; }
footer { text-align: center; color: var(--muted); font-size: 12px; padding: 0 0 28px; }
@media (max-width: 720px) { .grid { grid-template-columns: 1fr; } .profile { flex-wrap: wrap; } .actions { margin-left: 0; } }
`;

function rows(obj: Record<string, unknown>): string {
  return Object.entries(obj)
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td data-claim="${escapeHtml(k)}">${escapeHtml(typeof v === 'string' ? v : JSON.stringify(v))}</td></tr>`)
    .join('');
}

function signedInHtml(m: SampleModel, s: SignedInView): string {
  const { t } = m;
  const expires = s.accessTokenExpiresAt ? new Date(s.accessTokenExpiresAt).toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : '—';
  return `<div class="profile">
  <div class="avatar" aria-hidden="true">${escapeHtml((s.name.trim()[0] ?? '?').toUpperCase())}</div>
  <div><div class="tag">${escapeHtml(t.signedInAs)}</div><h1 id="user-name">${escapeHtml(s.name)}</h1><div class="via">${WECHAT_ICON}<span>${escapeHtml(t.via)}</span></div></div>
  <div class="actions">
    <form method="post" action="/refresh"><button class="btn plain" id="refresh" type="submit">${escapeHtml(t.refresh)}</button></form>
    <form method="post" action="/logout"><button class="btn plain" id="sign-out" type="submit">${escapeHtml(t.signOut)}</button></form>
  </div>
</div>
<div class="grid">
  <section class="card" aria-labelledby="claims-title"><h2 id="claims-title">${escapeHtml(t.idTokenTitle)}</h2>
    <p class="sub">${escapeHtml(t.idTokenNote)} <code id="id-token-alg">${escapeHtml(String(s.header.alg ?? ''))}</code>${s.header.kid ? ` · kid <code>${escapeHtml(String(s.header.kid).slice(0, 12))}…</code>` : ''}</p>
    <table id="claims"><thead><tr><th>${escapeHtml(t.claim)}</th><td>${escapeHtml(t.value)}</td></tr></thead><tbody>${rows(s.claims)}</tbody></table>
  </section>
  <section class="card" aria-labelledby="userinfo-title"><h2 id="userinfo-title">${escapeHtml(t.userinfoTitle)}</h2>
    <p class="sub">${escapeHtml(t.userinfoNote)}</p>
    <pre id="userinfo">${escapeHtml(JSON.stringify(s.userinfo, null, 2))}</pre>
    <h2 class="mt">${escapeHtml(t.tokensTitle)}</h2>
    <table><tbody>
      <tr><th>${escapeHtml(t.accessTokenExpires)}</th><td id="access-expires">${escapeHtml(expires)}</td></tr>
      <tr><th>${escapeHtml(t.refreshToken)}</th><td id="has-refresh">${escapeHtml(s.hasRefreshToken ? t.present : t.absent)}</td></tr>
    </tbody></table>
  </section>
</div>`;
}

function signedOutHtml(m: SampleModel): string {
  const { t } = m;
  return `<div class="hero">
  <h1>${escapeHtml(t.heroTitle)}</h1>
  <p>${escapeHtml(t.heroBody)}</p>
  <a class="btn wechat" id="sign-in" href="/login?lang=${encodeURIComponent(m.lang)}">${WECHAT_ICON}<span>${escapeHtml(t.signIn)}</span></a>
  <div class="note">${escapeHtml(t.signInNote)}</div>
</div>`;
}

export function renderSamplePage(m: SampleModel): string {
  const { t } = m;
  const other = m.lang === 'en' ? 'zh-CN' : 'en';
  return `<!doctype html>
<html lang="${m.lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.siteName)}</title><style nonce="${m.nonce}">${STYLE}</style></head>
<body data-signed-in="${m.signedIn ? 'true' : 'false'}">
<header class="top"><div class="brand"><div class="logo" aria-hidden="true">D</div><span>${escapeHtml(t.siteName)}</span><span class="tag">${escapeHtml(t.tagline)}</span></div>
<nav><a href="/?lang=${other}" hreflang="${other}">${escapeHtml(t.language)}</a></nav></header>
<main>
${m.notice ? `<div class="banner ok" role="status">${escapeHtml(m.notice)}</div>` : ''}
${m.error ? `<div class="banner error" role="alert"><div>${escapeHtml(t.errorTitle)}</div><div id="error-text" class="detail">${escapeHtml(m.error)}</div></div>` : ''}
${m.signedIn ? signedInHtml(m, m.signedIn) : signedOutHtml(m)}
</main>
<footer>${escapeHtml(t.footer)}</footer>
</body>
</html>`;
}
