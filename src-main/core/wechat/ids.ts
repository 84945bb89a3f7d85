import { ALPHANUMERIC, HEX, URL_SAFE, defaultRandom, exactBytes, randomChars, type RandomSource } from './random';

/**
 * Look-alike identifiers in the shapes of §0 and §7.3. Every generator takes the random source last, so the
 * platform can inject a seeded one and replay a session byte for byte.
 */

export function newAppId(random: RandomSource = defaultRandom): string {
  return `wx${randomChars(random, HEX, 16)}`;
}

export function newAppSecret(random: RandomSource = defaultRandom): string {
  return randomChars(random, HEX, 32);
}

export function newOriginalId(random: RandomSource = defaultRandom): string {
  return `gh_${randomChars(random, HEX, 12)}`;
}

/** 28 characters starting with `o`, base64url alphabet, like `o9AgO5Kd5ggOC-bXrbNODIiE3bGY`. */
export function newOpenId(random: RandomSource = defaultRandom): string {
  return `o${randomChars(random, URL_SAFE, 27)}`;
}

/** Same shape as an OpenID (28 characters starting with `o`). */
export function newUnionId(random: RandomSource = defaultRandom): string {
  return `o${randomChars(random, URL_SAFE, 27)}`;
}

/**
 * The path id of a QR url `http://weixin.qq.com/q/<id>`: 20 characters like the official doc's
 * `kZgfwMTm72WWPkovabbI` (newer codes also have 22, like `02-HFix1FCfmJ189ExNE1p`). With 20 the ticket's
 * Base64 always ends in `==`, so every ticket carries the `=` (besides the frequent `+` and `/`) that
 * clients must URL-encode.
 */
export function newQrUrlId(random: RandomSource = defaultRandom, length = 20): string {
  return randomChars(random, URL_SAFE, length);
}

const TICKET_MAGIC = Buffer.from([0x81, 0x01]);
const TICKET_ZEROS = 6;
const TICKET_TAG_URL = 0x01;
const TICKET_TAG_CREATED = 0x02;
const TICKET_TAG_EXPIRE = 0x03;

function u32le(tag: number, value: number): Buffer {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`ticket field ${tag} must be a 32-bit unsigned integer; got ${value}`);
  }
  const out = Buffer.alloc(6);
  out[0] = tag;
  out[1] = 4;
  out.writeUInt32LE(value, 2);
  return out;
}

/**
 * A look-alike QR ticket (§7.3 [OBS]): standard Base64 with padding of
 * `81 01 <4 random bytes> 00×6 | 01 <len> url 00 | 02 04 <createTime u32 LE> | 03 04 <expireSeconds u32 LE>`.
 * Real tickets are opaque to clients; this layout only makes ours look and behave like them (they contain
 * `+` and `/`, and `=` when the record length is not a multiple of 3, so they need URL-encoding).
 * Permanent codes pass `expireSeconds` undefined and get no expiry field.
 */
export function newTicket(
  url: string,
  createTime: number,
  expireSeconds: number | undefined,
  random: RandomSource = defaultRandom,
): string {
  const urlBytes = Buffer.from(`${url}\0`, 'utf8');
  if (urlBytes.length > 255) throw new RangeError(`ticket url is too long (${urlBytes.length - 1} bytes, max 254)`);
  const parts = [
    TICKET_MAGIC,
    exactBytes(random, 4),
    Buffer.alloc(TICKET_ZEROS),
    Buffer.from([TICKET_TAG_URL, urlBytes.length]),
    urlBytes,
    u32le(TICKET_TAG_CREATED, createTime),
  ];
  if (expireSeconds !== undefined) parts.push(u32le(TICKET_TAG_EXPIRE, expireSeconds));
  return Buffer.concat(parts).toString('base64');
}

export interface TicketRecord {
  url: string;
  createTime: number;
  expireSeconds?: number;
}

/** Reads a ticket in the layout above (also real ones of that shape); null for anything else. */
export function parseTicket(ticket: string): TicketRecord | null {
  if (typeof ticket !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(ticket) || ticket.length % 4 !== 0) return null;
  const bytes = Buffer.from(ticket, 'base64');
  const header = TICKET_MAGIC.length + 4 + TICKET_ZEROS;
  if (bytes.length < header + 2 || bytes[0] !== 0x81 || bytes[1] !== 0x01) return null;
  let at = header;
  let url: string | undefined;
  let createTime: number | undefined;
  let expireSeconds: number | undefined;
  while (at + 2 <= bytes.length) {
    const tag = bytes[at] ?? 0;
    const len = bytes[at + 1] ?? 0;
    const value = bytes.subarray(at + 2, at + 2 + len);
    if (value.length !== len) return null;
    if (tag === TICKET_TAG_URL) url = value.toString('utf8').replace(/\0$/, '');
    else if (tag === TICKET_TAG_CREATED && len === 4) createTime = value.readUInt32LE(0);
    else if (tag === TICKET_TAG_EXPIRE && len === 4) expireSeconds = value.readUInt32LE(0);
    at += 2 + len;
  }
  if (url === undefined || createTime === undefined || at !== bytes.length) return null;
  return expireSeconds === undefined ? { url, createTime } : { url, createTime, expireSeconds };
}

/** 43 characters of [A-Za-z0-9]; the last one's unused low bits are left random on purpose (§4.1). */
export function newEncodingAesKey(random: RandomSource = defaultRandom): string {
  return randomChars(random, ALPHANUMERIC, 43);
}

/** A Token the console would accept: English letters and digits, 3–32 characters. */
export function newToken(len = 32, random: RandomSource = defaultRandom): string {
  if (!Number.isInteger(len) || len < 3 || len > 32) {
    throw new RangeError(`a Token must be 3–32 characters; asked for ${len}`);
  }
  return randomChars(random, ALPHANUMERIC, len);
}

const MAX_DRAWS = 64;

/** A nonce as WeChat sends them: a 32-bit unsigned integer with 9–10 digits (e.g. 415670741, 1514711492). */
export function newNonce(random: RandomSource = defaultRandom): string {
  for (let i = 0; i < MAX_DRAWS; i++) {
    const value = exactBytes(random, 4).readUInt32BE(0);
    if (value >= 100_000_000) return String(value);
  }
  // A degenerate injected source must not hang us; shift into range instead.
  return String(100_000_000 + (exactBytes(random, 4).readUInt32BE(0) % 4_194_967_296));
}

/** 19 decimal digits, like `4375120948345356249`. */
export function newEchostr(random: RandomSource = defaultRandom): string {
  const value = exactBytes(random, 8).readBigUInt64BE(0);
  return (1_000_000_000_000_000_000n + (value % 9_000_000_000_000_000_000n)).toString();
}

/** A positive 64-bit MsgId in decimal (it exceeds a double's precision, so it is always text). */
export function newMsgId(random: RandomSource = defaultRandom): string {
  const value = exactBytes(random, 8).readBigUInt64BE(0) & 0x7fff_ffff_ffff_ffffn;
  return (value === 0n ? 1n : value).toString();
}

/**
 * An unguessable login scene_str: base64url of `bytes` random bytes (no padding), so it needs no URL-encoding
 * and fits qrcode/create's 64-character limit (bytes ≤ 48).
 */
export function newSceneStr(bytes = 16, random: RandomSource = defaultRandom): string {
  if (!Number.isInteger(bytes) || bytes < 1 || bytes > 48) {
    throw new RangeError(`scene_str must come from 1–48 random bytes to stay within 64 characters; asked for ${bytes}`);
  }
  return exactBytes(random, bytes).toString('base64url');
}
