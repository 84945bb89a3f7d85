import { loginSettingsSchema, type LoginSettings } from '../../contracts/api';
import type { CoreContext } from '../context';
import { StudioError } from '../http/errors';
import { createSettingsStore } from '../settings';
import type { Binding } from './binding';
import type { Directory } from './directory';
import type { QrSessions } from './qr-sessions';
import type { LoginRepo } from './repo';
import type { WechatClient } from './wechat-client';

/** Everything the login server offers other modules (its control routes, the studio's composition, benches, tests). */

export const DEFAULT_MAX_SKEW_SECONDS = 300;

export { loginSettingsSchema };

/** Data folders from before the settings store kept the window under its own key. */
function legacySkew(ctx: CoreContext): number | undefined {
  const row = ctx.store.read<{ value: string }>("SELECT value FROM settings WHERE key = 'login.maxSkewSeconds'").get();
  const n = row ? Number(row.value) : NaN;
  return Number.isInteger(n) && n >= 0 && n <= 86_400 ? n : undefined;
}

export interface ServiceDeps {
  ctx: CoreContext;
  repo: LoginRepo;
  dir: Directory;
  sessions: QrSessions;
  binding: Binding;
  wechat: WechatClient;
}

export function createLoginService({ ctx, repo, dir, sessions, binding, wechat }: ServiceDeps) {
  const settings = createSettingsStore<LoginSettings>(
    ctx.store,
    'login.settings',
    { full: loginSettingsSchema, patch: loginSettingsSchema.partial().strict() },
    () => ({ maxSkewSeconds: legacySkew(ctx) ?? DEFAULT_MAX_SKEW_SECONDS }),
  );

  return {
    ...dir,
    createSession: sessions.create,
    getSession: sessions.get,
    cancelSession: sessions.cancel,
    expireSession: sessions.expireNow,
    listSessions: sessions.list,
    sweepSessions: sessions.sweep,
    bind: binding.bind,
    wechatStats: wechat.stats,

    maxSkewSeconds: (): number => settings.get().maxSkewSeconds,
    getSettings: (): LoginSettings => settings.get(),
    setSettings: (next: LoginSettings): LoginSettings => settings.update(next),

    /** Binds a WeChat identity to a user without a login (the demo seed's existing follower, imports). */
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
    },

    /** Clears every pool, connection, app, user, session and event, and forgets WeChat tokens. */
    reset(): void {
      sessions.stop();
      repo.clearAll();
      wechat.clear();
    },
    stop(): void {
      sessions.stop();
    },
  };
}

export type LoginService = ReturnType<typeof createLoginService>;
