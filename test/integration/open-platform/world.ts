import { expect } from 'vitest';
import type { Account, Persona, PhoneScreen, QrSessionView, LoginPool, LoginApplicationCreated } from '../../../src-main/contracts/api';
import type { AuthorizeStartResult, ComponentConfigDto, PhoneAuthorizeResult } from '../../../src-main/contracts/open-platform';
import { createRuntime, type Runtime, type RuntimeDeps } from '../../../src-main/core/runtime';
import type { RuntimeOptions } from '../../../src-main/core/config';

export interface Reply<T> {
  status: number;
  body: T;
  text: string;
}

export interface OpenWorld {
  rt: Runtime;
  api<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<Reply<T>>;
  /** A request to any URL (the wechat or auth server), JSON bodies sent as is. */
  http<T = Record<string, unknown>>(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<Reply<T>>;
  stop(): Promise<void>;
}

async function request<T>(method: string, url: string, body: unknown, headers: Record<string, string>): Promise<Reply<T>> {
  const res = await fetch(url, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    redirect: 'manual',
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // HTML or text
  }
  return { status: res.status, body: parsed as T, text };
}

/** The engine in-process on ports 0, empty. */
export async function startOpenWorld(options: RuntimeOptions = {}, deps: RuntimeDeps = {}): Promise<OpenWorld> {
  const rt = await createRuntime({ memory: true, quiet: true, seed: 'empty', pushTimeoutMs: 2000, ...options }, deps);
  return {
    rt,
    api: (m, p, b) => request(m, rt.urls.studio + p, b, { authorization: `Bearer ${rt.token}` }),
    http: (m, u, b, h = {}) => request(m, u, b, h),
    stop: () => rt.stop(),
  };
}

/** An account with an admin persona, a user persona, and a pool with an application whose login server is a registered platform. */
export interface Scene {
  appId: string;
  originalId: string;
  accountName: string;
  admin: string;
  user: string;
  poolId: string;
  applicationId: string;
  component: ComponentConfigDto;
}

export async function makeScene(w: OpenWorld): Promise<Scene> {
  const acc = await w.api<Account & { appSecret: string }>('POST', '/api/wechat/accounts', { name: 'Acme Service', type: 'service', verified: true });
  expect(acc.status).toBe(201);
  const admin = await w.api<Persona>('POST', '/api/wechat/personas', { name: 'Admin Zhao' });
  const user = await w.api<Persona>('POST', '/api/wechat/personas', { name: 'User Lin' });
  const admins = await w.api('PUT', `/api/wechat/accounts/${acc.body.appId}/admins`, { personaIds: [admin.body.id] });
  expect(admins.status, admins.text).toBe(200);
  const pool = await w.api<LoginPool>('POST', '/api/login/pools', { name: 'Pool A' });
  const app = await w.api<LoginApplicationCreated>('POST', `/api/login/pools/${pool.body.id}/apps`, { name: 'Website' });
  expect(app.status, app.text).toBe(201);
  const reg = await w.api<ComponentConfigDto>('POST', `/api/login/pools/${pool.body.id}/component/register`, { name: 'GenAuth-like' });
  expect(reg.status, reg.text).toBe(201);
  return {
    appId: acc.body.appId,
    originalId: acc.body.originalId,
    accountName: acc.body.name,
    admin: admin.body.id,
    user: user.body.id,
    poolId: pool.body.id,
    applicationId: app.body.id,
    component: reg.body,
  };
}

/** The QR content of the authorization page (what the admin's phone scans). */
export function qrContentOf(html: string): string {
  const m = /data-content="([^"]+)"/.exec(html);
  if (!m) throw new Error(`no QR on the page: ${html.slice(0, 300)}`);
  return m[1]!.replace(/&amp;/g, '&');
}

/** Opens the authorization page, scans it with the admin's phone, confirms: the redirect. */
export async function authorizeOnPhone(w: OpenWorld, authorizationUrl: string, admin: string, appId: string, funcIds?: number[]): Promise<PhoneAuthorizeResult> {
  const page = await w.http('GET', authorizationUrl);
  expect(page.status).toBe(200);
  const screen = await w.api<PhoneScreen>('POST', `/api/phone/${admin}/scan`, { content: qrContentOf(page.text) });
  expect(screen.body.screen, JSON.stringify(screen.body)).toBe('authorize');
  const done = await w.api<PhoneAuthorizeResult>('POST', `/api/phone/${admin}/authorize`, { appId, ...(funcIds ? { funcIds } : {}) });
  expect(done.status, done.text).toBe(200);
  return done.body;
}

export async function startAuthorization(w: OpenWorld, poolId: string, identifier = 'wechat-oa'): Promise<AuthorizeStartResult> {
  const r = await w.api<AuthorizeStartResult>('POST', `/api/login/pools/${poolId}/connections/authorize`, { identifier, displayName: 'WeChat (authorized)' });
  expect(r.status, r.text).toBe(201);
  return r.body;
}

export async function newLogin(w: OpenWorld, applicationId: string): Promise<Reply<QrSessionView>> {
  return w.http<QrSessionView>('POST', `${w.rt.urls.auth}/api/qr/sessions`, { appId: applicationId });
}

export { waitFor } from '../login/helpers';
