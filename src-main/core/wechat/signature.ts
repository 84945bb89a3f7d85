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
const ASCII = /^[\x00-\x7f]*$/;

export function sortedSignature(parts: readonly string[]): SortedSignature {
  // ASCII (the usual case: digits, base64, a letters-and-digits Token) sorts the same by UTF-16 code unit
  // as by byte, and the default sort is several times faster than comparing Buffers.
  const sorted = parts.every((p) => ASCII.test(p))
    ? [...parts].sort()
    : [...parts].sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
  const joined = sorted.join('');
  return { sorted, joined, sha1: sha1Hex(joined) };
}

/** `signature` of the GET check and of every POST: sha1(sort(token, timestamp, nonce)). */
export function urlSignature(token: string, timestamp: string, nonce: string): string {
  return sortedSignature([token, timestamp, nonce]).sha1;
}

/** `msg_signature` / `MsgSignature`: sha1(sort(token, timestamp, nonce, Encrypt)), Encrypt as sent. */
export function msgSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return sortedSignature([token, timestamp, nonce, encrypt]).sha1;
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
