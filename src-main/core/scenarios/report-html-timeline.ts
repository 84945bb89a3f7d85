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

/** When an attempt was sent, in case time: WeChat's `timestamp` query parameter (whole seconds). */
function sentAt(url: string, caseStart: number): string {
  const ts = Number(new URL(url, 'http://x').searchParams.get('timestamp'));
  return Number.isFinite(ts) && ts > 0 ? `+${formatMs(Math.max(0, ts * 1000 - caseStart))}` : '';
}

/** Each delivery attempt, when it was sent; real milliseconds only on the wall clock (on the virtual clock they mean nothing). */
function attempts(e: JournalEntry, wall: boolean, caseStart: number): Raw {
  if (e.attempts.length <= 1 && !e.attempts[0]?.error) return raw('');
  const rows = e.attempts.map((a) => {
    const what = a.error ? a.error : a.response ? `HTTP ${a.response.status}${a.response.body ? ` · ${a.response.body.slice(0, 80)}` : ''}` : '—';
    return html`<li><span class="mono muted">${sentAt(a.request.url, caseStart)}</span> ${what}${wall ? html` <span class="muted">(${Math.round(a.ms)} ms)</span>` : ''}</li>`;
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

function journalItem(e: JournalEntry, wall: boolean, caseStart: number): Raw {
  const fromWechat = e.kind === 'push';
  const who = direction(e);
  // The attempts are listed above; the reasons repeating them one by one are left out.
  const shownAttempts = e.attempts.length > 1 || !!e.attempts[0]?.error;
  const reasons = e.verdict.reasons.filter((r) => r.trim() && !(shownAttempts && /\(attempt \d+ of \d+\)(: .*)?$/.test(r)));
  return html`<div class="bubble ${fromWechat ? 'push' : 'server'}${e.verdict.ok ? '' : ' failed'}" data-journal="${e.id}">
  <div class="who">${who} <span class="kind">${e.kind}</span>${e.verdict.ok ? '' : raw(' <span class="badge bad">failed</span>')}</div>
  <div class="summary">${e.summary ?? e.url}</div>
  ${attempts(e, wall, caseStart)}
  ${reasons.length ? html`<ul class="reasons">${reasons.map((r) => html`<li>${r}</li>`)}</ul>` : ''}
  ${xmlBlock(fromWechat ? 'pushed XML (decrypted)' : 'event XML (decrypted)', e.decrypted?.request)}
  ${xmlBlock('reply XML (decrypted)', e.decrypted?.reply, !!e.decrypted?.reply && fromWechat)}
  <div class="jid muted mono">journal ${e.id.slice(0, 8)}</div>
</div>`;
}

const pageName = (name: string): string => (name.startsWith('page ') ? name : `page ${name}`);

function item(t: TimelineItem, wall: boolean): Raw {
  const at = html`<div class="at mono">+${formatMs(t.at)}</div>`;
  if (t.type === 'page') {
    return html`<li class="t page">${at}<div class="note"><b>${pageName(t.page ?? t.sessionId.slice(0, 8))}</b> → <span class="status s-${t.status}">${t.status}</span>${t.error ? html` <span class="muted">${t.error}</span>` : ''}</div></li>`;
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
  return html`<li class="t journal">${at}${journalItem(e, wall, e.at - t.at)}</li>`;
}

/** A chat the phone opened before the reply came is followed by the screen with the reply: keep only that. */
function withoutTransientScreens(items: TimelineItem[]): TimelineItem[] {
  return items.filter((t, i) => {
    if (t.type !== 'phone' || t.screen.screen !== 'chat') return true;
    if ((t.screen.messages ?? []).some((m) => m.from !== 'user')) return true;
    return !items.slice(i + 1).some((n) => n.type === 'phone' && n.persona === t.persona);
  });
}

export function timelineHtml(all: TimelineItem[], clock: 'virtual' | 'wall'): Raw {
  const items = withoutTransientScreens(all);
  if (items.length === 0) return html`<p class="muted">Nothing happened in the world.</p>`;
  const shown = items.slice(0, MAX_ITEMS).map((t) => item(t, clock === 'wall'));
  const more = items.length > MAX_ITEMS ? html`<li class="muted">… ${items.length - MAX_ITEMS} more in the JSON report</li>` : '';
  return html`<ol class="timeline">${shown}${more}</ol>`;
}
