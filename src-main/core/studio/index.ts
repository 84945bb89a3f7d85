import { z } from 'zod';
import type { CoreContext, ServerUrls } from '../context';
import { demoResetSchema, okSchema, relayListSchema, relaySchema } from '../../contracts/api';
import type { RouteRegistry } from '../http/routes';
import type { Login } from '../login';
import type { Apps } from '../module';
import type { Platform } from '../platform';
import { registerAuditRoutes } from './audits/routes';
import { createStudioAudits, type StudioAudits } from './audits/service';
import { createStudioOpenPlatform, type StudioOpenPlatform } from './open-platform';
import { registerQaRoutes } from './qa-routes';
import { createStudioRelays, relayBody, type StudioRelays } from './relays';
import { registerScenarioRoutes, type ScenarioRoutes } from './scenario-routes';
import { DEMO, seedDemo, type DemoIds, type DemoSeed } from './seed';
import type { StageDemo } from '../scenarios/stage-world';

/**
 * The studio's composition: what needs both domains — the mock platform and the login server — lives here
 * and nowhere else. The demo seed and "Reset demo", relays that configure an account, and keeping the
 * studio's own URLs right across restarts (an account pointed at this studio's login server or one of its
 * relays follows them to the ports of the current run). The domains never import each other.
 */
export interface Studio {
  relays: StudioRelays;
  /** The login server's pool as a platform on the mock Open Platform; "Authorize with WeChat" in-process. */
  openPlatform: StudioOpenPlatform;
  /** "Audit this server": the developer-server audit of an account's server, saved per account. */
  audits: StudioAudits;
  register(apps: Apps, routes: RouteRegistry): void;
  /** After the servers listen: rebase URLs of a previous run, restart stored relays, seed a new store. */
  start(opts: { fresh: boolean }): Promise<void>;
  stop(): Promise<void>;
  /** The one-click demo reset: every account, persona, pool, user, session and relay cleared, the demo seeded again with the same IDs. */
  resetDemo(): Promise<{ ok: true; pools: ReturnType<Login['service']['listPools']> }>;
  seedDemo(): Promise<DemoSeed>;
}

const ORIGINS_KEY = 'studio.origins';
const DEMO_KEY = 'studio.demo';

export function createStudio(ctx: CoreContext, platform: Platform, login: Login): Studio {
  const relays = createStudioRelays(ctx, platform, login);
  const openPlatform = createStudioOpenPlatform(ctx, platform, login);
  const audits = createStudioAudits(ctx, platform, login, relays);
  const readKey = ctx.store.read<{ value: string }>('SELECT value FROM settings WHERE key = ?');
  const writeKey = ctx.store.write('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const readJson = <T>(key: string): T | undefined => {
    const row = readKey.get(key);
    try {
      return row ? (JSON.parse(row.value) as T) : undefined;
    } catch {
      return undefined;
    }
  };

  async function seed(): Promise<DemoSeed> {
    const seeded = await seedDemo(ctx, platform, login, readJson<DemoIds>(DEMO_KEY));
    const ids: DemoIds = { platform: seeded.platform, poolId: seeded.poolId, applicationId: seeded.applicationId, users: seeded.users };
    writeKey.run(DEMO_KEY, JSON.stringify(ids));
    return seeded;
  }

  /** Accounts (and relays) that pointed at this studio's servers of the previous run point at this run's. */
  async function followOwnServers(): Promise<void> {
    const before = readJson<ServerUrls>(ORIGINS_KEY);
    if (before?.auth && before.auth !== ctx.urls.auth) {
      platform.service.rebaseServerUrls(before.auth, ctx.urls.auth);
      platform.open.rebaseServerUrls(before.auth, ctx.urls.auth);
      relays.relays.rebaseForwardUrls(before.auth, ctx.urls.auth);
    }
    for (const moved of await relays.relays.restore()) platform.service.rebaseServerUrls(moved.from, moved.to);
    writeKey.run(ORIGINS_KEY, JSON.stringify(ctx.urls));
  }

  /** The demo as the stage plays it (after a reset, the same IDs). */
  function stageDemo(): StageDemo {
    const ids = readJson<DemoIds>(DEMO_KEY);
    if (!ids) throw new Error('the demo has not been seeded');
    const p = ids.platform.personas;
    return { accountId: ids.platform.appId, poolId: ids.poolId, appId: ids.applicationId, identifier: DEMO.identifier, personas: { Lin: p.newUser, Chen: p.follower, Wang: p.unionUser } };
  }

  let scenarios: ScenarioRoutes | null = null;
  let resetting: Promise<Awaited<ReturnType<Studio['resetDemo']>>> | null = null;
  async function reset(): Promise<Awaited<ReturnType<Studio['resetDemo']>>> {
    await audits.reset();
    await relays.relays.clear();
    login.service.reset();
    login.faults.reset();
    login.component.reset();
    platform.service.reset();
    await seed();
    return { ok: true, pools: login.service.listPools() };
  }

  return {
    relays,
    openPlatform,
    audits,
    register(apps, routes) {
      openPlatform.register(apps.studio, routes);
      const rt = { urls: ctx.urls, bus: ctx.bus, ctx, platform, login, studio: this };
      scenarios = registerScenarioRoutes(apps.studio, routes, ctx, () => ({ rt, resetDemo: async () => (await this.resetDemo(), stageDemo()) }));
      registerQaRoutes(apps.studio, routes, { platform, login, demoIds: () => readJson<DemoIds>(DEMO_KEY) });
      registerAuditRoutes(apps.studio, routes, audits);
      routes.add(apps.studio, { method: 'GET', url: '/api/relay', tag: 'relay', summary: 'Mode-2 relays', response: { 200: relayListSchema }, handler: () => ({ relays: relays.relays.list() }) });
      routes.add(apps.studio, {
        method: 'POST',
        url: '/api/relay',
        tag: 'relay',
        summary: 'Start a mode-2 relay for an account; forwardTo = {poolId, identifier} or {url, token, encodingAesKey, mode}',
        body: relayBody,
        status: 201,
        response: { 201: relaySchema },
        handler: ({ body }) => relays.start(body),
      });
      routes.add(apps.studio, {
        method: 'DELETE',
        url: '/api/relay/:id',
        tag: 'relay',
        summary: 'Stop a relay',
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 200: okSchema },
        handler: async ({ params }) => {
          await relays.stop(params.id);
          return { ok: true } as const;
        },
      });
      routes.add(apps.studio, {
        method: 'POST',
        url: '/api/reset',
        tag: 'studio',
        summary: 'One-click demo reset: clears the mock platform and the login server, then seeds the demo again with the same IDs',
        response: { 200: demoResetSchema },
        handler: () => this.resetDemo(),
      });
    },
    async start({ fresh }) {
      await followOwnServers();
      if (fresh && ctx.config.seed === 'demo') await seed();
    },
    async stop() {
      await scenarios?.stop();
      await audits.close();
      await relays.relays.stop();
    },
    // Concurrent resets share one: the second caller gets the same result instead of racing the first.
    resetDemo() {
      return (resetting ??= reset().finally(() => (resetting = null)));
    },
    seedDemo: seed,
  };
}
