/**
 * What the login server puts in a login session's `error` and in the hosted page's API errors. English is
 * the canonical text (the API, the journal, scripts); the studio and the hosted page translate these by
 * identity, so they live here, beside the types, where both sides can read them.
 */
export const PAGE_TEXT = {
  loginOnlyRejected: 'This WeChat account is not registered. Sign-up is disabled for this application (login-only).',
  expired: 'QR code expired — click to refresh',
  cancelled: 'Login cancelled.',
  tooManyBindFailures: 'Too many failed sign-in attempts. Refresh the QR code and try again.',
  wrongPassword: 'Wrong username or password.',
  alreadyBound: 'This account is already linked to another WeChat user of this official account.',
  noConnection: 'No "WeChat Official Account Follow" connection is configured for this application.',
  qrUnavailable: 'The login QR code could not be created. Try again later.',
} as const;

export type PageTextKey = keyof typeof PAGE_TEXT;
