import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';
import type { Clock } from '../clock';
import type { ModelRow, OidcStore } from './store';

/**
 * oidc-provider's storage on SQLite: sessions, interactions, grants, codes and tokens survive a restart,
 * so a login half done (QR shown, phone not yet scanned) still completes after one. Clients are not
 * stored here: they are the login server's applications, read at each lookup.
 */

type ClientLookup = (clientId: string) => AdapterPayload | undefined;

function decode(row: ModelRow | undefined, now: number): AdapterPayload | undefined {
  if (!row) return undefined;
  if (row.expiresAt !== null && row.expiresAt <= now) return undefined;
  const payload = JSON.parse(row.payload) as AdapterPayload;
  if (row.consumedAt !== null) payload.consumed = Math.floor(row.consumedAt / 1000);
  return payload;
}

export function createAdapterFactory(store: OidcStore, clock: Clock, client: ClientLookup): AdapterFactory {
  const { q } = store;
  return (model: string): Adapter => {
    if (model === 'Client') {
      return {
        find: async (id) => client(id),
        upsert: async () => undefined,
        findByUid: async () => undefined,
        findByUserCode: async () => undefined,
        consume: async () => undefined,
        destroy: async () => undefined,
        revokeByGrantId: async () => undefined,
      };
    }
    return {
      async upsert(id, payload, expiresIn) {
        q.modelUpsert.run({
          model,
          id,
          payload: JSON.stringify(payload),
          grantId: payload.grantId ?? null,
          userCode: (payload as { userCode?: string }).userCode ?? null,
          uid: (payload as { uid?: string }).uid ?? null,
          expiresAt: typeof expiresIn === 'number' ? clock.now() + expiresIn * 1000 : null,
        });
      },
      async find(id) {
        return decode(q.modelGet.get(model, id), clock.now());
      },
      async findByUid(uid) {
        return decode(q.modelByUid.get(model, uid), clock.now());
      },
      async findByUserCode(userCode) {
        return decode(q.modelByUserCode.get(model, userCode), clock.now());
      },
      async consume(id) {
        q.modelConsume.run(clock.now(), model, id);
      },
      async destroy(id) {
        q.modelDelete.run(model, id);
      },
      async revokeByGrantId(grantId) {
        q.modelDeleteByGrant.run(grantId);
      },
    };
  };
}
