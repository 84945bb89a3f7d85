import { createRuntime, type Runtime } from '../../../src-main/core/runtime';
import type { RuntimeOptions } from '../../../src-main/core/config';
import { createVirtualClock, systemClock, type VirtualClock } from '../../../src-main/core/clock';

export interface World {
  rt: Runtime;
  /** Control API call with the launch token. */
  api<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** A WeChat API call on the wechat server (no token needed). */
  wx<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T; headers: Headers }>;
  clock: { now(): number; advance(ms: number): Promise<void> };
  /** The virtual clock when the world was started with one. */
  virtual: VirtualClock | null;
  stop(): Promise<void>;
}

/** The whole engine in-process on ports 0, empty, with a clock the test can move. */
export async function startWorld(options: RuntimeOptions = {}, fixedClock = false): Promise<World> {
  // A fixed clock is virtual time starting now; otherwise wall time with an offset the test can add to.
  let offset = 0;
  const virtual: VirtualClock | null = fixedClock ? createVirtualClock(Date.now()) : null;
  const clock = virtual ?? {
    ...systemClock,
    now: () => Date.now() + offset,
    advance: async (ms: number) => {
      offset += ms;
    },
  };
  const rt = await createRuntime({ memory: true, quiet: true, seed: 'empty', pushTimeoutMs: 1000, ...options }, { clock });
  const call = async (base: string, method: string, path: string, body: unknown, auth: boolean) => {
    const headers: Record<string, string> = {};
    if (auth) headers.authorization = `Bearer ${rt.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  return {
    rt,
    api: (m, p, b) => call(rt.urls.studio, m, p, b, true) as never,
    wx: (m, p, b) => call(rt.urls.wechat, m, p, b, false) as never,
    clock,
    virtual,
    stop: () => rt.stop(),
  };
}

/** Waits until `check` holds, polling the real event loop (a state, not a duration). */
export async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}
