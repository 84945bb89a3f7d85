import { isUtf8 } from 'node:buffer';
import { createAesCbc, type AesCbc } from './aes-cbc';
import { WechatProtocolError, preview } from './errors';
import { exactBytes, fillAlphanumeric, type RandomSource } from './random';

/** The WXBizMsgCrypt scheme (§4): AES-256-CBC, IV = key[0:16], PKCS#7 to 32-byte blocks, appid trailer. */

const KEY_RULE = 'EncodingAESKey must be 43 characters of A-Z, a-z, 0-9';
const BLOCK = 32; // PKCS#7 block size of the samples; byte-exact vectors only match with 32, not AES's 16.
const RANDOM_BYTES = 16;
const LENGTH_BYTES = 4;
const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

export interface AesKey {
  key: Buffer;
  iv: Buffer;
}

export interface DecryptBreakdown {
  message: string;
  appId: string;
  /** The 16-byte prefix; alphanumeric ASCII when produced by the official samples. */
  random: Buffer;
  /** The big-endian msg_len field: the message's byte length. */
  length: number;
  /** Padding bytes stripped (0 when the last byte was outside 1..32, as the samples treat it). */
  padding: number;
  aesKeyHex: string;
  ivHex: string;
  /** Ciphertext size after Base64 decoding. */
  cipherBytes: number;
  /** FullStr size: random + length + message + appid, without padding. */
  fullBytes: number;
}

/** What the hot path needs from decryption; `decryptDetailed` adds the layout for the inspector. */
export interface DecryptedMessage {
  message: string;
  appId: string;
}

interface KeyMaterial extends AesKey {
  cbc?: AesCbc;
  keyHex?: string;
  ivHex?: string;
}

// Every push and reply derives the key again; a small cache of recent keys saves the validation and decode.
// Cached buffers never leave this module (deriveAesKey hands out copies), so nothing can alter them.
const keyCache = new Map<string, KeyMaterial>();
const KEY_CACHE_SIZE = 64;

function keyMaterial(encodingAesKey: string): KeyMaterial {
  const cached = typeof encodingAesKey === 'string' ? keyCache.get(encodingAesKey) : undefined;
  if (cached) return cached;
  const derived = deriveUncached(encodingAesKey);
  if (keyCache.size >= KEY_CACHE_SIZE) keyCache.delete(keyCache.keys().next().value!);
  keyCache.set(encodingAesKey, derived);
  return derived;
}

function hexOf(material: KeyMaterial): { aesKeyHex: string; ivHex: string } {
  material.keyHex ??= material.key.toString('hex');
  material.ivHex ??= material.iv.toString('hex');
  return { aesKeyHex: material.keyHex, ivHex: material.ivHex };
}

export function deriveAesKey(encodingAesKey: string): AesKey {
  const { key, iv } = keyMaterial(encodingAesKey);
  return { key: Buffer.from(key), iv: Buffer.from(iv) };
}

function deriveUncached(encodingAesKey: string): AesKey {
  if (typeof encodingAesKey !== 'string' || encodingAesKey.length === 0) {
    throw new WechatProtocolError('illegal-aes-key', `${KEY_RULE}; got no key`, { field: 'encodingAesKey' });
  }
  const chars = [...encodingAesKey];
  if (chars.length !== 43) {
    throw new WechatProtocolError('illegal-aes-key', `${KEY_RULE}; got ${chars.length} characters`, {
      field: 'encodingAesKey',
      got: String(chars.length),
    });
  }
  const bad = chars.findIndex((c) => !/^[A-Za-z0-9]$/.test(c));
  if (bad >= 0) {
    throw new WechatProtocolError(
      'illegal-aes-key',
      `${KEY_RULE}; got ${JSON.stringify(chars[bad])} at position ${bad + 1}`,
      { field: 'encodingAesKey', got: chars[bad] },
    );
  }
  // Node's decoder ignores the 2 unused low bits of the 43rd character; WeChat-generated keys often set them
  // and strict decoders wrongly reject those keys (§4.1).
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (key.length !== 32) {
    throw new WechatProtocolError('illegal-aes-key', `${KEY_RULE}; it decoded to ${key.length} bytes, not 32`, {
      field: 'encodingAesKey',
    });
  }
  return { key, iv: Buffer.from(key.subarray(0, 16)) };
}

export interface EncryptInput {
  encodingAesKey: string;
  appId: string;
  message: string;
  /**
   * Source of the 16-byte prefix, used verbatim (so a vector's literal prefix can be injected). The default
   * yields alphanumeric ASCII like the official samples; any bytes are valid.
   */
  random?: RandomSource;
}

export interface EncryptResult {
  encrypt: string;
  breakdown: DecryptBreakdown;
}

interface Plaintext {
  /** random + length + message + appid + padding, ready for AES. */
  padded: Buffer;
  messageBytes: number;
  fullBytes: number;
  padding: number;
}

// One allocation for the whole layout, the random prefix written in place: no intermediate buffers.
function layOut(message: string, appId: string, random: RandomSource | undefined): Plaintext {
  const messageBytes = Buffer.byteLength(message, 'utf8');
  const fullBytes = RANDOM_BYTES + LENGTH_BYTES + messageBytes + Buffer.byteLength(appId, 'utf8');
  const padding = BLOCK - (fullBytes % BLOCK);
  const padded = Buffer.allocUnsafe(fullBytes + padding);
  if (random === undefined) fillAlphanumeric(padded, 0, RANDOM_BYTES);
  else exactBytes(random, RANDOM_BYTES).copy(padded, 0, 0, RANDOM_BYTES);
  padded.writeUInt32BE(messageBytes, RANDOM_BYTES);
  padded.write(message, RANDOM_BYTES + LENGTH_BYTES, messageBytes, 'utf8');
  padded.write(appId, RANDOM_BYTES + LENGTH_BYTES + messageBytes, 'utf8');
  padded.fill(padding, fullBytes);
  return { padded, messageBytes, fullBytes, padding };
}

function cbcOf(material: KeyMaterial): AesCbc {
  material.cbc ??= createAesCbc(material.key, material.iv);
  return material.cbc;
}

/** Encrypts the padded layout (consumed: its first block is overwritten). */
function aesEncrypt(material: KeyMaterial, padded: Buffer): Buffer {
  try {
    return cbcOf(material).encrypt(padded);
  } catch (cause) {
    // Unreachable with a validated key and block-aligned input; kept so no library error escapes raw.
    throw new WechatProtocolError('decrypt-failed', `AES encryption failed: ${String(cause)}`, { cause });
  }
}

/** The Base64 ciphertext of `message` (§4.2); the hot path, without the inspector's breakdown. */
export function encrypt({ encodingAesKey, appId, message, random }: EncryptInput): string {
  const material = keyMaterial(encodingAesKey);
  return aesEncrypt(material, layOut(message, appId, random).padded).toString('base64');
}

/** Encrypts and also reports the layout, for the inspector's "how this ciphertext was made" view. */
export function encryptDetailed({ encodingAesKey, appId, message, random }: EncryptInput): EncryptResult {
  const material = keyMaterial(encodingAesKey);
  const plain = layOut(message, appId, random);
  const prefix = Buffer.from(plain.padded.subarray(0, RANDOM_BYTES)); // before aesEncrypt overwrites it
  const cipher = aesEncrypt(material, plain.padded);
  return {
    encrypt: cipher.toString('base64'),
    breakdown: {
      message,
      appId,
      random: prefix,
      length: plain.messageBytes,
      padding: plain.padding,
      ...hexOf(material),
      cipherBytes: cipher.length,
      fullBytes: plain.fullBytes,
    },
  };
}

export interface DecryptInput {
  encodingAesKey: string;
  encrypt: string;
  /** When given, the trailing appid must equal it (§4.4); the scheme has no MAC, so this is the real check. */
  expectedAppId?: string;
}

/** Names the first offending character or misplaced padding; only called once the fast check failed. */
function base64Problem(text: string): WechatProtocolError {
  const badChar = /[^A-Za-z0-9+/=]/.exec(text);
  if (badChar) {
    return new WechatProtocolError(
      'base64',
      `Encrypt is not Base64: character ${JSON.stringify(badChar[0])} at position ${badChar.index + 1} is outside A-Z a-z 0-9 + / =`,
      { field: 'Encrypt', got: preview(text, 40) },
    );
  }
  return new WechatProtocolError('base64', "Encrypt is not Base64: '=' padding may only appear at the end (at most two)", {
    field: 'Encrypt',
    got: preview(text, 40),
  });
}

/**
 * Node's Base64 decoder is lenient: it skips unknown characters, accepts the URL-safe alphabet and reads only the
 * low byte of other characters. Every skipped character costs data bits, though, so the text is strict Base64
 * exactly when it is ASCII without '-' or '_', its length is a multiple of 4, and it decoded to the size that
 * length and its trailing '=' promise. Cheaper than scanning the whole ciphertext with a regular expression;
 * a unit test holds it to BASE64_RE on random input.
 */
function decodedStrictly(text: string, bytes: Buffer): boolean {
  if (text.length % 4 !== 0 || Buffer.byteLength(text, 'utf8') !== text.length) return false;
  const pads = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return bytes.length === (text.length / 4) * 3 - pads && !text.includes('-') && !text.includes('_');
}

function decodeCiphertext(text: string): Buffer {
  if (typeof text !== 'string' || text.length === 0) {
    throw new WechatProtocolError('base64', 'Encrypt is empty; expected the Base64 ciphertext', {
      field: 'Encrypt',
    });
  }
  const bytes = Buffer.from(text, 'base64');
  if (!decodedStrictly(text, bytes)) {
    if (!BASE64_RE.test(text)) throw base64Problem(text);
    if (text.length % 4 !== 0) {
      throw new WechatProtocolError(
        'base64',
        `Encrypt is not Base64: its length ${text.length} is not a multiple of 4 (truncated or padding stripped?)`,
        { field: 'Encrypt', got: String(text.length) },
      );
    }
  }
  if (bytes.length === 0 || bytes.length % 16 !== 0) {
    throw new WechatProtocolError(
      'decrypt-failed',
      `AES decryption failed: the ciphertext is ${bytes.length} bytes, not a non-zero multiple of the 16-byte AES block; the Encrypt value is truncated or not a WeChat ciphertext`,
      { field: 'Encrypt', got: String(bytes.length) },
    );
  }
  return bytes;
}

const WRONG_KEY_HINT = 'the EncodingAESKey is probably wrong or the ciphertext was altered';
interface Unsealed extends DecryptedMessage {
  /** random + length + message + appid + padding; FullStr is its first fullBytes. */
  plain: Buffer;
  fullBytes: number;
  length: number;
  padding: number;
  cipherBytes: number;
  material: KeyMaterial;
}

function aesDecrypt(material: KeyMaterial, cipher: Buffer): Buffer {
  try {
    return cbcOf(material).decrypt(cipher);
  } catch (cause) {
    throw new WechatProtocolError('decrypt-failed', `AES decryption failed: ${String(cause)}`, { cause });
  }
}

function readMessage(plain: Buffer, start: number, end: number): string {
  // Decoding replaces malformed UTF-8 with U+FFFD, so only text holding U+FFFD needs the strict check (a message
  // may carry U+FFFD itself). A leading BOM is dropped, as a UTF-8 decoder does.
  const text = plain.toString('utf8', start, end);
  if (text.includes('\uFFFD') && !isUtf8(plain.subarray(start, end))) {
    throw new WechatProtocolError('illegal-buffer', `decrypted message is not valid UTF-8; ${WRONG_KEY_HINT}`);
  }
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

function readAppId(plain: Buffer, start: number, end: number, expectedAppId: string | undefined): string {
  for (let i = start; i < end; i++) {
    const b = plain[i]!;
    if (b < 0x21 || b > 0x7e) {
      throw new WechatProtocolError(
        'illegal-buffer',
        `decrypted appid is not printable ASCII (hex ${preview(plain.subarray(start, end).toString('hex'), 36)}); ${WRONG_KEY_HINT}`,
      );
    }
  }
  const appId = plain.toString('latin1', start, end);
  if (expectedAppId !== undefined && appId !== expectedAppId) {
    throw new WechatProtocolError(
      'appid-mismatch',
      `decrypted appid ${appId || '(empty)'} does not match the expected ${expectedAppId}; the message was encrypted for another account or with another EncodingAESKey`,
      { field: 'appId', expected: expectedAppId, got: appId },
    );
  }
  return appId;
}

function unseal({ encodingAesKey, encrypt: encrypted, expectedAppId }: DecryptInput): Unsealed {
  const material = keyMaterial(encodingAesKey);
  const cipher = decodeCiphertext(encrypted);
  const plain = aesDecrypt(material, cipher);
  // Lenient unpadding, exactly as the samples: a last byte outside 1..32 means "no padding".
  const last = plain[plain.length - 1] ?? 0;
  const padding = last >= 1 && last <= BLOCK ? last : 0;
  const fullBytes = plain.length - padding;
  if (fullBytes < RANDOM_BYTES + LENGTH_BYTES) {
    throw new WechatProtocolError(
      'illegal-buffer',
      `decrypted data is too short (${Math.max(0, fullBytes)} bytes after removing ${padding} padding bytes) to hold the 16-byte random prefix and the 4-byte length; ${WRONG_KEY_HINT}`,
    );
  }
  const length = plain.readUInt32BE(RANDOM_BYTES);
  const msgStart = RANDOM_BYTES + LENGTH_BYTES;
  const available = fullBytes - msgStart;
  if (length > available) {
    throw new WechatProtocolError(
      'illegal-buffer',
      `decrypted length field says the message is ${length} bytes but only ${available} bytes follow; ${WRONG_KEY_HINT}`,
      { expected: `<= ${available}`, got: String(length) },
    );
  }
  const message = readMessage(plain, msgStart, msgStart + length);
  const appId = readAppId(plain, msgStart + length, fullBytes, expectedAppId);
  return { message, appId, plain, fullBytes, length, padding, cipherBytes: cipher.length, material };
}

/** The message and appid of a ciphertext (§4.4), every check applied; the hot path, without the breakdown. */
export function decrypt(input: DecryptInput): DecryptedMessage {
  const { message, appId } = unseal(input);
  return { message, appId };
}

/** Decrypts and also reports the layout (random prefix, length, padding, key), for the inspector and journal. */
export function decryptDetailed(input: DecryptInput): DecryptBreakdown {
  const u = unseal(input);
  return {
    message: u.message,
    appId: u.appId,
    random: Buffer.from(u.plain.subarray(0, RANDOM_BYTES)),
    length: u.length,
    padding: u.padding,
    ...hexOf(u.material),
    cipherBytes: u.cipherBytes,
    fullBytes: u.fullBytes,
  };
}
