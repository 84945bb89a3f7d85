import { z } from 'zod';
import type { LoginSettings, Relay } from '../../contracts/api';
import { aesKeyRequiredForMode, appIdSchema, messageModeSchema, tokenSchema, type MessageMode } from '../../contracts/rules';
import type { CoreContext } from '../context';
import { StudioError, fromZodError } from '../http/errors';
import type { Platform } from '../platform';
import { createRelays, type ForwardTarget } from '../relay';
import type { Directory } from './directory';
import type { QrSessions } from './qr-sessions';
import type { LoginRepo } from './repo';
import type { ScanFlow } from './scan-flow';
import type { WechatClient } from './wechat-client';

/** Everything the login server offers other modules (the control routes, the seed, the bench, tests). */

const SKEW_KEY = 'login.maxSkewSeconds';
export const DEFAULT_MAX_SKEW_SECONDS = 300;

const forwardToSchema = z.union(
  [
    z.object({ poolId: z.string().min(1), identifier: z.string().min(1) }),
    z.object({
      url: z.url({ error: 'forwardTo.url must be an http(s) URL' }),
      token: tokenSchema,
      encodingAesKey: z.string().optional(),
      mode: messageModeSchema,
    }),
  ],
  { error: 'forwardTo must be {poolId, identifier} of a connection or {url, token, encodingAesKey, mode}' },
);

export interface ServiceDeps {
  ctx: CoreContext;
  repo: LoginRepo;
  dir: Directory;
  sessions: QrSessions;
  flow: ScanFlow;
  wechat: WechatClient;
  platform: () => Platform | undefined;
  reseed: () => Promise<unknown>;
}

export function createLoginService({ ctx, repo, dir, sessions, flow, wechat, platform, reseed }: ServiceDeps) {
  const relays = createRelays(ctx);
  const readSkew = (): number => {
    const row = ctx.db.prepare('SELECT value FROM settings WHERE key = ?').get(SKEW_KEY) as { value: string } | undefined;
    const n = row ? Number(row.value) : DEFAULT_MAX_SKEW_SECONDS;
    return Number.isFinite(n) && n >= 0 ? n : DEFAULT_MAX_SKEW_SECONDS;
  };
  let maxSkew = readSkew();

  const field = <T>(schema: z.ZodType<T>, value: unknown, name: string): T => {
    const r = schema.safeParse(value);
    if (!r.success) throw fromZodError(r.error, name);
    return r.data;
  };

  /** Clears every pool, connection, app, user, session and event; stops relays; forgets tokens. */
  async function reset(): Promise<void> {
    sessions.stop();
    await relays.stopAll();
    repo.clearAll();
    wechat.clear();
    for (const topic of ['pools', 'connections', 'applications', 'users', 'sessions'] as const) ctx.bus.publish({ type: 'changed', topic });
  }

  return {
    ...dir,
    relays,
    createSession: sessions.create,
    getSession: sessions.get,
    cancelSession: sessions.cancel,
    listSessions: sessions.list,
    sweepSessions: sessions.sweep,
    bind: flow.bind,
    wechatStats: wechat.stats,

    maxSkewSeconds: (): number => maxSkew,
    getSettings(): LoginSettings {
      return { maxSkewSeconds: maxSkew };
    },
    setSettings(next: LoginSettings): LoginSettings {
      ctx.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(SKEW_KEY, String(next.maxSkewSeconds));
      maxSkew = next.maxSkewSeconds;
      return { maxSkewSeconds: maxSkew };
    },

    /**
     * Binds a WeChat identity to a user without a login (the demo seed's existing follower, imports).
     * Creates the user when `username` is new.
     */
    linkIdentity(input: { poolId: string; identifier: string; userId: string; openId: string; unionId?: string }): void {
      const conn = dir.requireConnection(input.poolId, input.identifier);
      if (!repo.q.userGet.get(input.userId)) throw new StudioError(404, 'not_found', `user ${JSON.stringify(input.userId)} does not exist`, 'userId');
      if (repo.q.identityByOpenId.get(conn.poolId, conn.appId, input.openId)) {
        throw new StudioError(409, 'conflict', 'this WeChat identity is already bound to a user', 'openId');
      }
      repo.q.identityInsert.run({
        poolId: conn.poolId,
        userId: input.userId,
        connection: conn.identifier,
        appId: conn.appId,
        openId: input.openId,
        unionId: input.unionId ?? null,
        createdAt: ctx.clock.now(),
      });
      ctx.bus.publish({ type: 'changed', topic: 'users', id: input.userId });
    },

    async startRelay(input: { appId: unknown; token: unknown; encodingAesKey?: unknown; mode: unknown; forwardTo: unknown; configureAccount?: boolean }): Promise<Relay> {
      const appId = field(appIdSchema, input.appId, 'appId');
      const token = field(tokenSchema, input.token, 'token');
      const mode = field(messageModeSchema, input.mode, 'mode') as MessageMode;
      const key = typeof input.encodingAesKey === 'string' ? input.encodingAesKey.trim() : '';
      if (input.encodingAesKey !== undefined && typeof input.encodingAesKey !== 'string') {
        throw new StudioError(422, 'invalid_field', 'EncodingAESKey must be 43 characters of A-Z, a-z, 0-9', 'encodingAesKey');
      }
      const keyProblem = aesKeyRequiredForMode(mode, key);
      if (keyProblem) throw new StudioError(422, 'invalid_field', keyProblem, 'encodingAesKey');
      const fwd = field(forwardToSchema, input.forwardTo, 'forwardTo');
      let target: (() => ForwardTarget) & { describe: { poolId?: string; identifier?: string } };
      if ('poolId' in fwd) {
        const conn = dir.requireConnection(fwd.poolId, fwd.identifier);
        if (conn.appId !== appId) {
          throw new StudioError(422, 'invalid_field', `connection "${conn.identifier}" is for AppID ${conn.appId}, not ${appId}`, 'forwardTo');
        }
        target = Object.assign(
          () => {
            const c = dir.requireConnection(fwd.poolId, fwd.identifier);
            return { url: dir.eventsUrl(c.poolId, c.identifier), token: c.token, encodingAesKey: c.encodingAesKey, mode: c.mode };
          },
          { describe: { poolId: fwd.poolId, identifier: fwd.identifier } },
        );
      } else {
        const fkey = (fwd.encodingAesKey ?? '').trim();
        const problem = aesKeyRequiredForMode(fwd.mode, fkey);
        if (problem) throw new StudioError(422, 'invalid_field', problem, 'forwardTo.encodingAesKey');
        target = Object.assign(() => ({ url: fwd.url, token: fwd.token, encodingAesKey: fkey, mode: fwd.mode }), { describe: {} });
      }
      const relay = await relays.create({ appId, token, encodingAesKey: key, mode, forwardTo: target, maxSkewSeconds: maxSkew });
      if (input.configureAccount) {
        const p = platform();
        if (!p) throw new StudioError(503, 'unavailable', 'the mock platform is not available to configure the account');
        try {
          await p.service.setServerConfig(appId, { url: relay.url, token, encodingAesKey: key, mode, enabled: true }, { verify: true });
        } catch (err) {
          await relays.remove(relay.id);
          throw err;
        }
      }
      return relays.get(relay.id) ?? relay;
    },
    async stopRelay(id: string): Promise<void> {
      if (!(await relays.remove(id))) throw new StudioError(404, 'not_found', `relay ${JSON.stringify(id)} does not exist`, 'id');
    },

    reset,
    /** The studio's one-click reset: the platform and the login server are cleared, then the demo is seeded. */
    async resetDemo(): Promise<{ ok: true; pools: ReturnType<Directory['listPools']> }> {
      const p = platform();
      if (!p) throw new StudioError(503, 'unavailable', 'the mock platform is not available; cannot reset the demo');
      await reset();
      p.service.reset();
      await reseed();
      return { ok: true, pools: dir.listPools() };
    },
    async stop(): Promise<void> {
      sessions.stop();
      await relays.stopAll();
    },
  };
}

export type LoginService = ReturnType<typeof createLoginService>;
