import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  authorizeConnectionSchema,
  authorizeStartResultSchema,
  componentConfigDtoSchema,
  componentConfigSchema,
  componentConfiguredSchema,
  componentLinkSchema,
  componentLinksSchema,
  type ComponentLinkDto,
} from '../../../contracts/open-platform';
import { say, verbatim, type Said } from '../../../contracts/said';
import type { CoreContext } from '../../context';
import { StudioError } from '../../http/errors';
import type { RouteRegistry } from '../../http/routes';
import { note } from '../../journal/recorder';
import { errorSaid } from '../../wechat/errors';
import { escapeHtml } from '../page';
import { authorizedSaid, type ComponentEvents } from './events';
import type { ComponentLogin } from './index';

const poolParams = z.object({ poolId: z.string().min(1) });
const connParams = z.object({ poolId: z.string().min(1), identifier: z.string().min(1) });

const STYLE = `body{font:14px/1.6 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#f3f5f7;color:#1f2329;display:flex;justify-content:center;padding:48px 12px;margin:0}
.card{background:#fff;border-radius:14px;box-shadow:0 10px 30px rgba(15,23,42,.08);padding:28px;max-width:420px;width:100%}
h1{font-size:18px;margin:0 0 8px}p{color:#4b5563}.ok{color:#06ad56}.err{color:#d93025}
a.btn{display:inline-block;background:#07c160;color:#fff;border-radius:8px;padding:10px 18px;text-decoration:none;font-weight:600}
img{width:56px;height:56px;border-radius:12px;vertical-align:middle;margin-right:10px}`;

function page(reply: FastifyReply, status: number, title: string, body: string): FastifyReply {
  return reply
    .status(status)
    .header('cache-control', 'no-store')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src * data:; base-uri 'none'")
    .type('text/html; charset=utf-8')
    .send(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main class="card">${body}</main></body></html>`);
}

/** What the two pages say when they cannot help: short and fixed (the caller is anyone); why goes to the journal. */
const PAGE_REFUSAL = {
  initiation: 'This authorization cannot start here. Start again from the login console.',
  unknownLink: 'This authorization link is unknown or has expired. Start again from the login console.',
  failed: 'The authorization could not be completed. Start again from the login console.',
} as const;

function initiationBody(displayName: string, connected: boolean, authorizationUrl: string): string {
  const state = connected ? '<p>Connected now; authorizing again updates the permission sets.</p>' : '';
  return `<h1>Authorize with WeChat</h1><p>Connect the identity source “${escapeHtml(displayName)}” to your Official Account: scan with the WeChat of the account's administrator.</p>${state}<p><a class="btn" id="authorize" href="${escapeHtml(authorizationUrl)}">授权 Authorize</a></p>`;
}

function connectedBody(link: ComponentLinkDto): string {
  const a = link.authorizer;
  const avatar = a?.headImg ? `<img alt="" src="${escapeHtml(a.headImg)}">` : '';
  const missing = link.note ? `<p class="err">${escapeHtml(link.note)}</p>` : '';
  return `<h1 class="ok" id="result">Connected</h1><p>${avatar}<strong>${escapeHtml(a?.nickName ?? '')}</strong> (${escapeHtml(a?.userName ?? '')})</p>${missing}<p>You can close this page.</p>`;
}

/**
 * The auth server's public routes of the third-party platform: the two push URLs, the initiation page and
 * WeChat's redirect. The push URLs and the redirect are journaled by the auth server's recorder; the
 * initiation page is a page load (its pre-auth code request is journaled where WeChat answers it).
 */
export function registerComponentAuthRoutes(app: FastifyInstance, ctx: CoreContext, c: ComponentLogin, events: ComponentEvents): void {
  app.post('/component/:poolId/events', (req, reply) => events.authEvent(req, reply));
  app.post('/component/:poolId/:appId/events', (req, reply) => events.messageEvent(req, reply));

  // The initiation page (授权发起页): the authorization page must be opened from a link here (WeChat checks
  // the Referer against the registered domain), never by a server-side redirect.
  app.get('/component/:poolId/authorize/:identifier', async (req, reply) => {
    const { poolId, identifier } = req.params as { poolId: string; identifier: string };
    try {
      const link = c.links.requireLink(poolId, identifier);
      const conn = c.service.connection(poolId, identifier);
      const started = await c.links.start(poolId, { identifier, displayName: conn.displayName });
      return page(reply, 200, 'Authorize with WeChat', initiationBody(conn.displayName, link.status === 'connected', started.authorizationUrl));
    } catch (err) {
      if (!(err instanceof StudioError)) ctx.log.error('component: initiation page failed', { error: (err as Error).message });
      return page(reply, err instanceof StudioError ? err.status : 502, 'Authorize with WeChat', `<h1>Authorize with WeChat</h1><p class="err">${PAGE_REFUSAL.initiation}</p>`);
    }
  });

  // WeChat's redirect after the admin confirmed: ?identifier&state (ours) plus auth_code&expires_in.
  app.get('/component/:poolId/authorized', { config: { journal: true } }, async (req, reply) => {
    const { poolId } = req.params as { poolId: string };
    const q = req.query as Record<string, string | undefined>;
    const identifier = q.identifier ?? '';
    const fail = (status: number, text: string, reason: Said): FastifyReply => {
      note(req, { summary: say('login.component.redirectRefused', { identifier }), verdict: { ok: false, reasons: [reason] } });
      return page(reply, status, 'Authorization', `<h1>Authorization</h1><p class="err" id="result">${text}</p>`);
    };
    if (!q.auth_code || !c.links.redirectAllowed(poolId, identifier, q.state ?? '', q.auth_code)) {
      return fail(400, PAGE_REFUSAL.unknownLink, say(q.auth_code ? 'login.component.stateUnknown' : 'login.component.noAuthCode'));
    }
    try {
      const link = await c.links.complete(poolId, identifier, q.auth_code);
      note(req, { ...(link.authorizer ? { appId: link.authorizer.appId } : {}), summary: authorizedSaid(identifier, link), verdict: { ok: true, reasons: link.note ? [verbatim(link.note)] : [] } });
      return page(reply, 200, 'Authorization', connectedBody(link));
    } catch (err) {
      return fail(err instanceof StudioError ? err.status : 502, PAGE_REFUSAL.failed, errorSaid(err));
    }
  });
}

/** The login console's control routes for the third-party platform (studio server, OpenAPI). */
export function registerComponentControlRoutes(app: FastifyInstance, routes: RouteRegistry, c: ComponentLogin): void {
  const tag = 'login';
  routes.add(app, {
    method: 'GET',
    url: '/api/login/pools/:poolId/component',
    tag,
    summary: "The pool's third-party platform: component credentials (masked) and the two URLs to register",
    params: poolParams,
    response: { 200: componentConfigDtoSchema },
    handler: ({ params }) => c.service.config(params.poolId),
  });
  routes.add(app, {
    method: 'PUT',
    url: '/api/login/pools/:poolId/component',
    tag,
    summary: "Save the pool's third-party platform credentials; asks WeChat to push a verify ticket at once",
    params: poolParams,
    body: componentConfigSchema,
    response: { 200: componentConfiguredSchema },
    handler: ({ params, body }) => c.service.configure(params.poolId, body),
  });
  routes.add(app, {
    method: 'POST',
    url: '/api/login/pools/:poolId/connections/authorize',
    tag,
    summary: 'Authorize with WeChat: create (or reuse) the identity source, not connected yet, and return the authorization page URL',
    params: poolParams,
    body: authorizeConnectionSchema,
    status: 201,
    response: { 201: authorizeStartResultSchema },
    handler: ({ params, body }) => c.links.start(params.poolId, body),
  });
  routes.add(app, {
    method: 'GET',
    url: '/api/login/pools/:poolId/authorizations',
    tag,
    summary: 'Identity sources of the pool connected by authorization, with their state',
    params: poolParams,
    response: { 200: componentLinksSchema },
    handler: ({ params }) => ({ links: c.links.list(params.poolId) }),
  });
  routes.add(app, {
    method: 'GET',
    url: '/api/login/pools/:poolId/connections/:identifier/authorization',
    tag,
    summary: "An identity source's authorization: not connected, or the account's name, avatar and original ID",
    params: connParams,
    response: { 200: componentLinkSchema },
    handler: ({ params }) => c.links.get(params.poolId, params.identifier),
  });
}
