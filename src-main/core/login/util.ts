import type { RandomBytes } from '../context';

/** A random id of `bytes` bytes as lower-case hex (pool, app and user ids: 12 bytes = 24 hex, like GenAuth's). */
export function hexId(random: RandomBytes, bytes = 12): string {
  return random(bytes).toString('hex');
}

/** An unguessable id (128 bits), URL-safe: login session ids. */
export function sessionId(random: RandomBytes): string {
  return random(16).toString('base64url');
}

export { maskSecret as mask } from '../journal/redact';

export function unixSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}
