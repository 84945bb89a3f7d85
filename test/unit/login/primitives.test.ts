import { describe, expect, it } from 'vitest';
import { signLoginToken, verifyLoginToken } from '../../../src-main/core/login/jwt';
import { escapeHtml, pageCsp, renderLoginPage } from '../../../src-main/core/login/page';
import { hashPassword, verifyPassword } from '../../../src-main/core/login/password';
import { mask } from '../../../src-main/core/login/util';

describe('login primitives', () => {
  it('mask keeps a hint, never the secret', () => {
    expect(mask('0123456789abcdef0123456789abcdef')).toBe('0123••••••••cdef');
    expect(mask('AAAAA')).toBe('••••••••'); // a short secret does not even give away its length
    expect(mask('abcdefghijkl')).toBe('ab••••••••kl');
    expect(mask('')).toBe('');
  });

  it('scrypt hashes verify the right password only', async () => {
    const h = await hashPassword('demo1234');
    expect(h).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(h).not.toContain('demo1234');
    expect(await verifyPassword('demo1234', h)).toBe(true);
    expect(await verifyPassword('demo12345', h)).toBe(false);
    expect(await verifyPassword('demo1234', null)).toBe(false);
    expect(await verifyPassword('demo1234', 'plain')).toBe(false);
    expect(await hashPassword('demo1234')).not.toBe(h);
  });

  it('login tokens are HS256 JWTs bound to the pool secret and expire', async () => {
    const secret = Buffer.alloc(32, 7).toString('base64url');
    const now = 1_800_000_000;
    const jwt = await signLoginToken(secret, { userId: 'u1', username: 'chen', poolId: 'p1', applicationId: 'a1', sessionId: 's1', connection: 'c', issuer: 'http://127.0.0.1:1', now });
    expect(JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(await verifyLoginToken(secret, jwt, now + 10)).toMatchObject({ sub: 'u1', aud: 'a1', username: 'chen', exp: now + 3600 });
    await expect(verifyLoginToken(Buffer.alloc(32, 8).toString('base64url'), jwt, now)).rejects.toThrow();
    await expect(verifyLoginToken(secret, jwt, now + 7200)).rejects.toThrow(/exp/);
  });

  it('the page escapes what users typed and carries the CSP nonce on its only script and style', () => {
    expect(escapeHtml(`<img src=x onerror="a">&'`)).toBe('&lt;img src=x onerror=&quot;a&quot;&gt;&amp;&#39;');
    const html = renderLoginPage({ appId: 'a1', appName: '<script>alert(1)</script>', connections: [{ identifier: 'c', displayName: '"Evil" & co' }], nonce: 'N0nce' });
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&quot;Evil&quot; &amp; co');
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('<script nonce="N0nce">');
    expect(html).toContain('<style nonce="N0nce">');
    expect(html).not.toMatch(/ style="/);
    expect(html).toContain('data-login-status="LOADING"');
    const csp = pageCsp('N0nce', 'http://127.0.0.1:4000');
    expect(csp).toContain("script-src 'nonce-N0nce'");
    expect(csp).toContain("frame-ancestors 'self' http://127.0.0.1:* http://localhost:* http://127.0.0.1:4000");
    expect(csp).toContain("default-src 'none'");
  });

  it('a page without a connection explains why and does not start', () => {
    const html = renderLoginPage({ appId: 'a1', appName: 'Shop', connections: [], nonce: 'n', problem: 'No connection.' });
    expect(html).toContain('data-login-status="ERROR"');
    expect(html).toContain('data-ready="false"');
    expect(html).toContain('No connection.');
  });
});
