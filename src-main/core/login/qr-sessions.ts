import QRCode from 'qrcode';
import type { LoginSessionDto, LoginStatus, QrSessionView } from '../../contracts/api';
import { QR_EXPIRE_DEFAULT_SECONDS } from '../../contracts/login-rules';
import { newSceneStr } from '../wechat/ids';
import type { Timer } from '../clock';
import type { CoreContext } from '../context';
import { StudioError, notFound } from '../http/errors';
import type { Directory } from './directory';
import type { LoginRepo, SessionRow } from './repo';
import { PAGE_TEXT } from './replies';
import { WechatApiError, type WechatClient } from './wechat-client';
import { sessionId } from './util';

/**
 * QR login sessions: PENDING → SCANNED → AUTHORIZED, or EXPIRED / CANCELLED / ERROR with a reason.
 * Every change is committed first, then announced at once: on the studio bus (a DTO without the login
 * token) and to the hosted page's own listeners (the full view, token included).
 */

export const OPEN_STATUSES: ReadonlySet<LoginStatus> = new Set(['PENDING', 'SCANNED']);
export const isOpen = (s: LoginStatus): boolean => OPEN_STATUSES.has(s);

export type SessionListener = (view: QrSessionView) => void;

export function createQrSessions(ctx: CoreContext, repo: LoginRepo, dir: Directory, wechat: WechatClient) {
  const { q } = repo;
  const listeners = new Map<string, Set<SessionListener>>();
  const timers = new Map<string, Timer>();

  function dto(row: SessionRow): LoginSessionDto {
    return {
      id: row.id,
      poolId: row.poolId,
      appId: row.applicationId,
      status: row.status,
      createdAt: row.createdAt,
      expiresAt: row.expiresAt,
      updatedAt: row.updatedAt,
      connection: row.connection,
      needsBinding: row.needsBinding === 1,
      ...(row.userId ? { userId: row.userId } : {}),
      ...(row.error ? { error: row.error } : {}),
    };
  }

  function view(row: SessionRow, extra: { qrImage?: string } = {}): QrSessionView {
    const app = q.appGet.get(row.applicationId);
    const conn = q.connGet.get(row.poolId, row.connection);
    const user = row.userId ? q.userGet.get(row.userId) : undefined;
    return {
      id: row.id,
      status: row.status,
      appId: row.applicationId,
      appName: app?.name ?? '',
      connection: { identifier: row.connection, displayName: conn?.displayName ?? row.connection },
      qrUrl: row.qrUrl,
      ...extra,
      createdAt: row.createdAt,
      expiresAt: row.expiresAt,
      needsBinding: row.needsBinding === 1,
      ...(row.error ? { error: row.error } : {}),
      ...(user && row.status === 'AUTHORIZED'
        ? { user: { id: user.id, username: user.username, ...(user.nickname ? { nickname: user.nickname } : {}) } }
        : {}),
      ...(row.status === 'AUTHORIZED' && row.loginToken ? { token: row.loginToken } : {}),
    };
  }

  /** Tells the studio and the session's page about the row's state, once the change that made it commits. */
  function announce(id: string): void {
    ctx.store.afterCommit(() => {
      const row = q.sessionGet.get(id);
      if (!row) return;
      ctx.bus.publish({ type: 'login-session', session: dto(row) });
      if (!isOpen(row.status)) clearTimer(id);
      const set = listeners.get(id);
      if (!set?.size) return;
      const v = view(row);
      for (const l of set) {
        try {
          l(v);
        } catch {
          // A closed page stream must not stop the others.
        }
      }
    });
  }

  /** Saves the row and announces it after the commit. */
  function write(row: SessionRow): void {
    q.sessionUpdate.run({ ...row, updatedAt: ctx.clock.now() });
    announce(row.id);
  }

  function clearTimer(id: string): void {
    timers.get(id)?.cancel();
    timers.delete(id);
  }

  function schedule(row: SessionRow): void {
    clearTimer(row.id);
    const delay = Math.max(0, row.expiresAt - ctx.clock.now());
    const t = ctx.clock.setTimer(() => {
      timers.delete(row.id);
      expireIfDue(row.id);
    }, delay);
    timers.set(row.id, t);
  }

  /** Marks an open session EXPIRED when its time has passed; returns the current row. */
  function expireIfDue(id: string): SessionRow | undefined {
    const row = q.sessionGet.get(id);
    if (!row || !isOpen(row.status)) return row;
    if (row.expiresAt > ctx.clock.now()) {
      // A timer fired early (clock skew or an injected clock): try again later.
      if (!timers.has(id)) schedule(row);
      return row;
    }
    write({ ...row, status: 'EXPIRED', error: PAGE_TEXT.expired });
    return q.sessionGet.get(id);
  }

  function requireSession(id: string): SessionRow {
    const row = expireIfDue(id);
    if (!row) throw notFound('login session', id, 'id');
    return row;
  }

  return {
    dto,
    view,
    announce,
    write,
    expireIfDue,

    get(id: string): QrSessionView {
      return view(requireSession(id));
    },
    row(id: string): SessionRow {
      return requireSession(id);
    },
    list(poolId?: string, limit = 200): LoginSessionDto[] {
      if (poolId !== undefined) dir.requirePool(poolId);
      const rows = poolId !== undefined ? q.sessionByPool.all(poolId, limit) : q.sessionAll.all(limit);
      return rows.map((r) => dto(expireIfDue(r.id) ?? r));
    },

    /** The hosted page asks for a login QR: a QR_STR_SCENE code with an unguessable scene and a short life. */
    async create(input: { appId: string; connection?: string }): Promise<QrSessionView> {
      const app = q.appGet.get(input.appId);
      if (!app) throw notFound('application', input.appId, 'appId');
      const conns = q.connByPool.all(app.poolId);
      const conn = input.connection ? conns.find((c) => c.identifier === input.connection) : conns[0];
      if (!conn) {
        throw input.connection
          ? notFound('connection', input.connection, 'connection')
          : new StudioError(409, 'no_connection', PAGE_TEXT.noConnection, 'connection');
      }
      const lifetime = app.qrExpireSeconds ?? conn.qrExpireSeconds ?? QR_EXPIRE_DEFAULT_SECONDS;
      const scene = newSceneStr(16, ctx.random);
      let qr;
      try {
        qr = await wechat.createQrCode({ appId: conn.appId, appSecret: conn.appSecret }, scene, lifetime);
      } catch (err) {
        const message = err instanceof WechatApiError ? err.message : `could not create the QR code: ${(err as Error).message}`;
        // 424: the request was fine; what it depends on (WeChat's API with this source's credentials) failed.
        throw new StudioError(424, 'wechat_error', message);
      }
      const qrImage = await QRCode.toDataURL(qr.url, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
      const now = ctx.clock.now();
      const row: SessionRow = {
        id: sessionId(ctx.random),
        poolId: app.poolId,
        applicationId: app.id,
        connection: conn.identifier,
        scene,
        ticket: qr.ticket,
        qrUrl: qr.url,
        status: 'PENDING',
        createdAt: now,
        expiresAt: now + Math.min(lifetime, qr.expireSeconds || lifetime) * 1000,
        updatedAt: now,
        userId: null,
        error: null,
        needsBinding: 0,
        openId: null,
        unionId: null,
        bindFailures: 0,
        loginToken: null,
      };
      ctx.store.tx(() => {
        q.sessionInsert.run(row);
        announce(row.id);
      });
      schedule(row);
      return view(row, { qrImage });
    },

    cancel(id: string): QrSessionView {
      const row = requireSession(id);
      if (!isOpen(row.status)) {
        throw new StudioError(409, 'not_open', `the login session is already ${row.status} and cannot be cancelled`, 'id');
      }
      write({ ...row, status: 'CANCELLED', error: PAGE_TEXT.cancelled });
      return view(requireSession(id));
    },

    /** "Expire now": the code stops working at once, as if its lifetime had passed. */
    expireNow(id: string): QrSessionView {
      const row = requireSession(id);
      if (!isOpen(row.status)) {
        throw new StudioError(409, 'not_open', `the login session is already ${row.status} and cannot expire`, 'id');
      }
      write({ ...row, status: 'EXPIRED', error: PAGE_TEXT.expired, expiresAt: Math.min(row.expiresAt, ctx.clock.now()) });
      return view(requireSession(id));
    },

    subscribe(id: string, listener: SessionListener): () => void {
      let set = listeners.get(id);
      if (!set) listeners.set(id, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(id);
      };
    },

    /** After a restart: expire what is overdue, re-arm the timers of the rest. */
    resume(): void {
      for (const row of q.sessionOpen.all()) {
        if (row.expiresAt <= ctx.clock.now()) expireIfDue(row.id);
        else schedule(row);
      }
    },
    /** Expires every overdue open session now (tests with an injected clock). */
    sweep(): number {
      let n = 0;
      for (const row of q.sessionOpen.all()) {
        if (row.expiresAt <= ctx.clock.now() && expireIfDue(row.id)?.status === 'EXPIRED') n++;
      }
      return n;
    },
    stop(): void {
      for (const t of timers.values()) t.cancel();
      timers.clear();
      listeners.clear();
    },
  };
}

export type QrSessions = ReturnType<typeof createQrSessions>;
