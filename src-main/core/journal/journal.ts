import { randomUUID } from 'node:crypto';
import type { JournalEntry } from '../../contracts/api';
import type { Clock } from '../clock';
import type { Store } from '../db/store';
import type { Bus } from '../events/bus';
import { redactEntry, type KnownSecret } from './redact';
import { sentenceFields, type SaidVerdict, type Sentence } from './said';

/** An entry as the engine writes it: its summary and reasons may be sentences (see `said.ts`). */
export type NewJournalEntry = Omit<JournalEntry, 'id' | 'at' | 'summary' | 'summarySaid' | 'verdict'> & {
  id?: string;
  at?: number;
  summary?: Sentence;
  verdict: SaidVerdict;
};

export interface JournalQuery {
  limit?: number;
  /** Only entries older than this sequence number (paging backwards). */
  beforeSeq?: number;
  kind?: JournalEntry['kind'];
  appId?: string;
  ok?: boolean;
}

export interface Journal {
  /**
   * Persists the entry, redacted (credentials by name, `secrets` by value), in the current transaction
   * (or its own), and publishes it on the bus once that commits — never for a rollback. The id is fixed
   * when the entry is built, so an entry written again after a failed batch is the same entry.
   */
  record(entry: NewJournalEntry, secrets?: readonly KnownSecret[]): JournalEntry;
  list(q?: JournalQuery): Array<JournalEntry & { seq: number }>;
  get(id: string): JournalEntry | undefined;
  count(): number;
  clear(): void;
}

export function createJournal(store: Store, bus: Bus, clock: Clock): Journal {
  const insert = store.read('INSERT INTO journal (id, at, kind, app_id, ok, entry) VALUES (@id, @at, @kind, @appId, @ok, @entry)');
  const byId = store.read<{ entry: string }>('SELECT entry FROM journal WHERE id = ?');
  const countAll = store.read<{ n: number }>('SELECT COUNT(*) AS n FROM journal');
  const removeAll = store.read('DELETE FROM journal');
  return {
    record(input, secrets = []) {
      const { summary, verdict, ...rest } = input;
      const entry = redactEntry({ ...rest, ...sentenceFields(summary, verdict), id: input.id ?? randomUUID(), at: input.at ?? clock.now() }, secrets);
      insert.run({
        id: entry.id,
        at: entry.at,
        kind: entry.kind,
        appId: entry.appId ?? null,
        ok: entry.verdict.ok ? 1 : 0,
        entry: JSON.stringify(entry),
      });
      store.afterCommit(() => bus.publish({ type: 'journal', entry }));
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
      return store
        .read<{ seq: number; entry: string }>(sql)
        .all(params)
        .map((r) => ({ ...(JSON.parse(r.entry) as JournalEntry), seq: r.seq }));
    },
    get(id) {
      const row = byId.get(id);
      return row ? (JSON.parse(row.entry) as JournalEntry) : undefined;
    },
    count() {
      return countAll.get()?.n ?? 0;
    },
    clear() {
      removeAll.run();
    },
  };
}
