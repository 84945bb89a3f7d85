import { afterEach, describe, expect, it } from 'vitest';
import { seedDemoPlatform } from '../../../src-main/core/platform/demo';
import { startWorld, type World } from './world';

describe('seedDemoPlatform', () => {
  let w: World;
  afterEach(() => w.stop());

  it('creates the demo account and the three personas, the follower following without a push', async () => {
    w = await startWorld();
    const demo = await seedDemoPlatform(w.rt.ctx, w.rt.platform);
    const account = w.rt.platform.service.getAccount(demo.appId)!;
    expect(account).toMatchObject({ name: 'Follow Studio Demo', type: 'service', verified: true, originalId: demo.originalId });
    expect(demo.appSecret).toMatch(/^[0-9a-f]{32}$/);
    const personas = w.rt.platform.service.listPersonas();
    expect(personas.map((p) => [p.id, p.name, p.accounts[0]!.following, p.unionId !== null])).toEqual([
      [demo.personas.newUser, 'Lin (new user)', false, false],
      [demo.personas.follower, 'Chen (follower)', true, false],
      [demo.personas.unionUser, 'Wang (UnionID)', false, true],
    ]);
    expect(w.rt.journal.list({ kind: 'push' })).toEqual([]);
    expect(w.rt.platform.service.phone(demo.personas.follower).screen).toBeNull();
    // The secret works against the wechat server, as the login side will use it.
    const t = await w.wx<{ access_token?: string }>('GET', `/cgi-bin/token?grant_type=client_credential&appid=${demo.appId}&secret=${demo.appSecret}`);
    expect(t.body.access_token).toBeTypeOf('string');
    w.rt.platform.service.reset();
    expect(w.rt.platform.service.listAccounts()).toEqual([]);
    expect(w.rt.platform.service.listPersonas()).toEqual([]);
  });
});
