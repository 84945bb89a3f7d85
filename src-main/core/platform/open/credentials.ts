import { say } from '../../../contracts/said';
import type { CoreContext } from '../../context';
import { URL_SAFE, randomChars } from '../../wechat/random';
import type { Component, Components } from './components';
import { openError } from './errors';
import type { OpenRepo } from './repo';
import type { OpenSettingsStore } from './settings';

const DAY_MS = 86_400_000;

/** Values in the shapes of real captures (spec §4, §5, §6): prefixes with `@@@`, then URL-safe text. */
export function mintValue(ctx: CoreContext, prefix: string, length: number): string {
  return `${prefix}${randomChars(ctx.random, URL_SAFE, length)}`;
}

/**
 * What a platform is given to prove itself: verify tickets (kept valid for 12 h, every one issued), component
 * access tokens (each valid until its own expiry, spec §5 [I]) and single-use pre-auth codes (§6).
 */
export function createCredentials(ctx: CoreContext, repo: OpenRepo, components: Components, settings: OpenSettingsStore) {
  const now = (): number => ctx.clock.now();
  return {
    /** A new verify ticket for the platform (pushed by the caller). */
    newTicket(componentAppId: string): { ticket: string; createTime: number } {
      const t = now();
      const ticket = mintValue(ctx, 'ticket@@@', 86);
      repo.tx(() => {
        repo.ticketPrune.run(t - settings.get().verifyTicketValiditySeconds * 1000 - DAY_MS);
        repo.ticketInsert.run(ticket, componentAppId, t);
      });
      return { ticket, createTime: Math.floor(t / 1000) };
    },

    /** api_component_token (§5): checks in WeChat's order and issues a token. */
    issueToken(body: Record<string, unknown>): { component: Component; token: string; expiresIn: number } {
      const appId = body.component_appid;
      if (typeof appId !== 'string' || appId === '') throw openError(41018, say('api.hint.passComponentAppId'));
      const c = components.find(appId);
      if (!c) throw openError(40013, say('api.hint.noPlatform', { appId }));
      const secret = body.component_appsecret;
      if (typeof secret !== 'string' || secret === '') throw openError(41004, say('api.hint.passComponentSecret'));
      if (secret !== c.appSecret) throw openError(40125, say('api.hint.componentAppSecretMismatch', { name: c.name }));
      const ticket = body.component_verify_ticket;
      if (typeof ticket !== 'string' || ticket === '') throw openError(61006, say('api.hint.passVerifyTicket'));
      const row = repo.ticketGet.get(ticket);
      if (!row || row.componentAppId !== c.componentAppId) {
        throw openError(61006, say('api.hint.ticketNeverPushed'));
      }
      const s = settings.get();
      if (now() - row.createdAt >= s.verifyTicketValiditySeconds * 1000) {
        throw openError(61005, say('api.hint.ticketTooOld', { validity: s.verifyTicketValiditySeconds, interval: s.verifyTicketIntervalSeconds }));
      }
      const t = now();
      const token = randomChars(ctx.random, URL_SAFE, 86);
      repo.tx(() => {
        repo.ctokenPrune.run(t - DAY_MS);
        repo.ctokenInsert.run(token, c.componentAppId, t, t + s.componentTokenLifetimeSeconds * 1000);
      });
      return { component: c, token, expiresIn: s.componentTokenLifetimeSeconds };
    },

    /**
     * The platform a component token belongs to, or WeChat's error: missing 41001, an authorizer token 61014,
     * unknown 40001, expired 42001.
     */
    authenticate(token: string | undefined, isAuthorizerToken: (t: string) => boolean): Component {
      if (token === undefined || token === '') throw openError(41001, say('api.hint.passComponentToken'));
      const row = repo.ctokenGet.get(token);
      if (!row) {
        if (isAuthorizerToken(token)) throw openError(61014, say('api.hint.authorizerTokenNotComponent'));
        if (!/^[A-Za-z0-9_-]{1,512}$/.test(token)) throw openError(40014, say('api.hint.componentTokenMalformed'));
        throw openError(40001, say('api.hint.componentTokenNeverIssued'));
      }
      if (now() >= row.expiresAt) {
        throw openError(42001, say('api.hint.componentTokenExpired', { seconds: Math.round((now() - row.expiresAt) / 1000) }));
      }
      const c = components.find(row.componentAppId);
      if (!c) throw openError(40001, say('api.hint.componentTokenPlatformGone'));
      return c;
    },

    /** api_create_preauthcode (§6). */
    newPreAuthCode(c: Component): { code: string; expiresIn: number } {
      const t = now();
      const expiresIn = settings.get().preAuthCodeLifetimeSeconds;
      const code = mintValue(ctx, 'preauthcode@@@', 50);
      repo.preAuthInsert.run(code, c.componentAppId, t, t + expiresIn * 1000);
      return { code, expiresIn };
    },
  };
}

export type Credentials = ReturnType<typeof createCredentials>;
