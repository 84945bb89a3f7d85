import { describe, expect, it } from 'vitest';
import { serverUrlWarnings } from '../../../src-main/core/platform/service';
import { ERRMSG, WechatApiError, newRid } from '../../../src-main/core/platform/wechat-errors';

describe('platform helpers', () => {
  it('warns about ports WeChat refuses', () => {
    expect(serverUrlWarnings('http://example.com/x')).toEqual([]);
    expect(serverUrlWarnings('https://example.com:443/x')).toEqual([]);
    expect(serverUrlWarnings('https://example.com:8443/x')[0]).toMatch(/^port 8443: WeChat accepts only port 443 for https URLs/);
    expect(serverUrlWarnings('')).toEqual([]);
  });

  it('answers errors with WeChat’s texts and a rid', () => {
    let n = 0;
    const random = (k: number): Buffer => Buffer.from(Array.from({ length: k }, () => n++ % 256));
    expect(newRid(random)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
    const body = new WechatApiError(48001).body(random);
    expect(body.errcode).toBe(48001);
    expect(body.errmsg).toMatch(/^api unauthorized rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
    expect(ERRMSG[40001]).toBe(
      'invalid credential, access_token is invalid or not latest, could get access_token by getStableAccessToken, more details at https://mmbizurl.cn/s/JtxxFh33r',
    );
  });
});
