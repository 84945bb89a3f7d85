import { say } from '../../../contracts/said';
import type { Domain } from '../domain';
import { ipAllowed } from '../ip';
import { jsonBody, requirePost, type ApiCall } from '../routes/api-call';
import type { Handler } from '../routes/cgi-bin';
import type { Authorizations } from './authorizations';
import type { Component, Components } from './components';
import type { Credentials } from './credentials';
import { openError } from './errors';

export interface ComponentApiDeps {
  components: Components;
  credentials: Credentials;
  authz: Authorizations;
  /** Pushes a verify ticket now and waits for the answer. */
  pushTicket(c: Component): Promise<unknown>;
}

function checkWhitelist(c: Component, call: ApiCall): void {
  if (!ipAllowed(c.ipWhitelist, call.ip)) {
    throw openError(61004, say('api.hint.addToWhitelist', { ip: call.ip.v4 ?? call.ip.v6, name: c.name, whitelist: c.ipWhitelist.join(', ') }));
  }
}

/**
 * WeChat's `/cgi-bin/component/*` APIs (third-party-platform spec §4.1–§12), answered through the same
 * route wrapper as the account APIs (HTTP 200, errcode/errmsg, journaled). Token-authenticated ones take
 * the component token as `component_access_token=` or `access_token=`, a JSON body with any Content-Type,
 * and a component_appid that must be the token's.
 */
export function componentApis({ components, credentials, authz, pushTicket }: ComponentApiDeps): Record<string, Handler> {
  /** POST, token, whitelist, JSON body, component_appid: the preamble of every token-authenticated API. */
  function begin(call: ApiCall): { c: Component; body: Record<string, unknown> } {
    requirePost(call);
    const token = call.query.component_access_token ?? call.query.access_token;
    const c = credentials.authenticate(token, (t) => authz.isAuthorizerToken(t));
    call.appId = c.componentAppId;
    checkWhitelist(c, call);
    const body = jsonBody(call);
    const appId = body.component_appid;
    if (typeof appId !== 'string' || appId === '') throw openError(41018, say('api.hint.passComponentAppIdBody'));
    if (appId !== c.componentAppId) throw openError(61011, say('api.hint.componentAppIdNotThisToken', { appId, expected: c.componentAppId }));
    return { c, body };
  }

  /** The newer option paths take the authorizer's own token and only the option fields (§12). */
  function authorizerBegin(call: ApiCall): { c: Component; appId: string; body: Record<string, unknown> } {
    requirePost(call);
    const hit = authz.authenticate(call.query.access_token, null);
    if (!hit) throw openError(40001, say('api.hint.passAuthorizerToken'));
    call.appId = hit.account.appId;
    return { c: hit.component, appId: hit.account.appId, body: jsonBody(call) };
  }

  return {
    '/cgi-bin/component/api_start_push_ticket': async (_d: Domain, call) => {
      requirePost(call);
      const body = jsonBody(call);
      const c = typeof body.component_appid === 'string' ? components.find(body.component_appid) : undefined;
      if (!c) throw openError(40013, say('api.hint.notAComponentAppId'));
      call.appId = c.componentAppId;
      if (body.component_secret !== c.appSecret) throw openError(40125, say('api.hint.componentSecretMismatch', { name: c.name }));
      await pushTicket(c);
      call.outcome = say('api.outcome.ticketPushed');
      return { errcode: 0, errmsg: 'ok' };
    },
    '/cgi-bin/component/api_component_token': (_d, call) => {
      requirePost(call);
      const issued = credentials.issueToken(jsonBody(call));
      call.appId = issued.component.componentAppId;
      checkWhitelist(issued.component, call);
      call.outcome = say('api.outcome.componentToken', { seconds: issued.expiresIn });
      return { component_access_token: issued.token, expires_in: issued.expiresIn };
    },
    '/cgi-bin/component/api_create_preauthcode': (_d, call) => {
      const { c } = begin(call);
      const made = credentials.newPreAuthCode(c);
      call.outcome = say('api.outcome.preAuthCode', { seconds: made.expiresIn });
      return { pre_auth_code: made.code, expires_in: made.expiresIn };
    },
    '/cgi-bin/component/api_query_auth': (_d, call) => {
      const { c, body } = begin(call);
      const answer = authz.queryAuth(c, body.authorization_code);
      call.outcome = say('api.outcome.authorizationOf', { appId: (answer.authorization_info as { authorizer_appid: string }).authorizer_appid });
      return answer;
    },
    '/cgi-bin/component/api_authorizer_token': (_d, call) => {
      const { c, body } = begin(call);
      call.outcome = say('api.outcome.authorizerToken', { appId: String(body.authorizer_appid) });
      return authz.refresh(c, body);
    },
    '/cgi-bin/component/api_get_authorizer_info': (_d, call) => {
      const { c, body } = begin(call);
      call.outcome = say('api.outcome.infoOf', { appId: String(body.authorizer_appid) });
      return authz.info(c, body.authorizer_appid);
    },
    '/cgi-bin/component/api_get_authorizer_list': (_d, call) => {
      const { c, body } = begin(call);
      return authz.list(c, body);
    },
    '/cgi-bin/component/api_get_authorizer_option': (_d, call) => {
      const { c, body } = begin(call);
      return authz.option(c, body.authorizer_appid, body.option_name);
    },
    '/cgi-bin/component/api_set_authorizer_option': (_d, call) => {
      const { c, body } = begin(call);
      if (body.option_value === undefined) throw openError(61013, say('api.hint.passOptionValue'));
      return authz.option(c, body.authorizer_appid, body.option_name, body.option_value);
    },
    '/cgi-bin/component/get_authorizer_option': (_d, call) => {
      const { c, appId, body } = authorizerBegin(call);
      return authz.option(c, appId, body.option_name);
    },
    '/cgi-bin/component/set_authorizer_option': (_d, call) => {
      const { c, appId, body } = authorizerBegin(call);
      if (body.option_value === undefined) throw openError(61013, say('api.hint.passOptionValue'));
      return authz.option(c, appId, body.option_name, body.option_value);
    },
  };
}
