import { describe, expect, it } from 'vitest';
import { CHECK_IDS, parsePolicy, PolicyError } from '../../../src-main/core/audit';

describe('severity policy file', () => {
  it('reads ID LEVEL lines with comments and blank lines, case-insensitively', () => {
    const p = parsePolicy('# team policy\nSEC-01 FAIL\n\n  tok-01   ignore  # not ours\nREP-01 info\n', CHECK_IDS);
    expect([...p.entries()]).toEqual([
      ['SEC-01', 'FAIL'],
      ['TOK-01', 'IGNORE'],
      ['REP-01', 'INFO'],
    ]);
  });

  it.each([
    ['SEC-01', 'line 1: expected "ID LEVEL"'],
    ['SEC-01 FAIL extra', 'line 1: expected "ID LEVEL"'],
    ['XYZ-01 FAIL', 'line 1: unknown check ID "XYZ-01"'],
    ['SEC-01 ERROR', 'line 1: level must be IGNORE, INFO, WARN or FAIL; got "ERROR"'],
    ['SEC-01 WARN\nSEC-01 FAIL', 'line 2: SEC-01 is already set'],
  ])('refuses %j naming the line', (text, message) => {
    expect(() => parsePolicy(text, CHECK_IDS, 'policy.txt')).toThrow(PolicyError);
    expect(() => parsePolicy(text, CHECK_IDS, 'policy.txt')).toThrow(`policy.txt ${message}`);
  });
});
