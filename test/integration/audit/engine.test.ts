import { afterAll, describe, expect, it } from 'vitest';
import { createVirtualClock } from '../../../src-main/core/clock';
import { createAudit, type AuditProgress } from '../../../src-main/core/audit';
import { startFakeServer } from './fake-server';
import { AES_KEY, APP_ID, TOKEN } from './audit-helpers';

/** What the studio will use: progress events per check, re-running one check, time on the injected clock. */

const servers: Array<{ close(): Promise<void> }> = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe('the audit engine’s API', () => {
  it('emits start, a start and a done per check, then the report; rerun replaces one check with fresh evidence', async () => {
    const s = await startFakeServer({ token: TOKEN, appId: APP_ID, encodingAesKey: AES_KEY, mode: 'safe', flaw: 'reply-wrong-token' });
    servers.push(s);
    const events: AuditProgress[] = [];
    const audit = createAudit({ url: s.url, token: TOKEN, appId: APP_ID, encodingAesKey: AES_KEY, mode: 'safe' }, { onProgress: (e) => events.push(e) });
    const report = await audit.run();
    expect(events[0]).toMatchObject({ type: 'start', total: 27 });
    expect(events.filter((e) => e.type === 'check-start')).toHaveLength(27);
    const done = events.filter((e) => e.type === 'check-done');
    expect(done).toHaveLength(27);
    expect(done.map((e) => (e.type === 'check-done' ? e.done : 0))).toEqual(Array.from({ length: 27 }, (_, i) => i + 1));
    expect(events.at(-1)).toEqual({ type: 'done', report });

    const before = report.checks.find((c) => c.id === 'REP-02')!;
    expect(before.status).toBe('FAIL');
    const again = await audit.rerun('REP-02');
    const after = again.checks.find((c) => c.id === 'REP-02')!;
    expect(after.status).toBe('FAIL');
    expect(after.evidence.exchanges[0]!.request.url).not.toBe(before.evidence.exchanges[0]!.request.url); // fresh pushes
    expect(again.checks.filter((c) => c.id !== 'REP-02')).toEqual(report.checks.filter((c) => c.id !== 'REP-02'));
    await expect(audit.rerun('NOPE-01')).rejects.toThrow('unknown check ID "NOPE-01"');
    await audit.close();
  });

  it('waits for answers on the injected clock: a virtual 5 s passes in no real time', async () => {
    const s = await startFakeServer({ token: TOKEN, appId: APP_ID, encodingAesKey: AES_KEY, mode: 'plaintext', flaw: 'slow', delayMs: 60_000 });
    servers.push(s);
    const clock = createVirtualClock(Date.now());
    const audit = createAudit({ url: s.url, token: TOKEN, mode: 'plaintext' }, { clock, only: ['TIME-01'] });
    const started = performance.now();
    const running = audit.run();
    // TIME-01 alone sends WeChat's standard set of five pushes; once the server holds all five, 5 s pass.
    while (s.requests.filter((r) => r.startsWith('POST')).length < 5) await new Promise((r) => setImmediate(r));
    await clock.advance(5000);
    const report = await running;
    expect(performance.now() - started).toBeLessThan(4000);
    const time01 = report.checks[0]!;
    expect(time01.status).toBe('FAIL');
    expect(time01.summary).toMatch(/^5 of 5 genuine pushes got no answer within 5 s/);
    expect(time01.evidence.timing?.every((t) => t.timeouts === t.count)).toBe(true);
    await audit.close();
  });
});
