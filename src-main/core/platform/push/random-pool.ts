import type { RandomBytes } from '../../context';

/**
 * Hands out bytes from a refilled block: each push needs a few small random values (nonce, the 16-byte
 * prefix, MsgId) and one 8 KiB draw is much cheaper than hundreds of tiny ones. Still driven by the injected
 * source, so a seeded source stays reproducible.
 */
export function pooledRandom(source: RandomBytes, blockSize = 8192): RandomBytes {
  let block: Buffer = Buffer.alloc(0);
  let at = 0;
  return (n) => {
    if (n > blockSize / 4) return source(n);
    if (at + n > block.length) {
      block = source(blockSize);
      at = 0;
    }
    const out = Buffer.from(block.subarray(at, at + n));
    at += n;
    return out;
  };
}
