import type { RandomBytes } from '../context';

/** A random id of `bytes` bytes as lower-case hex (pool, app and user ids: 12 bytes = 24 hex, like GenAuth's). */
export function hexId(random: RandomBytes, bytes = 12): string {
  return random(bytes).toString('hex');
}

/** An unguessable id (128 bits), URL-safe: login session ids. */
export function sessionId(random: RandomBytes): string {
  return random(16).toString('base64url');
}

/** "a1b2••••••••9f0e": enough to recognise a secret, not enough to use it. */
export function mask(secret: string): string {
  if (!secret) return '';
  if (secret.length <= 8) return '•'.repeat(secret.length);
  const keep = secret.length >= 24 ? 4 : 2;
  return `${secret.slice(0, keep)}${'•'.repeat(8)}${secret.slice(-keep)}`;
}

export function unixSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}
