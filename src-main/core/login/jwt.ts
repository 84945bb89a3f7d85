import { SignJWT, jwtVerify, type JWTPayload } from 'jose';

/** The login session token a user gets once AUTHORIZED: an HS256 JWT signed with the pool's own secret. */

export interface LoginTokenClaims {
  userId: string;
  username: string;
  poolId: string;
  applicationId: string;
  sessionId: string;
  connection: string;
  issuer: string;
  /** Unix seconds. */
  now: number;
  ttlSeconds?: number;
}

const DEFAULT_TTL = 3600;

function keyOf(secret: string): Uint8Array {
  return new Uint8Array(Buffer.from(secret, 'base64url'));
}

export async function signLoginToken(secret: string, c: LoginTokenClaims): Promise<string> {
  return new SignJWT({
    username: c.username,
    pool: c.poolId,
    sid: c.sessionId,
    amr: ['wechat-official-account-follow'],
    connection: c.connection,
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(c.userId)
    .setAudience(c.applicationId)
    .setIssuer(c.issuer)
    .setIssuedAt(c.now)
    .setExpirationTime(c.now + (c.ttlSeconds ?? DEFAULT_TTL))
    .sign(keyOf(secret));
}

export async function verifyLoginToken(secret: string, token: string, nowSeconds?: number): Promise<JWTPayload> {
  const { payload } = await jwtVerify(token, keyOf(secret), {
    algorithms: ['HS256'],
    ...(nowSeconds === undefined ? {} : { currentDate: new Date(nowSeconds * 1000) }),
  });
  return payload;
}
