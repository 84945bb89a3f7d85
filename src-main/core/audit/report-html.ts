import { codeBlock, details, html, htmlPage, raw, type Raw } from '../reports/html';

/** The audit's look: status colours, cards, byte-faithful code blocks. */
const AUDIT_BASE_CSS = `
:root { color-scheme: light; --fail:#c62828; --warn:#b26a00; --pass:#2e7d32; --info:#1565c0; --skip:#6b7280; --line:#e5e7eb; }
* { box-sizing: border-box; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; margin: 0; color: #111827; background: #f9fafb; }
main { max-width: 1180px; margin: 0 auto; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 8px; } h2 { font-size: 17px; margin: 0; } h3 { font-size: 14px; margin: 14px 0 4px; }
table { border-collapse: collapse; width: 100%; background: #fff; } th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: #4b5563; background: #f3f4f6; }
pre.code { background: #0f172a; color: #e2e8f0; padding: 10px; border-radius: 6px; overflow-x: auto; white-space: pre-wrap; word-break: break-all; font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace; max-height: 420px; }
pre.code mark { background: #f59e0b; color: #111827; border-radius: 2px; } pre.code .empty { color: #94a3b8; font-style: italic; }
details { background: #fff; border: 1px solid var(--line); border-radius: 6px; margin: 6px 0; }
details > summary { cursor: pointer; padding: 6px 10px; font-weight: 500; } details[open] > summary { border-bottom: 1px solid var(--line); }
details > :not(summary) { margin: 8px 10px; }
.badge { display: inline-block; min-width: 44px; text-align: center; border-radius: 4px; padding: 1px 6px; font-size: 12px; font-weight: 700; color: #fff; }
.FAIL { background: var(--fail); } .WARN { background: var(--warn); } .PASS { background: var(--pass); } .INFO { background: var(--info); } .SKIP { background: var(--skip); }
.muted { color: #6b7280; } .card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; margin: 14px 0; }
`;
import { AUDIT_MODES, type AuditMode, type AuditReport, type CheckResult, type ExchangeEvidence } from './types';
import { verdictLine } from './report-text';

/**
 * The audit's HTML report: one file that opens offline. The first line is the verdict per mode; then a
 * table of checks; then each check with why it matters, the fix, its findings and its exchanges
 * (request and response bytes, the message sent and the decrypted reply), collapsible.
 */

const CSS = `
.verdicts { display: flex; flex-wrap: wrap; gap: 8px; margin: 4px 0 12px; font-size: 15px; }
.verdict { border-radius: 6px; padding: 6px 12px; color: #fff; font-weight: 600; }
.verdict.none { background: #e5e7eb; color: #4b5563; font-weight: 400; }
.meta td:first-child { width: 150px; color: #4b5563; }
.check { scroll-margin-top: 12px; } .check .head { display: flex; gap: 10px; align-items: baseline; }
.finding { margin: 2px 0; } .finding.fail::before { content: "✗ "; color: var(--fail); } .finding.warn::before { content: "! "; color: var(--warn); font-weight: 700; }
.finding.pass::before { content: "✓ "; color: var(--pass); } .finding.info::before { content: "i "; color: var(--info); font-weight: 700; }
.fix { white-space: pre-wrap; background: #f0fdf4; border-left: 3px solid var(--pass); padding: 6px 10px; }
.why { background: #fff7ed; border-left: 3px solid var(--warn); padding: 6px 10px; }
.exchange-grid { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; } @media (max-width: 900px) { .exchange-grid { grid-template-columns: 1fr; } }
td:first-child a { white-space: nowrap; }
a { color: #1d4ed8; text-decoration: none; } a:hover { text-decoration: underline; }
`;

function headers(h: Record<string, string>): string {
  return Object.entries(h)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
}

function requestText(x: ExchangeEvidence): string {
  const { method, url, headers: h, body } = x.request;
  const u = new URL(url);
  return `${method} ${u.pathname}${u.search} HTTP/1.1\nHost: ${u.host}\n${headers(h)}\n\n${body}`;
}

function exchange(x: ExchangeEvidence): Raw {
  const response = x.response ? `HTTP/1.1 ${x.response.status}\n${headers(x.response.headers)}\n\n${x.response.body}` : `(no response) ${x.error ?? ''}`;
  const title = html`<code>${x.request.method}</code> ${x.label} → ${x.response ? `HTTP ${x.response.status}` : (x.error ?? 'no answer')} <span class="muted">· ${x.ms} ms · ${x.answer}</span>`;
  const body = html`<div class="exchange-grid"><div><h3>Request (bytes as sent)</h3>${codeBlock(requestText(x))}</div><div><h3>Response (bytes as received)</h3>${codeBlock(response)}</div></div>
${x.message !== undefined ? html`<h3>Message the server should have read (before sealing)</h3>${codeBlock(x.message)}` : raw('')}
${x.reply !== undefined ? html`<h3>Reply, decrypted</h3>${codeBlock(x.reply)}` : raw('')}
${x.platform ? html`<h3>Read by the studio's mock WeChat (what the phone would show; lenient where WeChat's rule is unconfirmed)</h3><p>${x.platform}</p>` : raw('')}`;
  return details(title, body);
}

function checkSection(c: CheckResult): Raw {
  const findings = c.evidence.findings.map((f) => html`<div class="finding ${f.level}">${f.text}</div>`);
  const unseen = c.evidence.notObserved.map((n) => html`<li>${n}</li>`);
  const timing = c.evidence.timing?.length
    ? html`<h3>Answer times</h3><table><tr><th>push</th><th>count</th><th>p50 ms</th><th>p95 ms</th><th>max ms</th><th>no answer in time</th></tr>${c.evidence.timing.map((t) => html`<tr><td>${t.kind}</td><td>${t.count}</td><td>${t.p50}</td><td>${t.p95}</td><td>${t.max}</td><td>${t.timeouts}</td></tr>`)}</table>`
    : raw('');
  const severity = c.severity === c.defaultSeverity ? c.severity : `${c.severity} (policy; default ${c.defaultSeverity})`;
  return html`<section class="card check" id="${c.id}">
<div class="head"><span class="badge ${c.status}">${c.status}</span><h2>${c.id} · ${c.title}</h2><span class="muted">severity ${severity}</span></div>
<p>${c.summary}</p>
<h3>Why it matters to a WeChat user</h3><p class="why">${c.why}</p>
<h3>Fix</h3><p class="fix">${c.fix}</p>
${findings.length ? html`<h3>Findings</h3>${findings}` : raw('')}
${unseen.length ? html`<h3>Not observed</h3><ul>${unseen}</ul>` : raw('')}
${timing}
${c.evidence.exchanges.length ? html`<h3>Evidence: ${c.evidence.exchanges.length} exchange${c.evidence.exchanges.length === 1 ? '' : 's'}</h3>${c.evidence.exchanges.map(exchange)}` : raw('')}
</section>`;
}

/** One report per audited mode; modes not audited are shown as such on the first line. */
export function renderAuditHtml(reports: readonly AuditReport[]): string {
  const byMode = new Map<AuditMode, AuditReport>(reports.map((r) => [r.mode, r]));
  const order = [...AUDIT_MODES].sort((a, b) => Number(byMode.has(b)) - Number(byMode.has(a)));
  const verdicts = order.map((m) => {
    const r = byMode.get(m);
    return r ? html`<span class="verdict ${r.verdict}">${verdictLine(r)}</span>` : html`<span class="verdict none">${m} mode: not audited</span>`;
  });
  const sections = reports.map((r) => {
    const meta = html`<table class="meta">
<tr><td>Server URL</td><td><code>${r.url}</code></td></tr>
<tr><td>Mode</td><td>${r.mode}</td></tr>
<tr><td>Account</td><td>AppID <code>${r.account.appId}</code>, original ID <code>${r.account.originalId}</code>${r.account.madeUp.length ? ` (made up by the audit: ${r.account.madeUp.join(', ')})` : ''}</td></tr>
<tr><td>Started</td><td>${r.startedAt}, took ${(r.durationMs / 1000).toFixed(1)} s</td></tr>
${r.timeoutMs !== undefined && r.timeoutMs !== 5000 ? html`<tr><td>Answer timeout</td><td>${r.timeoutMs} ms (WeChat waits 5000 ms)</td></tr>` : raw('')}
<tr><td>Server stack</td><td>${r.sdk ? `${r.sdk.name} — ${r.sdk.basis}` : 'not recognised (fixes are generic)'}</td></tr>
<tr><td>Side effects</td><td>${r.observer ?? 'not observed: checks that need them judge the answers and say what they could not see'}</td></tr>
</table>`;
    const rows = r.checks.map((c) => html`<tr><td><a href="#${c.id}">${c.id}</a></td><td><span class="badge ${c.status}">${c.status}</span></td><td>${c.severity}</td><td>${c.title}<div class="muted">${c.summary}</div></td></tr>`);
    return html`<div class="card"><h2>${r.mode} mode</h2>${meta}</div>
<table><tr><th>ID</th><th>Status</th><th>Severity</th><th>Check and result</th></tr>${rows}</table>
${r.checks.map(checkSection)}`;
  });
  const body = html`<div class="verdicts">${verdicts}</div>
<h1>WeChat developer-server audit</h1>
<p class="muted">follow-studio audit played WeChat's side against the server: the same requests the platform's push delivery sends, plus what WeChat does that breaks servers in production. Each check below says why it matters to a WeChat user and how to fix it, with the exact bytes exchanged.</p>
${sections}`;
  return htmlPage({ title: `WeChat server audit — ${reports.map((r) => `${r.mode}: ${r.verdict}`).join(', ')}`, css: AUDIT_BASE_CSS + CSS, body: `<main>${body.html}</main>` });
}
