import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Relay } from '../../../src-main/contracts/api';
import { studioLoginObserver, type AuditMode } from '../../../src-main/core/audit';
import { newEncodingAesKey, newToken } from '../../../src-main/core/wechat/ids';
import { startWorld, type World } from '../login/helpers';
import { audit, table, unsaid, withStatus } from './audit-helpers';

/**
 * The studio's own login server (demo seed) as the developer's server, in each mode, watched through its
 * API so DUP-01, DUP-02, EVT-01 and the refusal checks count real sign-ins. Nothing fails: in particular
 * SEC-04 — refusals answer a short fixed text, never the expected signature or any of the Token.
 */

let w: World;
beforeAll(async () => {
  w = await startWorld();
});
afterAll(async () => {
  await w?.stop();
});

async function setMode(mode: AuditMode): Promise<void> {
  const res = await w.api('PATCH', `/api/login/pools/${w.pool.id}/connections/${w.conn.identifier}`, { mode });
  expect(res.status).toBe(200);
}

const target = (mode: AuditMode, url = w.conn.eventsUrl) => ({ url, token: w.secrets.token, encodingAesKey: w.secrets.encodingAesKey, appId: w.conn.appId, mode });

describe.each<AuditMode>(['plaintext', 'compatible', 'safe'])('the login server’s events endpoint, %s mode', (mode) => {
  it('fails nothing, warns of nothing, with sign-ins observed', async () => {
    await setMode(mode);
    const observer = await studioLoginObserver({ studio: w.rt.urls.studio, token: w.rt.token, target: w.conn.eventsUrl });
    const r = await audit(target(mode), { observer });
    expect(withStatus(r, 'FAIL'), table(r)).toEqual([]);
    expect(withStatus(r, 'WARN'), table(r)).toEqual([]);
    expect(withStatus(r, 'INFO'), table(r)).toEqual([]);
    for (const id of ['DUP-01', 'DUP-02', 'EVT-01']) expect(r.checks.find((c) => c.id === id)?.status, table(r)).toBe('PASS');
    expect(r.observer).toMatch(/login server/);
    expect(unsaid(r)).toEqual([]);
    expect(r.durationMs).toBeLessThan(30_000);
    expect(r.checks.find((c) => c.id === 'SEC-04')?.status, table(r)).toBe('PASS');
    // The report keeps the evidence but never the secrets themselves (it goes to CI artifacts).
    const json = JSON.stringify(r);
    expect(json).not.toContain(w.secrets.token.slice(0, 8));
    expect(json).not.toContain(w.secrets.encodingAesKey);
  });
});

describe('a relay in front of the login server', () => {
  async function relay(forwardToken: string): Promise<Relay> {
    const token = newToken(16);
    const encodingAesKey = newEncodingAesKey();
    const res = await w.api<Relay>('POST', '/api/relay', {
      appId: w.conn.appId,
      token,
      encodingAesKey,
      mode: 'safe',
      forwardTo: { url: w.conn.eventsUrl, token: forwardToken, encodingAesKey: w.secrets.encodingAesKey, mode: w.secrets.mode },
    });
    expect(res.status).toBe(201);
    return { ...res.body, token, encodingAesKey } as Relay & { token: string; encodingAesKey: string };
  }

  it('FWD-01 passes when the relay forwards, and fails when it forwards with the wrong Token', async () => {
    await setMode('safe');
    for (const [forwardToken, expected] of [
      [w.secrets.token, 'PASS'],
      ['wrongToken123', 'WARN'], // FWD-01's default severity is WARN
    ] as const) {
      const r0 = (await relay(forwardToken)) as Relay & { token: string; encodingAesKey: string };
      const observer = await studioLoginObserver({ studio: w.rt.urls.studio, token: w.rt.token, target: r0.url });
      const r = await audit({ url: r0.url, token: r0.token, encodingAesKey: r0.encodingAesKey, appId: w.conn.appId, mode: 'safe' }, { observer, only: ['FWD-01', 'URL-01'] });
      expect(r.checks.map((c) => c.id)).toEqual(['URL-01', 'FWD-01']);
      expect(r.checks.find((c) => c.id === 'FWD-01')?.status, table(r)).toBe(expected);
    }
  });
});
