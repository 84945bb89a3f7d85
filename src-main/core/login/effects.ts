import type { CoreContext } from '../context';
import { isOpen, type QrSessions } from './qr-sessions';
import type { IdentityRow, LoginRepo, SessionRow, UserRow } from './repo';

/**
 * What a login decision changes, as data. A decision (an event, a binding) is worked out first — reads,
 * WeChat's user/info, the token signature, all outside any transaction — and its effects are applied
 * here, together, in one transaction. Each effect re-checks what it depends on when it is applied: a
 * session that closed meanwhile is left alone, and a new user for a WeChat identity that another event
 * bound meanwhile makes the whole decision stale, so it is worked out again instead of creating a
 * second user.
 */
export type Effect =
  /** A new user for a WeChat identity: only while no user has that identity. */
  | { type: 'create-user'; user: UserRow; appId: string; openId: string }
  /** Binds the identity to a user, unless it is bound already. */
  | { type: 'bind-identity'; identity: Omit<IdentityRow, 'createdAt'> }
  /** Records the login and marks the session AUTHORIZED, if it is still open. */
  | { type: 'authorize'; sessionId: string; userId: string; openId: string; loginToken: string }
  /** Changes an open session (waiting for binding, rejected, a failed password). */
  | { type: 'session'; sessionId: string; patch: Partial<Pick<SessionRow, 'status' | 'error' | 'needsBinding' | 'openId' | 'unionId' | 'bindFailures'>> };

/** The decision was made on data that changed before it could be applied; make it again. */
export class StaleDecision extends Error {
  constructor(reason: string) {
    super(`the decision is stale: ${reason}`);
  }
}

export function createEffects(ctx: CoreContext, repo: LoginRepo, sessions: QrSessions) {
  const { q } = repo;

  function openSession(id: string): SessionRow | undefined {
    const current = q.sessionGet.get(id);
    return current && isOpen(current.status) ? current : undefined;
  }

  function applyOne(e: Effect, now: number): void {
    switch (e.type) {
      case 'create-user':
        if (q.identityByOpenId.get(e.user.poolId, e.appId, e.openId)) throw new StaleDecision(`OpenID ${e.openId} was bound to a user meanwhile`);
        q.userInsert.run(e.user);
        return;
      case 'bind-identity':
        if (!q.identityByOpenId.get(e.identity.poolId, e.identity.appId, e.identity.openId)) q.identityInsert.run({ ...e.identity, createdAt: now });
        return;
      case 'authorize': {
        const current = openSession(e.sessionId);
        if (!current) return;
        q.loginInsert.run({ poolId: current.poolId, userId: e.userId, applicationId: current.applicationId, connection: current.connection, sessionId: current.id, at: now });
        sessions.write({ ...current, status: 'AUTHORIZED', userId: e.userId, error: null, needsBinding: 0, openId: e.openId, loginToken: e.loginToken });
        return;
      }
      case 'session': {
        const current = openSession(e.sessionId);
        if (current) sessions.write({ ...current, ...e.patch });
        return;
      }
    }
  }

  return {
    /** Applies the effects in the current transaction; throws StaleDecision (rolling it back) when one no longer holds. */
    apply(effects: readonly Effect[]): void {
      const now = ctx.clock.now();
      for (const e of effects) applyOne(e, now);
    },
  };
}

export type Effects = ReturnType<typeof createEffects>;
