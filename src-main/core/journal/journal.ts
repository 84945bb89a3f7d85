import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { JournalEntry } from '../../contracts/api';
import type { Bus } from '../events/bus';
import type { Clock } from '../context';

export type NewJournalEntry = Omit<JournalEntry, 'id' | 'at'> & { id?: string; at?: number };

export interface JournalQuery {
  limit?: number;
  /** Only entries older than this sequence number (paging backwards). */
  beforeSeq?: number;
  kind?: JournalEntry['kind'];
  appId?: string;
  ok?: boolean;
}

export interface Journal {
  /** Persists the entry (one transaction) and publishes it on the bus. */
  record(entry: NewJournalEntry): JournalEntry;
  list(q?: JournalQuery): Array<JournalEntry & { seq: number }>;
  get(id: string): JournalEntry | undefined;
  count(): number;
  clear(): void;
}

export function createJournal(db: Database, bus: Bus, clock: Clock): Journal {
  const insert = db.prepare(
    'INSERT INTO journal (id, at, kind, app_id, ok, entry) VALUES (@id, @at, @kind, @appId, @ok, @entry)',
  );
  const byId = db.prepare('SELECT entry FROM journal WHERE id = ?');
  const countAll = db.prepare('SELECT COUNT(*) AS n FROM journal');
  return {
    record(input) {
      const entry: JournalEntry = { ...input, id: input.id ?? randomUUID(), at: input.at ?? clock.now() };
      insert.run({
        id: entry.id,
        at: entry.at,
        kind: entry.kind,
        appId: entry.appId ?? null,
        ok: entry.verdict.ok ? 1 : 0,
        entry: JSON.stringify(entry),
      });
      bus.publish({ type: 'journal', entry });
      return entry;
    },
    list(q = {}) {
      const where: string[] = [];
      const params: Record<string, unknown> = {};
      if (q.beforeSeq !== undefined) {
        where.push('seq < @beforeSeq');
        params.beforeSeq = q.beforeSeq;
      }
      if (q.kind) {
        where.push('kind = @kind');
        params.kind = q.kind;
      }
      if (q.appId) {
        where.push('app_id = @appId');
        params.appId = q.appId;
      }
      if (q.ok !== undefined) {
        where.push('ok = @ok');
        params.ok = q.ok ? 1 : 0;
      }
      params.limit = Math.min(Math.max(q.limit ?? 100, 1), 10_000);
      const sql = `SELECT seq, entry FROM journal ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY seq DESC LIMIT @limit`;
      return (db.prepare(sql).all(params) as Array<{ seq: number; entry: string }>).map((r) => ({
        ...(JSON.parse(r.entry) as JournalEntry),
        seq: r.seq,
      }));
    },
    get(id) {
      const row = byId.get(id) as { entry: string } | undefined;
      return row ? (JSON.parse(row.entry) as JournalEntry) : undefined;
    },
    count() {
      return (countAll.get() as { n: number }).n;
    },
    clear() {
      db.prepare('DELETE FROM journal').run();
    },
  };
}
