import { z } from 'zod';
import type { AccountWithWarnings } from '../../contracts/api';
import { StudioError } from '../http/errors';
import type { Login } from '../login';
import type { Platform } from '../platform';

/**
 * "Point this account back at the login server": the account's server configuration on the mock platform
 * gets the identity source's events URL, Token, EncodingAESKey and message encryption method, and is
 * enabled — with WeChat's URL verification as on the console's Submit. It needs both domains, so it lives
 * in the studio's composition. The answer is the account as the console's Submit answers it.
 */

export const pointBackBody = z.object({
  poolId: z.string({ error: 'poolId is required' }).min(1, { error: 'poolId is required' }),
  identifier: z.string({ error: 'identifier is required' }).min(1, { error: 'identifier is required' }),
});
export type PointBack = z.infer<typeof pointBackBody>;

export async function pointBack(platform: Platform, login: Login, input: PointBack): Promise<AccountWithWarnings> {
  const c = login.service.getConnection(input.poolId, input.identifier, true);
  if (!c.token) {
    throw new StudioError(409, 'connected_by_authorization', `identity source "${c.identifier}" is connected by authorization: WeChat pushes its events to the third-party platform's message URL`, 'identifier');
  }
  if (!platform.service.getAccount(c.appId)) {
    throw new StudioError(404, 'not_found', `account ${JSON.stringify(c.appId)} does not exist`, 'appId');
  }
  const { account, warnings } = await platform.service.setServerConfig(c.appId, { url: c.eventsUrl, token: c.token, encodingAesKey: c.encodingAesKey, mode: c.mode, enabled: true }, { verify: true });
  return { ...account, warnings };
}
