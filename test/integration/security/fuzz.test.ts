import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVirtualClock } from '../../../src-main/core/clock';
import { createRuntime, type Runtime } from '../../../src-main/core/runtime';
import { sealPush, type PushMode } from '../../../src-main/core/wechat/envelope';
import { newOpenId } from '../../../src-main/core/wechat/ids';
import { scanXml, subscribeXml, textMessageXml } from '../../../src-main/core/wechat/messages';

/**
 * Ten thousand requests against the real routes, with real IDs, and the real events URL with valid and
 * broken signatures and ciphertexts. No answer may be a 5xx, none may take more than 5 s, and a request
 * that is refused must change nothing: no row written (the journal's own entry aside) and no change
 * announced. Seeded, so a failure can be replayed (FUZZ_SEED=…).
 */

const TOTAL = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const HANG_MS = 5_000;

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Req {
  server: 'studio' | 'wechat' | 'auth';
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  label: string;
}

const JUNK_VALUES: unknown[] = [null, 0, -1, 1e309, true, '', ' ', 'x'.repeat(5000), '\u0000\u0001', '<xml>', '../../etc', { $gt: '' }, [], ['a'], 'wx0000000000000000', '🙂', '%00'];

describe('fuzzing the real routes', () => {
  let rt: Runtime;
  let random: () => number;
  let routes: Array<{ method: string; template: string }>;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const ids: Record<string, string[]> = {};
  const sessions: Array<{ id: string; scene: string }> = [];

  function refreshIds(): void {
    const accounts = rt.platform.service.listAccounts();
    const pools = rt.login.service.listPools();
    const conn = pools[0]?.connections[0];
    ids.appId = [...accounts.map((a) => a.appId), ...pools.flatMap((p) => p.apps.map((a) => a.id))];
    ids.personaId = rt.platform.service.listPersonas().map((p) => p.id);
    ids.poolId = pools.map((p) => p.id);
    ids.identifier = conn ? [conn.identifier] : [];
    ids.userId = rt.login.service.listUsers().map((u) => u.id);
    ids.id = [...sessions.map((s) => s.id), ...rt.journal.list({ limit: 5 }).map((e) => e.id)];
  }

  const garbageId = (): string => pick(['nope', '', 'x'.repeat(600), '%00', '..%2F..%2Fapi', 'wx' + 'f'.repeat(16), '%E4%BD%A0']);

  function fill(template: string): string {
    return template.replace(/\{(\w+)\}/g, (_m, name: string) => {
      const real = ids[name] ?? [];
      return random() < 0.8 && real.length ? encodeURIComponent(pick(real)) : garbageId();
    });
  }

  function jsonBody(): string | undefined {
    const r = random();
    if (r < 0.1) return undefined;
    if (r < 0.2) return pick(['{"unterminated": ', '[1,2,3]', 'null', '"x"', '{}', '{"a":{"b":{"c":{"d":[[[[[]]]]]}}}}']);
    const fields = ['name', 'type', 'verified', 'url', 'token', 'encodingAesKey', 'mode', 'enabled', 'content', 'text', 'appId', 'unionId', 'identifier', 'displayName', 'appSecret', 'loginMode', 'association', 'username', 'password', 'poolId', 'ipWhitelist', 'maxSkewSeconds', 'pushAttempts', 'pushTimeoutMs', 'forwardTo', 'message', 'encrypt', 'timestamp', 'nonce', 'redirectUris', 'qrExpireSeconds'];
    const body: Record<string, unknown> = {};
    for (let i = Math.floor(random() * 6); i > 0; i--) {
      const f = pick(fields);
      body[f] = random() < 0.5 ? pick(JUNK_VALUES) : pick([...(ids.appId ?? []), 'safe', 'plaintext', 'Lin', 'tokenabc', 'http://127.0.0.1:9/x', 'demo', 'demo1234', 5000, 1]);
    }
    return JSON.stringify(body);
  }

  function controlRequest(): Req {
    const r = pick(routes);
    const body = r.method === 'GET' || r.method === 'DELETE' ? undefined : jsonBody();
    const type = random() < 0.9 ? 'application/json' : pick(['text/plain', 'text/xml', 'application/x-www-form-urlencoded']);
    return {
      server: 'studio',
      method: r.method,
      path: fill(r.template) + (r.method === 'GET' && random() < 0.3 ? pick(['?limit=-1', '?poolId=nope', '?kind=zzz&ok=maybe', '?beforeSeq=abc', '?reveal=1']) : ''),
      headers: { authorization: `Bearer ${rt.token}`, ...(body !== undefined ? { 'content-type': type } : {}) },
      ...(body !== undefined ? { body } : {}),
      label: `${r.method} ${r.template}`,
    };
  }

  function pushRequest(): Req {
    const pools = rt.login.service.listPools();
    const conn = pools[0]?.connections[0];
    const c = conn ? rt.login.service.getConnection(conn.poolId, conn.identifier, true) : undefined;
    const openId = random() < 0.5 ? newOpenId() : pick(rt.platform.service.listPersonas().flatMap((p) => p.accounts.map((a) => a.openId)).concat([newOpenId()]));
    const now = Math.floor(rt.ctx.clock.now() / 1000);
    const scene = sessions.length && random() < 0.7 ? pick(sessions).scene : 'nope';
    const head = { toUserName: 'gh_0123456789ab', fromUserName: openId, createTime: now - Math.floor(random() * 3) };
    const messageXml = pick([subscribeXml({ ...head, scene, ticket: 'T' }), scanXml({ ...head, scene, ticket: 'T' }), subscribeXml(head), textMessageXml({ ...head, content: pick(['hi', '你好', '\u2028']), msgId: String(Math.floor(random() * 1e15)) })]);
    const mode: PushMode = c?.encodingAesKey ? (c.mode as PushMode) : 'plaintext';
    const sealed = sealPush({ mode, token: c?.token ?? 'tokenabc', ...(c?.encodingAesKey ? { encodingAesKey: c.encodingAesKey } : {}), appId: c?.appId ?? 'wx0000000000000000', messageXml, toUserName: head.toUserName, openId, timestamp: now, nonce: String(Math.floor(random() * 1e9)) });
    const query = new URLSearchParams(sealed.query);
    let body = sealed.body;
    const breakIt = random();
    if (breakIt < 0.15) query.set('signature', pick(['0'.repeat(40), '', 'zz', query.get('signature')!.slice(0, -1) + '0']));
    else if (breakIt < 0.3 && query.has('msg_signature')) query.set('msg_signature', '1'.repeat(40));
    else if (breakIt < 0.4) query.set('timestamp', pick(['0', '-5', 'abc', String(now - 100_000), '9'.repeat(15)]));
    else if (breakIt < 0.5) body = body.replace(/<Encrypt><!\[CDATA\[([^\]]*)\]\]>/, (_m, e: string) => `<Encrypt><![CDATA[${pick([e.slice(0, -8), `${e}AAAA`, '!!!not-base64', e.replace(/./, 'Z'), ''])}]]>`);
    else if (breakIt < 0.55) body = pick(['', '<xml>', '<!DOCTYPE x [<!ENTITY a "b">]><xml>&a;</xml>', '<xml>' + '<a>1</a>'.repeat(3000) + '</xml>', 'x'.repeat(200_000), '\u0000']);
    else if (breakIt < 0.6) query.delete(pick(['signature', 'timestamp', 'nonce', 'msg_signature', 'encrypt_type']));
    const identifier = conn && random() < 0.9 ? conn.identifier : garbageId();
    const poolId = conn && random() < 0.9 ? conn.poolId : garbageId();
    return {
      server: 'auth',
      method: random() < 0.95 ? 'POST' : 'GET',
      path: `/connections/social/${encodeURIComponent(identifier)}/${encodeURIComponent(poolId)}/events?${query}`,
      headers: { 'content-type': pick(['text/xml', 'text/xml', 'application/json', 'text/plain']) },
      body,
      label: `push (${breakIt < 0.6 ? 'broken' : 'valid'})`,
    };
  }

  function authRequest(): Req {
    const session = sessions.length ? pick(sessions).id : 'nope';
    const sid = random() < 0.8 ? session : garbageId();
    const appId = random() < 0.8 ? pick(ids.appId ?? ['nope']) : garbageId();
    const choice = pick([
      { method: 'POST', path: '/api/qr/sessions', body: jsonBody() ?? JSON.stringify({ appId }) },
      { method: 'POST', path: '/api/qr/sessions', body: JSON.stringify({ appId }) },
      { method: 'GET', path: `/api/qr/sessions/${encodeURIComponent(sid)}` },
      { method: 'POST', path: `/api/qr/sessions/${encodeURIComponent(sid)}/cancel`, body: '' },
      { method: 'POST', path: `/api/qr/sessions/${encodeURIComponent(sid)}/bind`, body: jsonBody() ?? '{}' },
      { method: 'GET', path: `/login/${encodeURIComponent(appId)}` },
    ]);
    return { server: 'auth', method: choice.method, path: choice.path, headers: { 'content-type': 'application/json' }, ...(choice.body !== undefined ? { body: choice.body } : {}), label: `${choice.method} ${choice.path.replace(/\/[^/]{12,}/g, '/:id')}` };
  }

  function wechatRequest(): Req {
    const api = pick(['token', 'stable_token', 'qrcode/create', 'showqrcode', 'user/info', 'user/get', 'message/custom/send', 'nope']);
    const token = pick([fuzzToken, 'junk', '', fuzzToken.slice(0, -1)]);
    return {
      server: 'wechat',
      method: pick(['GET', 'POST']),
      path: `/cgi-bin/${api}?access_token=${encodeURIComponent(token)}&grant_type=client_credential&appid=${pick(ids.appId ?? ['x'])}&secret=${pick(['', 'x', fuzzSecret])}&openid=${newOpenId()}&ticket=${garbageId()}`,
      headers: { 'content-type': 'application/json' },
      body: pick([jsonBody() ?? '', JSON.stringify({ action_name: pick(['QR_STR_SCENE', 'QR_SCENE', 'X']), expire_seconds: pick([1, 60, -1, 'x']), action_info: { scene: { scene_str: pick(['ok', '\u0001', 'x'.repeat(80)]), scene_id: pick([1, 0, -1, 1e12]) } } }), '']),
      label: `${api}`,
    };
  }

  let fuzzToken = '';
  let fuzzSecret = '';

  beforeAll(async () => {
    random = prng(SEED);
    // Virtual time: nothing expires while the fuzzer runs, so a change can only come from a request.
    rt = await createRuntime({ memory: true, quiet: true }, { clock: createVirtualClock(Date.now()) });
    const res = await fetch(`${rt.urls.studio}/api/openapi.json`, { headers: { authorization: `Bearer ${rt.token}` } });
    const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(doc.paths).flatMap(([template, methods]) =>
      template === '/api/events' || template === '/api/reset' ? [] : Object.keys(methods).map((m) => ({ method: m.toUpperCase(), template })),
    );
    const appId = rt.platform.service.listAccounts()[0]!.appId;
    fuzzSecret = rt.platform.service.resetSecret(appId);
    const pool = rt.login.service.listPools()[0]!;
    rt.login.service.updateConnection(pool.id, pool.connections[0]!.identifier, { appSecret: fuzzSecret });
    const t = (await (await fetch(`${rt.urls.wechat}/cgi-bin/token?grant_type=client_credential&appid=${appId}&secret=${fuzzSecret}`)).json()) as { access_token: string };
    fuzzToken = t.access_token;
  });
  afterAll(async () => {
    await rt?.stop();
  });

  async function newSessions(): Promise<void> {
    sessions.length = 0;
    const app = rt.login.service.listPools()[0]?.apps[0];
    if (!app) return;
    for (let i = 0; i < 3; i++) {
      const v = await rt.login.service.createSession({ appId: app.id });
      const row = rt.ctx.db.prepare('SELECT scene FROM login_sessions WHERE id = ?').get(v.id) as { scene: string };
      sessions.push({ id: v.id, scene: row.scene });
    }
  }

  /** Rows written except the journal's own entries; changes announced on the bus. */
  function state(): { writes: number; journal: number } {
    // The journal's AUTOINCREMENT counter only grows (a cleared journal keeps it): one per entry written.
    return rt.ctx.db.prepare("SELECT total_changes() AS writes, (SELECT COALESCE(MAX(seq), 0) FROM sqlite_sequence WHERE name = 'journal') AS journal").get() as { writes: number; journal: number };
  }

  /**
   * An accepted request may start work that goes on after its answer (an audit of an account's server plays
   * pushes at the login server for a while). The fuzzer lets it finish before the next request, so the next
   * refusal is not blamed for the audit's writes.
   */
  async function settle(text: string): Promise<void> {
    let id: string | undefined;
    try {
      id = (JSON.parse(text) as { audit?: { id?: string; status?: string } }).audit?.id;
    } catch {
      return;
    }
    if (!id) return;
    const headers = { authorization: `Bearer ${rt.token}` };
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const audit = (await (await fetch(`${rt.urls.studio}/api/audits/${encodeURIComponent(id)}`, { headers })).json()) as { audit?: { status?: string }; status?: string };
      if ((audit.audit?.status ?? audit.status) !== 'running') return;
      await new Promise((r) => setTimeout(r, 50));
    }
    await fetch(`${rt.urls.studio}/api/audits/${encodeURIComponent(id)}/stop`, { method: 'POST', headers });
  }

  function refused(req: Req, status: number, text: string): boolean {
    if (status >= 400) return true;
    if (req.server === 'wechat') {
      try {
        const errcode = (JSON.parse(text) as { errcode?: number }).errcode;
        return typeof errcode === 'number' && errcode !== 0;
      } catch {
        return false;
      }
    }
    return false;
  }

  it(`answers ${TOTAL} fuzzed requests with no 5xx, no hang, and no change from a refused one`, async () => {
    const fiveHundreds: string[] = [];
    const hangs: string[] = [];
    const changedByRefusal: string[] = [];
    let announced: string[] = [];
    const off = rt.bus.subscribe((e) => {
      if (e.type === 'changed' || e.type === 'phone' || e.type === 'login-session') announced.push(e.type === 'changed' ? `changed:${e.topic}` : e.type);
    });
    const kinds = { studio: 0, auth: 0, wechat: 0, push: 0 };
    for (let n = 0; n < TOTAL; n++) {
      if (n % 1000 === 0) {
        if (n > 0) await fetch(`${rt.urls.studio}/api/reset`, { method: 'POST', headers: { authorization: `Bearer ${rt.token}` } });
        await newSessions();
        refreshIds();
      } else if (n % 100 === 0) refreshIds();
      const roll = random();
      const req = roll < 0.5 ? controlRequest() : roll < 0.75 ? pushRequest() : roll < 0.9 ? authRequest() : wechatRequest();
      kinds[req.label.startsWith('push') ? 'push' : req.server]++;
      const before = state();
      announced = [];
      const started = Date.now();
      let status = 0;
      let text = '';
      try {
        const res = await fetch(rt.urls[req.server] + req.path, { method: req.method, headers: req.headers, ...(req.body !== undefined && req.method !== 'GET' ? { body: req.body } : {}), signal: AbortSignal.timeout(HANG_MS) });
        status = res.status;
        text = await res.text();
      } catch (err) {
        hangs.push(`#${n} ${req.label}: ${(err as Error).name}`);
        continue;
      }
      if (Date.now() - started > HANG_MS) hangs.push(`#${n} ${req.label}: ${Date.now() - started} ms`);
      if (status >= 500) fiveHundreds.push(`#${n} ${req.label} → ${status} ${text.slice(0, 120)} (path ${req.path}, body ${String(req.body).slice(0, 200)})`);
      if (status < 300 && req.method === 'POST') await settle(text);
      if (refused(req, status, text)) {
        const after = state();
        const rows = after.writes - before.writes - (after.journal - before.journal);
        if (rows !== 0 || announced.length) changedByRefusal.push(`#${n} ${req.label} → ${status}: ${rows} rows, ${announced.join(' ')} ${text.slice(0, 100)}`);
      }
    }
    off();
    expect({ fiveHundreds, hangs, changedByRefusal }).toEqual({ fiveHundreds: [], hangs: [], changedByRefusal: [] });
    // Every surface was exercised.
    expect(Math.min(kinds.studio, kinds.auth, kinds.wechat, kinds.push)).toBeGreaterThan(TOTAL / 20);
  }, 600_000);
});
