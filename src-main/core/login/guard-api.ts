import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { decodeJwt } from 'jose';
import { z } from 'zod';
import type { LoginApplication, LoginStatus, LoginUser, QrSessionView } from '../../contracts/api';
import { say, type Said } from '../../contracts/said';
import type { CoreContext } from '../context';
import type { Store } from '../db/store';
import { declared } from '../http/responses';
import { note } from '../journal/recorder';
import type { LoginService } from './service';

/**
 * GenAuth's QR login API as its front-end SDKs and Guard call it (they poll; the hosted page uses SSE):
 * POST /api/v2/qrcode/gene, GET /api/v2/qrcode/check?random=, POST /api/v2/qrcode/userinfo {ticket}.
 * `random` is the id of one of the login server's QR login sessions, so both front ends see the same
 * session. Answers are wrapped {code, message, data} with code 200 on success, as the SDKs expect
 * (they throw on any other code); refusals are short and fixed, their reason goes to the journal.
 * Status polls are journaled only when refused, like the hosted page's.
 */

export const GUARD_STATUS: Record<LoginStatus, number> = { PENDING: 0, SCANNED: 1, AUTHORIZED: 2, CANCELLED: 3, ERROR: 3, EXPIRED: -1 };
/** A ticket trades for the user's info once, within this time. */
export const TICKET_TTL_MS = 5 * 60_000;
export const GUARD_CODES = { notFound: 2241, badRequest: 400, noApp: 404 } as const;

/** A neutral avatar for the "scanned" overlay (the SDK draws userInfo.photo); GenAuth shows the user's own. */
const DEFAULT_PHOTO =
  'data:image/svg+xml,' +
  encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><rect width="40" height="40" rx="20" fill="#07c160"/><circle cx="20" cy="16" r="7" fill="#fff"/><path d="M8 34c2-7 7-10 12-10s10 3 12 10" fill="#fff"/></svg>');

export type GuardService = Pick<LoginService, 'createSession' | 'getSession' | 'getApp' | 'listApps' | 'getUser'>;

interface TicketRow {
  ticket: string;
  sessionId: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
}

const TICKET_COLS = 'ticket, session_id AS sessionId, created_at AS createdAt, expires_at AS expiresAt, used_at AS usedAt';

/** The one-time tickets (guard_qr_tickets, migration 0005): not console state, so no topics. */
export function createGuardTickets(store: Store) {
  return {
    bySession: store.read<TicketRow>(`SELECT ${TICKET_COLS} FROM guard_qr_tickets WHERE session_id = ?`),
    get: store.read<TicketRow>(`SELECT ${TICKET_COLS} FROM guard_qr_tickets WHERE ticket = ?`),
    insert: store.write('INSERT OR IGNORE INTO guard_qr_tickets (ticket, session_id, created_at, expires_at) VALUES (?, ?, ?, ?)'),
    use: store.write('UPDATE guard_qr_tickets SET used_at = ? WHERE ticket = ? AND used_at IS NULL'),
    prune: store.write('DELETE FROM guard_qr_tickets WHERE expires_at < ?'),
  };
}

export type GuardTickets = ReturnType<typeof createGuardTickets>;

interface GuardDeps {
  ctx: CoreContext;
  tickets: GuardTickets;
  service: GuardService;
}

class GuardRefusal extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly reason: Said,
  ) {
    super(message);
  }
}

const geneBody = z.object({ scene: z.string().optional() }).loose();
const checkQuery = z.object({ random: z.string().min(1).max(64) });
const userinfoBody = z.object({ ticket: z.string().min(1).max(128) });

/** The `data` of each answer, as GenAuth's SDKs read it; only these fields are sent. */
const geneData = z.object({ random: z.string(), url: z.string(), expiresIn: z.number() });
const checkData = z.object({
  random: z.string(),
  status: z.number(),
  ticket: z.string().optional(),
  userInfo: z.object({ nickname: z.string(), photo: z.string() }).optional(),
});
/** GenAuth's User object, as much of it as the login server knows. */
const userinfoData = z.object({
  id: z.string(),
  userPoolId: z.string(),
  username: z.string(),
  nickname: z.string(),
  photo: z.string(),
  unionid: z.string().nullable(),
  openid: z.string().nullable(),
  registerSource: z.array(z.string()),
  loginsCount: z.number(),
  lastLogin: z.string().nullable(),
  signedUp: z.string(),
  token: z.string().nullable(),
  tokenExpiredAt: z.string().nullable(),
  identities: z.array(z.object({ provider: z.string(), type: z.string(), userIdInIdp: z.string(), connection: z.string() })),
});

const ok = (data: unknown) => ({ code: 200, message: '', data });

function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

function quietly<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

/** The three calls, each taking the request and answering `data` (or throwing a GuardRefusal). */
function createGuard(d: GuardDeps) {
  /** The application the request names (x-authing-app-id), or the pool's first (x-authing-userpool-id). */
  function appOf(req: FastifyRequest): LoginApplication {
    const appId = header(req, 'x-authing-app-id');
    const poolId = header(req, 'x-authing-userpool-id');
    const found = appId ? quietly(() => d.service.getApp(appId)) : poolId ? quietly(() => d.service.listApps(poolId))?.[0] : undefined;
    if (!found) throw new GuardRefusal(GUARD_CODES.noApp, 'application not found', say('login.guard.noApp', { appId: appId ?? '-', poolId: poolId ?? '-' }));
    if (poolId && found.poolId !== poolId) throw new GuardRefusal(GUARD_CODES.noApp, 'application not found', say('login.guard.appNotInPool', { appId: found.id, poolId }));
    return found;
  }

  function sessionFor(req: FastifyRequest, random: string): QrSessionView {
    const view = quietly(() => d.service.getSession(random));
    const appId = header(req, 'x-authing-app-id');
    if (!view || (appId && view.appId !== appId)) throw new GuardRefusal(GUARD_CODES.notFound, '二维码不存在', appId ? say('login.guard.noSessionForApp', { session: random, appId }) : say('login.guard.noSession', { session: random }));
    return view;
  }

  /** One ticket per session, made when it is first seen AUTHORIZED. */
  function ticketFor(view: QrSessionView): string {
    const now = d.ctx.clock.now();
    d.tickets.insert.run(d.ctx.random(24).toString('base64url'), view.id, now, now + TICKET_TTL_MS);
    return d.tickets.bySession.get(view.id)!.ticket;
  }

  return {
    async gene(req: FastifyRequest): Promise<z.input<typeof geneData>> {
      note(req, { kind: 'api' });
      const body = geneBody.parse(req.body ?? {});
      if (body.scene !== undefined && body.scene !== 'WECHATMP_AUTH') {
        throw new GuardRefusal(GUARD_CODES.badRequest, 'unsupported scene', say('login.guard.scene', { scene: body.scene }));
      }
      const application = appOf(req);
      const view = await d.service.createSession({ appId: application.id });
      note(req, { appId: application.id, summary: say('login.guard.qrCreated', { app: application.name, session: view.id }) });
      return { random: view.id, url: view.qrImage ?? '', expiresIn: Math.round((view.expiresAt - view.createdAt) / 1000) };
    },
    check(req: FastifyRequest): z.input<typeof checkData> {
      const { random } = checkQuery.parse(req.query);
      const view = sessionFor(req, random);
      const status = GUARD_STATUS[view.status];
      const userInfo = { nickname: view.user?.nickname ?? view.user?.username ?? '', photo: DEFAULT_PHOTO };
      if (status === 1) return { random, status, userInfo };
      if (status === 2) return { random, status, ticket: ticketFor(view), userInfo };
      return { random, status };
    },
    userinfo(req: FastifyRequest): z.input<typeof userinfoData> {
      note(req, { kind: 'api' });
      const { ticket } = userinfoBody.parse(req.body ?? {});
      note(req, { secrets: [{ value: ticket, label: 'ticket' }] });
      const row = d.tickets.get.get(ticket);
      const now = d.ctx.clock.now();
      if (!row || row.expiresAt <= now || d.tickets.use.run(now, ticket).changes !== 1) {
        throw new GuardRefusal(GUARD_CODES.notFound, 'ticket is invalid or has been used', row ? say('login.guard.ticketUsed', { session: row.sessionId }) : say('login.guard.unknownTicket'));
      }
      const view = sessionFor(req, row.sessionId);
      const user = view.user ? quietly(() => d.service.getUser(view.user!.id)) : undefined;
      if (!user) throw new GuardRefusal(GUARD_CODES.notFound, 'ticket is invalid or has been used', say('login.guard.noUser', { session: view.id }));
      note(req, { appId: view.appId, summary: say('login.guard.ticketExchanged', { username: user.username }) });
      return userInfoOf(user, view);
    },
  };
}

/** Gene and userinfo change something and are journaled; a check (a status poll) only when refused. */
export function registerGuardApi(app: FastifyInstance, d: GuardDeps): void {
  const guard = createGuard(d);
  const answer = (data: z.ZodType, fn: (req: FastifyRequest) => unknown) => async (req: FastifyRequest, reply: FastifyReply) =>
    reply.header('cache-control', 'no-store').send(ok(declared(data, await fn(req), `Guard QR API ${req.routeOptions.url ?? ''}`)));
  const journal = { config: { journal: true } };
  void app.register(async (scope) => {
    scope.setErrorHandler((err, req, reply) => {
      if (err instanceof GuardRefusal) {
        note(req, { kind: 'api', summary: say('login.guard.refused', { message: err.message }), verdict: { ok: false, reasons: [err.reason] } });
        return reply.status(200).send({ code: err.code, message: err.message, data: null });
      }
      const status = (err as { statusCode?: number }).statusCode;
      if (err instanceof z.ZodError || (status && status < 500)) {
        return reply.status(400).send({ code: GUARD_CODES.badRequest, message: 'invalid request', data: null });
      }
      d.ctx.log.error('guard QR API: unhandled error', { error: err instanceof Error ? err.message : String(err) });
      return reply.status(500).send({ code: 500, message: 'internal error', data: null });
    });
    scope.post('/api/v2/qrcode/gene', journal, answer(geneData, guard.gene));
    scope.get('/api/v2/qrcode/check', answer(checkData, guard.check));
    scope.post('/api/v2/qrcode/userinfo', journal, answer(userinfoData, guard.userinfo));
  });
}

function userInfoOf(user: LoginUser, view: QrSessionView): z.input<typeof userinfoData> {
  const identity = user.identities.find((i) => i.connection === view.connection.identifier) ?? user.identities[0];
  let tokenExpiredAt: string | null = null;
  if (view.token) {
    const exp = decodeJwt(view.token).exp;
    tokenExpiredAt = exp ? new Date(exp * 1000).toISOString() : null;
  }
  return {
    id: user.id,
    userPoolId: user.poolId,
    username: user.username,
    nickname: user.nickname ?? user.username,
    photo: DEFAULT_PHOTO,
    unionid: identity?.unionId ?? user.unionId ?? null,
    openid: identity?.openId ?? null,
    registerSource: ['social:wechatmp-qrcode'],
    loginsCount: user.logins.length,
    lastLogin: user.logins[0] ? new Date(user.logins[0].at).toISOString() : null,
    signedUp: new Date(user.createdAt).toISOString(),
    token: view.token ?? null,
    tokenExpiredAt,
    identities: user.identities.map((i) => ({ provider: 'wechat', type: 'openid', userIdInIdp: i.openId, connection: i.connection })),
  };
}
