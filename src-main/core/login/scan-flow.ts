import type { CoreContext } from '../context';
import { StudioError } from '../http/errors';
import type { Directory } from './directory';
import { signLoginToken } from './jwt';
import { verifyPassword } from './password';
import { isOpen, type QrSessions } from './qr-sessions';
import type { ConnectionRow, IdentityRow, LoginRepo, SessionRow, UserRow } from './repo';
import { PAGE_TEXT, PHONE_TEXT } from './replies';
import type { WechatClient } from './wechat-client';
import { hexId, unixSeconds } from './util';

/**
 * What a scan (subscribe with a scene, or SCAN) does to a login session: SCANNED at once, then the user
 * is resolved — by identity (OpenID, else UnionID), by field matching (a user whose UnionID field
 * matches), by query binding (the page asks the user to sign in once), or created unless login-only —
 * and the session is AUTHORIZED. Writes are returned as `apply` so the events endpoint can commit them
 * in the same transaction as the event's dedup row; `announce` runs after the commit.
 */

export interface ScanInput {
  conn: ConnectionRow;
  scene: string;
  openId: string;
}

export interface ScanResult {
  outcome: string;
  sessionId: string | null;
  /** Text for a passive reply in the chat; null = acknowledge with `success`. */
  replyText: string | null;
  apply(): void;
  announce(): void;
  /** Extra lines for the journal (e.g. a failed user/info). */
  notes: string[];
}

const noop = (): void => {};

export function createScanFlow(ctx: CoreContext, repo: LoginRepo, dir: Directory, sessions: QrSessions, wechat: WechatClient) {
  const { q } = repo;

  function result(outcome: string, session: SessionRow | null, replyText: string | null, apply = noop, notes: string[] = []): ScanResult {
    return {
      outcome,
      sessionId: session?.id ?? null,
      replyText,
      apply,
      announce: session ? () => sessions.announce(session.id) : noop,
      notes,
    };
  }

  function appName(session: SessionRow): string {
    return q.appGet.get(session.applicationId)?.name ?? 'the application';
  }

  async function token(session: SessionRow, user: { id: string; username: string }): Promise<string> {
    const pool = q.poolGet.get(session.poolId);
    return signLoginToken(pool?.jwtSecret ?? '', {
      userId: user.id,
      username: user.username,
      poolId: session.poolId,
      applicationId: session.applicationId,
      sessionId: session.id,
      connection: session.connection,
      issuer: ctx.urls.auth,
      now: unixSeconds(ctx.clock.now()),
    });
  }

  /** The writes of a successful login: new user/identity if any, the login record, AUTHORIZED. */
  function authorize(
    session: SessionRow,
    user: UserRow,
    opts: { newUser?: boolean; identity?: Omit<IdentityRow, 'createdAt'>; loginToken: string },
  ): () => void {
    return () => {
      const current = q.sessionGet.get(session.id);
      if (!current || !isOpen(current.status)) return;
      const now = ctx.clock.now();
      if (opts.newUser) q.userInsert.run(user);
      if (opts.identity && !q.identityByOpenId.get(opts.identity.poolId, opts.identity.appId, opts.identity.openId)) {
        q.identityInsert.run({ ...opts.identity, createdAt: now });
      }
      q.loginInsert.run({
        poolId: session.poolId,
        userId: user.id,
        applicationId: session.applicationId,
        connection: session.connection,
        sessionId: session.id,
        at: now,
      });
      sessions.write({
        ...current,
        status: 'AUTHORIZED',
        userId: user.id,
        error: null,
        needsBinding: 0,
        openId: opts.identity?.openId ?? current.openId,
        loginToken: opts.loginToken,
      });
      ctx.bus.publish({ type: 'changed', topic: 'users', id: user.id });
    };
  }

  function newUsername(openId: string): string {
    const tail = openId.replace(/[^A-Za-z0-9]/g, '').slice(-6).toLowerCase();
    return `wx_${tail}${hexId(ctx.random, 2)}`;
  }

  return {
    async onScan({ conn, scene, openId }: ScanInput): Promise<ScanResult> {
      const found = q.sessionByScene.get(scene, conn.poolId, conn.identifier);
      if (!found) return result('no login session for this scene', null, null);
      const session = sessions.expireIfDue(found.id) ?? found;
      const name = appName(session);
      if (session.status === 'EXPIRED') return result('QR code expired', session, PHONE_TEXT.expired);
      if (session.status === 'CANCELLED') return result('login cancelled', session, PHONE_TEXT.cancelled);
      if (!isOpen(session.status)) return result(`session already ${session.status}`, session, PHONE_TEXT.alreadyDone);

      // SCANNED first, committed and announced before anything slow (user/info).
      let scanned = session;
      if (session.status === 'PENDING' || session.openId !== openId) {
        scanned = { ...session, status: 'SCANNED', openId, unionId: null, needsBinding: 0, error: null };
        sessions.write(scanned);
        sessions.announce(session.id);
      }

      const notes: string[] = [];
      const known = q.identityByOpenId.get(conn.poolId, conn.appId, openId);
      if (known) {
        const user = q.userGet.get(known.userId);
        if (user) {
          const loginToken = await token(scanned, user);
          return result(`signed in as ${user.username}`, scanned, PHONE_TEXT.signedIn(name, user.username), authorize(scanned, user, { loginToken }), notes);
        }
      }

      let unionId: string | undefined;
      let nickname: string | undefined;
      try {
        const info = await wechat.userInfo({ appId: conn.appId, appSecret: conn.appSecret }, openId);
        unionId = info.unionid;
        nickname = info.nickname;
      } catch (err) {
        notes.push(`user/info failed, continuing without UnionID: ${(err as Error).message}`);
      }
      const identity = {
        poolId: conn.poolId,
        connection: conn.identifier,
        appId: conn.appId,
        openId,
        unionId: unionId ?? null,
      };

      // Same person through another account of the same Open Platform: same user.
      const sibling = unionId ? q.identityByUnion.get(conn.poolId, unionId) : undefined;
      const viaUnion = sibling ? q.userGet.get(sibling.userId) : undefined;
      // Field matching: a user whose UnionID field holds this UnionID.
      const matched = !viaUnion && unionId && conn.association === 'field-matching' ? q.userByUnion.get(conn.poolId, unionId) : undefined;
      const existing = viaUnion ?? matched;
      if (existing) {
        const loginToken = await token(scanned, existing);
        return result(
          `signed in as ${existing.username} (${viaUnion ? 'UnionID of another identity' : 'field matching on UnionID'})`,
          scanned,
          PHONE_TEXT.signedIn(name, existing.username),
          authorize(scanned, existing, { identity: { ...identity, userId: existing.id }, loginToken }),
          notes,
        );
      }

      if (conn.association === 'query-binding') {
        const apply = (): void => {
          const current = q.sessionGet.get(scanned.id);
          if (!current || !isOpen(current.status)) return;
          sessions.write({ ...current, status: 'SCANNED', openId, unionId: unionId ?? null, needsBinding: 1, error: null });
        };
        return result('unknown WeChat identity: the page asks the user to bind an existing account', scanned, PHONE_TEXT.needsBinding(name), apply, notes);
      }

      if (conn.loginMode === 'login-only') {
        const apply = (): void => {
          const current = q.sessionGet.get(scanned.id);
          if (!current || !isOpen(current.status)) return;
          sessions.write({ ...current, status: 'ERROR', error: PAGE_TEXT.loginOnlyRejected, needsBinding: 0 });
        };
        return result('rejected: unknown WeChat identity and the connection is login-only', scanned, PHONE_TEXT.loginOnlyRejected(name), apply, notes);
      }

      const user: UserRow = {
        id: hexId(ctx.random),
        poolId: conn.poolId,
        username: newUsername(openId),
        nickname: nickname ?? null,
        unionId: unionId ?? null,
        passwordHash: null,
        createdAt: ctx.clock.now(),
      };
      const loginToken = await token(scanned, user);
      return result(
        `new user ${user.username} created and signed in`,
        scanned,
        PHONE_TEXT.signedIn(name, user.username),
        authorize(scanned, user, { newUser: true, identity: { ...identity, userId: user.id }, loginToken }),
        notes,
      );
    },

    /** Query binding: the user proves an existing account once; the WeChat identity is bound to it. */
    async bind(id: string, input: { username: string; password: string }) {
      const session = sessions.row(id);
      if (session.status !== 'SCANNED' || session.needsBinding !== 1 || !session.openId) {
        throw new StudioError(409, 'not_binding', `the login session is ${session.status} and is not waiting for an account to bind`, 'id');
      }
      const user = q.userByName.get(session.poolId, input.username);
      const ok = await verifyPassword(input.password, user?.passwordHash);
      const current = sessions.row(id);
      if (current.status !== 'SCANNED' || current.needsBinding !== 1) {
        throw new StudioError(409, 'not_binding', `the login session is ${current.status} and is not waiting for an account to bind`, 'id');
      }
      if (!ok || !user) {
        const failures = current.bindFailures + 1;
        if (failures >= 5) {
          repo.tx(() => sessions.write({ ...current, bindFailures: failures, status: 'ERROR', error: PAGE_TEXT.tooManyBindFailures }));
          sessions.announce(id);
          throw new StudioError(401, 'invalid_credentials', PAGE_TEXT.tooManyBindFailures, 'password');
        }
        repo.tx(() => sessions.write({ ...current, bindFailures: failures }));
        throw new StudioError(401, 'invalid_credentials', PAGE_TEXT.wrongPassword, 'password');
      }
      const conn = q.connGet.get(current.poolId, current.connection);
      if (!conn) throw new StudioError(409, 'no_connection', PAGE_TEXT.noConnection, 'connection');
      const bound = q.identityOfUserForApp.get(user.id, conn.appId);
      if (bound && bound.openId !== current.openId) {
        throw new StudioError(409, 'already_bound', PAGE_TEXT.alreadyBound, 'username');
      }
      const loginToken = await token(current, user);
      const apply = authorize(current, user, {
        identity: {
          poolId: current.poolId,
          userId: user.id,
          connection: conn.identifier,
          appId: conn.appId,
          openId: current.openId!,
          unionId: current.unionId,
        },
        loginToken,
      });
      repo.tx(apply);
      sessions.announce(id);
      ctx.journal.record({
        kind: 'event',
        source: 'auth',
        appId: conn.appId,
        url: `${ctx.urls.auth}/api/qr/sessions/${id}/bind`,
        summary: `query binding: WeChat identity bound to ${user.username}, session AUTHORIZED`,
        attempts: [],
        verdict: { ok: true, reasons: [] },
      });
      return sessions.get(id);
    },
  };
}

export type ScanFlow = ReturnType<typeof createScanFlow>;
