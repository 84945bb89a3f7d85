import { capabilityProblemSaid, type AccountRecord } from '../accounts';
import type { Domain } from '../domain';
import type { ApiPermission } from '../schemas';
import { WechatApiError } from '../wechat-errors';
import type { ApiCall } from './api-call';
import { checkWhitelist } from './cgi-token';

/** Every token-authenticated API: the token, optionally the whitelist, then the account's capability (48001). */
export function authorize(d: Domain, call: ApiCall, permission: ApiPermission): AccountRecord {
  // An authorizer token of a third-party platform acts for the account it was granted by (its own checks ran).
  const delegated = d.hooks.authorizerToken?.(call.query.access_token, permission, call.ip);
  const account = delegated ?? d.tokens.authenticate(call.query.access_token);
  call.appId = account.appId;
  if (!delegated && d.settings.get().ipWhitelistOnAllApis) checkWhitelist(account, call);
  const problem = capabilityProblemSaid(account, permission);
  if (problem) throw new WechatApiError(48001, undefined, problem);
  return account;
}
