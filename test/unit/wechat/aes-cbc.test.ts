import { createCipheriv, createDecipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAesCbc } from '../../../src-main/core/wechat/aes-cbc';
import { seededRandom } from './seeded-random';

function fresh(direction: 'encrypt' | 'decrypt', key: Buffer, iv: Buffer, data: Buffer): Buffer {
  const c = direction === 'encrypt' ? createCipheriv('aes-256-cbc', key, iv) : createDecipheriv('aes-256-cbc', key, iv);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(data), c.final()]);
}

describe('AES-256-CBC with long-lived contexts', () => {
  it('gives exactly what a fresh context gives, message after message, both directions interleaved', () => {
    const random = seededRandom('aes-cbc');
    const keys = [random(32), random(32)].map((key) => ({ key, iv: Buffer.from(key.subarray(0, 16)) }));
    const codecs = keys.map(({ key, iv }) => createAesCbc(key, iv));
    for (let i = 0; i < 300; i++) {
      const which = random(1)[0]! % 2;
      const { key, iv } = keys[which]!;
      const codec = codecs[which]!;
      const plain = random(16 * (1 + (random(1)[0]! % 40)));
      const expected = fresh('encrypt', key, iv, plain);
      const got = codec.encrypt(Buffer.from(plain));
      expect(got.equals(expected), `message ${i}`).toBe(true);
      // Decrypt something else in between, then the message itself.
      codec.decrypt(fresh('encrypt', key, iv, random(32)));
      expect(codec.decrypt(got).equals(plain), `message ${i}`).toBe(true);
      expect(fresh('decrypt', key, iv, got).equals(plain)).toBe(true);
    }
  });

  it('leaves the ciphertext it decrypts unchanged', () => {
    const key = seededRandom('k')(32);
    const iv = Buffer.from(key.subarray(0, 16));
    const codec = createAesCbc(key, iv);
    codec.decrypt(Buffer.alloc(64, 1));
    const cipher = fresh('encrypt', key, iv, Buffer.alloc(48, 7));
    const copy = Buffer.from(cipher);
    codec.decrypt(cipher);
    expect(cipher.equals(copy)).toBe(true);
  });

  it('refuses input that is not whole blocks, and carries on correctly afterwards', () => {
    const key = seededRandom('blocks')(32);
    const iv = Buffer.from(key.subarray(0, 16));
    const codec = createAesCbc(key, iv);
    codec.encrypt(Buffer.alloc(32, 3));
    expect(() => codec.encrypt(Buffer.alloc(20))).toThrow(/whole 16-byte blocks; got 20 bytes/);
    expect(() => codec.decrypt(Buffer.alloc(0))).toThrow(RangeError);
    expect(codec.encrypt(Buffer.alloc(32, 5)).equals(fresh('encrypt', key, iv, Buffer.alloc(32, 5)))).toBe(true);
  });
});
