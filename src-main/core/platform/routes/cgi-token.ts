import { say } from '../../../contracts/said';
import type { AccountRecord } from '../accounts';
import type { Domain } from '../domain';
import { ipAllowed, notInWhitelistSaid } from '../ip';
import { WechatApiError, apiError } from '../wechat-errors';
import { jsonBody, requirePost, type ApiCall } from './api-call';

interface Credentials {
  grantType: unknown;
  appId: unknown;
  secret: unknown;
}

/** The checks both token APIs make, in WeChat's order: grant_type, appid, secret, then the IP whitelist. */
function checkCredentials(d: Domain, call: ApiCall, c: Credentials): AccountRecord {
  if (c.grantType !== 'client_credential') throw apiError(40002, say('api.hint.grantType'));
  if (typeof c.appId !== 'string' || c.appId === '') throw apiError(41002, say('api.hint.passAppId'));
  const account = d.accounts.find(c.appId);
  if (!account) throw apiError(40013, say('api.hint.noAccount', { appId: c.appId }));
  call.appId = account.appId;
  if (typeof c.secret !== 'string' || c.secret === '') throw apiError(41004, say('api.hint.passSecret'));
  if (c.secret !== account.appSecret) {
    throw apiError(40125, say('api.hint.secretMismatch', { name: account.name }));
  }
  checkWhitelist(account, call);
  return account;
}

export function checkWhitelist(account: AccountRecord, call: ApiCall): void {
  if (!ipAllowed(account.ipWhitelist, call.ip)) {
    throw new WechatApiError(
      40164,
      notInWhitelistSaid(call.ip),
      say('api.hint.addToWhitelist', { ip: call.ip.v4 ?? call.ip.v6, name: account.name, whitelist: account.ipWhitelist.join(', ') }),
    );
  }
}

/** GET /cgi-bin/token?grant_type=client_credential&appid=…&secret=… (§7.1). */
export function getToken(d: Domain, call: ApiCall): Record<string, unknown> {
  const q = call.query;
  const account = checkCredentials(d, call, { grantType: q.grant_type, appId: q.appid, secret: q.secret });
  const issued = d.tokens.issue(account.appId);
  call.outcome = say('api.outcome.newToken', { seconds: issued.expires_in });
  return { ...issued };
}

/** POST /cgi-bin/stable_token {grant_type, appid, secret, force_refresh} (§7.2). */
export function getStableToken(d: Domain, call: ApiCall): Record<string, unknown> {
  requirePost(call);
  const body = jsonBody(call);
  const account = checkCredentials(d, call, { grantType: body.grant_type, appId: body.appid, secret: body.secret });
  const force = body.force_refresh;
  if (force !== undefined && typeof force !== 'boolean') {
    throw new WechatApiError(40097, undefined, say('api.hint.forceRefresh', { got: JSON.stringify(force) }));
  }
  const issued = d.tokens.stable(account.appId, force === true);
  call.outcome = say(force === true ? 'api.outcome.forceRefreshedToken' : 'api.outcome.stableToken', { seconds: issued.expires_in });
  return { ...issued };
}
