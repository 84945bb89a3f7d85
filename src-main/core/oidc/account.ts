import type { Account, AccountClaims, FindAccount, KoaContextWithOIDC } from 'oidc-provider';
import type { LoginApplication, LoginUser } from '../../contracts/api';

/**
 * The end-user behind `sub` (= the user ID) and their claims from the WeChat identity, as GenAuth maps
 * them: `openid` is the user's OpenID for the official account they signed in with, `unionid` the
 * Open Platform UnionID when known, `userpool_id` the pool. A user is found only through a client of
 * their own pool, so a browser signed in to one pool is asked to sign in again for another.
 */

/** Scope → claims (the provider filters what an access token or id_token may carry). */
export const CLAIMS: Record<string, string[]> = {
  openid: ['sub', 'openid'],
  profile: [
    'name',
    'nickname',
    'preferred_username',
    'given_name',
    'family_name',
    'middle_name',
    'picture',
    'profile',
    'website',
    'gender',
    'birthdate',
    'zoneinfo',
    'locale',
    'updated_at',
    'userpool_id',
    'external_id',
  ],
  email: ['email', 'email_verified'],
  phone: ['phone_number', 'phone_number_verified'],
  username: ['username'],
  unionid: ['unionid'],
  external_id: ['external_id'],
};

export interface UserLookup {
  getUser(userId: string): LoginUser;
  getApp(appId: string): LoginApplication;
}

function quietly<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

/** The identity the user last signed in to this application with; else their first. */
function identityFor(user: LoginUser, appId: string | undefined) {
  const last = appId ? user.logins.find((l) => l.appId === appId) : undefined;
  return (last && user.identities.find((i) => i.connection === last.connection)) ?? user.identities[0];
}

export function claimsOf(user: LoginUser, appId: string | undefined): AccountClaims {
  const identity = identityFor(user, appId);
  const unionid = identity?.unionId ?? user.unionId;
  const name = user.nickname ?? user.username;
  return {
    sub: user.id,
    ...(identity ? { openid: identity.openId } : {}),
    ...(unionid ? { unionid } : {}),
    userpool_id: user.poolId,
    name,
    nickname: name,
    preferred_username: user.username,
    username: user.username,
    gender: 'U',
    updated_at: Math.floor(user.createdAt / 1000),
  };
}

/** The user when they exist and belong to the pool of the client asking (when one is asking). */
export function userForClient(users: UserLookup, sub: string, clientId: string | undefined): LoginUser | undefined {
  const user = quietly(() => users.getUser(sub));
  if (!user) return undefined;
  if (clientId === undefined) return user;
  const app = quietly(() => users.getApp(clientId));
  return app && app.poolId === user.poolId ? user : undefined;
}

export function createFindAccount(users: UserLookup): FindAccount {
  return async (ctx: KoaContextWithOIDC, sub: string): Promise<Account | undefined> => {
    const clientId = ctx.oidc?.client?.clientId;
    if (!userForClient(users, sub, clientId)) return undefined;
    return {
      accountId: sub,
      // Read at claim time, so a nickname or identity added since the login shows in later tokens.
      claims: async () => {
        const user = userForClient(users, sub, clientId);
        return user ? claimsOf(user, clientId) : { sub };
      },
    };
  };
}
