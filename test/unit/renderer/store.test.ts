import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../src-renderer/api/http';
import type { StudioApi } from '../../../src-renderer/api/studio-api';
import type { JournalRow, LoginPool, LoginSessionDto, PhoneScreen, StudioEvent, StudioEventBody } from '../../../src-renderer/api/types';
import { createStudioStore } from '../../../src-renderer/store/create-store';
import { selectPhoneScreen, selectSelectedEntry, selectVisibleJournal } from '../../../src-renderer/store/selectors';
import { mergeChat } from '../../../src-renderer/store/slices/stage';
import { upsertSession } from '../../../src-renderer/store/slices/login';

/** A fake API: every route answers something harmless unless a test overrides it. */
function fakeApi(over: Partial<Record<keyof StudioApi, unknown>> = {}): StudioApi {
  const base = {
    health: vi.fn(async () => ({ ok: true, version: '9.9.9' })),
    listAccounts: vi.fn(async () => ({ accounts: [] })),
    listPersonas: vi.fn(async () => ({ personas: [{ id: 'p1', name: 'Lin', unionId: null, accounts: [] }] })),
    listPools: vi.fn(async () => ({ pools: [] })),
    journal: vi.fn(async () => ({ entries: [], total: 0 })),
    getSettings: vi.fn(async () => ({ pushTimeoutMs: 5000 })),
    phone: vi.fn(async () => ({ personaId: 'p1', screen: null, chats: [] })),
    listTickets: vi.fn(async () => ({ tickets: [] })),
    listUsers: vi.fn(async () => ({ users: [] })),
    listSessions: vi.fn(async () => ({ sessions: [] })),
    reset: vi.fn(async () => ({})),
    scan: vi.fn(),
    follow: vi.fn(),
  };
  return { ...base, ...over } as unknown as StudioApi;
}

/** A manual scheduler: nothing runs until the test flushes it. */
function manualSchedule() {
  const queue: Array<() => void> = [];
  return {
    schedule: (fn: () => void) => {
      queue.push(fn);
    },
    run: () => {
      while (queue.length) queue.shift()!();
    },
    get size() {
      return queue.length;
    },
  };
}

function entry(n: number, ok = true): JournalRow {
  return { id: `e${n}`, at: n, kind: 'push', url: 'http://x/', attempts: [], verdict: { ok, reasons: [] } };
}

const ev = (body: StudioEventBody, seq = 1): StudioEvent => ({ ...body, seq, at: 0 }) as StudioEvent;

const pool = (id: string): LoginPool => ({ id, name: id, createdAt: 0, connections: [], apps: [] });

describe('studio store', () => {
  it('boots: health, then every list; a 401 marks the window unauthorized', async () => {
    const api = fakeApi();
    const store = createStudioStore({ api, schedule: manualSchedule().schedule });
    await store.getState().actions.boot();
    expect(store.getState().auth).toBe('ok');
    expect(store.getState().version).toBe('9.9.9');
    expect(store.getState().personas.data).toHaveLength(1);
    expect(store.getState().personaId).toBe('p1');
    expect(api.phone).toHaveBeenCalledWith('p1');

    const denied = createStudioStore({
      api: fakeApi({ health: vi.fn(async () => Promise.reject(new ApiError(401, 'unauthorized', 'no token'))) }),
      schedule: manualSchedule().schedule,
    });
    await denied.getState().actions.boot();
    expect(denied.getState().auth).toBe('unauthorized');
  });

  it('batches journal events from the stream into one append', () => {
    const s = manualSchedule();
    const store = createStudioStore({ api: fakeApi(), schedule: s.schedule });
    const { handleEvent } = store.getState().actions;
    for (let i = 1; i <= 300; i++) handleEvent(ev({ type: 'journal', entry: entry(i) }, i));
    expect(store.getState().journal.entries).toHaveLength(0);
    expect(s.size).toBe(1);
    const version = store.getState().journal.version;
    s.run();
    expect(store.getState().journal.entries).toHaveLength(300);
    expect(store.getState().journal.version).toBe(version + 1);
    // Later batches append in place: no copy of the journal per batch.
    const journal = store.getState().journal.entries;
    for (let i = 301; i <= 600; i++) handleEvent(ev({ type: 'journal', entry: entry(i) }, i));
    s.run();
    expect(store.getState().journal.entries).toBe(journal);
    expect(journal).toHaveLength(600);
    // A reconnect replays history: nothing is duplicated.
    handleEvent(ev({ type: 'journal', entry: entry(300) }));
    s.run();
    expect(store.getState().journal.entries).toHaveLength(600);
  });

  it('pages back with beforeSeq from the oldest loaded entry', async () => {
    const journal = vi.fn(async (q: { limit?: number; beforeSeq?: number }) => {
      const before = q.beforeSeq ?? 1001;
      const entries: JournalRow[] = [];
      for (let n = before - 1; n >= 1 && entries.length < (q.limit ?? 0); n--) entries.push({ ...entry(n), seq: n });
      return { entries, total: 1000 };
    });
    const store = createStudioStore({ api: fakeApi({ journal }), schedule: manualSchedule().schedule });
    const a = store.getState().actions;
    await a.loadJournal();
    expect(store.getState().journal.entries).toHaveLength(500);
    expect(store.getState().journal.entries[0]!.id).toBe('e501');
    expect(store.getState().journal.hasOlder).toBe(true);
    await a.loadOlderJournal();
    expect(journal).toHaveBeenLastCalledWith({ limit: 1000, beforeSeq: 501 });
    expect(store.getState().journal.entries).toHaveLength(1000);
    expect(store.getState().journal.entries[0]!.id).toBe('e1');
    expect(store.getState().journal.hasOlder).toBe(false);
  });

  it('filters and selects through module-level selectors', () => {
    const s = manualSchedule();
    const store = createStudioStore({ api: fakeApi(), schedule: s.schedule });
    const a = store.getState().actions;
    a.receiveJournal([entry(1), entry(2, false), entry(3)]);
    a.flushJournal();
    a.setJournalFilter({ verdict: 'fail' });
    const view = selectVisibleJournal(store.getState());
    expect(view.rows.slice(0, view.count).map((e) => e.id)).toEqual(['e2']);
    a.selectEntry('e3');
    expect(selectSelectedEntry(store.getState())?.id).toBe('e3');
  });

  it('coalesces refetches of a changed topic', async () => {
    const s = manualSchedule();
    const api = fakeApi();
    const store = createStudioStore({ api, schedule: s.schedule });
    const { handleEvent } = store.getState().actions;
    for (let i = 0; i < 5; i++) handleEvent(ev({ type: 'changed', topic: 'accounts' }));
    handleEvent(ev({ type: 'changed', topic: 'pools' }));
    handleEvent(ev({ type: 'changed', topic: 'connections' }));
    expect(s.size).toBe(2);
    s.run();
    await Promise.resolve();
    expect(api.listAccounts).toHaveBeenCalledTimes(1);
    expect(api.listPools).toHaveBeenCalledTimes(1);
  });

  it("shows the phone's screen from the stream, for the persona holding it", () => {
    const store = createStudioStore({ api: fakeApi(), schedule: manualSchedule().schedule }, { personaId: 'p1' });
    const screen: PhoneScreen = { screen: 'chat', appId: 'wx1', accountName: 'Demo', following: true, messages: [{ from: 'account', text: 'hi' }] };
    store.getState().actions.handleEvent(ev({ type: 'phone', personaId: 'p1', screen }));
    expect(selectPhoneScreen(store.getState())).toEqual(screen);
    expect(store.getState().phoneView).toBe('app');
    expect(store.getState().chats.p1).toEqual([{ appId: 'wx1', accountName: 'Demo', following: true, messages: [{ from: 'account', text: 'hi' }] }]);
    store.getState().actions.handleEvent(ev({ type: 'phone', personaId: 'p2', screen: { screen: 'error', error: 'x' } }));
    expect(selectPhoneScreen(store.getState())).toEqual(screen);
  });

  it('keeps login sessions from the stream, newest first', () => {
    const store = createStudioStore({ api: fakeApi(), schedule: manualSchedule().schedule }, { pools: { data: [pool('pool')], loaded: true, error: null } });
    const s1: LoginSessionDto = { id: 's1', poolId: 'pool', status: 'PENDING', createdAt: 1 };
    const s2: LoginSessionDto = { id: 's2', poolId: 'pool', status: 'PENDING', createdAt: 2 };
    const a = store.getState().actions;
    a.handleEvent(ev({ type: 'login-session', session: s1 }));
    a.handleEvent(ev({ type: 'login-session', session: s2 }));
    a.handleEvent(ev({ type: 'login-session', session: { ...s1, status: 'AUTHORIZED', userId: 'u' } }));
    expect(store.getState().sessions.pool!.map((s) => `${s.id}:${s.status}`)).toEqual(['s2:PENDING', 's1:AUTHORIZED']);
    expect(upsertSession(undefined, s1)).toEqual([s1]);
  });

  it('scan and follow: busy while in flight, the answer becomes the screen; failures become a toast', async () => {
    const profile: PhoneScreen = { screen: 'profile', appId: 'wx1', accountName: 'Demo', following: false };
    let resolve!: (s: PhoneScreen) => void;
    const api = fakeApi({ scan: vi.fn(() => new Promise<PhoneScreen>((r) => (resolve = r))), follow: vi.fn(async () => Promise.reject(new ApiError(409, 'x', 'nope'))) });
    const store = createStudioStore({ api, schedule: manualSchedule().schedule }, { personaId: 'p1' });
    const pending = store.getState().actions.scan('http://weixin.qq.com/q/abc');
    expect(store.getState().phoneBusy).toBe(true);
    resolve(profile);
    await pending;
    expect(api.scan).toHaveBeenCalledWith('p1', 'http://weixin.qq.com/q/abc');
    expect(store.getState().phoneBusy).toBe(false);
    expect(selectPhoneScreen(store.getState())).toEqual(profile);
    await store.getState().actions.follow('wx1');
    expect(store.getState().toasts.at(-1)).toMatchObject({ kind: 'error', message: { key: 'followFailed', error: { code: 'x', message: 'nope', status: 409 } } });
  });

  it('a new window ignores replayed sessions of pools that no longer exist, so it never asks for them', async () => {
    const listSessions = vi.fn(async () => ({ sessions: [] }));
    const s = manualSchedule();
    const store = createStudioStore({ api: fakeApi({ listSessions, listPools: vi.fn(async () => ({ pools: [pool('new')] })) }), schedule: s.schedule });
    const a = store.getState().actions;
    // The stream replays history before (and after) the pools are loaded: sessions of the pool a reset removed.
    a.handleEvent(ev({ type: 'login-session', session: { id: 's1', poolId: 'old', status: 'PENDING', createdAt: 1 } }));
    await a.boot();
    a.handleEvent(ev({ type: 'login-session', session: { id: 's2', poolId: 'old', status: 'PENDING', createdAt: 2 } }));
    a.handleEvent(ev({ type: 'changed', topic: 'sessions' }));
    s.run();
    expect(store.getState().sessions).toEqual({});
    expect(listSessions).not.toHaveBeenCalledWith('old');
    expect(store.getState().toasts).toEqual([]);
  });

  it('a pool that vanished (a reset in another window) drops its lists without an error toast', async () => {
    const gone = new ApiError(404, 'not_found', 'user pool "old" does not exist', 'poolId');
    const store = createStudioStore(
      { api: fakeApi({ listUsers: vi.fn(async () => Promise.reject(gone)), listSessions: vi.fn(async () => Promise.reject(gone)) }), schedule: manualSchedule().schedule },
      { users: { old: [] }, sessions: { old: [] } },
    );
    await store.getState().actions.loadUsers('old');
    await store.getState().actions.loadSessions('old');
    expect(store.getState().users).toEqual({});
    expect(store.getState().sessions).toEqual({});
    expect(store.getState().toasts).toEqual([]);
  });

  it('the same failure twice is one toast with a count; a reset clears the toasts', async () => {
    const store = createStudioStore({ api: fakeApi(), schedule: manualSchedule().schedule });
    const a = store.getState().actions;
    const error = { code: 'network', message: 'down' };
    a.notify('error', { key: 'loadUsersFailed', error });
    a.notify('error', { key: 'loadUsersFailed', error });
    a.notify('ok', { key: 'saved', values: { name: 'A' } });
    expect(store.getState().toasts.map((t) => [t.message.key, t.repeats])).toEqual([
      ['loadUsersFailed', 2],
      ['saved', 1],
    ]);
    await a.resetDemo();
    expect(store.getState().toasts.map((t) => t.message.key)).toEqual(['resetDone']);
  });

  it('merges a chat screen into the home list', () => {
    const chats = mergeChat(undefined, { screen: 'chat', appId: 'wx1', accountName: 'A', following: true, messages: [{ from: 'user', text: 'x' }] });
    expect(chats).toHaveLength(1);
    const after = mergeChat(chats, { screen: 'profile', appId: 'wx1', following: false });
    expect(after![0]).toMatchObject({ following: false, messages: [{ from: 'user', text: 'x' }] });
    expect(mergeChat(after, { screen: 'error', error: 'x' })).toBe(after);
  });
});
