import { describe, expect, it } from 'vitest';
import { maskSecret, secretRuns } from '../../../src-main/core/audit/secrets';

describe('finding a secret in a server’s answer', () => {
  const token = 'Zq8Lw2Nx5Vb7Kd9Hj3Fg6Tr1Ys4Pc0M';
  it('finds the whole secret, or the longest piece of 8 characters or more', () => {
    expect(secretRuns(`token ${token}!`, token)).toEqual([token]);
    expect(secretRuns(`sha1 of ["123","${token.slice(0, 24)}…"]`, token)).toEqual([token.slice(0, 24)]);
    expect(secretRuns(`only ${token.slice(3, 10)} here`, token)).toEqual([]);
  });
  it('masks what it finds and leaves the rest of the text', () => {
    expect(maskSecret(`a ${token.slice(0, 24)}… b`, token, '«Token»')).toBe('a «Token»… b');
    expect(maskSecret('abc abc', 'abc', '«T»')).toBe('«T» «T»');
  });
});
