import { say } from '../../contracts/said';
import type { CoreContext } from '../context';
import { URL_SAFE, randomChars } from '../wechat/random';
import type { AccountRecord, Accounts } from './accounts';
import type { Repo, TokenRow } from './repo';
import type { SettingsStore } from './settings';
import { WechatApiError, apiError } from './wechat-errors';

const DAY_MS = 86_400_000;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{1,512}$/;

export interface IssuedToken {
  access_token: string;
  expires_in: number;
}

/**
 * Access tokens as WeChat runs them (§7.1, §7.2): 7200 s; each /token call issues a new token and the
 * previous one keeps working only for the 5-minute hand-over; stable_token returns the same token with
 * its remaining lifetime until it is renewed 5 minutes before expiry, or invalidates it on force_refresh;
 * the two kinds are independent. A secret reset invalidates every token.
 */
export function createTokens(ctx: CoreContext, repo: Repo, accounts: Accounts, settings: SettingsStore) {
  const now = (): number => ctx.clock.now();
  // Shape of real tokens: a small number, `_`, then ~130 URL-safe characters.
  const mint = (): string => `${90 + (ctx.random(1)[0] ?? 0) % 10}_${randomChars(ctx.random, URL_SAFE, 134)}`;

  function insert(appId: string, kind: TokenRow['kind']): TokenRow {
    const t = now();
    const row: TokenRow = {
      token: mint(),
      app_id: appId,
      kind,
      issued_at: t,
      expires_at: t + settings.get().tokenLifetimeSeconds * 1000,
      superseded_at: null,
      invalidated_at: null,
    };
    repo.tokenInsert.run(row);
    return row;
  }

  return {
    /** /cgi-bin/token: always a new token; the previous ones are handed over. */
    issue(appId: string): IssuedToken {
      const { tokenOverlapSeconds, tokenLifetimeSeconds } = settings.get();
      const row = repo.tx(() => {
        const t = now();
        repo.tokenPrune.run(t - DAY_MS);
        const fresh = insert(appId, 'token');
        repo.tokenSupersede.run({ now: t, until: t + tokenOverlapSeconds * 1000, app_id: appId, kind: 'token', keep: fresh.token });
        return fresh;
      });
      return { access_token: row.token, expires_in: tokenLifetimeSeconds };
    },
    /** /cgi-bin/stable_token. */
    stable(appId: string, forceRefresh: boolean): IssuedToken {
      const { tokenOverlapSeconds } = settings.get();
      const row = repo.tx(() => {
        const t = now();
        if (forceRefresh) {
          repo.tokenInvalidateKind.run(t, appId, 'stable');
          return insert(appId, 'stable');
        }
        const current = repo.tokenLatestStable.get(appId, t);
        if (current && current.expires_at - t > tokenOverlapSeconds * 1000) return current;
        // Renewed in the last minutes of its life; the old one keeps working until it expires (overlap).
        const fresh = insert(appId, 'stable');
        if (current) repo.tokenSupersede.run({ now: t, until: current.expires_at, app_id: appId, kind: 'stable', keep: fresh.token });
        return fresh;
      });
      return { access_token: row.token, expires_in: Math.max(0, Math.floor((row.expires_at - now()) / 1000)) };
    },
    /** The account a token belongs to, or WeChat's error for a missing, unknown, superseded or expired token. */
    authenticate(token: string | undefined): AccountRecord {
      if (token === undefined || token === '') throw apiError(41001, say('api.hint.passAccessToken'));
      if (!TOKEN_SHAPE.test(token)) throw apiError(40014, say('api.hint.tokenMalformed'));
      const row = repo.tokenGet.get(token);
      if (!row) throw apiError(40001, say('api.hint.tokenNeverIssued'));
      const t = now();
      if (row.invalidated_at !== null) {
        throw apiError(40001, say('api.hint.tokenInvalidated'));
      }
      if (t >= row.expires_at) {
        if (row.superseded_at !== null) {
          throw apiError(40001, say('api.hint.tokenSuperseded'));
        }
        throw apiError(42001, say('api.hint.tokenExpired', { seconds: Math.round((t - row.expires_at) / 1000) }));
      }
      const account = accounts.find(row.app_id);
      if (!account) throw new WechatApiError(40001, undefined, say('api.hint.tokenAccountGone'));
      return account;
    },
  };
}

export type Tokens = ReturnType<typeof createTokens>;
