import type { z } from 'zod';
import type { Store } from './db/store';

export interface SettingsStore<T> {
  get(): T;
  /** Validated partial update; only the keys given are stored, so defaults (some from flags) still apply to the rest. */
  update(patch: Partial<T>): T;
  reset(): void;
}

/**
 * One settings store for every module: a JSON object under one key of the core `settings` table. Only
 * explicitly saved keys are stored; the rest follow the defaults. A stored value that no longer validates
 * (an older build's key) is ignored rather than breaking startup.
 */
export function createSettingsStore<T extends object>(
  store: Store,
  key: string,
  schemas: { full: z.ZodType<T>; patch: z.ZodType<Partial<T>> },
  defaults: () => T,
): SettingsStore<T> {
  const read = store.read<{ value: string }>('SELECT value FROM settings WHERE key = ?');
  const write = store.write('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const remove = store.write('DELETE FROM settings WHERE key = ?');
  const stored = (): Partial<T> => {
    const row = read.get(key);
    if (!row) return {};
    try {
      const parsed = schemas.patch.safeParse(JSON.parse(row.value));
      return parsed.success ? parsed.data : {};
    } catch {
      return {};
    }
  };
  let cache: T | null = null;
  return {
    get() {
      return (cache ??= schemas.full.parse({ ...defaults(), ...stored() }));
    },
    update(patch) {
      const next = { ...stored(), ...schemas.patch.parse(patch) };
      write.run(key, JSON.stringify(next));
      cache = null;
      return this.get();
    },
    reset() {
      remove.run(key);
      cache = null;
    },
  };
}
