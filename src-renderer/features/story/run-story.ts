import type { PhoneScreen } from '../../api/types';
import { toErrorInfo } from '../../store/errors';
import { linkOf } from '../../store/open-selectors';
import type { StoryStepId } from '../../store/open-types';
import type { StudioState } from '../../store/types';
import { defaultDraft } from '../stage/phone/Authorize';
import { originOf } from '../stage/pc-message';
import { StoryStopped, type StoryEnv } from './story-env';
import { prepareStory, STORY, type StoryCast } from './story-prepare';

/** The steps in order, as the caption bar numbers them. */
export const STORY_STEPS: readonly StoryStepId[] = ['prepare', 'open', 'scan', 'confirm', 'connected', 'login', 'cancel', 'unbound', 'refused'];

/** The pause between two visible moves (a demo's pacing). */
export const STORY_BEAT_MS = 1400;

const showsQr = (s: StudioState): boolean => Boolean(s.pcQr?.image) && s.pcQr?.status === 'PENDING';
const actions = (env: StoryEnv) => env.store.getState().actions;

/** The PC frame opens the login server's initiation page, then WeChat's authorization page with its QR code. */
async function openAuthorizationPage(env: StoryEnv, cast: StoryCast, beat: number): Promise<void> {
  const a = actions(env);
  const origins = [cast.started.initiationUrl, cast.started.authorizationUrl].map(originOf).filter((o): o is string => Boolean(o));
  a.navigate({ view: 'stage', params: [] });
  a.openPcPage({ url: cast.started.initiationUrl, origins });
  await env.beat(beat * 1.5);
  a.openPcPage({ url: cast.started.authorizationUrl, origins });
  await env.waitFor(showsQr, 'the authorization page to show its QR code');
}

/** The persona's phone opens the scanner; resolves with the screen the scan brought (not an earlier one). */
async function scanWith(env: StoryEnv, personaId: string, beat: number): Promise<PhoneScreen> {
  const a = actions(env);
  a.selectPersona(personaId);
  await env.beat(beat / 2);
  const before = env.store.getState().screens[personaId];
  a.setPhoneView('scanner');
  const screen = await env.waitFor((s) => (s.phoneView === 'app' && s.screens[personaId] !== before ? s.screens[personaId] : null), 'the phone to scan the QR code');
  if (screen.screen === 'error') throw new Error(`the phone says: ${screen.error ?? 'error'}`);
  return screen;
}

/** The admin picks the account and the permission sets on the phone, visibly, then confirms. */
async function confirmOnPhone(env: StoryEnv, cast: StoryCast, screen: PhoneScreen, beat: number): Promise<void> {
  const a = actions(env);
  if (screen.screen !== 'authorize' || !screen.authorize) throw new Error('the phone did not open the authorization page');
  const draft = { ...defaultDraft(screen.authorize), appId: cast.account.appId };
  a.setAuthDraft(draft);
  await env.beat(beat);
  a.setAuthDraft({ ...draft, step: 'funcs' });
  await env.beat(beat);
  if (!(await a.confirmAuthorize())) throw new Error('the phone could not confirm the authorization');
  await env.waitFor((s) => s.pcQr?.status === 'AUTHORIZED', 'the authorization page to go to the redirect');
}

/** A user scans the login page's QR code through the authorized account and follows it (if not already). */
async function logIn(env: StoryEnv, cast: StoryCast, beat: number): Promise<void> {
  const a = actions(env);
  a.closePcPage();
  a.setLoginApp(cast.app.id);
  await env.waitFor(showsQr, 'the login page to show its QR code');
  const screen = await scanWith(env, cast.user.id, beat);
  if (screen.screen === 'profile' && !screen.following) {
    await env.beat(beat);
    await a.follow(cast.account.appId);
  }
  await env.waitFor((s) => s.pcQr?.status === 'AUTHORIZED', 'the login page to sign the user in');
  await env.beat(beat * 1.5);
}

/** The admin cancels on the account's Authorization management page (its details and the confirmation shown). */
async function cancelOnConsole(env: StoryEnv, cast: StoryCast, beat: number): Promise<string> {
  const a = actions(env);
  a.reloadPc();
  await env.waitFor(showsQr, 'a new login QR code on the page');
  a.navigate({ view: 'wechat', params: [cast.account.appId, 'account', cast.component.componentAppId] });
  await env.waitFor((s) => s.authorizations[cast.account.appId]?.some((x) => x.componentAppId === cast.component.componentAppId), 'the Authorization management page');
  await env.beat(beat * 2);
  const { journalId } = await env.api.cancelAuthorization(cast.account.appId, cast.component.componentAppId);
  return journalId;
}

/** The page's open session ends at once; reloaded, the page cannot make a new login QR: the login server refuses. */
async function refusedLogin(env: StoryEnv, beat: number): Promise<string> {
  const a = actions(env);
  a.navigate({ view: 'stage', params: [] });
  await env.waitFor((s) => s.pcQr?.status === 'ERROR', 'the open login session to end');
  await env.beat(beat);
  const seen = new Set(env.store.getState().journal.entries.map((e) => e.id));
  a.reloadPc();
  const refusal = await env.waitFor(
    (s) => s.journal.entries.find((e) => !seen.has(e.id) && e.source === 'auth' && e.url.endsWith('/api/qr/sessions') && !e.verdict.ok),
    "the login server's refusal of a new login",
  );
  return refusal.id;
}

/**
 * The stage's story of issue "connect by authorization", for a demo: authorize (the admin scans WeChat's
 * authorization page and confirms), log a user in through the authorized account, cancel the authorization
 * on the WeChat console, see the login console back to "not connected" and a new login refused.
 */
export async function runAuthorizationStory(env: StoryEnv, beat = STORY_BEAT_MS): Promise<void> {
  const a = actions(env);
  const done: StoryStepId[] = [];
  const step = async <T>(id: StoryStepId, run: () => Promise<T>): Promise<T> => {
    a.setStory({ step: id });
    const r = await run();
    done.push(id);
    a.setStory({ done: [...done] });
    return r;
  };
  a.setStory({ status: 'running', step: 'prepare', done: [], facts: {}, error: null });
  try {
    const cast = await step('prepare', async () => {
      // The story signs its user in on the hosted login page, whichever site the PC browser was showing.
      a.setPcSite('hosted');
      const c = await prepareStory(env);
      a.setStory({ facts: { poolId: c.pool.id, appId: c.account.appId, accountName: c.account.name, originalId: c.account.originalId, componentAppId: c.component.componentAppId, identifier: STORY.identifier, adminName: c.admin.name, userName: c.user.name } });
      a.navigate({ view: 'login', params: ['sources'] });
      await env.beat(beat * 1.5);
      return c;
    });
    await step('open', () => openAuthorizationPage(env, cast, beat));
    const screen = await step('scan', () => scanWith(env, cast.admin.id, beat));
    await step('confirm', () => confirmOnPhone(env, cast, screen, beat));
    await step('connected', async () => {
      await env.waitFor((s) => linkOf(s.links, cast.pool.id, STORY.identifier)?.status === 'connected', 'the identity source to connect');
      await env.beat(beat);
      a.navigate({ view: 'login', params: ['sources'] });
      await env.beat(beat * 2);
      a.navigate({ view: 'stage', params: [] });
    });
    await step('login', () => logIn(env, cast, beat));
    const unauthorizedId = await step('cancel', () => cancelOnConsole(env, cast, beat));
    a.setStory({ facts: { ...env.store.getState().story.facts, unauthorizedId } });
    await step('unbound', async () => {
      a.navigate({ view: 'login', params: ['sources'] });
      await env.waitFor((s) => linkOf(s.links, cast.pool.id, STORY.identifier)?.status === 'not_connected', 'the identity source to be not connected');
      await env.beat(beat * 2);
    });
    const refusalId = await step('refused', () => refusedLogin(env, beat));
    a.setStory({ status: 'done', step: null, facts: { ...env.store.getState().story.facts, refusalId } });
  } catch (err) {
    if (err instanceof StoryStopped) return;
    a.setStory({ status: 'failed', error: toErrorInfo(err) });
  }
}
