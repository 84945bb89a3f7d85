import { say, sayText, type Said } from '../../contracts/said';
import type { Account, ServerConfig } from '../../contracts/api';
import type { CoreContext } from '../context';
import { StudioError, notFound } from '../http/errors';
import { newAppId, newAppSecret, newOriginalId } from '../wechat/ids';
import { maskSecret } from '../journal/redact';
import type { AccountRow, Repo } from './repo';
import { API_PERMISSIONS, type ApiPermission } from './schemas';

/** An account with its secrets, for the platform's own use; never sent to a client as is. */
export interface AccountRecord extends Account {
  appSecret: string;
  permissions: ApiPermission[];
}

export { maskSecret };

function parseList(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function accountFromRow(r: AccountRow): AccountRecord {
  return {
    appId: r.app_id,
    originalId: r.original_id,
    name: r.name,
    type: r.type,
    verified: r.verified === 1,
    ipWhitelist: parseList(r.ip_whitelist),
    permissions: parseList(r.permissions).filter((p): p is ApiPermission => (API_PERMISSIONS as readonly string[]).includes(p)),
    server: {
      url: r.server_url,
      token: r.server_token,
      encodingAesKey: r.server_aes_key,
      mode: r.server_mode,
      enabled: r.server_enabled === 1,
    },
    appSecret: r.app_secret,
    createdAt: r.created_at,
  };
}

/**
 * The DTO: the AppSecret only masked (it is shown in full once, at creation or reset). Token and
 * EncodingAESKey stay readable, as on WeChat's console, which shows them to the account's operator.
 */
export function accountDto(a: AccountRecord): Account {
  const { appSecret, ...rest } = a;
  return { ...rest, server: { ...a.server }, appSecretMasked: maskSecret(appSecret) };
}

/** What an account may call, by WeChat's capability matrix (§9.2) and the console's permission switches. */
export function capabilityProblemSaid(a: AccountRecord, p: ApiPermission): Said | null {
  const kind = say(`api.accountKind.${a.verified ? 'verified' : 'unverified'}${a.type === 'service' ? 'Service' : 'Subscription'}`);
  if (p === 'qrcode' && !(a.type === 'service' && a.verified)) return say('api.hint.qrNeedsVerifiedService', { name: a.name, kind });
  if ((p === 'user_info' || p === 'user_list' || p === 'custom_send') && !a.verified) return say('api.hint.needsVerified', { name: a.name, kind });
  if (!a.permissions.includes(p)) return say('api.hint.permissionOff', { permission: p, name: a.name });
  return null;
}

/** The same, as English text (the control API's error). */
export function capabilityProblem(a: AccountRecord, p: ApiPermission): string | null {
  const said = capabilityProblemSaid(a, p);
  return said && sayText(said);
}

export interface CreateAccountInput {
  name: string;
  type: Account['type'];
  verified: boolean;
}

export interface AccountPatch {
  name?: string;
  type?: Account['type'];
  verified?: boolean;
  ipWhitelist?: string[];
  permissions?: ApiPermission[];
}

export function createAccounts(ctx: CoreContext, repo: Repo) {
  return {
    find(appId: string): AccountRecord | undefined {
      const row = repo.accountById.get(appId);
      return row ? accountFromRow(row) : undefined;
    },
    get(appId: string, field = 'appId'): AccountRecord {
      const a = this.find(appId);
      if (!a) throw notFound('account', appId, field);
      return a;
    },
    byOriginalId(originalId: string): AccountRecord | undefined {
      const row = repo.accountByOriginalId.get(originalId);
      return row ? accountFromRow(row) : undefined;
    },
    list(): AccountRecord[] {
      return repo.accountsAll.all().map(accountFromRow);
    },
    /** `fixed` keeps the IDs and the AppSecret of a re-created account (the demo keeps its IDs across resets). */
    create(input: CreateAccountInput, fixed?: { appId: string; originalId: string; appSecret: string }): { account: AccountRecord; appSecret: string } {
      const appSecret = fixed?.appSecret ?? newAppSecret(ctx.random);
      let appId = fixed?.appId ?? newAppId(ctx.random);
      let originalId = fixed?.originalId ?? newOriginalId(ctx.random);
      // Collisions are astronomically unlikely with real randomness; an injected fixed source must not crash us.
      for (let i = 0; (this.find(appId) || this.byOriginalId(originalId)) && i < 8; i++) {
        appId = newAppId(ctx.random);
        originalId = newOriginalId(ctx.random);
      }
      repo.accountInsert.run({
        app_id: appId,
        original_id: originalId,
        name: input.name,
        type: input.type,
        verified: input.verified ? 1 : 0,
        app_secret: appSecret,
        ip_whitelist: '[]',
        permissions: JSON.stringify(API_PERMISSIONS),
        created_at: ctx.clock.now(),
      });
      return { account: this.get(appId), appSecret };
    },
    update(appId: string, patch: AccountPatch): AccountRecord {
      const a = this.get(appId);
      repo.accountUpdateBasics.run({
        app_id: appId,
        name: patch.name ?? a.name,
        type: patch.type ?? a.type,
        verified: (patch.verified ?? a.verified) ? 1 : 0,
        ip_whitelist: JSON.stringify([...new Set(patch.ipWhitelist ?? a.ipWhitelist)]),
        permissions: JSON.stringify([...new Set(patch.permissions ?? a.permissions)]),
      });
      return this.get(appId);
    },
    /** A new AppSecret; the old one stops working and so do the tokens it obtained (as on WeChat). */
    resetSecret(appId: string): string {
      this.get(appId);
      const secret = newAppSecret(ctx.random);
      repo.tx(() => {
        repo.accountUpdateSecret.run(secret, appId);
        repo.tokenInvalidateAll.run(ctx.clock.now(), appId);
      });
      return secret;
    },
    saveServer(appId: string, config: ServerConfig): AccountRecord {
      this.get(appId);
      repo.accountUpdateServer.run({ ...config, appId, enabled: config.enabled ? 1 : 0 });
      return this.get(appId);
    },
    /** Points every server URL that starts with `from` at `to` instead (the studio's own servers moved). */
    rebaseServerUrls(from: string, to: string): string[] {
      const moved: string[] = [];
      repo.tx(() => {
        for (const a of this.list()) {
          if (a.server.url !== from && !a.server.url.startsWith(from.endsWith('/') ? from : `${from}/`)) continue;
          repo.accountUpdateServer.run({ ...a.server, url: to + a.server.url.slice(from.length), appId: a.appId, enabled: a.server.enabled ? 1 : 0 });
          moved.push(a.appId);
        }
      });
      return moved;
    },
    remove(appId: string): void {
      this.get(appId);
      repo.accountDelete.run(appId);
    },
    assertCan(a: AccountRecord, p: ApiPermission): void {
      const problem = capabilityProblem(a, p);
      if (problem) throw new StudioError(403, 'api_unauthorized', problem);
    },
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
