import { z } from 'zod';
import type { Relay } from '../../contracts/api';
import { aesKeyRequiredForMode, appIdSchema, messageModeSchema, tokenSchema } from '../../contracts/rules';
import type { CoreContext } from '../context';
import { StudioError, fromZodError } from '../http/errors';
import type { Login } from '../login';
import type { Platform } from '../platform';
import { createRelays, type ForwardSpec, type ForwardTarget, type Relays } from '../relay';

/**
 * Relays with the studio's wiring: a relay forwarding to a login-server connection resolves it at every
 * forward, and "configure the account" points the account's server URL at the new relay (WeChat's URL
 * verification included) — the one place that needs both the login server and the mock platform.
 */

const keySchema = z
  .string({ error: 'EncodingAESKey must be 43 characters of A-Z, a-z, 0-9' })
  .optional()
  .transform((v) => (v ?? '').trim());

export const relayBody = z.object({
  appId: appIdSchema,
  token: tokenSchema,
  encodingAesKey: keySchema,
  mode: messageModeSchema,
  forwardTo: z.union(
    [
      z.object({ poolId: z.string().min(1), identifier: z.string().min(1) }).strict(),
      z.object({ url: z.url({ error: 'forwardTo.url must be an http(s) URL' }), token: tokenSchema, encodingAesKey: keySchema, mode: messageModeSchema }).strict(),
    ],
    { error: 'forwardTo must be {poolId, identifier} of a connection or {url, token, encodingAesKey, mode}' },
  ),
  configureAccount: z.boolean().optional(),
});
export type RelayBody = z.infer<typeof relayBody>;

export function createStudioRelays(ctx: CoreContext, platform: Platform, login: Login) {
  const resolve = (spec: ForwardSpec): ForwardTarget => {
    if (!('poolId' in spec)) return spec;
    const c = login.service.getConnection(spec.poolId, spec.identifier, true);
    return { url: c.eventsUrl, token: c.token, encodingAesKey: c.encodingAesKey, mode: c.mode };
  };
  const relays: Relays = createRelays(ctx, { resolve, maxSkewSeconds: () => login.service.maxSkewSeconds() });

  function check(input: RelayBody): void {
    const keyProblem = aesKeyRequiredForMode(input.mode, input.encodingAesKey);
    if (keyProblem) throw new StudioError(422, 'invalid_field', keyProblem, 'encodingAesKey');
    const fwd = input.forwardTo;
    if ('poolId' in fwd) {
      const conn = login.service.getConnection(fwd.poolId, fwd.identifier);
      if (conn.appId !== input.appId) {
        throw new StudioError(422, 'invalid_field', `connection "${conn.identifier}" is for AppID ${conn.appId}, not ${input.appId}`, 'forwardTo');
      }
    } else {
      const problem = aesKeyRequiredForMode(fwd.mode, fwd.encodingAesKey);
      if (problem) throw new StudioError(422, 'invalid_field', problem, 'forwardTo.encodingAesKey');
    }
    if (input.configureAccount && !platform.service.getAccount(input.appId)) {
      throw new StudioError(404, 'not_found', `account ${JSON.stringify(input.appId)} does not exist`, 'appId');
    }
  }

  return {
    relays,
    async start(raw: unknown): Promise<Relay> {
      const parsed = relayBody.safeParse(raw);
      if (!parsed.success) throw fromZodError(parsed.error);
      const input = parsed.data;
      check(input);
      const account = { appId: input.appId, token: input.token, encodingAesKey: input.encodingAesKey, mode: input.mode };
      const relay = await relays.create(account, input.forwardTo);
      if (input.configureAccount) {
        try {
          await platform.service.setServerConfig(input.appId, { url: relay.url, token: input.token, encodingAesKey: input.encodingAesKey, mode: input.mode, enabled: true }, { verify: true });
        } catch (err) {
          await relays.remove(relay.id);
          throw err;
        }
      }
      return relays.get(relay.id) ?? relay;
    },
    async stop(id: string): Promise<void> {
      if (!(await relays.remove(id))) throw new StudioError(404, 'not_found', `relay ${JSON.stringify(id)} does not exist`, 'id');
    },
  };
}

export type StudioRelays = ReturnType<typeof createStudioRelays>;
