import type { JournalEntry, PhoneMessage, QrSessionView } from '../../contracts/api';
import { pageOf, personaOf, usersAndLogins, type Branch, type CaseState, type PageState } from './case-state';
import type { Check } from './results';
import type { ExpectInput } from './schema';
import { say, sayText, type Said } from '../../contracts/said';
import { sayList } from './said';

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

/** The journal's words quoted: the English clipped, the sentence (the journal's own) in full. */
interface Quoted {
  english: string;
  said: Said;
}
type Seen = string | Said | Quoted;

const isQuoted = (v: Seen): v is Quoted => typeof v === 'object' && 'english' in v;
const englishOf = (v: Seen): string => (isQuoted(v) ? v.english : sayText(v));
const sentenceOf = (v: Seen): Said | undefined => (isQuoted(v) ? v.said : typeof v === 'object' ? v : undefined);

/** A check whose seen (or expected) value is a sentence: its English text is the check's `actual` (`expected`). */
function check(key: string, expected: Seen, actual: Seen, ok: boolean): Check {
  const expectedSaid = sentenceOf(expected);
  const actualSaid = sentenceOf(actual);
  return { key, expected: englishOf(expected), actual: englishOf(actual), ok, ...(expectedSaid ? { expectedSaid } : {}), ...(actualSaid ? { actualSaid } : {}) };
}

/** The page's status as data; with what else it shows (asks to bind, an error), a sentence. */
function statusText(v: Pick<QrSessionView, 'status' | 'needsBinding' | 'error'>): string | Said {
  if (v.error) return say(v.needsBinding ? 'scenario.check.needsBindingError' : 'scenario.check.statusError', { status: v.status, error: quote(v.error) });
  return v.needsBinding ? say('scenario.check.needsBinding', { status: v.status }) : v.status;
}

function pageChecks(state: CaseState, branch: Branch, e: NonNullable<ExpectInput['page']>): Check[] {
  const o = typeof e === 'string' ? { status: e } : e;
  const page = pageOf(state, branch, o.name);
  const v = session(state, page);
  const key = o.name ? `page ${o.name}` : 'page';
  const out: Check[] = [];
  if (o.status) out.push(check(key, o.status, statusText(v), v.status === o.status));
  if (o.user !== undefined) {
    const who = v.user?.username ?? say('scenario.check.nobodySignedIn');
    out.push(check(`${key}.user`, o.user, who, v.user?.username === o.user));
  }
  if (o.says !== undefined) {
    const said = page.said ?? v.error ?? '';
    out.push(check(`${key}.says`, quote(o.says), said ? quote(said) : say('scenario.check.noMessage'), said.includes(o.says)));
  }
  return out;
}

function pagesChecks(state: CaseState, e: NonNullable<ExpectInput['pages']>): Check[] {
  const wanted: Array<[string, string]> = typeof e === 'string' ? [...state.pages.keys()].map((n) => [n, e]) : Object.entries(e);
  if (wanted.length === 0) return [check('pages', String(e), say('scenario.check.noPageOpen'), false)];
  const wrong: Said[] = [];
  for (const [name, status] of wanted) {
    const page = state.pages.get(name);
    const actual = page ? session(state, page).status : undefined;
    if (actual !== status) wrong.push(say('scenario.check.pageIs', { page: name, status: actual ?? say('scenario.check.notOpen') }));
  }
  const expected = typeof e === 'string' ? say('scenario.check.allPages', { status: e, count: wanted.length }) : wanted.map(([n, s]) => `${n}: ${s}`).join(', ');
  if (!wrong.length) return [check('pages', expected, expected, true)];
  const counts = { count: wrong.length, total: wanted.length, pages: sayList(wrong.slice(0, 6), 'comma') };
  const actual = wrong.length > 6 ? say('scenario.check.differMore', { ...counts, more: wrong.length - 6 }) : say('scenario.check.differ', counts);
  return [check('pages', expected, actual, false)];
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
  if (e.screen) out.push(check(`${key}.screen`, e.screen, screen?.screen ?? say('scenario.check.nothingYet'), screen?.screen === e.screen));
  if (e.says !== undefined) {
    const chat = st.chats.find((c) => c.appId === w.accountId);
    const said = screen?.screen === 'error' ? screen.error : lastShown(screen?.messages ?? chat?.messages);
    out.push(check(`${key}.says`, quote(e.says), said ? quote(said) : say('scenario.check.noMessage'), !!said && said.includes(e.says)));
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
function explanation(state: CaseState, entry: JournalEntry): { text: string; reasons: Array<{ text: string; said?: Said }> } {
  const related = new Set(entry.related ?? []);
  const theirs = state.timeline.flatMap((t) => (t.type === 'journal' && related.has(t.entry.id) ? [t.entry] : []));
  const reasons = [entry, ...theirs].flatMap((x) => x.verdict.reasons.map((text, i) => ({ text, said: x.verdict.said?.[i] })));
  return { text: [pushText(entry), ...theirs.flatMap((x) => x.verdict.reasons)].join('\n'), reasons };
}

/**
 * The journal's reasons, quoted: as sentences when each has one, so that the studio shows them in its
 * reader's language; the English text is the same either way.
 */
function quotedReasons(reasons: Array<{ text: string; said?: Said }>): Seen {
  const shown = reasons.filter((r) => r.text);
  const saids = shown.map((r) => r.said);
  const whole = saids.length > 0 && saids.every((s) => s !== undefined);
  return quoted(shown.map((r) => r.text).join(' | '), whole ? sayList(saids as Said[], 'bar') : undefined);
}

/** The journal's text quoted (the English clipped to a line); with its sentence, when it has one. */
function quoted(text: string, said: Said | undefined): Seen {
  const english = quote(text);
  return said ? { english, said: say('scenario.check.quoted', { text: said }) } : english;
}

/** `true (summary)`, the summary clipped in English, in full as its sentence. */
function pushOk(entry: JournalEntry): Seen {
  const english = `${entry.verdict.ok} (${clip(entry.summary ?? '', 100)})`;
  return entry.summarySaid ? { english, said: say('scenario.check.pushOk', { ok: String(entry.verdict.ok), summary: entry.summarySaid }) } : english;
}

function pushChecks(state: CaseState, e: NonNullable<ExpectInput['push']>): Check[] {
  const entry = lastPush(state);
  const none = say('scenario.check.noPush');
  const out: Check[] = [];
  if (e.ok !== undefined) {
    const actual = entry ? pushOk(entry) : none;
    out.push(check('push.ok', String(e.ok), actual, entry?.verdict.ok === e.ok));
  }
  if (e.reason !== undefined) {
    const why = entry ? explanation(state, entry) : { text: '', reasons: [] };
    const kind = REASON_KINDS[e.reason.toLowerCase()];
    const ok = !!entry && ((kind?.test(why.text) ?? false) || why.text.toLowerCase().includes(e.reason.toLowerCase()));
    const actual = entry ? quotedReasons(why.reasons) : none;
    out.push(check('push.reason', e.reason, actual, ok));
  }
  if (e.attempts !== undefined) {
    out.push(check('push.attempts', String(e.attempts), entry ? String(entry.attempts.length) : none, entry?.attempts.length === e.attempts));
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
  return [check('journal.contains', quote(e.contains), hit?.type === 'journal' ? quoted(hit.entry.summary ?? '', hit.entry.summarySaid) : say('scenario.check.notInEntries', { count: entries }), !!hit)];
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
