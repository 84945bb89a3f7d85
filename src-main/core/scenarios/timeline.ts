import type { JournalEntry } from '../../contracts/api';
import { redactText, redactUrl } from '../journal/redact';
import type { CaseState } from './case-state';

/** Reports leave the machine (CI artifacts): credentials in API calls are masked as the journal masks them. */
function forReport(e: JournalEntry): JournalEntry {
  if (e.kind !== 'api') return e;
  return {
    ...e,
    url: redactUrl(e.url),
    ...(e.summary ? { summary: redactText(e.summary) } : {}),
    attempts: e.attempts.map((a) => ({
      ...a,
      request: { ...a.request, url: redactUrl(a.request.url), body: redactText(a.request.body) },
      ...(a.response ? { response: { ...a.response, body: redactText(a.response.body) } } : {}),
    })),
  };
}

/**
 * Records what happens in a case's world, from its bus: every journal entry (pushes with their decrypted
 * XML and verdict, the login server's events), each login session's status, each phone screen. Times are
 * the case's clock relative to its start. Returns the function that stops recording.
 */
export function captureTimeline(state: CaseState): () => void {
  const { world } = state;
  const pageOfSession = (id: string): string | undefined => {
    for (const p of state.pages.values()) if (p.history.includes(id)) return p.name;
    return undefined;
  };
  const names = new Map([...world.personas].map(([name, id]) => [id, name]));
  const lastStatus = new Map<string, string>();
  const unsubscribe = world.rt.bus.subscribe((e) => {
    const at = e.at - state.start;
    if (e.type === 'journal') {
      state.timeline.push({ type: 'journal', at, entry: forReport(e.entry) });
      state.journalIds.push(e.entry.id);
    } else if (e.type === 'login-session') {
      const s = e.session;
      // Each session announces every write; the timeline keeps status changes only.
      const key = `${s.status}|${s.needsBinding ? 1 : 0}`;
      if (lastStatus.get(s.id) === key) return;
      lastStatus.set(s.id, key);
      const page = pageOfSession(s.id);
      state.timeline.push({ type: 'page', at, sessionId: s.id, status: s.status, ...(page ? { page } : {}), ...(s.error ? { error: s.error } : {}) });
    } else if (e.type === 'phone') {
      state.timeline.push({ type: 'phone', at, persona: names.get(e.personaId) ?? e.personaId, screen: e.screen });
    }
  });
  return () => {
    unsubscribe();
    // A session's first event comes before its page knows its id: name the pages now.
    for (const t of state.timeline) {
      if (t.type !== 'page' || t.page) continue;
      const page = pageOfSession(t.sessionId);
      if (page) t.page = page;
    }
  };
}
