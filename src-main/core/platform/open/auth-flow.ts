import type { PhoneScreen } from '../../../contracts/api';
import { FUNC_IDS, type PhoneAuthorizeResult, type PhoneAuthorizeView } from '../../../contracts/open-platform';
import { StudioError } from '../../http/errors';
import type { Domain } from '../domain';
import type { Authorizations, Confirmation } from './authorizations';
import { funcName } from './authorizations';
import type { Component, Components } from './components';
import { PageError } from './errors';
import { say } from '../../../contracts/said';
import type { AuthEventPusher } from './pushes';
import type { AuthSessionRow, OpenRepo } from './repo';
import type { OpenSettingsStore } from './settings';

/** What the authorization page's QR code holds: the phone recognises it by path and uuid. */
export const AUTH_QR_PREFIX = 'https://mp.weixin.qq.com/safe/bindcomponent?action=bindcomponent&uuid=';
const BIND_PATH = /\/safe\/bindcomponent$/;

export type PageQuery = Record<string, string | undefined>;

/** Parameters as the page reads them: the first of a repeated one (SDKs send auth_type twice). */
export function firstValues(raw: unknown): PageQuery {
  const out: PageQuery = {};
  for (const [k, v] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first === 'string') out[k] = first;
  }
  return out;
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

/** A host matches the registered domain by host name, and by port too when the domain names one. */
function onDomain(host: string | undefined, domain: string): boolean {
  if (!host) return false;
  return domain.includes(':') ? host === domain : host.split(':')[0] === domain;
}

/** `redirect_uri` plus `auth_code` and `expires_in`, after a query it may already carry (§7.1). */
export function redirectWith(uri: string, code: string, expiresIn: number): string {
  const hash = uri.indexOf('#');
  const base = hash >= 0 ? uri.slice(0, hash) : uri;
  const sep = base.includes('?') ? (base.endsWith('?') || base.endsWith('&') ? '' : '&') : '?';
  return `${base}${sep}auth_code=${encodeURIComponent(code)}&expires_in=${expiresIn}`;
}

/**
 * The authorization page (spec §7): its parameter checks and error codes, its QR sessions (waiting →
 * scanned → confirmed, or expired), the admin's phone (accounts they administer, permission sets), and
 * the confirmation: the authorization, the `authorized`/`updateauthorized` push and the redirect.
 */
export function createAuthFlow(d: Domain, repo: OpenRepo, components: Components, authz: Authorizations, pusher: AuthEventPusher, settings: OpenSettingsStore) {
  const now = (): number => d.ctx.clock.now();
  const newUuid = (): string => d.ctx.random(12).toString('base64url');

  /** Checks the page's parameters (§7.1, §7.2) in the page's order; throws a PageError. */
  function validate(q: PageQuery, form: 'pc' | 'h5', referer: string | undefined): { component: Component; preExpiresAt: number } {
    const appId = q.component_appid ?? '';
    const code = q.pre_auth_code ?? '';
    const redirectUri = q.redirect_uri ?? '';
    if (!appId || !code || !redirectUri) throw new PageError(-13, say('authPage.hint.required'));
    const c = components.find(appId);
    if (!c) throw new PageError(-13, say('api.hint.noPlatform', { appId }));
    const pre = repo.preAuthGet.get(code);
    if (!pre || pre.componentAppId !== c.componentAppId) throw new PageError(-11, say('authPage.hint.preAuthOtherPlatform'));
    if (pre.usedAt !== null) throw new PageError(-28, say('authPage.hint.preAuthUsed'));
    if (now() >= pre.expiresAt) throw new PageError(-11, say('authPage.hint.preAuthExpired'));
    const redirectHost = hostOf(redirectUri);
    if (!redirectHost || !/^https?:/i.test(redirectUri)) throw new PageError(-13, say('authPage.hint.redirectUri'));
    if (settings.get().enforceInitiationDomain) {
      const refererHost = form === 'pc' ? hostOf(referer) : redirectHost;
      if (!c.initiationDomain || !onDomain(refererHost, c.initiationDomain) || !onDomain(redirectHost, c.initiationDomain)) {
        throw new PageError(
          -14,
          say('authPage.hint.domain', { referer: refererHost ?? say('authPage.none'), redirect: redirectHost, domain: c.initiationDomain || say('authPage.notRegistered') }),
          refererHost ?? '空',
        );
      }
    }
    return { component: c, preExpiresAt: pre.expiresAt };
  }

  /** Validates, then opens a QR session of the page. */
  function open(q: PageQuery, form: 'pc' | 'h5', referer: string | undefined): { session: AuthSessionRow; component: Component } {
    const { component: c, preExpiresAt } = validate(q, form, referer);
    const ids = (q.category_id_list ?? '').split('|').map(Number).filter((n) => FUNC_IDS.includes(n));
    const t = now();
    const session: AuthSessionRow = {
      uuid: newUuid(),
      componentAppId: c.componentAppId,
      preAuthCode: q.pre_auth_code ?? '',
      redirectUri: q.redirect_uri ?? '',
      authType: q.auth_type ?? '',
      bizAppid: q.biz_appid ?? '',
      categoryIds: JSON.stringify(ids),
      form,
      status: 'waiting',
      personaId: null,
      redirect: null,
      createdAt: t,
      expiresAt: Math.min(preExpiresAt, t + settings.get().authQrLifetimeSeconds * 1000),
      updatedAt: t,
    };
    repo.sessionInsert.run(session);
    return { session, component: c };
  }

  const offered = (s: AuthSessionRow): number[] => {
    const ids = JSON.parse(s.categoryIds) as number[];
    return ids.length ? ids : FUNC_IDS;
  };

  /** Accounts the persona may authorize on this page: administered, filtered by auth_type and biz_appid (§7.1). */
  function accountsFor(personaId: string, s: AuthSessionRow): string[] {
    const mine = repo.adminAccounts.all(personaId).map((r) => r.appId);
    if (s.bizAppid) return mine.filter((a) => a === s.bizAppid);
    // Every account of the mock is an Official Account: auth_type 2 (Mini Programs only) lists none.
    return s.authType === '2' ? [] : mine;
  }

  function view(personaId: string, s: AuthSessionRow, c: Component, extra: Partial<PhoneAuthorizeView> = {}): PhoneAuthorizeView {
    const appIds = accountsFor(personaId, s);
    const held = new Set(appIds.flatMap((a) => authz.heldElsewhere(c.componentAppId, a)));
    return {
      uuid: s.uuid,
      componentAppId: c.componentAppId,
      componentName: c.name,
      accounts: appIds.flatMap((a) => {
        const acc = d.accounts.find(a);
        return acc ? [{ appId: a, name: acc.name, authorized: authz.active(c.componentAppId, a) !== undefined }] : [];
      }),
      funcs: offered(s).map((id) => ({ id, name: funcName(id), heldElsewhere: held.has(id) })),
      ...extra,
    };
  }

  const errorScreen = (e: PageError): PhoneScreen => ({ screen: 'error', error: `${e.code} ${e.message}` });

  /** The phone scanned the page's QR (PC) or opened an H5 link: the admin's view, or the page's error. */
  function scanned(personaId: string, content: string): PhoneScreen | undefined {
    let u: URL;
    try {
      u = new URL(content.trim());
    } catch {
      return undefined;
    }
    if (!BIND_PATH.test(u.pathname)) return undefined;
    try {
      let s: AuthSessionRow;
      let c: Component;
      const uuid = u.searchParams.get('uuid');
      if (uuid) {
        const row = repo.sessionGet.get(uuid);
        if (!row) throw new PageError(-12, 'no authorization page has this QR code');
        if (row.status === 'confirmed') throw new PageError(-26, 'this QR code was already used to authorize');
        if (now() >= row.expiresAt) throw new PageError(-12, 'the QR code expired; the page shows a new one');
        s = row;
        c = components.get(row.componentAppId);
      } else {
        ({ session: s, component: c } = open(firstValues(Object.fromEntries(u.searchParams)), 'h5', undefined));
      }
      const appIds = accountsFor(personaId, s);
      if (appIds.length === 0) {
        throw s.bizAppid ? new PageError(-22, `the persona does not administer ${s.bizAppid}`) : new PageError(-21, 'the persona administers no account this page offers');
      }
      const next: AuthSessionRow = { ...s, status: 'scanned', personaId, updatedAt: now() };
      repo.sessionUpdate.run(next);
      return { screen: 'authorize', authorize: view(personaId, next, c) };
    } catch (e) {
      if (e instanceof PageError) return errorScreen(e);
      throw e;
    }
  }

  function fail(personaId: string, e: PageError): never {
    d.phone.display(personaId, errorScreen(e));
    throw new StudioError(409, 'authorization_refused', `${e.code} ${e.message}`, 'appId');
  }

  /** The authorized/updateauthorized push (§8); by default settled before the redirect is answered (open question 1). */
  async function notify(c: Component, s: AuthSessionRow, appId: string, confirmation: Confirmation): Promise<string | undefined> {
    if (confirmation.infoType === 'none') return undefined;
    const createTime = Math.floor(now() / 1000);
    const sent = pusher.push(
      c,
      confirmation.infoType,
      [
        ['AuthorizerAppid', appId],
        ['AuthorizationCode', confirmation.authCode],
        ['AuthorizationCodeExpiredTime', createTime + confirmation.expiresIn],
        ['PreAuthCode', s.preAuthCode],
      ],
      `${confirmation.infoType} ${appId}`,
      appId,
    );
    return settings.get().redirectBeforePush ? undefined : (await sent).entry.id;
  }

  return {
    validate,
    open,
    offered,
    scanned,

    /** The PC page polls (§7.2): 401 waiting, 402 expired, 404 scanned, 405 confirmed with the redirect. */
    poll(uuid: string): Record<string, unknown> {
      const s = repo.sessionGet.get(uuid);
      if (!s) return { status: 500 };
      if (s.status === 'confirmed') return { status: 405, confirm_resp: { redirect_uri: s.redirect ?? '', component_status: 0 } };
      if (now() >= s.expiresAt) return { status: 402 };
      return { status: s.status === 'scanned' ? 404 : 401 };
    },

    /** A new QR for the same page when the last one expired, if the pre-auth code still allows it. */
    renew(uuid: string): AuthSessionRow {
      const s = repo.sessionGet.get(uuid);
      if (!s) throw new PageError(-12, 'unknown QR session');
      const q: PageQuery = { component_appid: s.componentAppId, pre_auth_code: s.preAuthCode, redirect_uri: s.redirectUri, auth_type: s.authType, biz_appid: s.bizAppid };
      const ids = JSON.parse(s.categoryIds) as number[];
      if (ids.length) q.category_id_list = ids.join('|');
      // The Referer was checked when the page opened; the renewal comes from that page.
      const strict = settings.get().enforceInitiationDomain;
      const c = components.get(s.componentAppId);
      return open(q, s.form, strict ? `http://${c.initiationDomain}/` : undefined).session;
    },

    /** The admin picks an account, ticks permission sets and confirms (§7.2 step 3–4). */
    async authorize(personaId: string, appId: string, funcIds?: number[]): Promise<PhoneAuthorizeResult> {
      d.personas.get(personaId);
      const s = repo.sessionOfPersona.get(personaId);
      if (!s) throw new StudioError(409, 'no_authorization_page', 'the persona has no authorization page open: scan the authorization QR code first', 'personaId');
      const c = components.get(s.componentAppId);
      if (now() >= s.expiresAt) fail(personaId, new PageError(-12, 'the QR code expired before the confirmation'));
      if (!accountsFor(personaId, s).includes(appId)) {
        if (s.bizAppid && s.bizAppid !== appId) fail(personaId, new PageError(-22, `this page only authorizes ${s.bizAppid}`));
        throw new StudioError(403, 'not_admin', `the persona does not administer ${appId} (set it with PUT /api/wechat/accounts/{appId}/admins)`, 'appId');
      }
      const offer = offered(s);
      const wanted = funcIds ?? offer;
      const bad = wanted.find((id) => !offer.includes(id));
      if (bad !== undefined) throw new StudioError(422, 'invalid_field', `permission set ${bad} is not offered on this page (offered: ${offer.join(', ')})`, 'funcIds');
      if (wanted.length === 0) throw new StudioError(422, 'invalid_field', 'tick at least one permission set', 'funcIds');
      const pre = repo.preAuthGet.get(s.preAuthCode);
      if (!pre || pre.usedAt !== null) fail(personaId, new PageError(-28, 'the pre_auth_code was used meanwhile'));
      if (now() >= pre.expiresAt) fail(personaId, new PageError(-11, 'the pre_auth_code expired'));
      let confirmation: Confirmation;
      try {
        confirmation = repo.tx(() => {
          repo.preAuthUse.run(now(), appId, s.preAuthCode);
          const done = authz.confirm(c, appId, wanted);
          return done;
        });
      } catch (e) {
        if (e instanceof PageError) fail(personaId, e);
        throw e;
      }
      const redirect = redirectWith(s.redirectUri, confirmation.authCode, confirmation.expiresIn);
      repo.sessionUpdate.run({ ...s, status: 'confirmed', redirect, updatedAt: now() });
      const journalId = await notify(c, s, appId, confirmation);
      d.phone.display(personaId, { screen: 'authorize', authorize: view(personaId, { ...s, status: 'confirmed' }, c, { redirect, authorizedAppId: appId }) });
      return {
        redirect,
        appId,
        componentAppId: c.componentAppId,
        infoType: confirmation.infoType,
        funcIds: confirmation.funcIds,
        ...(journalId ? { journalId } : {}),
      };
    },
  };
}

export type AuthFlow = ReturnType<typeof createAuthFlow>;
