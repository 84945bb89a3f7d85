import { describe, expect, it } from 'vitest';
import { createVirtualClock, systemClock } from '../../../src-main/core/clock';

describe('virtual clock', () => {
  it('fires timers in due order only when time is moved, and never fires a cancelled one', async () => {
    const clock = createVirtualClock(1_000);
    const fired: string[] = [];
    clock.setTimer(() => fired.push('b@300'), 300);
    clock.setTimer(() => fired.push('a@100'), 100);
    const c = clock.setTimer(() => fired.push('cancelled'), 200);
    c.cancel();
    expect(clock.pending()).toBe(2);
    expect(clock.nextDue()).toBe(1_100);
    await clock.advance(99);
    expect(fired).toEqual([]);
    await clock.advance(150);
    expect(fired).toEqual(['a@100']);
    expect(clock.now()).toBe(1_249);
    await clock.advance(51);
    expect(fired).toEqual(['a@100', 'b@300']);
    expect(clock.pending()).toBe(0);
  });

  it('lets the work a timer starts run before the next timer fires', async () => {
    const clock = createVirtualClock(0);
    const seen: number[] = [];
    clock.setTimer(() => {
      void Promise.resolve().then(() => clock.setTimer(() => seen.push(clock.now()), 10));
    }, 100);
    await clock.advance(200);
    expect(seen).toEqual([110]);
  });

  it('repeats an interval until cancelled', async () => {
    const clock = createVirtualClock(0);
    let n = 0;
    const t = clock.setInterval(() => n++, 1000);
    await clock.advance(3_500);
    expect(n).toBe(3);
    t.cancel();
    await clock.advance(10_000);
    expect(n).toBe(3);
  });

  it('sleeps and times out on virtual time: five seconds of timeout take no real time', async () => {
    const clock = createVirtualClock(0);
    const signal = clock.timeout(5_000);
    let slept = false;
    void clock.sleep(4_000).then(() => (slept = true));
    await clock.advance(4_999);
    expect(slept).toBe(true);
    expect(signal.aborted).toBe(false);
    await clock.runNext();
    expect(signal.aborted).toBe(true);
    expect((signal.reason as DOMException).name).toBe('TimeoutError');
  });

  it('rejects a sleep when its signal aborts first', async () => {
    const clock = createVirtualClock(0);
    const ac = new AbortController();
    const p = clock.sleep(1_000, ac.signal);
    ac.abort(new Error('stop'));
    await expect(p).rejects.toThrow('stop');
    expect(clock.pending()).toBe(0);
  });
});

describe('system clock', () => {
  it('sleeps on wall time', async () => {
    const t0 = Date.now();
    await systemClock.sleep(5);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(4);
  });
});
