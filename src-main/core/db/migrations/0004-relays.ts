import type { Migration } from '../migrate';

/**
 * Mode-2 relays survive a restart: each is stored with its account settings and where it forwards, and
 * is started again on a port of the new run (accounts that pointed at it follow the new URL).
 */
export const m0004Relays: Migration = {
  version: 4,
  name: 'relays: persisted mode-2 relays',
  sql: `
      CREATE TABLE relays (
        id TEXT PRIMARY KEY,
        app_id TEXT NOT NULL,
        token TEXT NOT NULL,
        encoding_aes_key TEXT NOT NULL,
        mode TEXT NOT NULL,
        forward_to TEXT NOT NULL,
        url TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
    `,
};
