import { describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { oidcClientPatchSchema, redirectUriProblem } from '../../../src-main/contracts/oidc';
import { maskObject, maskUrl, TokenCollector } from '../../../src-main/core/oidc/exchange-journal';
import { pickLang } from '../../../src-main/core/oidc/sample/texts';

describe('redirect URI rules', () => {
  it('accepts https anywhere and http on loopback only; refuses fragments and non-URLs', () => {
    for (const ok of ['https://shop.example/cb', 'https://localhost:8443/cb', 'http://127.0.0.1:3000/cb', 'http://localhost/cb', 'http://[::1]:8080/cb', 'http://127.1.2.3/x?y=1']) {
      expect(redirectUriProblem(ok), ok).toBeNull();
    }
    expect(redirectUriProblem('http://shop.example/cb')).toMatch(/https, or http on a loopback host/);
    expect(redirectUriProblem('https://shop.example/cb#x')).toMatch(/fragment/);
    expect(redirectUriProblem('myapp://cb')).toMatch(/absolute URL/);
    expect(redirectUriProblem('/relative')).toMatch(/absolute URL/);
  });

  it('the settings schema names the field and rejects unknown ones', () => {
    const bad = oidcClientPatchSchema.safeParse({ redirectUris: ['https://a.example/cb', 'ftp://x'] });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path).toEqual(['redirectUris', 1]);
    expect(oidcClientPatchSchema.safeParse({ clientSecret: 'x' }).error!.issues[0]!.message).toMatch(/unknown field clientSecret/);
    expect(oidcClientPatchSchema.safeParse({ accessTokenTtl: 3600, idTokenAlg: 'HS256' }).success).toBe(true);
  });
});

describe('journal masking of OIDC exchanges', () => {
  it('masks codes and tokens in the query and the fragment, and decodes JWTs without keeping them', async () => {
    const jwt = await new SignJWT({ sub: 'u1', nonce: 'n' }).setProtectedHeader({ alg: 'HS256', kid: 'k1' }).sign(new TextEncoder().encode('x'.repeat(32)));
    const tokens = new TokenCollector();
    const masked = maskUrl(`https://rp.example/cb?code=abcdefghijklmnopqrstuvwxyz&state=s1#id_token=${jwt}&access_token=opaqueopaqueopaqueopaque`, 'https://op', 'response.location', tokens);
    expect(masked).not.toContain('abcdefghijklmnopqrstuvwxyz');
    expect(masked).not.toContain(jwt);
    expect(masked).not.toContain('opaqueopaqueopaqueopaque');
    expect(masked).toContain('state=s1');
    expect(tokens.tokens).toEqual([{ where: 'response.location.fragment.id_token', header: { alg: 'HS256', kid: 'k1' }, claims: { sub: 'u1', nonce: 'n' } }]);
    const body = maskObject({ grant_type: 'authorization_code', client_secret: 'super-secret-value-1234', code_verifier: 'v'.repeat(43) }, 'request.body', tokens);
    expect(body.grant_type).toBe('authorization_code');
    expect(JSON.stringify(body)).not.toContain('super-secret-value-1234');
    expect(JSON.stringify(body)).not.toContain('v'.repeat(43));
  });
});

describe('sample website language', () => {
  it('?lang= first, then the browser, then English', () => {
    expect(pickLang('zh-CN', 'en-US')).toBe('zh-CN');
    expect(pickLang(undefined, 'zh-TW,zh;q=0.9')).toBe('zh-CN');
    expect(pickLang('fr', 'de-DE')).toBe('en');
  });
});
