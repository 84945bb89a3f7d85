import { openSettingsPatchSchema, openSettingsSchema, type OpenSettings } from '../../../contracts/open-platform';
import type { CoreContext } from '../../context';

const KEY = 'platform.open.settings';

export const OPEN_DEFAULTS: OpenSettings = {
  verifyTicketIntervalSeconds: 600,
  verifyTicketValiditySeconds: 43_200,
  componentTokenLifetimeSeconds: 7200,
  preAuthCodeLifetimeSeconds: 1800,
  authCodeLifetimeSeconds: 3600,
  authorizerTokenLifetimeSeconds: 7200,
  authQrLifetimeSeconds: 300,
  redirectBeforePush: false,
  authCodeReusable: true,
  rotateRefreshToken: false,
  expiredAuthCodeErrcode: 61010,
  usedAuthCodeErrcode: 61009,
  revokedRefreshTokenErrcode: 61023,
  revokedAuthorizerTokenErrcode: 40001,
  unauthorizedInfoErrcode: 61003,
  authEventAttempts: 1,
  qrcodeFuncId: 3,
  userFuncId: 2,
  messageFuncId: 1,
  exclusiveFuncIds: [1],
  pushUpdateWhenUnchanged: false,
  enforceInitiationDomain: false,
  maxAuthorizationsPerAccount: 15,
};

export interface OpenSettingsStore {
  get(): OpenSettings;
  update(patch: Partial<OpenSettings>): OpenSettings;
  reset(): void;
}

/** Stored in the core key-value table; only keys that were set are stored, the rest follow the defaults. */
export function createOpenSettings(ctx: CoreContext): OpenSettingsStore {
  const read = ctx.db.prepare('SELECT value FROM settings WHERE key = ?');
  const write = ctx.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const stored = (): Partial<OpenSettings> => {
    const row = read.get(KEY) as { value: string } | undefined;
    if (!row) return {};
    try {
      const parsed = openSettingsPatchSchema.safeParse(JSON.parse(row.value));
      return parsed.success ? parsed.data : {};
    } catch {
      return {};
    }
  };
  let cache: OpenSettings | null = null;
  return {
    get() {
      return (cache ??= openSettingsSchema.parse({ ...OPEN_DEFAULTS, ...stored() }));
    },
    update(patch) {
      const next = { ...stored(), ...openSettingsPatchSchema.parse(patch) };
      write.run(KEY, JSON.stringify(next));
      cache = null;
      return this.get();
    },
    reset() {
      ctx.db.prepare('DELETE FROM settings WHERE key = ?').run(KEY);
      cache = null;
    },
  };
}
