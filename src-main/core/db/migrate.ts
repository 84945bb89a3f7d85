import type Database from 'better-sqlite3';

/** A schema step. Migrations are numbered and append-only: never edit one that has shipped. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

/** Applies the pending migrations, each in its own transaction. Returns true when the store was new. */
export function migrate(db: Database.Database, migrations: readonly Migration[]): boolean {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((r) => r.version),
  );
  const fresh = applied.size === 0;
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.version === sorted[i - 1]!.version) {
      throw new Error(`two migrations share version ${sorted[i]!.version}`);
    }
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of sorted) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      m.up(db);
      record.run(m.version, m.name, Date.now());
    })();
  }
  return fresh;
}
