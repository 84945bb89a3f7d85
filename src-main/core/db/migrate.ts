import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

/**
 * A schema step: SQL text, numbered, append-only. Each applied step's hash is recorded, and a store whose
 * recorded hash differs from the shipped text refuses to open: a migration edited after it shipped would
 * leave stores that ran the old text and stores that ran the new one with different schemas.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export class MigrationEditedError extends Error {
  constructor(readonly migration: Migration) {
    super(
      `migration ${String(migration.version).padStart(4, '0')} (${migration.name}) differs from the one this data folder was built with; ` +
        'shipped migrations are never edited — add a new migration instead',
    );
  }
}

export function migrationHash(m: Migration): string {
  return createHash('sha256').update(m.sql).digest('hex');
}

/** Applies the pending migrations, each in its own transaction. Returns true when the store was new. */
export function migrate(db: Database.Database, migrations: readonly Migration[]): boolean {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL, hash TEXT)`);
  const columns = db.prepare('PRAGMA table_info(schema_migrations)').all() as Array<{ name: string }>;
  if (!columns.some((c) => c.name === 'hash')) db.exec('ALTER TABLE schema_migrations ADD COLUMN hash TEXT');
  const applied = new Map(
    (db.prepare('SELECT version, hash FROM schema_migrations').all() as Array<{ version: number; hash: string | null }>).map((r) => [r.version, r.hash]),
  );
  const fresh = applied.size === 0;
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.version === sorted[i - 1]!.version) throw new Error(`two migrations share version ${sorted[i]!.version}`);
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at, hash) VALUES (?, ?, ?, ?)');
  const remember = db.prepare('UPDATE schema_migrations SET hash = ? WHERE version = ?');
  for (const m of sorted) {
    const hash = migrationHash(m);
    if (applied.has(m.version)) {
      const known = applied.get(m.version);
      // Stores made before hashes were recorded learn them on their first open.
      if (known == null) remember.run(hash, m.version);
      else if (known !== hash) throw new MigrationEditedError(m);
      continue;
    }
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, Date.now(), hash);
    })();
  }
  return fresh;
}
