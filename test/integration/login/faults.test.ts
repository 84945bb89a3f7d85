import { afterEach, describe, expect, it } from 'vitest';
import type { JournalEntry, PhoneScreen } from '../../../src-main/contracts/api';
import type { ConnectionFault } from '../../../src-main/contracts/faults';
import { createVirtualClock, type VirtualClock } from '../../../src-main/core/clock';
import { newSession, sessionView, startWorld, waitFor, type World } from './helpers';

const UNAVAILABLE = '该公众号暂时无法提供服务，请稍后再试';

describe('fault injection on the events endpoint', () => {
  let w: World;
  afterEach(() => w.stop());

  const faultUrl = (): string => `/api/login/pools/${w.pool.id}/connections/${w.conn.identifier}/fault`;
  const entry = async (id: string): Promise<JournalEntry> => (await w.api<JournalEntry>('GET', `/api/journal/${id}`)).body;
  const faults = async (): Promise<ConnectionFault[]> => (await w.api<{ faults: ConnectionFault[] }>('GET', '/api/login/faults')).body.faults;

  /** Lin scans the page's QR code and follows: the subscribe push meets the fault. */
  async function followFromPage(): Promise<{ session: string; screen: PhoneScreen }> {
    const s = await newSession(w);
    await w.rt.platform.service.scan(w.personas.lin, s.qrUrl);
    return { session: s.id, screen: await w.rt.platform.service.follow(w.personas.lin, w.conn.appId) };
  }

  it('refuses a bad fault with the field named, changes nothing, and 404s an unknown identity source', async () => {
    w = await startWorld();
    const bad = await w.api<{ error: { field: string; message: string } }>('PUT', faultUrl(), { delayMs: 70_000 });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe('delayMs');
    expect(bad.body.error.message).toContain('Delay must be a whole number of milliseconds from 0 to 60000');
    const nothing = await w.api<{ error: { field: string; message: string } }>('PUT', faultUrl(), { answer: 'process' });
    expect(nothing.status).toBe(422);
    expect(nothing.body.error.field).toBe('answer');
    const unknownKey = await w.api<{ error: { message: string } }>('PUT', faultUrl(), { answer: 'drop', when: 'always' });
    expect(unknownKey.status).toBe(422);
    const missing = await w.api('PUT', `/api/login/pools/${w.pool.id}/connections/nope/fault`, { answer: 'drop' });
    expect(missing.status).toBe(404);
    expect(await faults()).toEqual([]);
  });

  it('HTTP 500 on every attempt: the push quotes status and body, says "attempt 3 of 3", a fix hint, and links the login server\'s entries', async () => {
    w = await startWorld();
    const set = await w.api<ConnectionFault>('PUT', faultUrl(), { answer: 'http500' });
    expect(set.status).toBe(200);
    expect(await faults()).toEqual([{ poolId: w.pool.id, identifier: w.conn.identifier, delayMs: 0, answer: 'http500', times: null }]);
    const { session, screen } = await followFromPage();
    expect(screen.messages?.at(-1)).toMatchObject({ from: 'system', text: UNAVAILABLE });
    expect((await sessionView(w, session)).status).toBe('PENDING');
    const push = await entry(screen.journalId!);
    expect(push.verdict.ok).toBe(false);
    expect(push.attempts.map((a) => a.response?.status)).toEqual([500, 500, 500]);
    expect(push.verdict.reasons).toContain('HTTP 500 from the server (attempt 3 of 3): "Internal Server Error"');
    expect(push.verdict.reasons.some((r) => r.startsWith('fix: the server failed while handling the push'))).toBe(true);
    expect(push.related).toHaveLength(3);
    for (const id of push.related!) {
      const received = await entry(id);
      expect(received.source).toBe('auth');
      expect(received.summary).toBe('fault injected: answered HTTP 500');
      expect(received.verdict.reasons).toEqual([`fault injected on connection "${w.conn.identifier}": answered HTTP 500`]);
    }
  });

  it('a garbled 200 is an invalid reply; counted faults run out and the next push logs in', async () => {
    w = await startWorld();
    await w.api('PUT', faultUrl(), { answer: 'garbage', times: 1 });
    const first = await followFromPage();
    const push = await entry(first.screen.journalId!);
    expect(push.verdict.ok).toBe(false);
    expect(push.attempts).toHaveLength(1);
    expect(push.attempts[0]!.response?.body).toContain('garbled reply from fault injection');
    expect((await entry(push.related![0]!)).summary).toBe('fault injected: answered 200 with a garbled body');
    expect(await faults()).toEqual([]);
    // The fault is used up: a new page and a scan (Lin follows now) sign in.
    const s = await newSession(w);
    const chat = await w.rt.platform.service.scan(w.personas.lin, s.qrUrl);
    expect(chat.messages?.at(-1)?.text).toMatch(/^登录成功/);
    expect((await sessionView(w, s.id)).status).toBe('AUTHORIZED');
  });

  it('a dropped connection: WeChat gets no answer, the login server\'s entry says the fault dropped it', async () => {
    w = await startWorld();
    await w.api('PUT', faultUrl(), { answer: 'drop' });
    const { screen } = await followFromPage();
    const push = await entry(screen.journalId!);
    expect(push.verdict.ok).toBe(false);
    expect(push.attempts.every((a) => a.response === undefined && /closed the connection without answering/.test(a.error ?? ''))).toBe(true);
    expect(push.verdict.reasons.some((r) => r.startsWith('fix: make the server reachable'))).toBe(true);
    const received = w.rt.journal.list({ kind: 'event' }).filter((e) => e.summary === 'fault injected: dropped the connection without an answer');
    expect(received).toHaveLength(3);
    expect(received[0]!.attempts[0]!.response?.status).toBe(444);
  });

  it('a delay past WeChat\'s 5 s (on the virtual clock): attempt 1 times out, attempt 2 logs in, the late one is a duplicate', async () => {
    const clock: VirtualClock = createVirtualClock(Date.now());
    w = await startWorld({}, { clock });
    await w.api('PUT', faultUrl(), { delayMs: 6000, times: 1 });
    const s = await newSession(w);
    await w.rt.platform.service.scan(w.personas.lin, s.qrUrl);
    const following = w.rt.platform.service.follow(w.personas.lin, w.conn.appId);
    // The endpoint took the fault (a counted one is gone once taken) and waits; time moves only when told.
    await waitFor(async () => (await faults()).length === 0, 'the fault taken by the first attempt');
    await clock.advance(5000);
    const screen = await following;
    expect(screen.messages?.at(-1)?.text).toMatch(/^登录成功/);
    const push = await entry(screen.journalId!);
    expect(push.verdict.ok).toBe(true);
    expect(push.attempts[0]!.error).toMatch(/timed out/);
    expect(push.attempts[1]!.response?.status).toBe(200);
    // The delayed first delivery is processed when its delay ends: the same answer, nothing changes.
    await clock.advance(1000);
    const late = await waitFor(() => w.rt.journal.list({ kind: 'event' }).find((e) => e.verdict.reasons.some((r) => r.includes('waited 6000 ms, then processed the push'))), 'the delayed entry');
    expect(late.summary).toMatch(/duplicate/);
    expect((await sessionView(w, s.id)).status).toBe('AUTHORIZED');
  });

  it('DELETE clears the fault, and Reset demo clears them all', async () => {
    w = await startWorld();
    await w.api('PUT', faultUrl(), { answer: 'http500' });
    expect((await w.api('DELETE', faultUrl())).status).toBe(200);
    expect(await faults()).toEqual([]);
    await w.api('PUT', faultUrl(), { answer: 'drop' });
    await w.api('POST', '/api/reset');
    expect(await faults()).toEqual([]);
  });
});
