import { createVirtualClock } from '../../../src-main/core/clock';
import { describe, expect, it } from 'vitest';
import { createBus } from '../../../src-main/core/events/bus';

const clock = createVirtualClock(1_700_000_000_000);

describe('event bus', () => {
  it('numbers events and delivers them to every subscriber, even when one throws', () => {
    const bus = createBus(clock, 10);
    const seen: number[] = [];
    bus.subscribe(() => {
      throw new Error('broken subscriber');
    });
    const off = bus.subscribe((e) => seen.push(e.seq));
    bus.publish({ type: 'changed', topic: 'accounts' });
    bus.publish({ type: 'changed', topic: 'personas' });
    off();
    bus.publish({ type: 'changed', topic: 'users' });
    expect(seen).toEqual([1, 2]);
  });

  it('keeps the most recent events, oldest first, for late subscribers', () => {
    const bus = createBus(clock, 3);
    for (let i = 0; i < 5; i++) bus.publish({ type: 'changed', topic: 'accounts', id: String(i) });
    expect(bus.recent().map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(bus.recent(2).map((e) => e.seq)).toEqual([4, 5]);
  });
});
