import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComponentConfigDto } from '../../../src-main/contracts/open-platform';
import type { LoginPool } from '../../../src-main/contracts/api';
import { startOpenWorld, type OpenWorld } from './world';

/** The Open Platform's public routes on both servers take junk without a 500 or a crash. */
const JUNK: Array<[string, string]> = [
  ['application/json', '{"unterminated": '],
  ['application/json', '[1,2,3]'],
  ['application/json', '{"component_appid":{"$gt":""},"authorization_code":123,"offset":-1,"count":"x","option_name":null}'],
  ['text/xml', '<!DOCTYPE x [<!ENTITY a "aaaa">]><xml>&a;</xml>'],
  ['text/plain', '\u0000\u0001\uFFFF'],
];

describe('malformed requests to the Open Platform routes', () => {
  let w: OpenWorld;
  let poolId: string;
  beforeAll(async () => {
    w = await startOpenWorld();
    poolId = (await w.api<LoginPool>('POST', '/api/login/pools', { name: 'P' })).body.id;
    await w.api<ComponentConfigDto>('POST', `/api/login/pools/${poolId}/component/register`, {});
  });
  afterAll(() => w.stop());

  it('WeChat answers errcode JSON on every component API; pages and the login server answer 4xx', async () => {
    const apis = ['api_start_push_ticket', 'api_component_token', 'api_create_preauthcode', 'api_query_auth', 'api_authorizer_token', 'api_get_authorizer_info', 'api_get_authorizer_list', 'api_get_authorizer_option', 'api_set_authorizer_option', 'get_authorizer_option', 'set_authorizer_option', 'api_nope'];
    const failures: string[] = [];
    for (const api of apis) {
      for (const token of ['', 'component_access_token=%FF', 'access_token=x&access_token=y']) {
        for (const [type, body] of JUNK) {
          const res = await fetch(`${w.rt.urls.wechat}/cgi-bin/component/${api}?${token}`, { method: 'POST', headers: { 'content-type': type }, body });
          const json = (await res.json()) as { errcode?: number };
          if (res.status !== 200 || typeof json.errcode !== 'number' || json.errcode === 0) failures.push(`${api} ${token} ${type} → ${res.status} ${JSON.stringify(json)}`);
        }
      }
    }
    const pages = [
      `${w.rt.urls.wechat}/cgi-bin/componentloginpage?component_appid[]=x&pre_auth_code=%00&redirect_uri=javascript:alert(1)`,
      `${w.rt.urls.wechat}/safe/bindcomponent?uuid=%FF`,
      `${w.rt.urls.wechat}/wxaopen/safe/bindcomponent?auth_type=9&biz_appid=<script>`,
      `${w.rt.urls.wechat}/safe/safeuuid?uuid=${'x'.repeat(5000)}`,
      `${w.rt.urls.wechat}/safe/safeqrcode?uuid=%00`,
      `${w.rt.urls.wechat}/mmopen/%00/0`,
      `${w.rt.urls.auth}/component/${poolId}/authorized?identifier=%00&state=&auth_code=queryauthcode%40%40%40x`,
      `${w.rt.urls.auth}/component/nope/authorize/nope`,
      `${w.rt.urls.auth}/component/${poolId}/authorize/%2F..`,
    ];
    for (const url of pages) {
      const res = await fetch(url);
      const text = await res.text();
      if (res.status >= 500) failures.push(`GET ${url} → ${res.status}`);
      if (text.includes('<script>alert') || text.includes('biz_appid=<script>')) failures.push(`GET ${url} reflects markup`);
    }
    const renew = await fetch(`${w.rt.urls.wechat}/safe/safeqrconnect?uuid=nope`, { method: 'POST' });
    if (renew.status >= 500) failures.push(`safeqrconnect → ${renew.status}`);
    for (const path of [`/component/${poolId}/events`, `/component/${poolId}/wx0000000000000000/events`, '/component/nope/events']) {
      for (const [type, body] of JUNK) {
        const res = await fetch(`${w.rt.urls.auth}${path}?signature=1&timestamp=x&nonce=&encrypt_type=aes&msg_signature=`, { method: 'POST', headers: { 'content-type': type }, body });
        const text = await res.text();
        if (res.status < 400 || res.status >= 500) failures.push(`POST ${path} (${type}) → ${res.status}`);
        // Malformed JSON is refused by the server's body parser with its own fixed text before the route runs.
        if (type !== 'application/json' && text.length > 20) failures.push(`POST ${path}: a refusal must be short, got ${JSON.stringify(text.slice(0, 80))}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
