import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../src-main/contracts/api';
import { maskSecret, redactBody, redactEntry, redactFields, redactSignatureStep, redactText, redactUrl } from '../../../src-main/core/journal/redact';

const SECRET = '0123456789abcdef0123456789abcdef';
const ACCESS = 'ACCESS_TOKEN_81_chars_long_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';

describe('redaction', () => {
  it('masks credentials in URLs by parameter name, and keeps the rest', () => {
    const url = redactUrl(`/cgi-bin/token?grant_type=client_credential&appid=wx1&secret=${SECRET}&x=1`);
    expect(url).toBe(`/cgi-bin/token?grant_type=client_credential&appid=wx1&secret=${maskSecret(SECRET)}&x=1`);
    expect(redactUrl(`/cgi-bin/user/info?access_token=${ACCESS}&openid=o1`)).not.toContain(ACCESS);
    expect(redactUrl(`/x?component_access_token=${ACCESS}`)).not.toContain(ACCESS);
    expect(redactUrl('/plain/path')).toBe('/plain/path');
  });

  it('masks access tokens, secrets and passwords in JSON and form bodies, at any depth', () => {
    const json = redactBody(JSON.stringify({ access_token: ACCESS, expires_in: 7200, nested: [{ password: 'demo1234', client_secret: SECRET }] }));
    expect(json).not.toContain(ACCESS);
    expect(json).not.toContain('demo1234');
    expect(json).not.toContain(SECRET);
    expect(JSON.parse(json).expires_in).toBe(7200);
    const form = redactBody(`grant_type=authorization_code&code=abc&client_secret=${SECRET}`, 'application/x-www-form-urlencoded');
    expect(form).toContain('grant_type=authorization_code');
    expect(form).not.toContain(SECRET);
    // A body the journal cut short is still masked.
    expect(redactBody(`{"access_token":"${ACCESS}","expires_in":72`)).not.toContain(ACCESS);
    // XML pushes are left alone.
    expect(redactBody('<xml><Encrypt><![CDATA[abc]]></Encrypt></xml>')).toBe('<xml><Encrypt><![CDATA[abc]]></Encrypt></xml>');
  });

  it('replaces secrets known by value anywhere in an entry, and drops credential headers', () => {
    const entry: JournalEntry = {
      id: '1',
      at: 0,
      kind: 'event',
      url: 'http://x/events?signature=s',
      attempts: [{ request: { method: 'POST', url: '/events', headers: { authorization: 'Bearer abc', cookie: 'a=b' }, body: 'token=QDG6eK' }, ms: 1 }],
      verdict: { ok: false, reasons: ['the Token QDG6eK does not match'] },
    };
    const out = redactEntry(entry, [{ value: 'QDG6eK', label: 'Token' }]);
    expect(JSON.stringify(out)).not.toContain('QDG6eK');
    expect(out.verdict.reasons[0]).toBe('the Token «Token» does not match');
    expect(out.attempts[0]!.request.headers).toEqual({ authorization: '«redacted»', cookie: '«redacted»' });
  });

  it('keeps a signature step readable with nothing of the Token in it', () => {
    const step = redactSignatureStep({ label: 'signature', sorted: ['1409735669', '1409735670', 'QDG6eK'], joined: '14097356691409735670QDG6eK', sha1: 'x', ok: true }, 'QDG6eK');
    expect(step.sorted).toEqual(['1409735669', '1409735670', '«Token»']);
    expect(step.joined).toBe('14097356691409735670«Token»');
  });

  it('masks credential pairs inside free text, query-style and JSON-style, and nothing else', () => {
    const text = `GET token → {"access_token":"${ACCESS}","expires_in":7200} then user/info access_token=${ACCESS} openid=o1`;
    const out = redactText(text);
    expect(out).not.toContain(ACCESS);
    expect(out).toContain(`"access_token":"${maskSecret(ACCESS)}"`);
    expect(out).toContain(`access_token=${maskSecret(ACCESS)} openid=o1`);
    expect(out).toContain('"expires_in":7200');
    expect(redactText('scene=login_1 state=ok')).toBe('scene=login_1 state=ok');
  });

  it('drops log fields whose names name a secret, at any depth', () => {
    expect(redactFields({ appId: 'wx1', appSecret: SECRET, server: { token: 'tok', encodingAesKey: 'k', url: 'http://x' }, list: [{ password: 'p' }] })).toEqual({
      appId: 'wx1',
      appSecret: '[redacted]',
      server: { token: '[redacted]', encodingAesKey: '[redacted]', url: 'http://x' },
      list: [{ password: '[redacted]' }],
    });
  });
});
