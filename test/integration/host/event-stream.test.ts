import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sseParser, type SseMessage } from '../../helpers/sse';
import { createRuntime, type Runtime } from '../../../src-main/core/runtime';

/** Reads server-sent events from /api/events until `until` says stop; returns what was read. */
async function readEvents(rt: Runtime, headers: Record<string, string>, until: (m: SseMessage[]) => boolean): Promise<SseMessage[]> {
  const ac = new AbortController();
  const res = await fetch(`${rt.urls.studio}/api/events`, { headers: { authorization: `Bearer ${rt.token}`, ...headers }, signal: ac.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const messages: SseMessage[] = [];
  const feed = sseParser((m) => {
    if (m.event) messages.push(m);
  });
  const decoder = new TextDecoder();
  const reader = res.body!.getReader();
  try {
    while (!until(messages)) {
      const { value, done } = await reader.read();
      if (done) break;
      feed(decoder.decode(value, { stream: true }));
    }
  } finally {
    ac.abort();
  }
  return messages;
}

describe('the studio event stream', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await createRuntime({ memory: true, quiet: true, seed: 'empty' });
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it('replays recent history to a new subscriber, then streams live events', async () => {
    rt.platform.service.createPersona({ name: 'Before' });
    let caused = false;
    const messages = await readEvents(rt, {}, (ms) => {
      const ready = ms.findIndex((m) => m.event === 'ready');
      if (ready < 0) return false;
      if (!caused) {
        caused = true; // the stream is open and the history sent: now cause a live event
        rt.platform.service.createPersona({ name: 'After' });
      }
      return ms.slice(ready).some((m) => m.event === 'changed');
    });
    const ready = messages.findIndex((m) => m.event === 'ready');
    const changes = messages.filter((m) => m.event === 'changed');
    expect(ready).toBeGreaterThan(0);
    expect(messages.slice(0, ready).some((m) => m.event === 'changed')).toBe(true); // history before "ready"
    expect(changes.length).toBeGreaterThanOrEqual(2);
    const seqs = changes.map((m) => Number(m.id));
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
  });

  it('sends only what a reconnecting client missed (Last-Event-ID)', async () => {
    const all = rt.bus.recent();
    const last = all.at(-1)!.seq;
    rt.platform.service.createPersona({ name: 'Missed' });
    const messages = await readEvents(rt, { 'last-event-id': String(last) }, (ms) => ms.some((m) => m.event === 'ready'));
    const replayed = messages.filter((m) => m.event !== 'ready').map((m) => Number(m.id));
    expect(replayed.length).toBeGreaterThan(0);
    expect(replayed.every((seq) => seq > last)).toBe(true);
  });
});
