import type { AuditComparison, AuditSummary, SavedAudit, StartAuditBody, StudioEvent } from '../../api/types';
import { toErrorInfo, type ErrorInfo } from '../errors';
import type { Get, Set, StoreDeps, StudioState } from '../types';

/** Audits of accounts' servers: each account's list, reports read in full, comparisons, what runs now. */
export interface AuditsData {
  /** Per account, newest first; loaded when its audit view opens. */
  lists: Record<string, AuditSummary[] | undefined>;
  /** Audits read in full (the report with its evidence), by id. */
  details: Record<string, SavedAudit | undefined>;
  comparisons: Record<string, AuditComparison | undefined>;
  /** Checks being run right now, per audit (a full run's current checks, or a re-run's one). */
  running: Record<string, string[] | undefined>;
}

export type StartResult = { ok: true; audit: AuditSummary } | { ok: false; error: ErrorInfo };

export interface AuditActions {
  loadAudits(appId: string): Promise<void>;
  loadAudit(id: string): Promise<void>;
  loadComparison(id: string): Promise<void>;
  startAudit(appId: string, body: StartAuditBody): Promise<StartResult>;
  stopAudit(id: string): Promise<void>;
  rerunCheck(id: string, checkId: string): Promise<void>;
  receiveAudit(event: Extract<StudioEvent, { type: 'audit' }>): void;
}

export const EMPTY_AUDITS: AuditsData = { lists: {}, details: {}, comparisons: {}, running: {} };

/** The account's list with `summary` in place of the audit of the same id (or first, when new). */
function upsert(list: AuditSummary[] | undefined, summary: AuditSummary): AuditSummary[] {
  const rest = (list ?? []).filter((a) => a.id !== summary.id);
  return [summary, ...rest].sort((a, b) => b.createdAt - a.createdAt);
}

function without(list: string[] | undefined, id: string): string[] {
  return (list ?? []).filter((x) => x !== id);
}

export function auditsSlice(set: Set, get: Get, { api }: StoreDeps): AuditActions {
  const patch = (fn: (a: AuditsData) => Partial<AuditsData>): void => set((s) => ({ audits: { ...s.audits, ...fn(s.audits) } }));
  const fail = (err: unknown): void => get().actions.notify('error', { key: 'auditFailed', error: toErrorInfo(err) });

  /** A check of a running audit finished: its line and the count in the account's list. */
  function checkDone(appId: string, auditId: string, line: NonNullable<AuditSummary['progress']>['checks'][number], done: number): void {
    patch((a) => ({
      running: { ...a.running, [auditId]: without(a.running[auditId], line.id) },
      lists: {
        ...a.lists,
        [appId]: (a.lists[appId] ?? []).map((s) =>
          s.id === auditId && s.progress ? { ...s, progress: { ...s.progress, done, checks: s.progress.checks.map((c) => (c.id === line.id ? line : c)) } } : s,
        ),
      },
    }));
  }

  /** A saved audit changed (finished, or a check was run again): what was read of it is read again. */
  function refresh(id: string): void {
    const a = get().audits;
    if (a.details[id]) void get().actions.loadAudit(id);
    if (a.comparisons[id]) void get().actions.loadComparison(id);
  }

  return {
    async loadAudits(appId) {
      try {
        const { audits } = await api.listAudits(appId);
        patch((a) => ({ lists: { ...a.lists, [appId]: audits } }));
      } catch (err) {
        fail(err);
      }
    },
    async loadAudit(id) {
      try {
        const audit = await api.getAudit(id);
        patch((a) => ({ details: { ...a.details, [id]: audit } }));
      } catch (err) {
        fail(err);
      }
    },
    async loadComparison(id) {
      try {
        const cmp = await api.compareAudit(id);
        patch((a) => ({ comparisons: { ...a.comparisons, [id]: cmp } }));
      } catch (err) {
        fail(err);
      }
    },
    async startAudit(appId, body) {
      try {
        const { audit } = await api.startAudit(appId, body);
        patch((a) => ({ lists: { ...a.lists, [appId]: upsert(a.lists[appId], audit) } }));
        return { ok: true, audit };
      } catch (err) {
        return { ok: false, error: toErrorInfo(err) };
      }
    },
    async stopAudit(id) {
      try {
        const { audit } = await api.stopAudit(id);
        patch((a) => ({ lists: { ...a.lists, [audit.appId]: upsert(a.lists[audit.appId], audit) } }));
      } catch (err) {
        fail(err);
      }
    },
    async rerunCheck(id, checkId) {
      patch((a) => ({ running: { ...a.running, [id]: [...without(a.running[id], checkId), checkId] } }));
      try {
        const audit = await api.rerunCheck(id, checkId);
        patch((a) => ({ details: { ...a.details, [id]: audit } }));
        refresh(id);
      } catch (err) {
        fail(err);
      } finally {
        patch((a) => ({ running: { ...a.running, [id]: without(a.running[id], checkId) } }));
      }
    },
    receiveAudit({ auditId, appId, progress: p }) {
      switch (p.phase) {
        case 'start':
          return patch((a) => ({ lists: { ...a.lists, [appId]: upsert(a.lists[appId], p.summary) }, running: { ...a.running, [auditId]: [] } }));
        case 'check-start':
        case 'rerun-start':
          return patch((a) => ({ running: { ...a.running, [auditId]: [...without(a.running[auditId], p.checkId), p.checkId] } }));
        case 'check-done':
          return checkDone(appId, auditId, p.check, p.done);
        case 'done':
        case 'failed':
        case 'rerun-done':
          patch((a) => ({ lists: { ...a.lists, [appId]: upsert(a.lists[appId], p.summary) }, running: { ...a.running, [auditId]: [] } }));
          return refresh(auditId);
      }
    },
  };
}

export const selectAudits = (s: StudioState) => s.audits;
