import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import type { Interaction, InteractionResults } from 'oidc-provider';
import { z } from 'zod';
import type { QrSessionView } from '../../contracts/api';
import { say, sayText, type Said } from '../../contracts/said';
import type { CoreContext } from '../context';
import { note } from '../journal/recorder';
import { userForClient, type UserLookup } from './account';
import { errorPage } from './pages';
import { MOUNT, mountProvider } from './mount';
import { AMR } from './provider';
import type { OidcStore } from './store';

/**
 * The provider mounted on the auth server under /oidc (see mount.ts), and the two steps that stand in for
 * oidc-provider's interactions: the hosted page, once its QR login session is AUTHORIZED, finishes the
 * login; consent for the pool's own applications is implied. Both are journaled by the auth server's
 * recorder.
 */

export interface OidcRouteDeps {
  core: CoreContext;
  store: OidcStore;
  users: UserLookup;
  provider(): Promise<Provider> | null;
  getSession(id: string): QrSessionView;
}

const idPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** A refusal of the login step: a short fixed page for the browser, the reason for the journal. */
class Refusal extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly reason: Said,
  ) {
    super(sayText(reason));
  }
}

async function interactionOf(d: OidcRouteDeps, uid: string, prompt: 'login' | 'consent'): Promise<{ provider: Provider; interaction: Interaction }> {
  const provider = await d.provider()?.catch(() => null);
  const interaction = provider ? await provider.Interaction.find(uid) : undefined;
  if (!provider || !interaction) {
    throw new Refusal('invalid_request', 'The sign-in request has expired. Start again from the website.', say('oidc.refusal.noInteraction', { uid }));
  }
  if (interaction.prompt.name !== prompt) {
    throw new Refusal('invalid_request', 'The sign-in request is at another step. Start again from the website.', say('oidc.refusal.otherPrompt', { uid, prompt: interaction.prompt.name, wanted: prompt }));
  }
  return { provider, interaction };
}

/** What provider.interactionFinished does, found by uid (the hosted page is not under the interaction cookie's path). */
async function finish(interaction: Interaction, result: InteractionResults): Promise<string> {
  interaction.result = { ...interaction.lastSubmission, ...result };
  // The interaction's expiry is on oidc-provider's clock, which is the system's.
  await interaction.save(Math.max(1, interaction.exp - Math.floor(Date.now() / 1000)));
  return interaction.returnTo;
}

function sessionOrNull(d: OidcRouteDeps, id: string): QrSessionView | null {
  try {
    return d.getSession(id);
  } catch {
    return null;
  }
}

/**
 * The login: an AUTHORIZED QR login session of the same application, made after the provider sent the
 * browser to the hosted page, used once.
 */
async function finishLogin(d: OidcRouteDeps, req: FastifyRequest, uid: string, sessionId: string): Promise<string> {
  const { interaction } = await interactionOf(d, uid, 'login');
  const clientId = String(interaction.params.client_id);
  const session = sessionOrNull(d, sessionId);
  if (!session || session.status !== 'AUTHORIZED' || !session.user) {
    throw new Refusal('access_denied', 'The WeChat sign-in did not complete.', session ? say('oidc.refusal.sessionIs', { session: sessionId, status: session.status }) : say('oidc.refusal.sessionUnknown', { session: sessionId }));
  }
  if (session.appId !== clientId) throw new Refusal('access_denied', 'The WeChat sign-in was for another application.', say('oidc.refusal.otherApp', { sessionApp: session.appId, clientId }));
  const started = d.store.q.interactionStartedAt.get(uid)?.at ?? interaction.iat * 1000;
  if (session.createdAt < started) {
    throw new Refusal('access_denied', 'The WeChat sign-in is older than this request. Scan again.', say('oidc.refusal.predates'));
  }
  if (d.store.q.qrLoginClaim.run(sessionId, uid, d.core.clock.now()).changes !== 1) {
    throw new Refusal('access_denied', 'This WeChat sign-in was already used. Scan again.', say('oidc.refusal.alreadyUsed', { session: sessionId }));
  }
  const returnTo = await finish(interaction, { login: { accountId: session.user.id, amr: AMR, remember: true } });
  note(req, { appId: clientId, summary: say('oidc.loginFinished', { app: session.appName, username: session.user.username }) });
  return returnTo;
}

/** Consent implied for the pool's own applications (prompt=consent, or scopes added since the grant). */
async function impliedConsent(d: OidcRouteDeps, req: FastifyRequest, uid: string): Promise<string> {
  const { provider, interaction } = await interactionOf(d, uid, 'consent');
  const clientId = String(interaction.params.client_id);
  const accountId = interaction.session?.accountId;
  if (!accountId || !userForClient(d.users, accountId, clientId)) {
    throw new Refusal('access_denied', 'Sign in again from the website.', accountId ? say('oidc.refusal.notPoolUser', { account: accountId, clientId }) : say('oidc.refusal.noAccount', { clientId }));
  }
  const existing = interaction.grantId ? await provider.Grant.find(interaction.grantId) : undefined;
  const grant = existing ?? new provider.Grant({ accountId, clientId });
  const details = interaction.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
  grant.addOIDCScope([...(details.missingOIDCScope ?? []), ...String(interaction.params.scope ?? 'openid').split(' ')].join(' '));
  if (details.missingOIDCClaims?.length) grant.addOIDCClaims(details.missingOIDCClaims);
  const returnTo = await finish(interaction, { consent: { grantId: await grant.save() } });
  note(req, { appId: clientId, summary: say('oidc.consentImplied', { app: d.users.getApp(clientId).name }) });
  return returnTo;
}

export function registerOidcRoutes(app: FastifyInstance, d: OidcRouteDeps): void {
  mountProvider(app, d.provider, d.core.log);

  const refuse = (req: FastifyRequest, reply: FastifyReply, r: Refusal): FastifyReply => {
    note(req, { summary: say('oidc.stepRefused', { error: r.error }), verdict: { ok: false, reasons: [r.reason] } });
    const page = errorPage(r.error, r.description);
    return reply.status(400).header('content-security-policy', page.csp).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page.html);
  };

  const step = (run: (uid: string, req: FastifyRequest) => Promise<string>) => async (req: FastifyRequest, reply: FastifyReply) => {
    const uid = (req.params as { uid?: string }).uid ?? '';
    note(req, { kind: 'oidc' });
    try {
      if (!idPattern.test(uid)) throw new Refusal('invalid_request', 'The sign-in link is malformed.', say('oidc.refusal.malformedUid'));
      return reply.redirect(await run(uid, req), 303);
    } catch (err) {
      if (err instanceof Refusal) return refuse(req, reply, err);
      throw err;
    }
  };

  // The hosted page navigates here once its QR login session is AUTHORIZED.
  const finishQuery = z.object({ session: z.string().regex(idPattern) });
  app.get(
    `${MOUNT}/interaction/:uid/finish`,
    step((uid, req) => {
      const query = finishQuery.safeParse(req.query);
      if (!query.success) throw new Refusal('invalid_request', 'The sign-in link is malformed.', say('oidc.refusal.malformedSession'));
      return finishLogin(d, req, uid, query.data.session);
    }),
  );
  app.get(
    `${MOUNT}/interaction/:uid/consent`,
    step((uid, req) => impliedConsent(d, req, uid)),
  );
}
