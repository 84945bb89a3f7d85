import { createCipheriv, createDecipheriv } from 'node:crypto';
import { WechatProtocolError, preview } from './errors';
import { alphanumericRandom, exactBytes, type RandomSource } from './random';

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

// Every push and reply derives the key again; a small cache of recent keys saves the validation and decode.
const keyCache = new Map<string, AesKey>();
const KEY_CACHE_SIZE = 64;

export function deriveAesKey(encodingAesKey: string): AesKey {
  const cached = typeof encodingAesKey === 'string' ? keyCache.get(encodingAesKey) : undefined;
  if (cached) return { key: Buffer.from(cached.key), iv: Buffer.from(cached.iv) };
  const derived = deriveUncached(encodingAesKey);
  if (keyCache.size >= KEY_CACHE_SIZE) keyCache.delete(keyCache.keys().next().value!);
  keyCache.set(encodingAesKey, derived);
  return { key: Buffer.from(derived.key), iv: Buffer.from(derived.iv) };
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

/** Encrypts and also reports the layout, for the inspector's "how this ciphertext was made" view. */
export function encryptDetailed({ encodingAesKey, appId, message, random }: EncryptInput): EncryptResult {
  const { key, iv } = deriveAesKey(encodingAesKey);
  const prefix = exactBytes(random ?? alphanumericRandom(), RANDOM_BYTES);
  const msg = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(LENGTH_BYTES);
  length.writeUInt32BE(msg.length, 0);
  const full = Buffer.concat([prefix, length, msg, Buffer.from(appId, 'utf8')]);
  const padding = BLOCK - (full.length % BLOCK);
  const padded = Buffer.concat([full, Buffer.alloc(padding, padding)]);
  let cipher: Buffer;
  try {
    const c = createCipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
    cipher = Buffer.concat([c.update(padded), c.final()]);
  } catch (cause) {
    // Unreachable with a validated key and block-aligned input; kept so no library error escapes raw.
    throw new WechatProtocolError('decrypt-failed', `AES encryption failed: ${String(cause)}`, { cause });
  }
  return {
    encrypt: cipher.toString('base64'),
    breakdown: {
      message,
      appId,
      random: prefix,
      length: msg.length,
      padding,
      aesKeyHex: key.toString('hex'),
      ivHex: iv.toString('hex'),
      cipherBytes: cipher.length,
      fullBytes: full.length,
    },
  };
}

export function encrypt(input: EncryptInput): string {
  return encryptDetailed(input).encrypt;
}

export interface DecryptInput {
  encodingAesKey: string;
  encrypt: string;
  /** When given, the trailing appid must equal it (§4.4); the scheme has no MAC, so this is the real check. */
  expectedAppId?: string;
}

function decodeCiphertext(text: string): Buffer {
  if (typeof text !== 'string' || text.length === 0) {
    throw new WechatProtocolError('base64', 'Encrypt is empty; expected the Base64 ciphertext', {
      field: 'Encrypt',
    });
  }
  const badChar = /[^A-Za-z0-9+/=]/.exec(text);
  if (badChar) {
    throw new WechatProtocolError(
      'base64',
      `Encrypt is not Base64: character ${JSON.stringify(badChar[0])} at position ${badChar.index + 1} is outside A-Z a-z 0-9 + / =`,
      { field: 'Encrypt', got: preview(text, 40) },
    );
  }
  if (!BASE64_RE.test(text)) {
    throw new WechatProtocolError('base64', "Encrypt is not Base64: '=' padding may only appear at the end (at most two)", {
      field: 'Encrypt',
      got: preview(text, 40),
    });
  }
  if (text.length % 4 !== 0) {
    throw new WechatProtocolError(
      'base64',
      `Encrypt is not Base64: its length ${text.length} is not a multiple of 4 (truncated or padding stripped?)`,
      { field: 'Encrypt', got: String(text.length) },
    );
  }
  const bytes = Buffer.from(text, 'base64');
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

export function decrypt({ encodingAesKey, encrypt: encrypted, expectedAppId }: DecryptInput): DecryptBreakdown {
  const { key, iv } = deriveAesKey(encodingAesKey);
  const cipher = decodeCiphertext(encrypted);
  let plain: Buffer;
  try {
    const d = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
    plain = Buffer.concat([d.update(cipher), d.final()]);
  } catch (cause) {
    throw new WechatProtocolError('decrypt-failed', `AES decryption failed: ${String(cause)}`, { cause });
  }
  // Lenient unpadding, exactly as the samples: a last byte outside 1..32 means "no padding".
  const last = plain[plain.length - 1] ?? 0;
  const padding = last >= 1 && last <= BLOCK ? last : 0;
  const fullLength = plain.length - padding;
  if (fullLength < RANDOM_BYTES + LENGTH_BYTES) {
    throw new WechatProtocolError(
      'illegal-buffer',
      `decrypted data is too short (${Math.max(0, fullLength)} bytes after removing ${padding} padding bytes) to hold the 16-byte random prefix and the 4-byte length; ${WRONG_KEY_HINT}`,
    );
  }
  const full = plain.subarray(0, fullLength);
  const length = full.readUInt32BE(RANDOM_BYTES);
  const available = full.length - RANDOM_BYTES - LENGTH_BYTES;
  if (length > available) {
    throw new WechatProtocolError(
      'illegal-buffer',
      `decrypted length field says the message is ${length} bytes but only ${available} bytes follow; ${WRONG_KEY_HINT}`,
      { expected: `<= ${available}`, got: String(length) },
    );
  }
  const msgStart = RANDOM_BYTES + LENGTH_BYTES;
  let message: string;
  try {
    message = new TextDecoder('utf-8', { fatal: true }).decode(full.subarray(msgStart, msgStart + length));
  } catch {
    throw new WechatProtocolError('illegal-buffer', `decrypted message is not valid UTF-8; ${WRONG_KEY_HINT}`);
  }
  const appIdBytes = full.subarray(msgStart + length);
  if (appIdBytes.some((b) => b < 0x21 || b > 0x7e)) {
    throw new WechatProtocolError(
      'illegal-buffer',
      `decrypted appid is not printable ASCII (hex ${preview(appIdBytes.toString('hex'), 36)}); ${WRONG_KEY_HINT}`,
    );
  }
  const appId = appIdBytes.toString('ascii');
  if (expectedAppId !== undefined && appId !== expectedAppId) {
    throw new WechatProtocolError(
      'appid-mismatch',
      `decrypted appid ${appId || '(empty)'} does not match the expected ${expectedAppId}; the message was encrypted for another account or with another EncodingAESKey`,
      { field: 'appId', expected: expectedAppId, got: appId },
    );
  }
  return {
    message,
    appId,
    random: Buffer.from(full.subarray(0, RANDOM_BYTES)),
    length,
    padding,
    aesKeyHex: key.toString('hex'),
    ivHex: iv.toString('hex'),
    cipherBytes: cipher.length,
    fullBytes: full.length,
  };
}
