import { describe, expect, it } from 'vitest';
import { callerIp, ipAllowed, notInWhitelistText } from '../../../src-main/core/platform/ip';

describe('IP whitelist', () => {
  it('reads loopback callers in both forms', () => {
    expect(callerIp('127.0.0.1')).toEqual({ v4: '127.0.0.1', v6: '::ffff:127.0.0.1' });
    expect(callerIp('::ffff:127.0.0.1')).toEqual({ v4: '127.0.0.1', v6: '::ffff:127.0.0.1' });
    expect(callerIp('::1')).toEqual({ v6: '::1' });
  });

  it('writes WeChat’s 40164 text', () => {
    expect(notInWhitelistText(callerIp('127.0.0.1'))).toBe('invalid ip 127.0.0.1 ipv6 ::ffff:127.0.0.1, not in whitelist');
  });

  it.each([
    [[], '127.0.0.1', true],
    [['127.0.0.1'], '127.0.0.1', true],
    [['127.0.0.2'], '127.0.0.1', false],
    [['127.0.0.0/8'], '127.9.9.9', true],
    [['10.0.0.0/8'], '127.0.0.1', false],
    [['0.0.0.0/0'], '8.8.8.8', true],
    [['::1'], '::1', true],
    [['127.0.0.1'], '::1', false],
  ])('whitelist %j allows %s: %s', (list, ip, allowed) => {
    expect(ipAllowed(list, callerIp(ip))).toBe(allowed);
  });
});
