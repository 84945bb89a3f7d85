import type { PhoneScreen, QrSessionView } from '../../contracts/api';
import { StudioError } from '../http/errors';
import { pageOf, personaOf, sessionOf, StepFailure, type Branch, type CaseState, type PageState } from './case-state';
import { durationMs } from './duration';
import { evaluate } from './expect';
import type { ActionStep } from './model';
import { authorizePlatform, cancelAuthorization } from './platform-actions';
import { decodeQrDataUrl } from './qr-decode';
import type { Check } from './results';
import { say, type Said } from '../../contracts/said';
import { sayList } from './said';
import { advance, drive, waitUntil } from './time';
import type { OpenedPage as Opened } from './world';

/**
 * What each step does, as the user would: the page calls the auth server's session API exactly as the
 * hosted page's script does; the phone acts through the mock platform's phone (the same service the
 * control API's /api/phone routes call). Each returns a sentence saying what the user now sees.
 */

export interface ActionOutcome {
  /** What the user now sees, as a sentence (its English text is the step's `detail`)… */
  detail: Said;
  /** …unless the English is given (it clips what the sentence quotes in full). */
  english?: string;
  checks?: Check[];
}

const errorText = (body: unknown): string => {
  const e = (body as { error?: { message?: string } } | null)?.error;
  return e?.message ?? (typeof body === 'string' ? body.slice(0, 200) : JSON.stringify(body).slice(0, 200));
};

function screenText(s: PhoneScreen): Said {
  if (s.screen === 'error') return say('scenario.detail.phoneError', { error: s.error ?? '' });
  if (s.screen === 'profile') return say(s.following ? 'scenario.detail.profileFollowing' : 'scenario.detail.profileWithFollow', { account: s.accountName ?? say('scenario.detail.theAccount') });
  const last = [...(s.messages ?? [])].reverse().find((m) => m.from !== 'user');
  return last ? say('scenario.detail.chatLast', { message: last.text.split('\n')[0] }) : say('scenario.detail.chat');
}

function sessionText(v: QrSessionView): Said {
  if (!v.error) return say(v.needsBinding ? 'scenario.detail.pageShowsBinding' : 'scenario.detail.pageShows', { status: v.status });
  return say(v.needsBinding ? 'scenario.detail.pageShowsBindingError' : 'scenario.detail.pageShowsError', { status: v.status, error: v.error });
}

async function newSession(state: CaseState): Promise<Opened> {
  const w = state.world;
  if (w.stage) return w.stage.openPage();
  const html = await w.auth(`/login/${encodeURIComponent(w.appId)}`);
  if (html.status !== 200) throw new StepFailure(say('scenario.fail.hostedPageHttp', { status: html.status }));
  const res = await w.auth('/api/qr/sessions', { body: { appId: w.appId } });
  if (res.status === 201) return { session: res.body as QrSessionView };
  // No identity source (409) or WeChat refused the QR code (424): the page shows the error, as a visitor sees it.
  if (res.status === 409 || res.status === 424) return { session: null, refused: errorText(res.body) };
  throw new StepFailure(say('scenario.fail.noQrCode', { status: res.status, error: errorText(res.body) }));
}

const openedText = (o: Opened): Said => (o.session ? sessionText(o.session) : say('scenario.detail.pageError', { error: o.refused }));

function show(page: PageState, opened: Opened): void {
  page.session = opened.session;
  if (opened.session) {
    page.history.push(opened.session.id);
    delete page.said;
  } else page.said = opened.refused;
}

async function openPage(state: CaseState, branch: Branch, name: string | undefined): Promise<ActionOutcome> {
  let pageName = name ?? branch.own;
  // Names are taken before the first await: parallel branches opening pages never get the same one.
  if (pageName === undefined) {
    let n = state.named.size + 1;
    while (state.named.has(`page ${n}`)) n++;
    pageName = `page ${n}`;
  }
  if (state.named.has(pageName)) throw new StepFailure(say('scenario.fail.pageNameTaken', { page: pageName }));
  state.named.add(pageName);
  const opened = await drive(state.world, newSession(state), state.timeoutMs, 'page.open');
  const page: PageState = { name: pageName, session: null, history: [] };
  show(page, opened);
  state.pages.set(pageName, page);
  state.lastPage = branch.page = pageName;
  return { detail: say('scenario.detail.onPage', { page: pageName, shown: openedText(opened) }) };
}

async function refreshPage(state: CaseState, page: PageState): Promise<ActionOutcome> {
  const opened = await drive(state.world, newSession(state), state.timeoutMs, 'page.refresh');
  show(page, opened);
  return { detail: say(opened.session ? 'scenario.detail.newQr' : 'scenario.detail.onPage', { page: page.name, shown: openedText(opened) }) };
}

async function pagePost(state: CaseState, page: PageState, action: 'cancel' | 'bind', body: unknown): Promise<ActionOutcome> {
  const id = sessionOf(page).id;
  const res = await drive(state.world, state.world.auth(`/api/qr/sessions/${id}/${action}`, { body }), state.timeoutMs, `page.${action}`);
  if (res.status === 200) {
    page.session = res.body as QrSessionView;
    delete page.said;
    return { detail: say('scenario.detail.onPage', { page: page.name, shown: sessionText(page.session) }) };
  }
  // A refused form is something the user sees on the page, not a broken step: expectations check it.
  if (res.status === 401 || res.status === 409) {
    page.said = errorText(res.body);
    return { detail: say('scenario.detail.pageSays', { page: page.name, message: page.said }) };
  }
  throw new StepFailure(say('scenario.fail.pagePost', { action, status: res.status, error: errorText(res.body) }));
}

async function phone(state: CaseState, work: () => Promise<PhoneScreen>, what: string): Promise<ActionOutcome> {
  try {
    const screen = await drive(state.world, work(), state.timeoutMs, what);
    return { detail: screenText(screen) };
  } catch (err) {
    if (err instanceof StudioError) throw new StepFailure(say('scenario.fail.refused', { what, error: err.message }));
    throw err;
  }
}

const checkFailed = (c: Check): Said => say('scenario.check.failed', { key: c.key, expected: c.expectedSaid ?? c.expected, actual: c.actualSaid ?? c.actual });

export async function runAction(state: CaseState, branch: Branch, step: ActionStep): Promise<ActionOutcome> {
  const w = state.world;
  const p = w.rt.platform.service;
  switch (step.kind) {
    case 'page.open':
      return openPage(state, branch, step.args.page);
    case 'page.refresh':
      return refreshPage(state, pageOf(state, branch, step.args.page));
    case 'page.cancel':
      return pagePost(state, pageOf(state, branch, step.args.page), 'cancel', {});
    case 'page.bind':
      return pagePost(state, pageOf(state, branch, step.args.page), 'bind', { username: step.args.username, password: step.args.password });
    case 'phone.scan': {
      const who = personaOf(state, branch, step.args.as);
      const page = pageOf(state, branch, step.args.page);
      branch.persona = who.name;
      const session = sessionOf(page);
      // The stage's PC page shows the image itself; the session it made is read back without one.
      const content = session.qrImage ? decodeQrDataUrl(session.qrImage) : session.qrUrl;
      if (!content) throw new StepFailure(say('scenario.fail.noQrInImage', { page: page.name }));
      w.stage?.cue({ kind: 'phone', personaId: who.id });
      const out = await phone(state, () => p.scan(who.id, content), `phone.scan as ${who.name}`);
      return { detail: say('scenario.detail.scans', { persona: who.name, page: page.name, shown: out.detail }) };
    }
    case 'phone.follow':
    case 'phone.unfollow': {
      const who = personaOf(state, branch, step.args.as);
      branch.persona = who.name;
      w.stage?.cue({ kind: 'phone', personaId: who.id });
      const act = step.kind === 'phone.follow' ? () => p.follow(who.id, w.accountId) : () => p.unfollow(who.id, w.accountId);
      return phone(state, act, `${step.kind} as ${who.name}`);
    }
    case 'phone.message': {
      const who = personaOf(state, branch, step.args.as);
      branch.persona = who.name;
      w.stage?.cue({ kind: 'phone', personaId: who.id });
      return phone(state, () => p.sendMessage(who.id, w.accountId, step.args.text), `phone.message as ${who.name}`);
    }
    case 'platform.authorize':
      return authorizePlatform(state, personaOf(state, branch, step.args.as), step.args.funcIds);
    case 'platform.cancel':
      return cancelAuthorization(state);
    case 'clock.advance': {
      const ms = step.args.ms ?? Math.round((step.args.seconds ?? 0) * 1000);
      await advance(w, ms);
      return { detail: say('scenario.detail.clockMoved', { ms }) };
    }
    case 'expect': {
      const within = durationMs(step.args.within, 0);
      const result = await waitUntil(w, within, () => evaluate(state, branch, step.args));
      const failed = result.checks.filter((c) => !c.ok);
      if (failed.length) {
        const english = failed.map((c) => `${c.key}: expected ${c.expected}, saw ${c.actual}`).join('; ');
        throw Object.assign(new StepFailure(sayList(failed.map(checkFailed), 'semicolon'), english), { checks: result.checks });
      }
      const english = result.checks.map((c) => `${c.key} = ${c.actual}`).join('; ');
      return { detail: sayList(result.checks.map((c) => say('scenario.detail.checkSeen', { key: c.key, actual: c.actualSaid ?? c.actual })), 'semicolon'), english, checks: result.checks };
    }
  }
}
