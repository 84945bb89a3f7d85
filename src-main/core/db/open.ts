import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate, type Migration } from './migrate';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

export interface OpenResult {
  db: Db;
  /** True when the store had no schema before this open (a new data dir or memory). */
  fresh: boolean;
}

/**
 * Opens the studio's database: WAL journal (readers never block the writer, and a crash loses nothing
 * that was committed), foreign keys on, and every migration applied in order.
 */
export function openDatabase(file: string, migrations: readonly Migration[] = MIGRATIONS): OpenResult {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  if (file !== ':memory:') db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode: a committed transaction survives a process crash; only an OS crash or power
  // loss can drop the last few, which is the trade SQLite documents for WAL.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const fresh = migrate(db, migrations);
  return { db, fresh };
}
