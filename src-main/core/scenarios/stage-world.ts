import type { JournalEntry, LoginSessionDto, QrSessionView } from '../../contracts/api';
import type { StageCue } from '../../contracts/scenarios';
import { createActivity } from './activity';
import type { FaultProxy } from './fault-proxy';
import type { PersonaInput } from './schema';
import { authClient, connectionInput, type OpenedPage, type World, type WorldOptions, type WorldRuntime } from './world';
import { createPersonas, createUsers, expandPersonas, pointAccount, setAdmins } from './world-setup';
import { DEFAULT_USERS } from './world-defaults';

/**
 * A case played on the studio's stage: the world is the studio's own runtime — the demo's account, pool,
 * application and personas, on the wall clock — so the studio's PC page and phone show every step. The
 * demo is reset first (same IDs), then the case's setup is applied to it. The PC page is the stage's
 * frame: `page.open` asks it to open the login page and takes the session it creates.
 */

/** The studio's demo, as the stage plays it. */
export interface StageDemo {
  accountId: string;
  poolId: string;
  appId: string;
  /** The demo's identity source (its Unique ID). */
  identifier: string;
  /** The demo's three personas, by the case's default names. */
  personas: { Lin: string; Chen: string; Wang: string };
}

export interface StageHost {
  rt: WorldRuntime;
  /** "Reset demo": everything cleared and the demo seeded again with the same IDs. */
  resetDemo(): Promise<StageDemo>;
  cue(cue: StageCue): void;
}

/** How long the stage waits for its PC page to ask for a QR code before asking itself (no studio window open). */
export const PAGE_WAIT_MS = 4000;

/** The public message of a refused answer (the hosted page shows it), from the auth server's journal entry. */
function refusal(e: JournalEntry, appId: string, since: number): string | null {
  const attempt = e.attempts[0];
  const status = attempt?.response?.status;
  if (e.source !== 'auth' || e.at < since || !e.url.endsWith('/api/qr/sessions') || (status !== 409 && status !== 424)) return null;
  if (!attempt?.request.body.includes(appId)) return null;
  try {
    return (JSON.parse(attempt.response!.body) as { error?: { message?: string } }).error?.message ?? `HTTP ${status}`;
  } catch {
    return `HTTP ${status}`;
  }
}

/** What the next request of `appId`'s login page gets from now on (a session, or a refusal), or null after `ms`. */
function nextPage(host: StageHost, appId: string, ms: number): Promise<{ session: LoginSessionDto } | { refused: string } | null> {
  const since = host.rt.ctx.clock.now();
  return new Promise((resolve) => {
    let done = false;
    const finish = (answer: { session: LoginSessionDto } | { refused: string } | null): void => {
      if (done) return;
      done = true;
      off();
      timer.cancel();
      resolve(answer);
    };
    const off = host.rt.bus.subscribe((e) => {
      if (e.type === 'login-session' && e.session.appId === appId && e.session.createdAt >= since) finish({ session: e.session });
      const refused = e.type === 'journal' ? refusal(e.entry, appId, since) : null;
      if (refused !== null) finish({ refused });
    });
    const timer = host.rt.ctx.clock.setTimer(() => finish(null), ms);
  });
}

function openPage(host: StageHost, demo: StageDemo, auth: World['auth']): () => Promise<OpenedPage> {
  return async () => {
    const made = nextPage(host, demo.appId, PAGE_WAIT_MS);
    host.cue({ kind: 'page', appId: demo.appId });
    const answer = await made;
    if (answer) return 'session' in answer ? { session: host.rt.login.service.getSession(answer.session.id) } : { session: null, refused: answer.refused };
    // Nobody shows the stage (no studio window): the page's request, made here.
    const res = await auth('/api/qr/sessions', { body: { appId: demo.appId } });
    if (res.status === 201) return { session: res.body as QrSessionView };
    const message = (res.body as { error?: { message?: string } } | null)?.error?.message;
    if ((res.status === 409 || res.status === 424) && message) return { session: null, refused: message };
    throw new Error(`the login page could not get a QR code: HTTP ${res.status}`);
  };
}

/** The case's personas: the demo's own for the default three, else the case's, made on the stage. */
async function stagePersonas(host: StageHost, demo: StageDemo, o: WorldOptions): Promise<{ personas: Map<string, string>; crowds: Map<string, string[]>; people: PersonaInput[] }> {
  if (!o.setup.personas) return { personas: new Map(Object.entries(demo.personas)), crowds: new Map(), people: [] };
  const { people, crowds } = expandPersonas(o.setup.personas);
  const personas = await createPersonas(host.rt, demo.poolId, demo.accountId, people, o.byAuthorization ? null : demo.identifier);
  return { personas, crowds, people };
}

/** The demo's identity source as the case sets it up; or, for a case that authorizes, none yet and the pool registered as a platform. */
async function stageConnection(host: StageHost, demo: StageDemo, o: WorldOptions, started: (p: FaultProxy) => void): Promise<string | undefined> {
  const { rt } = host;
  const input = connectionInput(o.setup);
  if (o.byAuthorization) {
    rt.login.service.deleteConnection(demo.poolId, demo.identifier);
    await rt.platform.service.setServerConfig(demo.accountId, { url: '', token: '', encodingAesKey: '', mode: 'plaintext', enabled: false }, { verify: false });
    return (await rt.studio.openPlatform.registerComponent(demo.poolId)).componentAppId;
  }
  const { loginMode, association, qrExpireSeconds } = input;
  rt.login.service.updateConnection(demo.poolId, demo.identifier, { loginMode, association, mode: o.mode, ...(qrExpireSeconds !== undefined ? { qrExpireSeconds } : {}) });
  const conn = rt.login.service.requireConnection(demo.poolId, demo.identifier);
  const eventsUrl = rt.login.service.getConnection(demo.poolId, demo.identifier).eventsUrl;
  const w = { rt, activity: createActivity(), clock: rt.ctx.clock };
  await pointAccount(w, { appId: demo.accountId, eventsUrl, token: conn.token, encodingAesKey: conn.encodingAesKey }, o.setup, o.mode, started);
  return undefined;
}

export async function createStageWorld(host: StageHost, o: WorldOptions): Promise<World> {
  const { rt } = host;
  const demo = await host.resetDemo();
  let proxy: FaultProxy | undefined;
  const stop = async (): Promise<void> => {
    await proxy?.close();
  };
  try {
    if (o.setup.platform) rt.platform.service.updateSettings(o.setup.platform);
    const componentAppId = await stageConnection(host, demo, o, (p) => (proxy = p));
    await createUsers(rt, demo.poolId, o.setup.users ?? DEFAULT_USERS, o.needsPasswords);
    const { personas, crowds, people } = await stagePersonas(host, demo, o);
    setAdmins(rt, demo.accountId, people, personas);
    const auth = authClient(rt, globalThis.fetch);
    return {
      rt,
      clock: rt.ctx.clock,
      activity: createActivity(),
      mode: o.mode,
      accountId: demo.accountId,
      poolId: demo.poolId,
      appId: demo.appId,
      connection: { ...connectionInput(o.setup), identifier: demo.identifier },
      ...(componentAppId ? { componentAppId } : {}),
      personas,
      crowds,
      stage: { cue: host.cue, openPage: openPage(host, demo, auth) },
      auth,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
