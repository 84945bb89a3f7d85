import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { systemClock, type Clock } from './clock';
import { resolveConfig, type ResolvedConfig, type RuntimeOptions } from './config';
import type { CoreContext, RandomBytes, ServerUrls } from './context';
import { installStudioGuard } from './control/auth';
import { registerControlRoutes } from './control/routes';
import { serveRenderer } from './control/static-ui';
import { registerWorkbenchRoutes } from './control/workbench';
import { openDatabase } from './db/open';
import { createStore } from './db/store';
import { createBus, type Bus } from './events/bus';
import { createHttpApp } from './http/app';
import { bindServer, closeServer, type BoundServer } from './http/listen';
import { RouteRegistry } from './http/routes';
import { createJournal, type Journal } from './journal/journal';
import { installRecorder } from './journal/recorder';
import { createLogger, type Logger } from './logger';
import { createLogin, type Login } from './login';
import type { Apps } from './module';
import { createPlatform, type Platform } from './platform';
import { nodeTransport, type Transport } from './platform/push/http';
import { createStudio, type Studio } from './studio';

export { ListenError } from './http/listen';

export interface Runtime {
  urls: ServerUrls;
  /** The studio URL with the launch token, for a browser or the desktop window. */
  uiUrl: string;
  token: string;
  bus: Bus;
  journal: Journal;
  ctx: CoreContext;
  platform: Platform;
  login: Login;
  studio: Studio;
  stop(): Promise<void>;
}

export interface RuntimeDeps {
  clock?: Clock;
  random?: RandomBytes;
  /** Outbound HTTP of the login server and relays. */
  fetch?: typeof globalThis.fetch;
  /** HTTP to developers' servers (pushes, URL verification); default node:http on the runtime's clock. */
  transport?: Transport;
  log?: Logger;
}

type Bound = Record<keyof Apps, BoundServer>;

/** Listens first (wechat, auth, studio), so every URL of the run is fixed before anything is built. */
async function bindAll(config: ResolvedConfig): Promise<Bound> {
  const bound: Partial<Bound> = {};
  try {
    for (const name of ['wechat', 'auth', 'studio'] as const) bound[name] = await bindServer(name, config.host, config.ports[name]);
    return bound as Bound;
  } catch (err) {
    await Promise.allSettled(Object.values(bound).map((b) => closeServer(b.server)));
    throw err;
  }
}

function buildApps(bound: Bound, ctx: CoreContext, token: string): Apps {
  const apps: Apps = {
    studio: createHttpApp({ name: 'studio', log: ctx.log, server: bound.studio.server }),
    wechat: createHttpApp({ name: 'wechat', log: ctx.log, server: bound.wechat.server }),
    auth: createHttpApp({ name: 'auth', log: ctx.log, server: bound.auth.server }),
  };
  installRecorder(apps.auth, ctx.journal, ctx.store, { source: 'auth', origin: ctx.urls.auth, kind: 'event' });
  installRecorder(apps.wechat, ctx.journal, ctx.store, { source: 'wechat', origin: ctx.urls.wechat, kind: 'api' });
  installStudioGuard(apps.studio, { token, origin: ctx.urls.studio });
  return apps;
}

/**
 * Wires the engine: the three servers (studio, wechat, auth), database, bus, journal, and the domain
 * modules with the studio's composition on top. Knows nothing about its host: the headless `serve` and
 * the Electron shell both call this.
 */
export async function createRuntime(options: RuntimeOptions = {}, deps: RuntimeDeps = {}): Promise<Runtime> {
  const config = resolveConfig(options);
  const clock = deps.clock ?? systemClock;
  const log = deps.log ?? createLogger(undefined, options.quiet);
  const token = options.token ?? randomBytes(24).toString('base64url');
  const bound = await bindAll(config);
  const urls: ServerUrls = { studio: bound.studio.origin, wechat: bound.wechat.origin, auth: bound.auth.origin };
  let opened: ReturnType<typeof openDatabase> | undefined;
  let apps: Apps | undefined;
  try {
    opened = openDatabase(config.dbPath);
    const bus = createBus(clock);
    const store = createStore(opened.db, bus);
    const journal = createJournal(store, bus, clock);
    const ctx: CoreContext = {
      db: opened.db,
      store,
      bus,
      journal,
      clock,
      random: deps.random ?? randomBytes,
      fetch: deps.fetch ?? globalThis.fetch,
      log,
      urls,
      config,
      wechatApiBase: (config.wechatApiBase ?? urls.wechat).replace(/\/+$/, ''),
    };
    apps = buildApps(bound, ctx, token);
    const routes = new RouteRegistry();
    registerControlRoutes(apps.studio, ctx, routes);
    registerWorkbenchRoutes(apps.studio, routes);
    const platform = createPlatform(ctx, deps.transport ?? nodeTransport(clock));
    const login = createLogin(ctx);
    const studio = createStudio(ctx, platform, login);
    platform.register(apps, routes);
    login.register(apps, routes);
    studio.register(apps, routes);
    serveRenderer(apps.studio, config.rendererDir);
    await Promise.all(Object.values(apps).map((a: FastifyInstance) => a.ready()));
    await platform.start?.();
    await login.start?.();
    await studio.start({ fresh: opened.fresh });

    let stopping: Promise<void> | null = null;
    const db = opened.db;
    const all = apps;
    const stop = (): Promise<void> =>
      (stopping ??= (async () => {
        await Promise.allSettled([studio.stop(), platform.stop?.(), login.stop?.()]);
        await Promise.allSettled(Object.values(all).map((a: FastifyInstance) => a.close()));
        db.close();
      })());
    return { urls, uiUrl: `${urls.studio}/?token=${encodeURIComponent(token)}`, token, bus, journal, ctx, platform, login, studio, stop };
  } catch (err) {
    if (apps) await Promise.allSettled(Object.values(apps).map((a: FastifyInstance) => a.close()));
    await Promise.allSettled(Object.values(bound).map((b) => closeServer(b.server)));
    opened?.db.close();
    throw err;
  }
}
