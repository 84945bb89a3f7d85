import { createHash, timingSafeEqual } from 'node:crypto';

export function sha1Hex(s: string): string {
  return createHash('sha1').update(s, 'utf8').digest('hex');
}

export interface SortedSignature {
  /** The parts in the order they were concatenated (shown by the inspector). */
  sorted: string[];
  joined: string;
  sha1: string;
}

/**
 * WeChat's signature: sort the parts lexicographically, concatenate, SHA-1, lower-case hex (§2, §4.3).
 * Sorting compares UTF-8 bytes, as wechatpy and PHP's SORT_STRING do; for the all-ASCII values WeChat sends
 * this equals JavaScript's default sort, but it stays correct if a Token ever holds other characters.
 */
function byUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Sorts `parts` in place (callers pass a fresh array) and returns it. */
function sortParts(parts: string[]): string[] {
  // ASCII (the usual case: digits, base64, a letters-and-digits Token) sorts the same by UTF-16 code unit as
  // by byte, and the default sort is several times faster than comparing Buffers. A string is ASCII exactly
  // when its UTF-8 length equals its length, which Node counts far faster than a regular expression scans.
  for (const p of parts) {
    if (Buffer.byteLength(p, 'utf8') !== p.length) return parts.sort(byUtf8);
  }
  return parts.sort();
}

/** The signature with its intermediate values, for the inspector and the journal. */
export function sortedSignature(parts: readonly string[]): SortedSignature {
  const sorted = sortParts([...parts]);
  const joined = sorted.join('');
  return { sorted, joined, sha1: sha1Hex(joined) };
}

/** `signature` of the GET check and of every POST: sha1(sort(token, timestamp, nonce)). */
export function urlSignature(token: string, timestamp: string, nonce: string): string {
  return sha1Hex(sortParts([token, timestamp, nonce]).join(''));
}

/** `msg_signature` / `MsgSignature`: sha1(sort(token, timestamp, nonce, Encrypt)), Encrypt as sent. */
export function msgSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return sha1Hex(sortParts([token, timestamp, nonce, encrypt]).join(''));
}

/**
 * Constant-time comparison so a forger cannot learn the signature byte by byte from response timing.
 * Hex case is ignored (some SDKs emit upper case); a length difference is not secret and returns early.
 */
export function signaturesEqual(a: string, b: string): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  const x = Buffer.from(a.toLowerCase(), 'utf8');
  const y = Buffer.from(b.toLowerCase(), 'utf8');
  if (x.length !== y.length) return false;
  return timingSafeEqual(x, y);
}
