import { describe, expect, it } from 'vitest';
import { startServe } from '../../helpers/serve';
import { makeTempDir } from '../../../src-main/core/db/temp';
import type { LoginPool, LoginUser, Persona, PhoneScreen, QrSessionView } from '../../../src-main/contracts/api';

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

  it('loses no acknowledged login: a session signed in before a SIGKILL is still signed in, with its user', async () => {
    const tmp = makeTempDir();
    try {
      const first = await startServe(['--data', tmp.dir]);
      const pool = (await first.api<{ pools: LoginPool[] }>('GET', '/api/login/pools')).body.pools[0]!;
      const appId = pool.apps[0]!.id;
      const lin = (await first.api<{ personas: Persona[] }>('GET', '/api/wechat/personas')).body.personas.find((p) => p.name.startsWith('Lin'))!;
      const session = (await (await fetch(`${first.auth}/api/qr/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ appId }) })).json()) as QrSessionView;
      await first.api('POST', `/api/phone/${lin.id}/scan`, { content: session.qrUrl });
      const followed = await first.api<PhoneScreen>('POST', `/api/phone/${lin.id}/follow`, { appId: pool.connections[0]!.appId });
      expect(followed.body.messages?.at(-1)?.text).toMatch(/登录成功/);
      const signedIn = (await (await fetch(`${first.auth}/api/qr/sessions/${session.id}`)).json()) as QrSessionView;
      expect(signedIn.status).toBe('AUTHORIZED');
      expect(await first.stop('SIGKILL')).toBe(null);

      const second = await startServe(['--data', tmp.dir]);
      try {
        const after = (await (await fetch(`${second.auth}/api/qr/sessions/${session.id}`)).json()) as QrSessionView;
        expect(after).toMatchObject({ status: 'AUTHORIZED', user: { id: signedIn.user!.id } });
        const users = (await second.api<{ users: LoginUser[] }>('GET', `/api/login/users?poolId=${pool.id}`)).body.users;
        const user = users.find((u) => u.id === signedIn.user!.id)!;
        expect(user.identities).toHaveLength(1);
        expect(user.logins.map((l) => l.sessionId)).toContain(session.id);
      } finally {
        await second.stop();
      }
    } finally {
      tmp.remove();
    }
  });
});
