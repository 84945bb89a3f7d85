import { createHash } from 'node:crypto';
import type { RandomSource } from '../../../src-main/core/wechat';

/** Deterministic byte stream (SHA-256 in counter mode) so property loops are reproducible per seed. */
export function seededRandom(seed: number | string): RandomSource {
  let counter = 0;
  let pool = Buffer.alloc(0);
  return (n) => {
    while (pool.length < n) {
      const block = createHash('sha256').update(`${seed}:${counter++}`).digest();
      pool = Buffer.concat([pool, block]);
    }
    const out = pool.subarray(0, n);
    pool = pool.subarray(n);
    return Buffer.from(out);
  };
}

/** A source that always returns the same bytes: injects a vector's literal 16-byte prefix. */
export function fixedRandom(text: string): RandomSource {
  return () => Buffer.from(text, 'utf8');
}
