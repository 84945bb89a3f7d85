import { describe, expect, it } from 'vitest';
import { hostnameOf, isLoopbackAddress, isLoopbackHost } from '../../../src-main/core/http/loopback';
import { createLogger } from '../../../src-main/core/logger';

describe('loopback Host check', () => {
  it.each([
    ['127.0.0.1:4000', true],
    ['localhost:80', true],
    ['[::1]:4000', true],
    ['LOCALHOST', true],
    ['127.0.0.2:4000', true],
    ['127.255.0.1', true],
    ['127.0.0.256', false],
    ['evil.example:4000', false],
    ['127.0.0.1.evil.example', false],
    ['', false],
  ])('%s → %s', (host, ok) => {
    expect(isLoopbackHost(host)).toBe(ok);
  });

  it('takes the hostname out of a bracketed IPv6 host', () => {
    expect(hostnameOf('[::1]:8080')).toBe('::1');
  });

  it('answers every address --host accepts, and only those', () => {
    for (const address of ['127.0.0.1', '127.0.0.2', '127.1.2.3', 'localhost', '::1']) {
      expect(isLoopbackAddress(address)).toBe(true);
      expect(isLoopbackHost(address.includes(':') ? `[${address}]:4000` : `${address}:4000`)).toBe(true);
    }
    for (const address of ['0.0.0.0', '10.0.0.1', '::', 'example.com', '127.0.0.999']) expect(isLoopbackAddress(address)).toBe(false);
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
