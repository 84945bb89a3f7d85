import { createHash, generateKeyPair, type JsonWebKey } from 'node:crypto';
import { promisify } from 'node:util';
import type { OidcSigningKey } from '../../contracts/oidc';
import type { Clock } from '../clock';
import { StudioError } from '../http/errors';
import type { KeyRow, OidcStore } from './store';

/**
 * The provider's RS256 signing keys, persisted. Rotation makes a new active key and retires the old one;
 * a retired key stays in the JWKS (verification only: the provider signs with the first key) until it is
 * removed or its retention ends, so tokens it signed keep verifying while clients pick up the new `kid`.
 */

/** Retired keys stay published this long by default: the default access and id token lifetime (14 days). */
export const KEY_RETENTION_MS = 14 * 86_400_000;

export type PrivateJwk = JsonWebKey & { kid: string; alg: 'RS256'; use: 'sig' };

/** RFC 7638 thumbprint of the public part: the kid is stable and says which key it is. */
function thumbprint(jwk: JsonWebKey): string {
  return createHash('sha256').update(JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n })).digest('base64url');
}

const generateRsa = promisify(generateKeyPair);

/** Off the event loop: a 2048-bit RSA key takes a noticeable moment on a busy machine. */
async function newKey(): Promise<PrivateJwk> {
  const { privateKey } = await generateRsa('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  return { ...jwk, kid: thumbprint(jwk), alg: 'RS256', use: 'sig' };
}

export function createKeyring(store: OidcStore, clock: Clock, retentionMs = KEY_RETENTION_MS) {
  const { q } = store;

  const published = (row: KeyRow): boolean => row.retiredAt === null || row.retiredAt + retentionMs > clock.now();

  function dto(row: KeyRow): OidcSigningKey {
    return {
      kid: row.kid,
      alg: row.alg,
      createdAt: row.createdAt,
      retiredAt: row.retiredAt,
      active: row.retiredAt === null,
      publishedUntil: row.retiredAt === null ? null : row.retiredAt + retentionMs,
    };
  }

  function insert(jwk: PrivateJwk): void {
    q.keyInsert.run({ kid: jwk.kid, alg: 'RS256', privateJwk: JSON.stringify(jwk), createdAt: clock.now(), retiredAt: null });
  }

  return {
    /** Makes the first key when there is none (a new store). */
    async ensure(): Promise<void> {
      if (q.keyAll.all().some((k) => k.retiredAt === null)) return;
      const jwk = await newKey();
      store.tx(() => {
        if (!q.keyAll.all().some((k) => k.retiredAt === null)) insert(jwk);
      });
    },
    /** The provider's keystore: the active key first (it signs), then the retired keys still published. */
    jwks(): { keys: PrivateJwk[] } {
      return { keys: q.keyAll.all().filter(published).map((k) => JSON.parse(k.privateJwk) as PrivateJwk) };
    },
    list(): OidcSigningKey[] {
      return q.keyAll.all().filter(published).map(dto);
    },
    async rotate(): Promise<OidcSigningKey> {
      const jwk = await newKey();
      store.tx(() => {
        q.keyRetireActive.run(clock.now());
        insert(jwk);
      });
      return dto(q.keyAll.all().find((k) => k.kid === jwk.kid)!);
    },
    /** Stops publishing a retired key: tokens it signed no longer verify. */
    remove(kid: string): void {
      const row = q.keyAll.all().find((k) => k.kid === kid);
      if (!row) throw new StudioError(404, 'not_found', `signing key ${JSON.stringify(kid)} does not exist`, 'kid');
      if (row.retiredAt === null) {
        throw new StudioError(409, 'active_key', 'the active signing key cannot be removed; rotate first', 'kid');
      }
      q.keyDelete.run(kid);
    },
    prune(): number {
      return q.keyPruneRetired.run(clock.now() - retentionMs).changes;
    },
  };
}

export type Keyring = ReturnType<typeof createKeyring>;
