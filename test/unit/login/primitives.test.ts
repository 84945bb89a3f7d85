import { describe, expect, it } from 'vitest';
import { signLoginToken, verifyLoginToken } from '../../../src-main/core/login/jwt';
import { escapeHtml, pageCsp, renderLoginPage } from '../../../src-main/core/login/page';
import { hashPassword, verifyPassword } from '../../../src-main/core/login/password';
import { mask } from '../../../src-main/core/login/util';
import { PAGE_TEXT } from '../../../src-main/contracts/login-messages';

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

  const assets = { script: '/login-assets/assets/login-page-abc.js', styles: ['/login-assets/assets/login-page-abc.css'] };
  const model = { appId: 'a1', lang: 'en' as const, path: '/login/a1', assets };

  it('the page escapes what users typed; its script and styles come from its own origin, nothing inline runs', () => {
    expect(escapeHtml(`<img src=x onerror="a">&'`)).toBe('&lt;img src=x onerror=&quot;a&quot;&gt;&amp;&#39;');
    const html = renderLoginPage({ ...model, appName: '<script>alert(1)</script>', connections: [{ identifier: 'c', displayName: '"Evil" & co' }] });
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&quot;Evil&quot; &amp; co');
    // One script to run (the built module) and one JSON data block (never executed).
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).toContain('<script type="module" src="/login-assets/assets/login-page-abc.js"></script>');
    expect(html).toContain('<script type="application/json" id="login-page-texts">');
    expect(html).toContain('<link rel="stylesheet" href="/login-assets/assets/login-page-abc.css">');
    expect(html).not.toMatch(/<style|nonce=| style="| on[a-z]+="/);
    expect(html).toContain('data-login-status="LOADING"');
    const csp = pageCsp('http://127.0.0.1:4000');
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("font-src 'self'");
    expect(csp).toContain("frame-ancestors 'self' http://127.0.0.1:* http://localhost:* http://127.0.0.1:4000");
    expect(csp).toContain("default-src 'none'");
  });

  it('the texts for the script cannot close their data block', () => {
    const html = renderLoginPage({ ...model, appName: 'Shop', connections: [{ identifier: 'c', displayName: 'C' }] });
    const json = /<script type="application\/json" id="login-page-texts">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(json).not.toContain('<');
    expect(JSON.parse(json)).toMatchObject({ lang: 'en', status: { PENDING: 'Scan with WeChat, then follow the official account to sign in' } });
  });

  it('a page without a connection explains why, in the visitor language, and does not start', () => {
    const en = renderLoginPage({ ...model, appName: 'Shop', connections: [], problem: { message: PAGE_TEXT.noConnection } });
    expect(en).toContain('data-login-status="ERROR"');
    expect(en).toContain('data-ready="false"');
    expect(en).toContain('No &quot;WeChat Official Account Follow&quot; connection is configured for this application.');
    const zh = renderLoginPage({ ...model, lang: 'zh-CN', appName: 'Shop', connections: [], problem: { message: PAGE_TEXT.noConnection } });
    expect(zh).toContain('<html lang="zh-CN"');
    expect(zh).toContain('此应用没有配置「公众号关注登录」身份源。');
  });

  it('a page whose script is not built says so instead of showing a QR code', () => {
    const html = renderLoginPage({ ...model, assets: null, appName: 'Shop', connections: [{ identifier: 'c', displayName: 'C' }] });
    expect(html).toContain('data-ready="false"');
    expect(html).toContain('npm run build');
    expect(html).not.toContain('fonts-pending');
  });
});
