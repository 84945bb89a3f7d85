import { createCipheriv, createDecipheriv } from 'node:crypto';

/**
 * AES-256-CBC without padding, keeping one OpenSSL context per key and direction instead of creating and
 * finalising one per message, which costs about as much as encrypting a whole 500-byte push.
 *
 * CBC chains each block to the ciphertext block before it; a fresh context starts from the IV. A context that
 * carries on after an earlier message chains the first block to that message's last ciphertext block (`last`)
 * instead, so the result differs from a fresh context's in the first block only, by exactly IV ⊕ last:
 * - encrypting, XORing the first plaintext block with IV ⊕ last beforehand cancels it;
 * - decrypting, XORing the first plaintext block with IV ⊕ last afterwards corrects it.
 * Output is byte for byte what `createCipheriv(...).setAutoPadding(false)` gives (a unit test checks it against
 * fresh contexts over interleaved messages). Calls are synchronous, so no two messages can interleave; a context
 * that ever throws is dropped, and the next call starts a fresh one.
 */
export interface AesCbc {
  /** Encrypts block-aligned `plain`; its first block is overwritten (callers pass a buffer they own). */
  encrypt(plain: Buffer): Buffer;
  /** Decrypts block-aligned `cipher`, which is left unchanged. */
  decrypt(cipher: Buffer): Buffer;
}

const AES_BLOCK = 16;

interface Context {
  update(data: Buffer): Buffer;
}

function requireBlocks(data: Buffer): void {
  if (data.length === 0 || data.length % AES_BLOCK !== 0) {
    throw new RangeError(`AES-CBC without padding needs whole 16-byte blocks; got ${data.length} bytes`);
  }
}

function xorFirstBlock(target: Buffer, a: Buffer, b: Buffer): void {
  for (let i = 0; i < AES_BLOCK; i++) target[i] = target[i]! ^ a[i]! ^ b[i]!;
}

export function createAesCbc(key: Buffer, iv: Buffer): AesCbc {
  let cipher: Context | undefined;
  let decipher: Context | undefined;
  // The ciphertext block each context chains its next input to (the IV while it is fresh).
  const cipherLast = Buffer.from(iv);
  const decipherLast = Buffer.from(iv);

  function run(context: Context, data: Buffer, drop: () => void): Buffer {
    let out: Buffer;
    try {
      out = context.update(data);
    } catch (e) {
      drop();
      throw e;
    }
    if (out.length !== data.length) {
      drop(); // not expected with padding off; a context in an unknown state is never reused
      throw new Error(`AES-CBC returned ${out.length} bytes for ${data.length}`);
    }
    return out;
  }

  return {
    encrypt(plain) {
      requireBlocks(plain);
      if (!cipher) {
        cipher = createCipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
        iv.copy(cipherLast);
      }
      xorFirstBlock(plain, iv, cipherLast);
      const out = run(cipher, plain, () => (cipher = undefined));
      out.copy(cipherLast, 0, out.length - AES_BLOCK);
      return out;
    },
    decrypt(encrypted) {
      requireBlocks(encrypted);
      if (!decipher) {
        decipher = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
        iv.copy(decipherLast);
      }
      const out = run(decipher, encrypted, () => (decipher = undefined));
      xorFirstBlock(out, iv, decipherLast);
      encrypted.copy(decipherLast, 0, encrypted.length - AES_BLOCK);
      return out;
    },
  };
}
