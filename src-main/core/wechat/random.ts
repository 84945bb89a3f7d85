import { randomBytes } from 'node:crypto';

/** The one source of randomness every generator takes, so tests and replays can be deterministic. */
export type RandomSource = (n: number) => Buffer;

export const defaultRandom: RandomSource = (n) => randomBytes(n);

export const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const URL_SAFE = `${ALPHANUMERIC}-_`;
export const HEX = '0123456789abcdef';

/**
 * Draws `count` characters of `alphabet` without modulo bias (rejection sampling). A deterministic source that
 * keeps returning rejected bytes (e.g. all 0xff) must not hang the caller, so after a bounded number of rounds
 * the remainder falls back to plain modulo.
 */
export function randomChars(random: RandomSource, alphabet: string, count: number): string {
  const size = alphabet.length;
  const limit = 256 - (256 % size);
  let out = '';
  for (let round = 0; round < 64 && out.length < count; round++) {
    const bytes = random(count - out.length);
    for (const b of bytes) {
      if (b < limit && out.length < count) out += alphabet[b % size];
    }
  }
  if (out.length < count) {
    for (const b of random(count - out.length)) out += alphabet[b % size];
  }
  // A source returning fewer bytes than asked would otherwise yield a short id.
  while (out.length < count) out += alphabet[0];
  return out;
}

/**
 * Wraps a source so its bytes are alphanumeric ASCII, like the 16-byte prefix the official WXBizMsgCrypt
 * samples put in front of every encrypted message.
 */
export function alphanumericRandom(random: RandomSource = defaultRandom): RandomSource {
  return (n) => Buffer.from(randomChars(random, ALPHANUMERIC, n), 'ascii');
}

/** Reads `n` bytes and pads/truncates defensively: an injected source is not trusted to honour `n`. */
export function exactBytes(random: RandomSource, n: number): Buffer {
  const got = random(n);
  if (got.length === n) return got;
  const out = Buffer.alloc(n);
  got.copy(out, 0, 0, Math.min(n, got.length));
  return out;
}
