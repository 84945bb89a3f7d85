import { createRuntime, type Runtime, type RuntimeDeps } from '../../../src-main/core/runtime';
import type { RuntimeOptions } from '../../../src-main/core/config';
import type { LoginConnection, LoginPool, QrSessionView } from '../../../src-main/contracts/api';
import { sealPush, type PushMode } from '../../../src-main/core/wechat/envelope';
import { newNonce } from '../../../src-main/core/wechat/ids';
import { scanXml, subscribeXml, textMessageXml } from '../../../src-main/core/wechat/messages';

export interface World {
  rt: Runtime;
  pool: LoginPool;
  conn: LoginConnection;
  appId: string;
  /** The full connection (Token and EncodingAESKey revealed). */
  secrets: LoginConnection;
  personas: { lin: string; chen: string; wang: string };
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

/** A runtime on ports 0 with the demo seed (the default), or whatever `options` say. */
export async function startWorld(options: RuntimeOptions = {}, deps: RuntimeDeps = {}): Promise<World> {
  const rt = await createRuntime({ memory: true, quiet: true, ...options }, deps);
  const api = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(rt.urls.studio + path, {
      method,
      headers: { authorization: `Bearer ${rt.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed as T };
  };
  const pool = rt.login.service.listPools()[0]!;
  const conn = pool?.connections[0] as LoginConnection;
  const personas = rt.platform.service.listPersonas();
  const byName = (prefix: string): string => personas.find((p) => p.name.startsWith(prefix))?.id ?? '';
  return {
    rt,
    pool,
    conn,
    appId: pool?.apps[0]?.id ?? '',
    secrets: pool ? rt.login.service.getConnection(pool.id, conn.identifier, true) : conn,
    personas: { lin: byName('Lin'), chen: byName('Chen'), wang: byName('Wang') },
    api,
    stop: () => rt.stop(),
  };
}

/** Waits until `check` returns a truthy value (no fixed sleeps). */
export async function waitFor<T>(check: () => T | Promise<T>, what: string, timeoutMs = 5000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface PushOptions {
  mode: PushMode;
  token: string;
  encodingAesKey?: string;
  appId: string;
  messageXml: string;
  openId: string;
  timestamp?: number;
  nonce?: string;
  query?: Record<string, string>;
}

/** Seals a push as WeChat would and POSTs it; returns status and body. */
export async function push(url: string, o: PushOptions): Promise<{ status: number; body: string; query: URLSearchParams; sealedBody: string }> {
  const sealed = sealPush({
    mode: o.mode,
    token: o.token,
    ...(o.encodingAesKey ? { encodingAesKey: o.encodingAesKey } : {}),
    appId: o.appId,
    messageXml: o.messageXml,
    toUserName: 'gh_0123456789ab',
    openId: o.openId,
    timestamp: o.timestamp ?? Math.floor(Date.now() / 1000),
    nonce: o.nonce ?? newNonce(),
  });
  const query = new URLSearchParams(sealed.query);
  for (const [k, v] of Object.entries(o.query ?? {})) query.set(k, v);
  const res = await fetch(`${url}?${query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: sealed.body });
  return { status: res.status, body: await res.text(), query, sealedBody: sealed.body };
}

export const xml = {
  subscribe: (openId: string, scene: string | undefined, createTime = Math.floor(Date.now() / 1000)): string =>
    subscribeXml({ toUserName: 'gh_0123456789ab', fromUserName: openId, createTime, ...(scene ? { scene, ticket: 'TICKET' } : {}) }),
  scan: (openId: string, scene: string, createTime = Math.floor(Date.now() / 1000)): string =>
    scanXml({ toUserName: 'gh_0123456789ab', fromUserName: openId, createTime, scene, ticket: 'TICKET' }),
  text: (openId: string, content: string, msgId: string, createTime = Math.floor(Date.now() / 1000)): string =>
    textMessageXml({ toUserName: 'gh_0123456789ab', fromUserName: openId, createTime, content, msgId }),
};

/** Creates a login session through the page's API and returns its view (with the scene looked up). */
export async function newSession(w: World, body: Record<string, unknown> = { appId: w.appId }): Promise<QrSessionView & { scene: string }> {
  const res = await fetch(`${w.rt.urls.auth}/api/qr/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const view = (await res.json()) as QrSessionView;
  if (res.status !== 201) throw new Error(`session creation failed: ${res.status} ${JSON.stringify(view)}`);
  const row = w.rt.ctx.db.prepare('SELECT scene FROM login_sessions WHERE id = ?').get(view.id) as { scene: string };
  return { ...view, scene: row.scene };
}

export async function sessionView(w: World, id: string): Promise<QrSessionView> {
  const res = await fetch(`${w.rt.urls.auth}/api/qr/sessions/${id}`);
  return (await res.json()) as QrSessionView;
}

export function count(w: World, table: string): number {
  return (w.rt.ctx.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
}
