import { randomBytes } from 'node:crypto';
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import type { Database } from 'better-sqlite3';
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
import { createOidc, type Oidc } from './oidc';
import type { Apps } from './module';
import { createPlatform, type Platform } from './platform';
import { nodeTransport, type Transport } from './platform/push/http';
import { createStudio, type Studio } from './studio';
import { prepareLocalTls, type LocalTls } from './tls/local-ca';
import { fetchTrusting } from './tls/trusting-fetch';

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
  oidc: Oidc;
  /** Path of the local CA's certificate (PEM) when the auth server serves https. */
  authCa: string | null;
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
async function bindAll(config: ResolvedConfig, authTls: LocalTls | null): Promise<Bound> {
  const bound: Partial<Bound> = {};
  try {
    for (const name of ['wechat', 'auth', 'studio'] as const) {
      // --https: the auth server speaks TLS from its first byte, so its origin (and the issuer) is https.
      const secure = name === 'auth' && authTls ? { server: https.createServer({ key: authTls.key, cert: authTls.cert }), secure: true } : {};
      bound[name] = await bindServer(name, config.host, config.ports[name], secure);
    }
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

/** The studio's local CA and what trusts it (--https): the auth server's certificate, a fetch and the push agent. */
interface AuthTls {
  tls: LocalTls;
  fetch: typeof globalThis.fetch;
  ca: string[];
  release(): Promise<void>;
}

async function prepareAuthTls(config: ResolvedConfig, clock: Clock): Promise<AuthTls | null> {
  if (!config.https) return null;
  const tls = await prepareLocalTls(config.tlsDir, [config.host], clock.now());
  const trusting = fetchTrusting(tls.caPem);
  return {
    tls,
    fetch: trusting.fetch,
    ca: [...rootCertificates, tls.caPem],
    release: async () => {
      await trusting.close();
      tls.cleanup();
    },
  };
}

function createContext(config: ResolvedConfig, deps: RuntimeDeps, base: { clock: Clock; log: Logger; urls: ServerUrls; db: Database; fetch: typeof globalThis.fetch }): CoreContext {
  const bus = createBus(base.clock);
  const store = createStore(base.db, bus);
  return {
    ...base,
    store,
    bus,
    journal: createJournal(store, bus, base.clock),
    random: deps.random ?? randomBytes,
    fetch: deps.fetch ?? base.fetch,
    config,
    wechatApiBase: (config.wechatApiBase ?? base.urls.wechat).replace(/\/+$/, ''),
  };
}

interface Modules {
  platform: Platform;
  login: Login;
  oidc: Oidc;
  studio: Studio;
}

/** The domain modules, the OpenID Connect provider over the login server, and the studio's composition on top. */
function buildModules(ctx: CoreContext, apps: Apps, transport: Transport, authTls: AuthTls | null): Modules {
  const routes = new RouteRegistry();
  registerControlRoutes(apps.studio, ctx, routes);
  registerWorkbenchRoutes(apps.studio, routes);
  const platform = createPlatform(ctx, transport);
  const login = createLogin(ctx);
  const oidc = createOidc(ctx, login.service, { https: authTls !== null, authCa: authTls?.tls.caPath ?? null });
  const studio = createStudio(ctx, platform, login);
  platform.register(apps, routes);
  login.register(apps, routes);
  oidc.register(apps, routes);
  studio.register(apps, routes);
  serveRenderer(apps.studio, ctx.config.rendererDir);
  return { platform, login, oidc, studio };
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
  const authTls = await prepareAuthTls(config, clock);
  const bound = await bindAll(config, authTls?.tls ?? null).catch(async (err: unknown) => {
    await authTls?.release();
    throw err;
  });
  const urls: ServerUrls = { studio: bound.studio.origin, wechat: bound.wechat.origin, auth: bound.auth.origin };
  let opened: ReturnType<typeof openDatabase> | undefined;
  let apps: Apps | undefined;
  let modules: Modules | undefined;
  try {
    opened = openDatabase(config.dbPath);
    const ctx = createContext(config, deps, { clock, log, urls, db: opened.db, fetch: authTls?.fetch ?? globalThis.fetch });
    apps = buildApps(bound, ctx, token);
    const m = (modules = buildModules(ctx, apps, deps.transport ?? nodeTransport(clock, authTls ? { ca: authTls.ca } : {}), authTls));
    await Promise.all(Object.values(apps).map((a: FastifyInstance) => a.ready()));
    await m.platform.start?.();
    await m.login.start?.();
    await m.studio.start({ fresh: opened.fresh });
    await m.oidc.start();

    let stopping: Promise<void> | null = null;
    const db = opened.db;
    const all = apps;
    const stop = (): Promise<void> =>
      (stopping ??= (async () => {
        await Promise.allSettled([m.studio.stop(), m.platform.stop?.(), m.login.stop?.(), m.oidc.stop()]);
        await Promise.allSettled(Object.values(all).map((a: FastifyInstance) => a.close()));
        db.close();
        await authTls?.release();
      })());
    const authCa = authTls?.tls.caPath ?? null;
    return { urls, uiUrl: `${urls.studio}/?token=${encodeURIComponent(token)}`, token, bus: ctx.bus, journal: ctx.journal, ctx, ...m, authCa, stop };
  } catch (err) {
    await modules?.oidc.stop();
    if (apps) await Promise.allSettled(Object.values(apps).map((a: FastifyInstance) => a.close()));
    await Promise.allSettled(Object.values(bound).map((b) => closeServer(b.server)));
    opened?.db.close();
    await authTls?.release();
    throw err;
  }
}
