import type { CoreContext } from '../context';
import { createSettingsStore, type SettingsStore as GenericSettingsStore } from '../settings';
import { platformSettingsSchema, settingsPatchSchema, type PlatformSettings } from './schemas';

export type SettingsStore = GenericSettingsStore<PlatformSettings>;

/** The platform's settings: the documented defaults, of which the push timeout and attempts come from the runtime's flags. */
export function createSettings(ctx: CoreContext): SettingsStore {
  return createSettingsStore(ctx.store, 'platform.settings', { full: platformSettingsSchema, patch: settingsPatchSchema }, () => ({
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
    userInfoNickname: true,
  }));
}
