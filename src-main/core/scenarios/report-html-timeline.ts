import type { JournalEntry } from '../../contracts/api';
import { html, raw, type Raw } from '../reports/html';
import { formatMs } from './duration';
import type { TimelineItem } from './results';

/**
 * The WeChat message timeline of a case: what the phone showed, each push WeChat made with its decrypted
 * XML, every delivery attempt and the reply, what the login server did with it, and the page's status.
 */

const MAX_ITEMS = 400;

function xmlBlock(label: string, xml: string | undefined, open = false): Raw {
  if (!xml) return raw('');
  return html`<details class="xml"${raw(open ? ' open' : '')}><summary>${label}</summary><pre>${xml}</pre></details>`;
}

function attempts(e: JournalEntry): Raw {
  if (e.attempts.length <= 1 && !e.attempts[0]?.error) return raw('');
  const rows = e.attempts.map((a, i) => {
    const what = a.error ? a.error : a.response ? `HTTP ${a.response.status}${a.response.body ? ` · ${a.response.body.slice(0, 80)}` : ''}` : '—';
    return html`<li><span class="mono">#${i + 1}</span> ${what} <span class="muted">(${Math.round(a.ms)} ms)</span></li>`;
  });
  return html`<ol class="attempts">${rows}</ol>`;
}

/** Who spoke to whom, from the journal entry's kind and the side that recorded it. */
function direction(e: JournalEntry): string {
  if (e.kind === 'push') return "WeChat → account's server";
  if (e.kind === 'verify') return 'URL verification';
  if (e.kind === 'api') return e.source === 'wechat' ? 'login server → WeChat API' : 'WeChat API';
  return e.source === 'auth' ? 'login server' : (e.source ?? 'journal');
}

function journalItem(e: JournalEntry): Raw {
  const fromWechat = e.kind === 'push';
  const who = direction(e);
  const reasons = e.verdict.reasons.filter((r) => r.trim());
  return html`<div class="bubble ${fromWechat ? 'push' : 'server'}${e.verdict.ok ? '' : ' failed'}" data-journal="${e.id}">
  <div class="who">${who} <span class="kind">${e.kind}</span>${e.verdict.ok ? '' : raw(' <span class="badge bad">failed</span>')}</div>
  <div class="summary">${e.summary ?? e.url}</div>
  ${attempts(e)}
  ${reasons.length ? html`<ul class="reasons">${reasons.map((r) => html`<li>${r}</li>`)}</ul>` : ''}
  ${xmlBlock(fromWechat ? 'pushed XML (decrypted)' : 'event XML (decrypted)', e.decrypted?.request)}
  ${xmlBlock('reply XML (decrypted)', e.decrypted?.reply, !!e.decrypted?.reply && fromWechat)}
  <div class="jid muted mono">journal ${e.id.slice(0, 8)}</div>
</div>`;
}

function item(t: TimelineItem): Raw {
  const at = html`<div class="at mono">+${formatMs(t.at)}</div>`;
  if (t.type === 'page') {
    return html`<li class="t page">${at}<div class="note">page <b>${t.page ?? t.sessionId.slice(0, 8)}</b> → <span class="status s-${t.status}">${t.status}</span>${t.error ? html` <span class="muted">${t.error}</span>` : ''}</div></li>`;
  }
  if (t.type === 'phone') {
    const s = t.screen;
    const last = [...(s.messages ?? [])].reverse().find((m) => m.from !== 'user');
    const what = s.screen === 'error' ? `error: ${s.error ?? ''}` : s.screen === 'profile' ? `${s.accountName ?? 'account'} profile${s.following ? '' : ' · Follow'}` : `chat${last ? ` · ${last.from === 'system' ? 'WeChat' : 'account'}: ${last.text}` : ''}`;
    return html`<li class="t phone">${at}<div class="bubble phone-screen"><div class="who">phone · ${t.persona}</div><div class="summary">${what}</div></div></li>`;
  }
  const e = t.entry;
  if (e.kind === 'api' && e.verdict.ok) {
    // Routine API calls (token, qrcode/create, user/info) stay one quiet line.
    return html`<li class="t api">${at}<div class="note muted" data-journal="${e.id}">${direction(e)}: ${e.summary ?? e.url}</div></li>`;
  }
  return html`<li class="t journal">${at}${journalItem(e)}</li>`;
}

export function timelineHtml(items: TimelineItem[]): Raw {
  if (items.length === 0) return html`<p class="muted">Nothing happened in the world.</p>`;
  const shown = items.slice(0, MAX_ITEMS).map(item);
  const more = items.length > MAX_ITEMS ? html`<li class="muted">… ${items.length - MAX_ITEMS} more in the JSON report</li>` : '';
  return html`<ol class="timeline">${shown}${more}</ol>`;
}
