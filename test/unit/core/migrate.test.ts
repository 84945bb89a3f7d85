import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { openDatabase } from '../../../src-main/core/db/open';
import { makeTempDir } from '../../../src-main/core/db/temp';
import { migrationHash, type Migration } from '../../../src-main/core/db/migrate';
import { MIGRATIONS } from '../../../src-main/core/db/migrations';

describe('database', () => {
  it('opens in WAL with foreign keys, applies migrations once, and reports a fresh store', () => {
    const tmp = makeTempDir();
    try {
      const file = path.join(tmp.dir, 'a', 'studio.db');
      const migrations: Migration[] = [
        { version: 1, name: 'one', sql: 'CREATE TABLE t (x INTEGER)' },
        { version: 2, name: 'two', sql: 'ALTER TABLE t ADD COLUMN y TEXT' },
      ];
      const first = openDatabase(file, migrations);
      expect(first.fresh).toBe(true);
      expect(first.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(first.db.pragma('foreign_keys', { simple: true })).toBe(1);
      first.db.prepare('INSERT INTO t (x, y) VALUES (1, ?)').run('kept');
      first.db.close();
      const second = openDatabase(file, migrations);
      expect(second.fresh).toBe(false);
      expect(second.db.prepare('SELECT y FROM t').get()).toEqual({ y: 'kept' });
      expect(second.db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: 2 });
      second.db.close();
    } finally {
      tmp.remove();
    }
  });

  it('rolls back a failing migration and applies nothing of it', () => {
    const migrations: Migration[] = [
      { version: 1, name: 'ok', sql: 'CREATE TABLE a (x)' },
      { version: 2, name: 'broken', sql: 'CREATE TABLE b (x); CREATE TABLE a (x);' },
    ];
    expect(() => openDatabase(':memory:', migrations)).toThrow(/already exists/);
  });

  it('refuses two migrations with the same number', () => {
    const m: Migration = { version: 1, name: 'x', sql: 'SELECT 1' };
    expect(() => openDatabase(':memory:', [m, { ...m, name: 'y' }])).toThrow(/share version 1/);
  });

  it('refuses to open a store built with a migration that was edited since', () => {
    const tmp = makeTempDir();
    try {
      const file = path.join(tmp.dir, 'studio.db');
      openDatabase(file, [{ version: 1, name: 'one', sql: 'CREATE TABLE t (x INTEGER)' }]).db.close();
      expect(() => openDatabase(file, [{ version: 1, name: 'one', sql: 'CREATE TABLE t (x INTEGER, y TEXT)' }])).toThrow(
        /migration 0001 \(one\) differs from the one this data folder was built with/,
      );
    } finally {
      tmp.remove();
    }
  });

  it('learns the hashes of a store made before they were recorded, then holds it to them', () => {
    const tmp = makeTempDir();
    try {
      const file = path.join(tmp.dir, 'studio.db');
      const m: Migration = { version: 1, name: 'one', sql: 'CREATE TABLE t (x INTEGER)' };
      const { db } = openDatabase(file, [m]);
      db.prepare('UPDATE schema_migrations SET hash = NULL').run();
      db.close();
      openDatabase(file, [m]).db.close();
      expect(() => openDatabase(file, [{ ...m, sql: `${m.sql} ` }])).toThrow(/differs/);
    } finally {
      tmp.remove();
    }
  });
});

/**
 * The shipped migrations, pinned. A change to one of these hashes means a shipped migration was edited:
 * add a new migration instead. Append a line here when a new migration ships.
 */
const SHIPPED: Record<number, string> = {
  1: 'cb795b504bad833cf056ef18a00f0cbd10406e5d6b3afb113040f72caeb79888',
  2: 'bd20021ab9b207719ed5c44559442ca44787b7933c881e3fb7c346835f5ef72a',
  3: '567fcc09cb3910dd9586bdee027ab2a4d83ce0b70859f8be570b23e72f922fb5',
  4: 'f06687215ef4e2f3e50fbdf8f73bde965f502ceab3ab5fd1832babd819b81b60',
  5: 'd2bcf13dd94f99c5c925d487077a5f7df6ab1d18e322fdc87252500512f1f1f7',
  6: '015debd00530efc5fd5d07a9604a64c01a424eb59884ec40af40bef738f56cba',
  7: '6e00d50e1582bf125e1f7929e90b9630c8d0cd7bd55f5561627b2c5caaf546a7',
};

describe('shipped migrations', () => {
  it('are unchanged since they shipped', () => {
    const actual = Object.fromEntries(MIGRATIONS.map((m) => [m.version, migrationHash(m)]));
    for (const [version, hash] of Object.entries(SHIPPED)) expect({ version, hash: actual[Number(version)] }).toEqual({ version, hash });
  });
});
