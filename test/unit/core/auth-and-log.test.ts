import { describe, expect, it } from 'vitest';
import { hostnameOf, isLoopbackHost } from '../../../src-main/core/control/auth';
import { createLogger } from '../../../src-main/core/logger';

describe('loopback Host check', () => {
  it.each([
    ['127.0.0.1:4000', true],
    ['localhost:80', true],
    ['[::1]:4000', true],
    ['LOCALHOST', true],
    ['evil.example:4000', false],
    ['127.0.0.1.evil.example', false],
    ['', false],
  ])('%s → %s', (host, ok) => {
    expect(isLoopbackHost(host)).toBe(ok);
  });

  it('takes the hostname out of a bracketed IPv6 host', () => {
    expect(hostnameOf('[::1]:8080')).toBe('[::1]');
  });
});

describe('logger', () => {
  it('never writes secrets, however deep', () => {
    const lines: string[] = [];
    const log = createLogger((l) => lines.push(l));
    log.info('saved', { appId: 'wx1', appSecret: 'S3CRET', server: { token: 'T0KEN', encodingAesKey: 'K3Y' }, headers: { authorization: 'Bearer X' } });
    expect(lines[0]).toContain('wx1');
    for (const secret of ['S3CRET', 'T0KEN', 'K3Y', 'Bearer X']) expect(lines[0]).not.toContain(secret);
  });
});
