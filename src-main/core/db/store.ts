import type { Database, RunResult, Statement } from 'better-sqlite3';
import type { StateTopic } from '../../contracts/events';
import type { Bus } from '../events/bus';

/** A write statement that declares the state topics it changes. */
export interface Write {
  run(...params: unknown[]): RunResult;
}

/**
 * The database as the domain modules use it: one transaction per change, and nothing announced before it
 * commits. A write statement declares the topics it touches (`write(sql, 'users')`); a `changed` event per
 * touched topic is published once the outermost transaction commits — or at once for a write outside one —
 * and never for a transaction that rolled back. `afterCommit` defers anything else that must only be seen
 * once the change is durable (journal entries on the bus, a page's session stream).
 */
export interface Store {
  readonly db: Database;
  /** Runs `fn` in a transaction; nested calls are savepoints whose effects join the outer transaction. */
  tx<T>(fn: () => T): T;
  /** Runs `fn` once the current transaction commits (at once outside a transaction); dropped on rollback. */
  afterCommit(fn: () => void): void;
  /** Declares that the current change touches `topics`. */
  touch(...topics: StateTopic[]): void;
  read<T = unknown>(sql: string): Statement<unknown[], T>;
  write(sql: string, ...topics: StateTopic[]): Write;
  /**
   * Group commit: the writes of every caller in the same turn of the event loop go into one transaction,
   * and each promise settles once its writes are committed (answer only then: nothing acknowledged is
   * lost). If the group fails, each caller's writes are retried in a transaction of their own, so one bad
   * write sinks no other.
   */
  batch(fn: () => void): Promise<void>;
}

interface Frame {
  topics: Set<StateTopic>;
  after: Array<() => void>;
}

export function createStore(db: Database, bus: Bus): Store {
  const frames: Frame[] = [];
  // One transaction function, reused: building one per call (db.transaction(fn)) costs more than the
  // statements it usually wraps. Nested calls become savepoints.
  const inTransaction = db.transaction((fn: () => unknown) => fn());

  const flush = (frame: Frame): void => {
    for (const topic of frame.topics) bus.publish({ type: 'changed', topic });
    for (const fn of frame.after) {
      try {
        fn();
      } catch {
        // An announcement that fails (a closed stream) must not undo or hide a committed change.
      }
    }
  };
  const current = (): Frame | undefined => frames[frames.length - 1];
  let queue: Array<{ run: () => void; resolve: () => void; reject: (e: unknown) => void }> = [];
  let scheduled = false;
  const flushBatch = (): void => {
    scheduled = false;
    const group = queue;
    queue = [];
    try {
      store.tx(() => {
        for (const item of group) item.run();
      });
      for (const item of group) item.resolve();
    } catch {
      for (const item of group) {
        try {
          store.tx(item.run);
          item.resolve();
        } catch (err) {
          item.reject(err);
        }
      }
    }
  };

  const store: Store = {
    db,
    tx<T>(fn: () => T): T {
      const frame: Frame = { topics: new Set(), after: [] };
      frames.push(frame);
      let result: T;
      try {
        result = inTransaction(fn) as T;
      } finally {
        frames.pop();
      }
      const parent = current();
      if (parent) {
        for (const t of frame.topics) parent.topics.add(t);
        parent.after.push(...frame.after);
      } else flush(frame);
      return result;
    },
    afterCommit(fn) {
      const frame = current();
      if (frame) frame.after.push(fn);
      else flush({ topics: new Set(), after: [fn] });
    },
    touch(...topics) {
      const frame = current();
      if (frame) for (const t of topics) frame.topics.add(t);
      else flush({ topics: new Set(topics), after: [] });
    },
    batch(fn) {
      return new Promise((resolve, reject) => {
        queue.push({ run: fn, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flushBatch);
        }
      });
    },
    read: <T>(sql: string) => db.prepare(sql) as Statement<unknown[], T>,
    write(sql, ...topics) {
      const statement = db.prepare(sql);
      return {
        run(...params) {
          const r = statement.run(...params);
          if (topics.length) store.touch(...topics);
          return r;
        },
      };
    },
  };
  return store;
}
