import type { CoreContext } from '../context';
import { platformSettingsSchema, settingsPatchSchema, type PlatformSettings } from './schemas';

const KEY = 'platform.settings';

export interface SettingsStore {
  get(): PlatformSettings;
  /** Validated partial update; only the keys given are stored, so defaults from flags still apply to the rest. */
  update(patch: Partial<PlatformSettings>): PlatformSettings;
  reset(): void;
}

/**
 * Settings live in the core key-value table. Only explicitly saved keys are stored: the rest follow the
 * defaults, of which the push timeout and attempts come from the runtime's flags.
 */
export function createSettings(ctx: CoreContext): SettingsStore {
  const read = ctx.db.prepare('SELECT value FROM settings WHERE key = ?');
  const write = ctx.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const remove = ctx.db.prepare('DELETE FROM settings WHERE key = ?');
  const defaults = (): PlatformSettings => ({
    pushTimeoutMs: ctx.config.pushTimeoutMs,
    pushAttempts: ctx.config.pushAttempts,
    retrySpacingMs: 0,
    retryOnHttpError: true,
    freshTransportOnRetry: true,
    emptyEventKeyOnPlainFollow: true,
    openIdInPlaintextQuery: true,
    pushUserAgent: 'Mozilla/4.0',
    ipWhitelistOnAllApis: false,
    defaultQrExpireSeconds: 60,
    permanentCodesIncludeExpireSeconds: false,
    permanentQrLimit: 100_000,
    tokenLifetimeSeconds: 7200,
    tokenOverlapSeconds: 300,
    enforceCustomerServiceWindow: true,
  });
  const stored = (): Partial<PlatformSettings> => {
    const row = read.get(KEY) as { value: string } | undefined;
    if (!row) return {};
    try {
      const parsed = settingsPatchSchema.safeParse(JSON.parse(row.value));
      // A value that no longer validates (an older build's key) is ignored rather than breaking startup.
      return parsed.success ? parsed.data : {};
    } catch {
      return {};
    }
  };
  let cache: PlatformSettings | null = null;
  return {
    get() {
      return (cache ??= platformSettingsSchema.parse({ ...defaults(), ...stored() }));
    },
    update(patch) {
      const next = { ...stored(), ...settingsPatchSchema.parse(patch) };
      write.run(KEY, JSON.stringify(next));
      cache = null;
      return this.get();
    },
    reset() {
      remove.run(KEY);
      cache = null;
    },
  };
}
