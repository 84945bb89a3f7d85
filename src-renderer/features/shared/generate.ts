const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `count` characters of `alphabet` from the browser's CSPRNG, without modulo bias. */
export function randomString(count: number, alphabet = ALNUM, getRandom: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < count) {
    for (const b of getRandom(count * 2)) {
      if (b < limit && out.length < count) out += alphabet[b % alphabet.length];
    }
  }
  return out;
}

/** A new EncodingAESKey: 43 characters of A-Z a-z 0-9, like the console's "randomly generate". */
export const generateAesKey = (): string => randomString(43);

/** A Token the console accepts (3–32 letters or digits). */
export const generateToken = (): string => randomString(24);

export const generateNonce = (): string => String(100_000_000 + Math.floor(Math.random() * 900_000_000));
