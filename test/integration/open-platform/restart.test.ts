import { describe, expect, it } from 'vitest';
import type { PhoneScreen, QrSessionView } from '../../../src-main/contracts/api';
import type { ComponentLinkDto, OpenPlatformDto } from '../../../src-main/contracts/open-platform';
import { makeTempDir } from '../../../src-main/core/db/temp';
import { authorizeOnPhone, makeScene, newLogin, startAuthorization, startOpenWorld, waitFor } from './world';

describe('the third-party platform across a restart', () => {
  it('the platform registered for the login server follows it to its new port; the authorized account still logs users in', async () => {
    const tmp = makeTempDir();
    try {
      let w = await startOpenWorld({ dataDir: tmp.dir, memory: false });
      const s = await makeScene(w);
      const started = await startAuthorization(w, s.poolId);
      const done = await authorizeOnPhone(w, started.authorizationUrl, s.admin, s.appId);
      expect((await w.http('GET', done.redirect)).text).toContain('Connected');
      const before = w.rt.urls.auth;
      await w.stop();

      w = await startOpenWorld({ dataDir: tmp.dir, memory: false });
      try {
        expect(w.rt.urls.auth).not.toBe(before);
        const platform = (await w.api<{ platforms: OpenPlatformDto[] }>('GET', '/api/wechat/platforms')).body.platforms[0]!;
        expect(platform.authEventUrl).toBe(`${w.rt.urls.auth}/component/${s.poolId}/events`);
        expect(platform.messageUrl).toBe(`${w.rt.urls.auth}/component/${s.poolId}/$APPID$/events`);
        expect(platform.initiationDomain).toBe(new URL(w.rt.urls.auth).host);
        const link = await w.api<ComponentLinkDto>('GET', `/api/login/pools/${s.poolId}/connections/wechat-oa/authorization`);
        expect(link.body.status).toBe('connected');

        const session = await newLogin(w, s.applicationId);
        expect(session.status, session.text).toBe(201);
        await w.api<PhoneScreen>('POST', `/api/phone/${s.user}/scan`, { content: session.body.qrUrl });
        await w.api<PhoneScreen>('POST', `/api/phone/${s.user}/follow`, { appId: s.appId });
        const after = await waitFor(async () => {
          const r = await w.http<QrSessionView>('GET', `${w.rt.urls.auth}/api/qr/sessions/${session.body.id}`);
          return r.body.status === 'AUTHORIZED' ? r.body : null;
        }, 'the login through the platform after the restart');
        expect(after.user?.username).toBe('user'); // the persona's nickname from user/info
      } finally {
        await w.stop();
      }
    } finally {
      tmp.remove();
    }
  });
});
