import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { msgSignature, sha1Hex, signaturesEqual, sortedSignature, urlSignature } from '../../../src-main/core/wechat';

describe('signature', () => {
  it('sha1Hex hashes UTF-8 to lower-case hex', () => {
    expect(sha1Hex('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    // The bytes E4 B8 AD are 中 in UTF-8 (a UTF-16 or latin1 hash would differ).
    expect(sha1Hex('中')).toBe(createHash('sha1').update(Buffer.from([0xe4, 0xb8, 0xad])).digest('hex'));
  });

  it('sorts by code point (byte order), not numerically or by locale', () => {
    expect(sortedSignature(['b', 'B', '10', '9', 'a']).sorted).toEqual(['10', '9', 'B', 'a', 'b']);
    // UTF-16 order would put U+FF5E before U+1F600; UTF-8 byte order does not.
    expect(sortedSignature(['😀', '～']).sorted).toEqual(['～', '😀']);
  });

  it('does not mutate its input and is order-independent', () => {
    const parts = ['z', 'a'];
    expect(sortedSignature(parts).joined).toBe('az');
    expect(parts).toEqual(['z', 'a']);
    expect(urlSignature('t', '1', '2')).toBe(urlSignature('t', '1', '2'));
    expect(msgSignature('t', '1', '2', 'e')).toBe(sortedSignature(['e', '2', '1', 't']).sha1);
  });

  it('signaturesEqual: case-insensitive, false on mismatch or length difference', () => {
    const s = urlSignature('AAAAA', '1714036504', '1514711492');
    expect(signaturesEqual(s, s.toUpperCase())).toBe(true);
    expect(signaturesEqual(s, `${s.slice(0, -1)}0`)).toBe(s.endsWith('0'));
    expect(signaturesEqual(s, s.slice(0, -1))).toBe(false);
    expect(signaturesEqual(s, '')).toBe(false);
    expect(signaturesEqual(s, undefined as unknown as string)).toBe(false);
  });
});
