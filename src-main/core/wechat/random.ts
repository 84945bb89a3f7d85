import { randomBytes } from 'node:crypto';

/** The one source of randomness every generator takes, so tests and replays can be deterministic. */
export type RandomSource = (n: number) => Buffer;

// One randomBytes call costs about 10 µs whatever its size (an OpenSSL call per request), more than the whole
// AES encryption of a push; small draws are served from a 4 KiB block of the same CSPRNG output instead.
// Every byte is handed out once; a refill allocates a new block, so earlier views never change.
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let poolAt = 0;

function poolByte(): number {
  if (poolAt >= pool.length) {
    pool = randomBytes(POOL_BYTES);
    poolAt = 0;
  }
  return pool[poolAt++]!;
}

/** Cryptographically secure bytes (node:crypto), pooled for small sizes. */
export const defaultRandom: RandomSource = (n) => {
  if (n > 256) return randomBytes(n);
  if (pool.length - poolAt < n) {
    pool = randomBytes(POOL_BYTES);
    poolAt = 0;
  }
  const out = Buffer.from(pool.subarray(poolAt, poolAt + n));
  poolAt += n;
  return out;
};

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

const ALPHANUMERIC_CODES = Buffer.from(ALPHANUMERIC, 'ascii');
const ALPHANUMERIC_LIMIT = 256 - (256 % ALPHANUMERIC.length);

/**
 * Writes `count` alphanumeric ASCII bytes from the default source into `target` at `offset`, without modulo
 * bias: the encrypted layout's random prefix, written in place rather than built as a string.
 */
export function fillAlphanumeric(target: Buffer, offset: number, count: number): void {
  let i = 0;
  while (i < count) {
    const b = poolByte();
    if (b < ALPHANUMERIC_LIMIT) target[offset + i++] = ALPHANUMERIC_CODES[b % ALPHANUMERIC.length]!;
  }
}

/** Reads `n` bytes and pads/truncates defensively: an injected source is not trusted to honour `n`. */
export function exactBytes(random: RandomSource, n: number): Buffer {
  const got = random(n);
  if (got.length === n) return got;
  const out = Buffer.alloc(n);
  got.copy(out, 0, 0, Math.min(n, got.length));
  return out;
}
