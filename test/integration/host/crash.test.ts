import { describe, expect, it } from 'vitest';
import { startServe } from '../../helpers/serve';
import { makeTempDir } from '../../../src-main/core/db/temp';
import type { Persona, PhoneScreen } from '../../../src-main/contracts/api';

describe('a crash', () => {
  it('loses nothing that was acknowledged (SIGKILL, then restart on the same data)', async () => {
    const tmp = makeTempDir();
    try {
      const first = await startServe(['--data', tmp.dir]);
      const created = await first.api<Persona>('POST', '/api/wechat/personas', { name: 'Crash survivor', unionId: 'oUNION0000000000000000000042' });
      expect(created.status).toBe(201);
      const accounts = (await first.api<{ accounts: Array<{ appId: string }> }>('GET', '/api/wechat/accounts')).body.accounts;
      const appId = accounts[0]!.appId;
      const followed = await first.api<PhoneScreen>('POST', `/api/phone/${created.body.id}/follow`, { appId });
      expect(followed.status).toBe(200);
      expect(followed.body.following).toBe(true);
      expect(await first.stop('SIGKILL')).toBe(null); // killed: no clean shutdown, no checkpoint

      const second = await startServe(['--data', tmp.dir]);
      try {
        const personas = (await second.api<{ personas: Persona[] }>('GET', '/api/wechat/personas')).body.personas;
        const survivor = personas.find((p) => p.name === 'Crash survivor');
        expect(survivor).toMatchObject({ id: created.body.id, unionId: 'oUNION0000000000000000000042' });
        expect(survivor!.accounts.find((a) => a.appId === appId)?.following).toBe(true);
        const journal = (await second.api<{ entries: Array<{ id: string }> }>('GET', '/api/journal?limit=1000')).body.entries;
        expect(journal.map((e) => e.id)).toContain(followed.body.journalId);
      } finally {
        await second.stop();
      }
    } finally {
      tmp.remove();
    }
  });
});
