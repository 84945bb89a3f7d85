import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account, LoginApplicationCreated, LoginPool, Persona, PhoneScreen, QrSessionView } from '../../../src-main/contracts/api';
import { createVirtualClock, type VirtualClock } from '../../../src-main/core/clock';
import { newLogin, startOpenWorld, waitFor, type OpenWorld } from './world';

const H = 3_600_000;

/**
 * Component and authorizer tokens grant access to an account's API: they travel in WeChat's answers
 * (api_component_token, api_query_auth, api_authorizer_token, api_get_authorizer_info and _list) and in
 * query strings, and none of them may be readable in the journal, which is persisted, streamed and
 * exported. Every token the run issued is collected from the database and looked for in the journal.
 */
describe('the journal of a third-party platform run', () => {
  let w: OpenWorld;
  let clock: VirtualClock;
  beforeEach(async () => {
    clock = createVirtualClock(Date.now());
    w = await startOpenWorld({}, { clock });
  });
  afterEach(() => w.stop());

  const column = (sql: string): string[] => (w.rt.ctx.db.prepare(sql).all() as Array<{ v: string }>).map((r) => r.v).filter((v) => v.length > 0);

  it('holds no component access token, authorizer access token or refresh token, only their masked forms', async () => {
    const acc = await w.api<Account>('POST', '/api/wechat/accounts', { name: 'Token Co', type: 'service', verified: true });
    const appId = acc.body.appId;
    const admin = (await w.api<Persona>('POST', '/api/wechat/personas', { name: 'Admin' })).body.id;
    const user = (await w.api<Persona>('POST', '/api/wechat/personas', { name: 'User' })).body.id;
    await w.api('PUT', `/api/wechat/accounts/${appId}/admins`, { personaIds: [admin] });
    const poolId = (await w.api<LoginPool>('POST', '/api/login/pools', { name: 'P' })).body.id;
    const applicationId = (await w.api<LoginApplicationCreated>('POST', `/api/login/pools/${poolId}/apps`, { name: 'Site' })).body.id;
    const registered = await w.api<{ componentAppId: string }>('POST', `/api/login/pools/${poolId}/component/register`, {});
    expect(registered.status, registered.text).toBe(201);
    await w.rt.studio.openPlatform.authorizeWithWeChat(poolId, { identifier: 'oa', displayName: 'WeChat' }, { personaId: admin, appId });

    // A login through the authorized account: qrcode/create and user/info with the authorizer token.
    const session = await newLogin(w, applicationId);
    expect(session.status, session.text).toBe(201);
    await w.api<PhoneScreen>('POST', `/api/phone/${user}/scan`, { content: session.body.qrUrl });
    await w.api<PhoneScreen>('POST', `/api/phone/${user}/follow`, { appId });
    await waitFor(async () => (await w.http<QrSessionView>('GET', `${w.rt.urls.auth}/api/qr/sessions/${session.body.id}`)).body.status === 'AUTHORIZED', 'the login');

    // The list that answers every refresh token, and the refresh on the clock (api_authorizer_token).
    const componentToken = column('SELECT token AS v FROM wx_component_tokens')[0]!;
    const list = await w.http<{ list?: Array<{ refresh_token: string }> }>(
      'POST',
      `${w.rt.urls.wechat}/cgi-bin/component/api_get_authorizer_list?component_access_token=${componentToken}`,
      { component_appid: registered.body.componentAppId, offset: 0, count: 10 },
    );
    expect(list.body.list?.[0]?.refresh_token, `the platform itself gets the refresh token: ${list.text}`).toMatch(/^refreshtoken@@@/);
    await clock.advance(2 * H);
    await expect.poll(() => w.rt.journal.list({ kind: 'api', limit: 500 }).some((e) => e.summary?.includes('api_authorizer_token')), { timeout: 5000 }).toBe(true);

    const tokens = [
      ...column('SELECT token AS v FROM wx_component_tokens'),
      ...column('SELECT token AS v FROM wx_authorizer_tokens'),
      ...column('SELECT refresh_token AS v FROM wx_authorizations'),
      ...column('SELECT access_token AS v FROM login_component_links'),
      ...column('SELECT refresh_token AS v FROM login_component_links'),
    ];
    expect(column('SELECT token AS v FROM wx_authorizer_tokens').length, 'query_auth and the refresh each issued one').toBeGreaterThanOrEqual(2);
    const journal = JSON.stringify(w.rt.journal.list({ limit: 10_000 }));
    // The answers that carried the tokens are in the journal, with the names and without the values.
    for (const name of ['component_access_token', 'authorizer_access_token', 'authorizer_refresh_token', 'refresh_token']) expect(journal).toContain(`\\"${name}\\":`);
    for (const token of tokens) expect(journal, `a token in the journal: ${token.slice(0, 16)}…`).not.toContain(token);
  });
});
