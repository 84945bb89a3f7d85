import { openSettingsPatchSchema, openSettingsSchema, type OpenSettings } from '../../../contracts/open-platform';
import type { CoreContext } from '../../context';
import { createSettingsStore, type SettingsStore } from '../../settings';

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

export type OpenSettingsStore = SettingsStore<OpenSettings>;

/** Stored in the core key-value table; only keys that were set are stored, the rest follow the defaults. */
export function createOpenSettings(ctx: CoreContext): OpenSettingsStore {
  return createSettingsStore(ctx.store, KEY, { full: openSettingsSchema, patch: openSettingsPatchSchema }, () => OPEN_DEFAULTS);
}
