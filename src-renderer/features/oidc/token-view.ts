/** How the inspector shows a decoded token's values: strings as they are, others as JSON; times also as dates. */

/** Claims that are NumericDate (seconds since the epoch) in JWTs and OpenID Connect. */
const TIME_CLAIMS = new Set(['exp', 'iat', 'nbf', 'auth_time', 'updated_at']);

export function claimText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The claim's time in milliseconds when it is a NumericDate claim with a plausible value, else null. */
export function claimTime(name: string, value: unknown): number | null {
  if (!TIME_CLAIMS.has(name) || typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return null;
  return value * 1000;
}
