import type { JournalEntry, PhoneMessage, QrSessionView } from '../../contracts/api';
import { pageOf, personaOf, usersAndLogins, type Branch, type CaseState, type PageState } from './case-state';
import type { Check } from './results';
import type { ExpectInput } from './schema';

/**
 * Compares what a step expects with what the world shows now: the page's session as the page reads it,
 * the phone's screen, the last push's verdict, the users and logins made since the case began.
 */

const clip = (s: string, n = 160): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const quote = (s: string): string => `"${clip(s.replace(/\s+/g, ' ').trim())}"`;

/** The page's session as the login server has it now; a page that got no QR code shows ERROR with its message. */
function session(state: CaseState, page: PageState): Pick<QrSessionView, 'status' | 'needsBinding' | 'error' | 'user'> {
  if (!page.session) return { status: 'ERROR', needsBinding: false, ...(page.said ? { error: page.said } : {}) };
  return state.world.rt.login.service.getSession(page.session.id);
}

const statusText = (v: Pick<QrSessionView, 'status' | 'needsBinding' | 'error'>): string => `${v.status}${v.needsBinding ? ' (needs binding)' : ''}${v.error ? ` — ${quote(v.error)}` : ''}`;

function pageChecks(state: CaseState, branch: Branch, e: NonNullable<ExpectInput['page']>): Check[] {
  const o = typeof e === 'string' ? { status: e } : e;
  const page = pageOf(state, branch, o.name);
  const v = session(state, page);
  const key = o.name ? `page ${o.name}` : 'page';
  const out: Check[] = [];
  if (o.status) out.push({ key, expected: o.status, actual: statusText(v), ok: v.status === o.status });
  if (o.user !== undefined) {
    const who = v.user?.username ?? '(nobody signed in)';
    out.push({ key: `${key}.user`, expected: o.user, actual: who, ok: v.user?.username === o.user });
  }
  if (o.says !== undefined) {
    const said = page.said ?? v.error ?? '';
    out.push({ key: `${key}.says`, expected: quote(o.says), actual: said ? quote(said) : '(no message)', ok: said.includes(o.says) });
  }
  return out;
}

function pagesChecks(state: CaseState, e: NonNullable<ExpectInput['pages']>): Check[] {
  const wanted: Array<[string, string]> = typeof e === 'string' ? [...state.pages.keys()].map((n) => [n, e]) : Object.entries(e);
  if (wanted.length === 0) return [{ key: 'pages', expected: String(e), actual: 'no page is open', ok: false }];
  const wrong: string[] = [];
  for (const [name, status] of wanted) {
    const page = state.pages.get(name);
    const actual = page ? session(state, page).status : 'not open';
    if (actual !== status) wrong.push(`${name}: ${actual}`);
  }
  const expected = typeof e === 'string' ? `${e} on all ${wanted.length} pages` : wanted.map(([n, s]) => `${n}: ${s}`).join(', ');
  const shown = wrong.length > 6 ? `${wrong.slice(0, 6).join(', ')} and ${wrong.length - 6} more` : wrong.join(', ');
  return [{ key: 'pages', expected, actual: wrong.length ? `${wrong.length} of ${wanted.length} differ: ${shown}` : expected, ok: wrong.length === 0 }];
}

/** The last message the user was shown by the account or by WeChat itself (not their own). */
function lastShown(messages: PhoneMessage[] | undefined): string | undefined {
  return [...(messages ?? [])].reverse().find((m) => m.from !== 'user')?.text;
}

function phoneChecks(state: CaseState, branch: Branch, e: NonNullable<ExpectInput['phone']>): Check[] {
  const who = personaOf(state, branch, e.as);
  const w = state.world;
  const st = w.rt.platform.service.phone(who.id);
  const screen = st.screen;
  const key = e.as ? `phone ${who.name}` : 'phone';
  const out: Check[] = [];
  if (e.screen) out.push({ key: `${key}.screen`, expected: e.screen, actual: screen?.screen ?? '(nothing yet)', ok: screen?.screen === e.screen });
  if (e.says !== undefined) {
    const chat = st.chats.find((c) => c.appId === w.accountId);
    const said = screen?.screen === 'error' ? screen.error : lastShown(screen?.messages ?? chat?.messages);
    out.push({ key: `${key}.says`, expected: quote(e.says), actual: said ? quote(said) : '(no message)', ok: !!said && said.includes(e.says) });
  }
  if (e.following !== undefined) {
    const following = w.rt.platform.service.listPersonas().find((p) => p.id === who.id)?.accounts.find((a) => a.appId === w.accountId)?.following ?? false;
    out.push({ key: `${key}.following`, expected: String(e.following), actual: String(following), ok: following === e.following });
  }
  return out;
}

/** Words a `push.reason` may use for the kind of failure, matched against everything the push recorded. */
const REASON_KINDS: Record<string, RegExp> = {
  signature: /signature/i,
  decrypt: /decrypt|aes|padding|appid/i,
  mode: /encryption method|is set to (plaintext|compatible|safe) mode|encrypt_type/i,
  timeout: /timed out/i,
  http: /HTTP \d{3}/,
  refused: /connection refused|could not connect/i,
};

export function pushText(entry: JournalEntry): string {
  const parts = [entry.summary ?? '', ...entry.verdict.reasons];
  for (const a of entry.attempts) parts.push(a.error ?? '', a.response ? `HTTP ${a.response.status} ${a.response.body.slice(0, 400)}` : '');
  return parts.join('\n');
}

function lastPush(state: CaseState): JournalEntry | undefined {
  for (let i = state.timeline.length - 1; i >= 0; i--) {
    const t = state.timeline[i]!;
    if (t.type === 'journal' && t.entry.kind === 'push' && t.entry.source === 'wechat') return t.entry;
  }
  return undefined;
}

/**
 * What explains a push: its own record, and the entries the receiving server wrote about the same exchange
 * (a studio login server answers a refusal with a fixed text and says why only in its journal).
 */
function explanation(state: CaseState, entry: JournalEntry): { text: string; reasons: string[] } {
  const related = new Set(entry.related ?? []);
  const theirs = state.timeline.flatMap((t) => (t.type === 'journal' && related.has(t.entry.id) ? t.entry.verdict.reasons : []));
  return { text: [pushText(entry), ...theirs].join('\n'), reasons: [...entry.verdict.reasons, ...theirs] };
}

function pushChecks(state: CaseState, e: NonNullable<ExpectInput['push']>): Check[] {
  const entry = lastPush(state);
  const none = 'no push since the case began';
  const out: Check[] = [];
  if (e.ok !== undefined) {
    const actual = entry ? `${entry.verdict.ok} (${clip(entry.summary ?? '', 100)})` : none;
    out.push({ key: 'push.ok', expected: String(e.ok), actual, ok: entry?.verdict.ok === e.ok });
  }
  if (e.reason !== undefined) {
    const why = entry ? explanation(state, entry) : { text: '', reasons: [] };
    const kind = REASON_KINDS[e.reason.toLowerCase()];
    const ok = !!entry && ((kind?.test(why.text) ?? false) || why.text.toLowerCase().includes(e.reason.toLowerCase()));
    const actual = entry ? quote(why.reasons.filter(Boolean).join(' | ')) : none;
    out.push({ key: 'push.reason', expected: e.reason, actual, ok });
  }
  if (e.attempts !== undefined) {
    out.push({ key: 'push.attempts', expected: String(e.attempts), actual: entry ? String(entry.attempts.length) : none, ok: entry?.attempts.length === e.attempts });
  }
  return out;
}

function userChecks(state: CaseState, e: NonNullable<ExpectInput['users']>): Check[] {
  const now = usersAndLogins(state.world);
  const out: Check[] = [];
  const created = now.users - state.baseline.users;
  const logins = now.logins - state.baseline.logins;
  if (e.created !== undefined) out.push({ key: 'users.created', expected: String(e.created), actual: String(created), ok: created === e.created });
  if (e.logins !== undefined) out.push({ key: 'users.logins', expected: String(e.logins), actual: String(logins), ok: logins === e.logins });
  return out;
}

function journalChecks(state: CaseState, e: NonNullable<ExpectInput['journal']>): Check[] {
  const needle = e.contains.toLowerCase();
  const hit = state.timeline.find((t) => t.type === 'journal' && [t.entry.summary ?? '', ...t.entry.verdict.reasons].some((s) => s.toLowerCase().includes(needle)));
  const entries = state.timeline.filter((t) => t.type === 'journal').length;
  return [{ key: 'journal.contains', expected: quote(e.contains), actual: hit?.type === 'journal' ? quote(hit.entry.summary ?? '') : `not in ${entries} entries`, ok: !!hit }];
}

export function evaluate(state: CaseState, branch: Branch, e: ExpectInput): { ok: boolean; checks: Check[] } {
  const checks: Check[] = [
    ...(e.page !== undefined ? pageChecks(state, branch, e.page) : []),
    ...(e.pages !== undefined ? pagesChecks(state, e.pages) : []),
    ...(e.phone ? phoneChecks(state, branch, e.phone) : []),
    ...(e.push ? pushChecks(state, e.push) : []),
    ...(e.users ? userChecks(state, e.users) : []),
    ...(e.journal ? journalChecks(state, e.journal) : []),
  ];
  return { ok: checks.every((c) => c.ok), checks };
}
