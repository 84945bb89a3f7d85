import type { AccountRecord } from '../accounts';
import type { Domain } from '../domain';
import { ipAllowed, notInWhitelistText } from '../ip';
import { WechatApiError, apiError } from '../wechat-errors';
import { jsonBody, requirePost, type ApiCall } from './api-call';

interface Credentials {
  grantType: unknown;
  appId: unknown;
  secret: unknown;
}

/** The checks both token APIs make, in WeChat's order: grant_type, appid, secret, then the IP whitelist. */
function checkCredentials(d: Domain, call: ApiCall, c: Credentials): AccountRecord {
  if (c.grantType !== 'client_credential') throw apiError(40002, 'grant_type must be client_credential');
  if (typeof c.appId !== 'string' || c.appId === '') throw apiError(41002, 'pass appid');
  const account = d.accounts.find(c.appId);
  if (!account) throw apiError(40013, `no account has the AppID ${c.appId}`);
  call.appId = account.appId;
  if (typeof c.secret !== 'string' || c.secret === '') throw apiError(41004, 'pass secret (the AppSecret)');
  if (c.secret !== account.appSecret) {
    throw apiError(40125, `the AppSecret does not match ${account.name}'s; it may have been reset on the console`);
  }
  checkWhitelist(account, call);
  return account;
}

export function checkWhitelist(account: AccountRecord, call: ApiCall): void {
  if (!ipAllowed(account.ipWhitelist, call.ip)) {
    throw new WechatApiError(
      40164,
      notInWhitelistText(call.ip),
      `add ${call.ip.v4 ?? call.ip.v6} to ${account.name}'s IP whitelist (now: ${account.ipWhitelist.join(', ')})`,
    );
  }
}

/** GET /cgi-bin/token?grant_type=client_credential&appid=…&secret=… (§7.1). */
export function getToken(d: Domain, call: ApiCall): Record<string, unknown> {
  const q = call.query;
  const account = checkCredentials(d, call, { grantType: q.grant_type, appId: q.appid, secret: q.secret });
  const issued = d.tokens.issue(account.appId);
  call.outcome = `new token, ${issued.expires_in} s`;
  return { ...issued };
}

/** POST /cgi-bin/stable_token {grant_type, appid, secret, force_refresh} (§7.2). */
export function getStableToken(d: Domain, call: ApiCall): Record<string, unknown> {
  requirePost(call);
  const body = jsonBody(call);
  const account = checkCredentials(d, call, { grantType: body.grant_type, appId: body.appid, secret: body.secret });
  const force = body.force_refresh;
  if (force !== undefined && typeof force !== 'boolean') {
    throw new WechatApiError(40097, undefined, `force_refresh must be true or false; got ${JSON.stringify(force)}`);
  }
  const issued = d.tokens.stable(account.appId, force === true);
  call.outcome = `${force === true ? 'force-refreshed' : 'stable'} token, ${issued.expires_in} s left`;
  return { ...issued };
}
