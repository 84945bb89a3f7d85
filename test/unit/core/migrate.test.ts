import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { openDatabase } from '../../../src-main/core/db/open';
import { makeTempDir } from '../../../src-main/core/db/temp';
import type { Migration } from '../../../src-main/core/db/migrate';

describe('database', () => {
  it('opens in WAL with foreign keys, applies migrations once, and reports a fresh store', () => {
    const tmp = makeTempDir();
    try {
      const file = path.join(tmp.dir, 'a', 'studio.db');
      const applied: number[] = [];
      const migrations: Migration[] = [
        { version: 1, name: 'one', up: (db) => (applied.push(1), db.exec('CREATE TABLE t (x INTEGER)')) },
        { version: 2, name: 'two', up: (db) => (applied.push(2), db.exec('ALTER TABLE t ADD COLUMN y TEXT')) },
      ];
      const first = openDatabase(file, migrations);
      expect(first.fresh).toBe(true);
      expect(first.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(first.db.pragma('foreign_keys', { simple: true })).toBe(1);
      first.db.prepare('INSERT INTO t (x, y) VALUES (1, ?)').run('kept');
      first.db.close();
      const second = openDatabase(file, migrations);
      expect(second.fresh).toBe(false);
      expect(applied).toEqual([1, 2]);
      expect(second.db.prepare('SELECT y FROM t').get()).toEqual({ y: 'kept' });
      second.db.close();
    } finally {
      tmp.remove();
    }
  });

  it('rolls back a failing migration and applies nothing of it', () => {
    const migrations: Migration[] = [
      { version: 1, name: 'ok', up: (db) => db.exec('CREATE TABLE a (x)') },
      {
        version: 2,
        name: 'broken',
        up: (db) => {
          db.exec('CREATE TABLE b (x)');
          throw new Error('boom');
        },
      },
    ];
    expect(() => openDatabase(':memory:', migrations)).toThrow('boom');
  });

  it('refuses two migrations with the same number', () => {
    const m: Migration = { version: 1, name: 'x', up: () => {} };
    expect(() => openDatabase(':memory:', [m, { ...m, name: 'y' }])).toThrow(/share version 1/);
  });
});
