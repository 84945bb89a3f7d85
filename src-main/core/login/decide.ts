import { say, type Said } from '../../contracts/said';
import type { CoreContext } from '../context';
import { errorSaid } from '../wechat/errors';
import type { Effect } from './effects';
import { signLoginToken } from './jwt';
import { isOpen, type QrSessions } from './qr-sessions';
import type { ConnectionRow, LoginRepo, SessionRow, UserRow } from './repo';
import { PAGE_TEXT, PHONE_TEXT } from './replies';
import { hexId, unixSeconds } from './util';
import type { WechatClient } from './wechat-client';

/**
 * What a scan (subscribe with a scene, or SCAN) means for a login session, in two phases.
 *
 * Phase 1, `scanned`: the session is found by its scene and marked SCANNED in a transaction of its own,
 * announced at once — the page shows "scanned" before anything slow happens.
 *
 * Phase 2, `resolve`: the user is found — by identity (OpenID, else UnionID), by field matching (a user
 * whose UnionID field matches), by query binding (the page asks the user to sign in once), or created
 * unless login-only — and the outcome comes back as a Decision whose effects the caller applies in the
 * transaction that also records the event.
 */

export interface Decision {
  /** One line for the journal (its English text is kept with the event). */
  outcome: Said;
  sessionId: string | null;
  /** Text for a passive reply in the chat; null = acknowledge with `success`. */
  replyText: string | null;
  /** Extra lines for the journal (e.g. a failed user/info). */
  notes: Said[];
  effects: Effect[];
}

/** How a known user was found: by identity, through another identity's UnionID, or by field matching. */
type SignedInHow = 'login.outcome.signedIn' | 'login.outcome.signedInViaUnion' | 'login.outcome.signedInByField';

export interface Scanned {
  session: SessionRow;
  appName: string;
}

export function decision(outcome: Said, session: SessionRow | null, replyText: string | null, effects: Effect[] = [], notes: Said[] = []): Decision {
  return { outcome, sessionId: session?.id ?? null, replyText, notes, effects };
}

/** A username from the WeChat nickname ("Lin (new user)" → "lin"), else from the OpenID; unique in the pool. */
function usernameFor(repo: LoginRepo, poolId: string, nickname: string | undefined, openId: string, random: CoreContext['random']): string {
  const slug = (nickname ?? '').toLowerCase().split(/[^a-z0-9._-]+/).find((w) => w.length >= 2)?.slice(0, 24);
  const base = slug ?? `wx_${openId.replace(/[^A-Za-z0-9]/g, '').slice(-6).toLowerCase()}`;
  if (!repo.q.userByName.get(poolId, base)) return base;
  for (;;) {
    const candidate = `${base}_${hexId(random, 2)}`;
    if (!repo.q.userByName.get(poolId, candidate)) return candidate;
  }
}

export function createDecide(ctx: CoreContext, repo: LoginRepo, sessions: QrSessions, wechat: WechatClient) {
  const { q } = repo;

  async function loginToken(session: SessionRow, user: { id: string; username: string }): Promise<string> {
    return signLoginToken(q.poolGet.get(session.poolId)?.jwtSecret ?? '', {
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

  async function signIn(s: Scanned, user: UserRow, openId: string, how: SignedInHow, extra: Effect[], notes: Said[]): Promise<Decision> {
    const token = await loginToken(s.session, user);
    const effects: Effect[] = [...extra, { type: 'authorize', sessionId: s.session.id, userId: user.id, openId, loginToken: token }];
    return decision(say(how, { username: user.username }), s.session, PHONE_TEXT.signedIn(s.appName, user.username), effects, notes);
  }

  /** Phase 1: the session of this scene, marked SCANNED (committed and announced), or why there is none. */
  function scanned(conn: ConnectionRow, scene: string, openId: string): Scanned | Decision {
    const found = q.sessionByScene.get(scene, conn.poolId, conn.identifier);
    if (!found) return decision(say('login.outcome.noSession'), null, null);
    const session = sessions.expireIfDue(found.id) ?? found;
    if (session.status === 'EXPIRED') return decision(say('login.outcome.expired'), session, PHONE_TEXT.expired);
    if (session.status === 'CANCELLED') return decision(say('login.outcome.cancelled'), session, PHONE_TEXT.cancelled);
    if (!isOpen(session.status)) return decision(say('login.outcome.already', { status: session.status }), session, PHONE_TEXT.alreadyDone);
    const appName = q.appGet.get(session.applicationId)?.name ?? 'the application';
    if (session.status === 'SCANNED' && session.openId === openId) return { session, appName };
    const next: SessionRow = { ...session, status: 'SCANNED', openId, unionId: null, needsBinding: 0, error: null };
    ctx.store.tx(() => sessions.write(next));
    return { session: next, appName };
  }

  /** Phase 2: the user this WeChat identity signs in as, and what that changes. */
  async function resolve(conn: ConnectionRow, s: Scanned, openId: string): Promise<Decision> {
    const known = q.identityByOpenId.get(conn.poolId, conn.appId, openId);
    const knownUser = known ? q.userGet.get(known.userId) : undefined;
    if (knownUser) return signIn(s, knownUser, openId, 'login.outcome.signedIn', [], []);

    const notes: Said[] = [];
    let unionId: string | undefined;
    let nickname: string | undefined;
    try {
      const info = await wechat.userInfo({ appId: conn.appId, appSecret: conn.appSecret }, openId);
      unionId = info.unionid;
      nickname = info.nickname;
    } catch (err) {
      notes.push(say('login.userInfoFailed', { error: errorSaid(err) }));
    }
    const identity = { poolId: conn.poolId, connection: conn.identifier, appId: conn.appId, openId, unionId: unionId ?? null };

    // Same person through another account of the same Open Platform, or a user whose UnionID field matches.
    const sibling = unionId ? q.identityByUnion.get(conn.poolId, unionId) : undefined;
    const viaUnion = sibling ? q.userGet.get(sibling.userId) : undefined;
    const matched = !viaUnion && unionId && conn.association === 'field-matching' ? q.userByUnion.get(conn.poolId, unionId) : undefined;
    const existing = viaUnion ?? matched;
    if (existing) {
      const how = viaUnion ? 'login.outcome.signedInViaUnion' : 'login.outcome.signedInByField';
      return signIn(s, existing, openId, how, [{ type: 'bind-identity', identity: { ...identity, userId: existing.id } }], notes);
    }
    if (conn.association === 'query-binding') {
      const patch = { status: 'SCANNED' as const, openId, unionId: unionId ?? null, needsBinding: 1, error: null };
      return decision(say('login.outcome.needsBinding'), s.session, PHONE_TEXT.needsBinding(s.appName), [{ type: 'session', sessionId: s.session.id, patch }], notes);
    }
    if (conn.loginMode === 'login-only') {
      const patch = { status: 'ERROR' as const, error: PAGE_TEXT.loginOnlyRejected, needsBinding: 0 };
      return decision(say('login.outcome.loginOnly'), s.session, PHONE_TEXT.loginOnlyRejected(s.appName), [{ type: 'session', sessionId: s.session.id, patch }], notes);
    }
    const user: UserRow = {
      id: hexId(ctx.random),
      poolId: conn.poolId,
      username: usernameFor(repo, conn.poolId, nickname, openId, ctx.random),
      nickname: nickname ?? null,
      unionId: unionId ?? null,
      passwordHash: null,
      createdAt: ctx.clock.now(),
    };
    const effects: Effect[] = [
      { type: 'create-user', user, appId: conn.appId, openId },
      { type: 'bind-identity', identity: { ...identity, userId: user.id } },
    ];
    const d = await signIn(s, user, openId, 'login.outcome.signedIn', effects, notes);
    return { ...d, outcome: say('login.outcome.newUser', { username: user.username }) };
  }

  return {
    scanned,
    resolve,
    loginToken,
    /** Both phases, for a scan event. */
    async scan(conn: ConnectionRow, scene: string, openId: string): Promise<Decision> {
      const s = scanned(conn, scene, openId);
      return 'effects' in s ? s : resolve(conn, s, openId);
    },
  };
}

export type Decide = ReturnType<typeof createDecide>;
