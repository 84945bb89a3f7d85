import type { QrSessionView } from '../../contracts/api';
import type { CoreContext } from '../context';
import { StudioError } from '../http/errors';
import type { Decide } from './decide';
import type { Effects } from './effects';
import { verifyPassword } from './password';
import type { QrSessions } from './qr-sessions';
import type { LoginRepo, SessionRow } from './repo';
import { PAGE_TEXT } from './replies';

const MAX_FAILURES = 5;

/**
 * Query binding: a scan by an unknown WeChat identity leaves the session SCANNED and waiting; the page asks
 * the user to sign in to an existing account once, and the identity is bound to it and the session
 * AUTHORIZED — the next scan goes straight through. Five wrong passwords end the session.
 */
export function createBinding(ctx: CoreContext, repo: LoginRepo, sessions: QrSessions, decide: Decide, effects: Effects) {
  const { q } = repo;

  const waiting = (id: string): SessionRow => {
    const s = sessions.row(id);
    if (s.status !== 'SCANNED' || s.needsBinding !== 1 || !s.openId) {
      throw new StudioError(409, 'not_binding', `the login session is ${s.status} and is not waiting for an account to bind`, 'id');
    }
    return s;
  };

  function refuse(current: SessionRow): never {
    const failures = current.bindFailures + 1;
    const ended = failures >= MAX_FAILURES;
    ctx.store.tx(() =>
      effects.apply([{ type: 'session', sessionId: current.id, patch: ended ? { bindFailures: failures, status: 'ERROR', error: PAGE_TEXT.tooManyBindFailures } : { bindFailures: failures } }]),
    );
    throw new StudioError(401, 'invalid_credentials', ended ? PAGE_TEXT.tooManyBindFailures : PAGE_TEXT.wrongPassword, 'password');
  }

  return {
    async bind(id: string, input: { username: string; password: string }): Promise<QrSessionView> {
      waiting(id);
      const user = q.userByName.get(sessions.row(id).poolId, input.username);
      const ok = await verifyPassword(input.password, user?.passwordHash);
      const current = waiting(id); // again: the session may have moved on during the password check
      if (!ok || !user) refuse(current);
      const conn = q.connGet.get(current.poolId, current.connection);
      if (!conn) throw new StudioError(409, 'no_connection', PAGE_TEXT.noConnection, 'connection');
      const bound = q.identityOfUserForApp.get(user.id, conn.appId);
      if (bound && bound.openId !== current.openId) throw new StudioError(409, 'already_bound', PAGE_TEXT.alreadyBound, 'username');
      const openId = current.openId!;
      const loginToken = await decide.loginToken(current, user);
      ctx.store.tx(() =>
        effects.apply([
          { type: 'bind-identity', identity: { poolId: current.poolId, userId: user.id, connection: conn.identifier, appId: conn.appId, openId, unionId: current.unionId } },
          { type: 'authorize', sessionId: id, userId: user.id, openId, loginToken },
        ]),
      );
      return sessions.get(id);
    },
  };
}

export type Binding = ReturnType<typeof createBinding>;
