import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../src-renderer/api/http';
import type { StudioApi } from '../../../src-renderer/api/studio-api';
import type { ComponentLinkDto, LoginPool, PhoneScreen, StudioEvent, StudioEventBody } from '../../../src-renderer/api/types';
import { parseQrMessage } from '../../../src-renderer/features/stage/pc-message';
import { defaultDraft } from '../../../src-renderer/features/stage/phone/Authorize';
import { createStoryEnv, StoryStopped } from '../../../src-renderer/features/story/story-env';
import { prepareStory, STORY } from '../../../src-renderer/features/story/story-prepare';
import { authPageError } from '../../../src-renderer/i18n/wechat-open-texts';
import { createStudioStore } from '../../../src-renderer/store/create-store';

const ev = (body: StudioEventBody, seq = 1): StudioEvent => ({ ...body, seq, at: 0 }) as StudioEvent;

/** A manual scheduler: nothing runs until the test flushes it. */
function manualSchedule() {
  const queue: Array<() => void> = [];
  return {
    schedule: (fn: () => void) => void queue.push(fn),
    run: () => {
      while (queue.length) queue.shift()!();
    },
  };
}

function fakeApi(over: Partial<Record<keyof StudioApi, unknown>> = {}): StudioApi {
  return {
    listPools: vi.fn(async () => ({ pools: [] })),
    listAccounts: vi.fn(async () => ({ accounts: [] })),
    listPersonas: vi.fn(async () => ({ personas: [] })),
    phone: vi.fn(async () => ({ personaId: 'p1', screen: null, chats: [] })),
    listPlatforms: vi.fn(async () => ({ platforms: [] })),
    listLinks: vi.fn(async () => ({ links: [] })),
    getComponent: vi.fn(async (poolId: string) => ({ poolId, configured: true, componentAppId: 'wxc0c0c0c0c0c0c0c0' })),
    listAuthorizations: vi.fn(async () => ({ authorizations: [] })),
    getAdmins: vi.fn(async (appId: string) => ({ appId, admins: [] })),
    ...over,
  } as unknown as StudioApi;
}

const authorizeScreen = (uuid = 'u1'): PhoneScreen => ({
  screen: 'authorize',
  authorize: {
    uuid,
    componentAppId: 'wxc0c0c0c0c0c0c0c0',
    componentName: 'Login server',
    accounts: [{ appId: 'wxa', name: 'Shop', authorized: false }],
    funcs: [
      { id: 1, name: '消息管理', heldElsewhere: false },
      { id: 3, name: '帐号服务', heldElsewhere: false },
      { id: 5, name: '微信小店', heldElsewhere: true },
    ],
  },
});

describe('the PC frame during the authorization flow', () => {
  const frame = {};
  const msg = { type: 'follow-studio:qr', image: 'data:image/png;base64,AA', status: 'PENDING', sessionId: 'u1' };

  it('accepts the QR message from any origin the frame goes through, and the address only from the page itself', () => {
    const origins = ['http://127.0.0.1:4001', 'http://127.0.0.1:4002'];
    expect(parseQrMessage({ origin: 'http://127.0.0.1:4002', source: frame, data: { ...msg, href: 'http://127.0.0.1:4002/cgi-bin/componentloginpage?a=1' } }, { origin: origins, source: frame })).toEqual({
      image: msg.image,
      status: 'PENDING',
      sessionId: 'u1',
      href: 'http://127.0.0.1:4002/cgi-bin/componentloginpage?a=1',
    });
    expect(parseQrMessage({ origin: 'http://127.0.0.1:4003', source: frame, data: msg }, { origin: origins, source: frame })).toBeNull();
    // A page cannot claim to be somewhere else.
    expect(parseQrMessage({ origin: 'http://127.0.0.1:4002', source: frame, data: { ...msg, href: 'http://evil.example/' } }, { origin: origins, source: frame })?.href).toBeUndefined();
  });
});

describe("the phone's authorization page", () => {
  it('names a refusal of the authorization page with the page\'s own text', () => {
    expect(authPageError('-21 the persona administers no account this page offers')).toEqual({ code: '-21', text: '没有绑定管理员', detail: 'the persona administers no account this page offers' });
    expect(authPageError('-26 this QR code was already used to authorize')?.text).toBe('二维码已被授权');
    expect(authPageError('-99 unknown')).toBeNull();
    expect(authPageError('该公众号暂时无法提供服务，请稍后再试')).toBeNull();
  });

  it('starts with the only account picked and every free permission set ticked', () => {
    expect(defaultDraft(authorizeScreen().authorize!)).toEqual({ uuid: 'u1', appId: 'wxa', funcIds: [1, 3], step: 'account' });
  });

  it('confirms with the draft; the answer shows the success page with the push to inspect; a refusal is a toast', async () => {
    const phoneAuthorize = vi.fn(async () => ({ redirect: 'http://auth/back?auth_code=x', appId: 'wxa', componentAppId: 'wxc', infoType: 'authorized', funcIds: [3], journalId: 'j1' }));
    const store = createStudioStore({ api: fakeApi({ phoneAuthorize }), schedule: manualSchedule().schedule }, { personaId: 'p1' });
    const a = store.getState().actions;
    a.showScreen('p1', authorizeScreen());
    a.setAuthDraft({ uuid: 'u1', appId: 'wxa', funcIds: [3], step: 'funcs' });
    a.openPcPage({ url: 'http://auth/component/p/authorize/x', origins: [] });
    const r = await a.confirmAuthorize();
    expect(r?.redirect).toBe('http://auth/back?auth_code=x');
    expect(phoneAuthorize).toHaveBeenCalledWith('p1', { appId: 'wxa', funcIds: [3] });
    const shown = store.getState().screens.p1!;
    expect(shown.authorize?.redirect).toBe('http://auth/back?auth_code=x');
    expect(shown.journalId).toBe('j1');
    expect(store.getState().pcAddress).toBe('http://auth/back?auth_code=x');

    const refused = createStudioStore(
      { api: fakeApi({ phoneAuthorize: vi.fn(async () => Promise.reject(new ApiError(403, 'not_admin', 'the persona does not administer wxa', 'appId'))) }), schedule: manualSchedule().schedule },
      { personaId: 'p1' },
    );
    refused.getState().actions.showScreen('p1', authorizeScreen());
    refused.getState().actions.setAuthDraft({ uuid: 'u1', appId: 'wxa', funcIds: [3], step: 'funcs' });
    expect(await refused.getState().actions.confirmAuthorize()).toBeNull();
    expect(refused.getState().toasts.map((t) => t.message.key)).toEqual(['authorizeFailed']);
    expect(refused.getState().phoneBusy).toBe(false);
  });
});

describe('the third-party platform views follow the stream', () => {
  it('refetch only the lists a view has shown: platforms, a pool\'s links (on connections), its configuration (on pools)', async () => {
    const s = manualSchedule();
    const api = fakeApi();
    const store = createStudioStore({ api, schedule: s.schedule });
    const a = store.getState().actions;
    a.handleEvent(ev({ type: 'changed', topic: 'platforms' }));
    a.handleEvent(ev({ type: 'changed', topic: 'connections' }));
    s.run();
    expect(api.listPlatforms).not.toHaveBeenCalled();
    expect(api.listLinks).not.toHaveBeenCalled();

    await a.loadPlatforms();
    await a.loadLinks('pool1');
    await a.loadComponent('pool1');
    vi.mocked(api.listPlatforms).mockClear();
    vi.mocked(api.listLinks).mockClear();
    vi.mocked(api.getComponent).mockClear();
    a.handleEvent(ev({ type: 'changed', topic: 'connections' }));
    a.handleEvent(ev({ type: 'changed', topic: 'connections' }, 2));
    s.run();
    expect(api.listLinks).toHaveBeenCalledTimes(1);
    expect(api.getComponent).not.toHaveBeenCalled();
    a.handleEvent(ev({ type: 'changed', topic: 'pools' }, 3));
    a.handleEvent(ev({ type: 'changed', topic: 'platforms' }, 4));
    s.run();
    expect(api.getComponent).toHaveBeenCalledWith('pool1');
    expect(api.listPlatforms).toHaveBeenCalledTimes(1);
  });

  it('a demo reset forgets the PC frame\'s page, the phone\'s choices and the story', async () => {
    const store = createStudioStore({ api: fakeApi({ reset: vi.fn(async () => ({})), journal: vi.fn(async () => ({ entries: [] })) }), schedule: manualSchedule().schedule });
    const a = store.getState().actions;
    a.openPcPage({ url: 'http://wx/page', origins: ['http://wx'] });
    a.setAuthDraft({ uuid: 'u', appId: null, funcIds: [], step: 'account' });
    a.setStory({ status: 'running', step: 'open' });
    await a.resetDemo();
    expect(store.getState()).toMatchObject({ pcPage: null, authDraft: null, story: { status: 'idle', step: null } });
  });
});

describe('the stage story', () => {
  const pool = (over: Partial<LoginPool> = {}): LoginPool => ({ id: 'pool9', name: STORY.poolName, createdAt: 0, connections: [], apps: [], ...over });

  it('sets the scene from what an earlier run made, cancelling its authorization first; makes only what is missing', async () => {
    const left: ComponentLinkDto = {
      poolId: 'pool9',
      identifier: STORY.identifier,
      status: 'connected',
      authorizer: { appId: 'wxacc', nickName: STORY.accountName, headImg: '', userName: 'gh_1', principalName: '', serviceType: 2, verifyType: 0, funcIds: [1, 3], connectedAt: 1 },
      note: '',
    };
    const api = fakeApi({
      listPools: vi.fn(async () => ({ pools: [pool({ apps: [{ id: 'app9', poolId: 'pool9', name: STORY.appName, loginUrl: 'http://auth/login/app9', redirectUris: [], qrExpireSeconds: null, secretMasked: '', createdAt: 0 }] })] })),
      createPool: vi.fn(),
      createApp: vi.fn(),
      registerComponent: vi.fn(),
      listAccounts: vi.fn(async () => ({ accounts: [{ appId: 'wxacc', name: STORY.accountName, originalId: 'gh_1' }] })),
      createAccount: vi.fn(),
      listPersonas: vi.fn(async () => ({ personas: [{ id: 'p-lin', name: STORY.userName, accounts: [] }] })),
      createPersona: vi.fn(async () => ({ id: 'p-zhao', name: STORY.adminName, accounts: [] })),
      putAdmins: vi.fn(async () => ({})),
      listLinks: vi.fn(async () => ({ links: [left] })),
      cancelAuthorization: vi.fn(async () => ({ ok: true, pushed: true, journalId: 'j' })),
      startAuthorization: vi.fn(async () => ({ link: { ...left, status: 'not_connected', authorizer: null }, authorizationUrl: 'http://wx/page', initiationUrl: 'http://auth/start', preAuthCodeExpiresIn: 1800 })),
    });
    const store = createStudioStore({ api, schedule: manualSchedule().schedule });
    const cast = await prepareStory(createStoryEnv(api, store));
    expect(cast).toMatchObject({ pool: { id: 'pool9' }, app: { id: 'app9' }, account: { appId: 'wxacc' }, admin: { id: 'p-zhao' }, user: { id: 'p-lin' } });
    expect(api.createPool).not.toHaveBeenCalled();
    expect(api.createApp).not.toHaveBeenCalled();
    expect(api.createAccount).not.toHaveBeenCalled();
    expect(api.registerComponent).not.toHaveBeenCalled();
    expect(api.createPersona).toHaveBeenCalledWith({ name: STORY.adminName });
    expect(api.putAdmins).toHaveBeenCalledWith('wxacc', ['p-zhao']);
    expect(api.cancelAuthorization).toHaveBeenCalledWith('wxacc', 'wxc0c0c0c0c0c0c0c0');
    expect(vi.mocked(api.cancelAuthorization).mock.invocationCallOrder[0]).toBeLessThan(vi.mocked(api.startAuthorization).mock.invocationCallOrder[0]!);
    expect(store.getState().selectedPoolId).toBe('pool9');
  });

  it('waits for a state, not for time; Stop ends a wait at once; a wait that never comes times out', async () => {
    const timers: Array<{ fn: () => void; ms: number; id: number }> = [];
    let ids = 0;
    const fakeTimers = {
      set: (fn: () => void, ms: number) => (timers.push({ fn, ms, id: ++ids }), ids),
      clear: (id: unknown) => {
        const i = timers.findIndex((t) => t.id === id);
        if (i >= 0) timers.splice(i, 1);
      },
    };
    const store = createStudioStore({ api: fakeApi(), schedule: manualSchedule().schedule });
    const env = createStoryEnv(fakeApi(), store, fakeTimers);
    store.getState().actions.setStory({ status: 'running' });

    const qr = env.waitFor((s) => s.pcQr?.status === 'PENDING' && s.pcQr.sessionId, 'a QR code');
    store.getState().actions.setPcQr({ image: 'data:image/png;base64,AA', status: 'PENDING', sessionId: 's1', at: 0 });
    await expect(qr).resolves.toBe('s1');
    expect(timers).toHaveLength(0);

    const never = env.waitFor(() => null, 'nothing', 5000);
    timers.shift()!.fn();
    await expect(never).rejects.toThrow('timed out after 5 s waiting for nothing');

    const stopped = env.waitFor(() => null, 'something');
    const beat = env.beat(1000);
    store.getState().actions.setStory({ status: 'stopped' });
    await expect(stopped).rejects.toBeInstanceOf(StoryStopped);
    await expect(beat).rejects.toBeInstanceOf(StoryStopped);
    expect(timers).toHaveLength(0);
  });
});
