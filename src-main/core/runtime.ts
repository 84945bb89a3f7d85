import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { resolveConfig, type ResolvedConfig, type RuntimeOptions } from './config';
import { systemClock, type Clock, type CoreContext, type RandomBytes, type ServerUrls } from './context';
import { openDatabase } from './db/open';
import { createBus, type Bus } from './events/bus';
import { createJournal, type Journal } from './journal/journal';
import { createLogger, type Logger } from './logger';
import { createHttpApp } from './http/app';
import { RouteRegistry } from './http/routes';
import { installStudioGuard } from './control/auth';
import { registerControlRoutes } from './control/routes';
import { serveRenderer } from './control/static-ui';
import { registerWorkbenchRoutes } from './control/workbench';
import { createPlatform, type Platform } from './platform';
import { createLogin, type Login } from './login';
import { seedDemo } from './seed';
import { createOidc, type Oidc } from './oidc';
import { prepareLocalTls } from './tls/local-ca';
import { fetchTrusting } from './tls/trusting-fetch';

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
  oidc: Oidc;
  /** Path of the local CA's certificate (PEM) when the auth server serves https. */
  authCa: string | null;
  stop(): Promise<void>;
}

export interface RuntimeDeps {
  clock?: Clock;
  random?: RandomBytes;
  fetch?: typeof globalThis.fetch;
  log?: Logger;
}

/** A listen failure that names the port and the flag that set it. */
export class PortInUseError extends Error {
  constructor(
    readonly server: 'studio' | 'wechat' | 'auth',
    readonly port: number,
  ) {
    super(`port ${port} (--${server}-port) is already in use; choose another port or 0 for any free port`);
  }
}

/**
 * Wires the engine: database, bus, journal, the three servers (studio, wechat, auth) and the domain
 * modules. Knows nothing about its host: the headless `serve` and the Electron shell both call this.
 */
export async function createRuntime(options: RuntimeOptions = {}, deps: RuntimeDeps = {}): Promise<Runtime> {
  const config: ResolvedConfig = resolveConfig(options);
  const clock = deps.clock ?? systemClock;
  const log = deps.log ?? createLogger(undefined, options.quiet);
  const { db, fresh } = openDatabase(config.dbPath);
  const bus = createBus(clock);
  const journal = createJournal(db, bus, clock);
  const token = options.token ?? randomBytes(24).toString('base64url');
  const tls = config.https ? await prepareLocalTls(config.tlsDir, [config.host], clock.now()) : null;
  const trusting = tls ? fetchTrusting(tls.caPem) : null;
  const urls: ServerUrls = { studio: '', wechat: '', auth: '' };
  const ctx: CoreContext = {
    db,
    bus,
    journal,
    clock,
    random: deps.random ?? randomBytes,
    fetch: deps.fetch ?? trusting?.fetch ?? globalThis.fetch,
    log,
    urls,
    config,
  };

  const apps = {
    studio: createHttpApp({ name: 'studio', log }),
    wechat: createHttpApp({ name: 'wechat', log }),
    auth: createHttpApp({ name: 'auth', log, ...(tls ? { https: { key: tls.key, cert: tls.cert } } : {}) }),
  };
  const routes = new RouteRegistry();
  installStudioGuard(apps.studio, token);
  registerControlRoutes(apps.studio, ctx, routes);
  registerWorkbenchRoutes(apps.studio, routes);
  const platform = createPlatform(ctx);
  const login = createLogin(ctx, platform);
  const oidc = createOidc(ctx, login.service, { https: !!tls, authCa: tls?.caPath ?? null });
  platform.register(apps, routes);
  login.register(apps, routes);
  oidc.register(apps, routes);
  serveRenderer(apps.studio, config.rendererDir);

  const listening: FastifyInstance[] = [];
  const closeAll = async (): Promise<void> => {
    await Promise.allSettled(listening.map((a) => a.close()));
  };
  try {
    for (const name of ['wechat', 'auth', 'studio'] as const) {
      const app = apps[name];
      try {
        await app.listen({ host: config.host, port: config.ports[name] });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(name, config.ports[name]);
        throw err;
      }
      listening.push(app);
      const { port } = app.server.address() as AddressInfo;
      const host = config.host.includes(':') ? `[${config.host}]` : config.host;
      urls[name] = `${name === 'auth' && tls ? 'https' : 'http'}://${host}:${port}`;
    }
    await platform.start?.();
    await login.start?.();
    if (fresh && config.seed === 'demo') await seedDemo(ctx, platform, login);
    await oidc.start();
  } catch (err) {
    await closeAll();
    await oidc.stop();
    db.close();
    tls?.cleanup();
    throw err;
  }

  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      await Promise.allSettled([platform.stop?.(), login.stop?.(), oidc.stop()]);
      await closeAll();
      await trusting?.close();
      db.close();
      tls?.cleanup();
    })());

  return {
    urls,
    uiUrl: `${urls.studio}/?token=${encodeURIComponent(token)}`,
    token,
    bus,
    journal,
    ctx,
    platform,
    login,
    oidc,
    authCa: tls?.caPath ?? null,
    stop,
  };
}
