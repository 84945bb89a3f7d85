import { expect } from 'vitest';
import type { Account, Persona } from '../../../src-main/contracts/api';
import type { OpenPlatformDto, PhoneAuthorizeResult } from '../../../src-main/contracts/open-platform';
import { createVirtualClock, type VirtualClock } from '../../../src-main/core/clock';
import { AES_KEY, TOKEN, startReceiver } from './receiver';
import { authorizeOnPhone, startOpenWorld, type OpenWorld } from './world';

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

export interface Platform {
  w: OpenWorld;
  clock: VirtualClock;
  rx: Receiver;
  appId: string;
  originalId: string;
  admin: string;
  user: string;
  componentAppId: string;
  secret: string;
  /** POST to a component API with a JSON body (or raw text); returns the parsed answer. */
  cgi<T = Record<string, unknown>>(path: string, body?: unknown, contentType?: string): Promise<T>;
  ticket(): Promise<string>;
  componentToken(): Promise<string>;
  preAuthUrl(extra?: string): Promise<{ url: string; code: string }>;
  authorize(funcIds?: number[], extra?: string): Promise<PhoneAuthorizeResult & { code: string }>;
  stop(): Promise<void>;
}

/** A world on a virtual clock with a verified service account, its admin, a user, and one platform with a receiver. */
export async function startPlatform(accountType: { type: 'service' | 'subscription'; verified: boolean } = { type: 'service', verified: true }): Promise<Platform> {
  const clock = createVirtualClock(Date.now());
  const world = await startOpenWorld({}, { clock });
  const rx = await startReceiver();
  const acc = await world.api<Account>('POST', '/api/wechat/accounts', { name: 'Acme', ...accountType });
  const admin = await world.api<Persona>('POST', '/api/wechat/personas', { name: 'Admin' });
  const user = await world.api<Persona>('POST', '/api/wechat/personas', { name: 'User' });
  await world.api('PUT', `/api/wechat/accounts/${acc.body.appId}/admins`, { personaIds: [admin.body.id] });
  const made = await world.api<OpenPlatformDto & { componentAppSecret: string }>('POST', '/api/wechat/platforms', {
    name: 'Test platform',
    authEventUrl: `${rx.base}/auth`,
    messageUrl: `${rx.base}/msg/$APPID$`,
    token: TOKEN,
    encodingAesKey: AES_KEY,
  });
  expect(made.status, made.text).toBe(201);
  rx.componentAppId.value = made.body.componentAppId;
  const componentAppId = made.body.componentAppId;
  const wx = world.rt.urls.wechat;
  const cgi = async <T>(path: string, body?: unknown, contentType = 'application/json'): Promise<T> => {
    const res = await fetch(wx + path, { method: 'POST', headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body ?? {}) });
    return (await res.json()) as T;
  };
  const p: Platform = {
    w: world,
    clock,
    rx,
    appId: acc.body.appId,
    originalId: acc.body.originalId,
    admin: admin.body.id,
    user: user.body.id,
    componentAppId,
    secret: made.body.componentAppSecret,
    cgi,
    async ticket() {
      const r = await world.api<{ ok: boolean }>('POST', `/api/wechat/platforms/${componentAppId}/ticket`);
      expect(r.body.ok, r.text).toBe(true);
      return rx.got.filter((g) => g.fields.InfoType === 'component_verify_ticket').at(-1)!.fields.ComponentVerifyTicket!;
    },
    async componentToken() {
      const t = await cgi<{ component_access_token: string }>('/cgi-bin/component/api_component_token', {
        component_appid: componentAppId,
        component_appsecret: made.body.componentAppSecret,
        component_verify_ticket: await p.ticket(),
      });
      return t.component_access_token;
    },
    async preAuthUrl(extra = '') {
      const token = await p.componentToken();
      const pre = await cgi<{ pre_auth_code: string }>(`/cgi-bin/component/api_create_preauthcode?component_access_token=${token}`, { component_appid: componentAppId });
      const redirect = encodeURIComponent(`${rx.base}/back`);
      return { url: `${wx}/cgi-bin/componentloginpage?component_appid=${componentAppId}&pre_auth_code=${encodeURIComponent(pre.pre_auth_code)}&redirect_uri=${redirect}${extra}`, code: pre.pre_auth_code };
    },
    async authorize(funcIds, extra) {
      const { url } = await p.preAuthUrl(extra);
      const done = await authorizeOnPhone(world, url, admin.body.id, acc.body.appId, funcIds);
      return { ...done, code: new URL(done.redirect).searchParams.get('auth_code')! };
    },
    async stop() {
      await world.stop();
      await rx.close();
    },
  };
  return p;
}
