import type { Migration } from '../migrate';

/** The journal of every HTTP exchange, and a small key-value store for runtime settings. */
export const m0001Core: Migration = {
  version: 1,
  name: 'core: journal and settings',
  sql: `
      CREATE TABLE journal (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        app_id TEXT,
        ok INTEGER NOT NULL,
        entry TEXT NOT NULL
      );
      CREATE INDEX journal_kind ON journal(kind, seq);
      CREATE INDEX journal_app ON journal(app_id, seq);
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
};
