import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import type { Interaction, InteractionResults } from 'oidc-provider';
import { z } from 'zod';
import type { QrSessionView } from '../../contracts/api';
import type { CoreContext } from '../context';
import { userForClient, type UserLookup } from './account';
import { errorPage } from './pages';
import { AMR } from './provider';
import type { OidcStore } from './store';

/**
 * The provider mounted on the auth server under /oidc (Fastify hands the untouched request to Koa), and
 * the two steps that stand in for oidc-provider's interactions: the hosted page, once its QR login
 * session is AUTHORIZED, finishes the login; consent for the pool's own applications is implied.
 */

export const MOUNT = '/oidc';


export interface OidcRouteDeps {
  core: CoreContext;
  store: OidcStore;
  users: UserLookup;
  provider(): Promise<Provider> | null;
  getSession(id: string): QrSessionView;
}

const uidParams = z.object({ uid: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
const finishQuery = z.object({ session: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

class Refusal extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export function registerOidcRoutes(app: FastifyInstance, d: OidcRouteDeps): void {
  const callbacks = new WeakMap<Provider, (req: IncomingMessage, res: ServerResponse) => unknown>();
  const handle = async (req: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
    const provider = await d.provider()?.catch(() => null);
    if (!provider) return reply.status(503).send({ error: 'temporarily_unavailable', error_description: 'the provider is not available' });
    let cb = callbacks.get(provider);
    if (!cb) callbacks.set(provider, (cb = provider.callback()));
    reply.hijack();
    const raw = req.raw as IncomingMessage & { originalUrl?: string };
    // As Express mounts it: oidc-provider works out its mount path from originalUrl minus url.
    raw.originalUrl = raw.url;
    raw.url = raw.url!.slice(MOUNT.length) || '/';
    return cb(raw, reply.raw);
  };

  void app.register(async (child) => {
    // oidc-provider reads the body itself (its own size limit and parsers): Fastify must not consume it.
    child.removeAllContentTypeParsers();
    child.addContentTypeParser('*', (_req, _payload, done) => done(null));
    for (const url of [MOUNT, `${MOUNT}/*`]) {
      child.route({ method: ['GET', 'POST', 'OPTIONS', 'PUT', 'DELETE', 'PATCH'], url, handler: handle });
    }
  });

  const refuse = (reply: FastifyReply, r: Refusal, uid: string): FastifyReply => {
    d.core.journal.record({
      kind: 'oidc',
      source: 'auth',
      url: `${d.core.urls.auth}${MOUNT}/interaction/${uid}`,
      summary: `OIDC login step refused → ${r.error}`,
      attempts: [],
      verdict: { ok: false, reasons: [r.reason] },
    });
    const page = errorPage(r.error, r.description);
    return reply.status(400).header('content-security-policy', page.csp).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page.html);
  };

  async function interactionOf(uid: string, prompt: 'login' | 'consent'): Promise<{ provider: Provider; interaction: Interaction }> {
    const provider = await d.provider()?.catch(() => null);
    const interaction = provider ? await provider.Interaction.find(uid) : undefined;
    if (!provider || !interaction) {
      throw new Refusal('invalid_request', 'The sign-in request has expired. Start again from the website.', `no interaction ${uid} (expired or unknown)`);
    }
    if (interaction.prompt.name !== prompt) {
      throw new Refusal('invalid_request', 'The sign-in request is at another step. Start again from the website.', `interaction ${uid} waits for ${interaction.prompt.name}, not ${prompt}`);
    }
    return { provider, interaction };
  }

  async function finish(interaction: Interaction, result: InteractionResults): Promise<string> {
    interaction.result = { ...interaction.lastSubmission, ...result };
    await interaction.save(Math.max(1, interaction.exp - Math.floor(Date.now() / 1000)));
    return interaction.returnTo;
  }

  // The hosted page navigates here once its QR login session is AUTHORIZED.
  app.get(`${MOUNT}/interaction/:uid/finish`, async (req, reply) => {
    const params = uidParams.safeParse(req.params);
    const query = finishQuery.safeParse(req.query);
    const uid = params.success ? params.data.uid : 'invalid';
    try {
      if (!params.success || !query.success) throw new Refusal('invalid_request', 'The sign-in link is malformed.', 'malformed uid or session');
      const { interaction } = await interactionOf(uid, 'login');
      const clientId = String(interaction.params.client_id);
      const session = sessionOrNull(d, query.data.session);
      if (!session || session.status !== 'AUTHORIZED' || !session.user) {
        throw new Refusal('access_denied', 'The WeChat sign-in did not complete.', `QR login session ${query.data.session} is ${session?.status ?? 'unknown'}`);
      }
      if (session.appId !== clientId) throw new Refusal('access_denied', 'The WeChat sign-in was for another application.', `session app ${session.appId} ≠ client ${clientId}`);
      const started = d.store.q.interactionStartedAt.get(uid)?.at ?? interaction.iat * 1000;
      if (session.createdAt < started) {
        throw new Refusal('access_denied', 'The WeChat sign-in is older than this request. Scan again.', 'QR login session predates the authorization request');
      }
      if (d.store.q.qrLoginClaim.run(query.data.session, uid, d.core.clock.now()).changes !== 1) {
        throw new Refusal('access_denied', 'This WeChat sign-in was already used. Scan again.', `QR login session ${query.data.session} already finished an authorization`);
      }
      const returnTo = await finish(interaction, { login: { accountId: session.user.id, amr: AMR, remember: true } });
      d.core.journal.record({
        kind: 'oidc',
        source: 'auth',
        appId: clientId,
        url: `${d.core.urls.auth}${MOUNT}/interaction/${uid}/finish`,
        summary: `OIDC login finished · ${session.appName}: ${session.user.username} signed in with WeChat → back to authorize`,
        attempts: [],
        verdict: { ok: true, reasons: [] },
      });
      return reply.redirect(returnTo, 303);
    } catch (err) {
      if (err instanceof Refusal) return refuse(reply, err, uid);
      throw err;
    }
  });

  // Consent is implied for the pool's own applications (prompt=consent, or scopes added since the grant).
  app.get(`${MOUNT}/interaction/:uid/consent`, async (req, reply) => {
    const params = uidParams.safeParse(req.params);
    const uid = params.success ? params.data.uid : 'invalid';
    try {
      if (!params.success) throw new Refusal('invalid_request', 'The sign-in link is malformed.', 'malformed uid');
      const { provider, interaction } = await interactionOf(uid, 'consent');
      const clientId = String(interaction.params.client_id);
      const accountId = interaction.session?.accountId;
      if (!accountId || !userForClient(d.users, accountId, clientId)) {
        throw new Refusal('access_denied', 'Sign in again from the website.', `account ${accountId ?? '(none)'} is not a user of client ${clientId}'s pool`);
      }
      const existing = interaction.grantId ? await provider.Grant.find(interaction.grantId) : undefined;
      const grant = existing ?? new provider.Grant({ accountId, clientId });
      const details = interaction.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
      grant.addOIDCScope([...(details.missingOIDCScope ?? []), ...String(interaction.params.scope ?? 'openid').split(' ')].join(' '));
      if (details.missingOIDCClaims?.length) grant.addOIDCClaims(details.missingOIDCClaims);
      const grantId = await grant.save();
      return reply.redirect(await finish(interaction, { consent: { grantId } }), 303);
    } catch (err) {
      if (err instanceof Refusal) return refuse(reply, err, uid);
      throw err;
    }
  });
}

function sessionOrNull(d: OidcRouteDeps, id: string): QrSessionView | null {
  try {
    return d.getSession(id);
  } catch {
    return null;
  }
}
