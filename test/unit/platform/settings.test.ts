import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../src-main/core/config';
import type { CoreContext } from '../../../src-main/core/context';
import { createVirtualClock } from '../../../src-main/core/clock';
import { openDatabase } from '../../../src-main/core/db/open';
import { createStore } from '../../../src-main/core/db/store';
import { createBus } from '../../../src-main/core/events/bus';
import { createSettings } from '../../../src-main/core/platform/settings';

function ctxWith(pushTimeoutMs: number): CoreContext {
  const { db } = openDatabase(':memory:');
  const store = createStore(db, createBus(createVirtualClock(0)));
  return { db, store, config: resolveConfig({ memory: true, pushTimeoutMs }) } as unknown as CoreContext;
}

describe('platform settings', () => {
  it('defaults the push timeout and attempts from the runtime flags and the rest from the spec', () => {
    const s = createSettings(ctxWith(1234));
    expect(s.get()).toMatchObject({ pushTimeoutMs: 1234, pushAttempts: 3, defaultQrExpireSeconds: 60, tokenLifetimeSeconds: 7200, tokenOverlapSeconds: 300 });
  });

  it('stores only the keys given, so a later flag still sets the others', () => {
    const ctx = ctxWith(1000);
    createSettings(ctx).update({ pushAttempts: 1 });
    const again = createSettings({ ...ctx, config: { ...ctx.config, pushTimeoutMs: 2000 } });
    expect(again.get()).toMatchObject({ pushAttempts: 1, pushTimeoutMs: 2000 });
  });

  it('refuses invalid values and ignores a stored value that no longer validates', () => {
    const ctx = ctxWith(1000);
    const s = createSettings(ctx);
    expect(() => s.update({ pushAttempts: 0 })).toThrow();
    ctx.db.prepare("INSERT INTO settings (key, value) VALUES ('platform.settings', '{\"pushAttempts\": -5}')").run();
    expect(createSettings(ctx).get().pushAttempts).toBe(3);
  });
});
