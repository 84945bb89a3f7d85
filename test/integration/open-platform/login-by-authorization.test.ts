import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PhoneScreen, QrSessionView } from '../../../src-main/contracts/api';
import type { ComponentLinkDto } from '../../../src-main/contracts/open-platform';
import type { StudioEvent } from '../../../src-main/contracts/events';
import { authorizeOnPhone, makeScene, newLogin, startAuthorization, startOpenWorld, waitFor, type OpenWorld, type Scene } from './world';

describe('the login server as a third-party platform', () => {
  let w: OpenWorld;
  let s: Scene;
  beforeEach(async () => {
    w = await startOpenWorld();
    s = await makeScene(w);
  });
  afterEach(() => w.stop());

  it('authorize, a persona scans the login QR and follows → logged in; cancel → not connected and a new login refused', async () => {
    expect(s.component.ticketReceivedAt, 'the verify ticket pushed on registration').not.toBeNull();
    const started = await startAuthorization(w, s.poolId);
    expect(started.link.status).toBe('not_connected');
    expect(started.authorizationUrl).toContain('/cgi-bin/componentloginpage?component_appid=');

    const done = await authorizeOnPhone(w, started.authorizationUrl, s.admin, s.appId);
    expect(done.infoType).toBe('authorized');
    const landing = await w.http('GET', done.redirect);
    expect(landing.status, landing.text).toBe(200);
    expect(landing.text).toContain('Connected');
    expect(landing.text).toContain(s.accountName);

    const link = await w.api<ComponentLinkDto>('GET', `/api/login/pools/${s.poolId}/connections/wechat-oa/authorization`);
    expect(link.body.status).toBe('connected');
    expect(link.body.authorizer).toMatchObject({ appId: s.appId, nickName: s.accountName, userName: s.originalId, serviceType: 2, verifyType: 0 });
    expect(link.body.authorizer?.headImg).toMatch(/\/mmopen\//);
    const avatar = await fetch(link.body.authorizer!.headImg);
    expect(avatar.headers.get('content-type')).toContain('image/svg+xml');

    // A login through the authorized account: the QR comes from qrcode/create with the authorizer token.
    const session = await newLogin(w, s.applicationId);
    expect(session.status, session.text).toBe(201);
    const scanned = await w.api<PhoneScreen>('POST', `/api/phone/${s.user}/scan`, { content: session.body.qrUrl });
    expect(scanned.body.screen).toBe('profile');
    const followed = await w.api<PhoneScreen>('POST', `/api/phone/${s.user}/follow`, { appId: s.appId });
    expect(followed.body.messages?.some((m) => m.from === 'account' && m.text.length > 0), JSON.stringify(followed.body)).toBe(true);
    const after = await w.http<QrSessionView>('GET', `${w.rt.urls.auth}/api/qr/sessions/${session.body.id}`);
    expect(after.body.status).toBe('AUTHORIZED');
    expect(after.body.user?.username).toBe('user'); // the persona's nickname from user/info
    const push = w.rt.journal.list({ kind: 'push', limit: 20 }).find((e) => e.summary?.startsWith('subscribe qrscene_'));
    expect(push?.url).toBe(`${w.rt.urls.auth}/component/${s.poolId}/${s.appId}/events`);
    // The login server's side of that exchange, written by the auth server's recorder and linked from the push.
    const received = w.rt.journal.get(push!.related![0]!);
    expect(received).toMatchObject({ source: 'auth', kind: 'event', appId: s.appId, verdict: { ok: true } });
    expect(received?.summary).toMatch(/^subscribe \(scene .*\) via third-party platform → new user user created and signed in$/);

    // The admin cancels on the WeChat console: the login console sees it live.
    const seen: StudioEvent[] = [];
    const off = w.rt.bus.subscribe((e) => seen.push(e));
    const cancel = await w.api<{ pushed: boolean }>('DELETE', `/api/wechat/accounts/${s.appId}/authorizations/${s.component.componentAppId}`);
    off();
    expect(cancel.status, cancel.text).toBe(200);
    expect(cancel.body.pushed).toBe(true);
    expect(seen.some((e) => e.type === 'changed' && e.topic === 'connections')).toBe(true);
    const gone = await w.api<ComponentLinkDto>('GET', `/api/login/pools/${s.poolId}/connections/wechat-oa/authorization`);
    expect(gone.body.status).toBe('not_connected');
    expect(gone.body.authorizer).toBeNull();

    const refused = await newLogin(w, s.applicationId);
    expect(refused.status).toBe(424);
    const entry = w.rt.journal.list({ limit: 10 }).find((e) => e.source === 'auth' && e.url.endsWith('/api/qr/sessions'))!;
    expect(entry.verdict.reasons.join(' ')).toContain('no longer connected');
  });

  it('an open login session ends when the account cancels, and the phone\'s follow then reaches nobody', async () => {
    const started = await startAuthorization(w, s.poolId);
    const done = await authorizeOnPhone(w, started.authorizationUrl, s.admin, s.appId);
    await w.http('GET', done.redirect);
    const session = await newLogin(w, s.applicationId);
    expect(session.status).toBe(201);
    await w.api('DELETE', `/api/wechat/accounts/${s.appId}/authorizations/${s.component.componentAppId}`);
    const ended = await waitFor(async () => {
      const r = await w.http<QrSessionView>('GET', `${w.rt.urls.auth}/api/qr/sessions/${session.body.id}`);
      return r.body.status === 'ERROR' ? r.body : null;
    }, 'the session to end');
    expect(ended.error).toContain('no longer connected');
    const pushesBefore = w.rt.journal.list({ kind: 'push', limit: 100 }).length;
    await w.api('POST', `/api/phone/${s.user}/scan`, { content: session.body.qrUrl });
    await w.api('POST', `/api/phone/${s.user}/follow`, { appId: s.appId });
    expect(w.rt.journal.list({ kind: 'push', limit: 100 }).length, 'no push: the account has no server and no platform').toBe(pushesBefore);
  });
});
