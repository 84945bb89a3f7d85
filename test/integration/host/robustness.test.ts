import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../../src-main/core/runtime';

/**
 * No request can crash a server or earn a 500: every documented control route, WeChat's API and the
 * login server's routes get malformed input, and each answer must be a clear 4xx (or WeChat's errcode).
 */
const JUNK_BODIES: Array<[string, string]> = [
  ['application/json', '{"unterminated": '],
  ['application/json', '[1,2,3]'],
  ['application/json', '{"name":{"$gt":""},"appId":123,"content":null,"text":["x"],"url":42}'],
  ['application/json', JSON.stringify({ name: 'x'.repeat(100_000), token: '🙂'.repeat(50), mode: 'turbo' })],
  ['text/xml', '<!DOCTYPE x [<!ENTITY a "aaaa">]><xml>&a;</xml>'],
  ['text/plain', '\u0000\u0001\uFFFF'],
];

describe('malformed requests', () => {
  let rt: Runtime;
  let paths: Record<string, Record<string, unknown>>;
  beforeAll(async () => {
    rt = await createRuntime({ memory: true, quiet: true });
    const res = await fetch(`${rt.urls.studio}/api/openapi.json`, { headers: { authorization: `Bearer ${rt.token}` } });
    paths = ((await res.json()) as { paths: Record<string, Record<string, unknown>> }).paths;
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it('never get a 500 from the control API', async () => {
    const failures: string[] = [];
    let calls = 0;
    for (const [template, methods] of Object.entries(paths)) {
      if (template === '/api/events' || template === '/api/reset') continue; // a stream; a reset is valid with any body
      const url = rt.urls.studio + template.replace(/\{[^}]+\}/g, 'no-such-id%00%2F..');
      for (const method of Object.keys(methods).map((m) => m.toUpperCase())) {
        for (const [type, body] of method === 'GET' || method === 'DELETE' ? [['', '']] : JUNK_BODIES) {
          const res = await fetch(url + (method === 'GET' ? '?limit=-5&poolId[]=x&kind=zzz' : ''), {
            method,
            headers: { authorization: `Bearer ${rt.token}`, ...(type ? { 'content-type': type } : {}) },
            body: body || undefined,
          });
          calls++;
          if (res.status >= 500) failures.push(`${method} ${template} (${type}) → ${res.status} ${await res.text()}`);
          else await res.arrayBuffer();
        }
      }
    }
    expect(calls).toBeGreaterThan(50);
    expect(failures).toEqual([]);
  });

  it('get WeChat-style errors from the mock platform and 4xx from the login server', async () => {
    const failures: string[] = [];
    const targets = [
      ...['token', 'stable_token', 'qrcode/create', 'showqrcode', 'user/info', 'user/get', 'message/custom/send'].map((p) => `${rt.urls.wechat}/cgi-bin/${p}?access_token=%FF&appid=wx&secret=`),
      `${rt.urls.auth}/connections/social/nope/nope/events?signature=1&timestamp=x&nonce=&encrypt_type=aes&msg_signature=`,
      `${rt.urls.auth}/api/qr/sessions`,
      `${rt.urls.auth}/api/qr/sessions/nope/bind`,
      `${rt.urls.auth}/api/qr/sessions/nope/cancel`,
      `${rt.urls.auth}/login/%00`,
    ];
    for (const url of targets) {
      for (const [type, body] of [['', ''], ...JUNK_BODIES]) {
        const method = body ? 'POST' : 'GET';
        const res = await fetch(url, { method, headers: type ? { 'content-type': type } : {}, body: body || undefined });
        if (res.status >= 500) failures.push(`${method} ${url} (${type}) → ${res.status} ${await res.text()}`);
        else await res.arrayBuffer();
      }
    }
    expect(failures).toEqual([]);
    const health = await fetch(`${rt.urls.studio}/api/health`, { headers: { authorization: `Bearer ${rt.token}` } });
    expect(health.status).toBe(200);
  });
});
