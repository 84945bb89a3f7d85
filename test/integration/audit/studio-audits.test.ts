import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account, JournalEntry } from '../../../src-main/contracts/api';
import type { AuditComparison, AuditSummary, SavedAudit } from '../../../src-main/contracts/audit';
import { studioEventSchema, type StudioEvent } from '../../../src-main/contracts/events';
import { startWorld, type World } from '../login/helpers';
import { startFakeServer } from './fake-server';

/**
 * "Audit this server" through the studio's control API: bad input is refused naming the field and runs
 * nothing; the demo account's server (the studio's own login server) is audited with real sign-ins counted,
 * every exchange lands in the journal without secrets, the report is saved and comes back; a deliberately
 * broken server fails the matching check, a check runs again, and the comparison names what changed.
 */

let w: World;
let demo: Account;
const servers: Array<{ close(): Promise<void> }> = [];
const events: StudioEvent[] = [];

beforeAll(async () => {
  w = await startWorld();
  demo = w.rt.platform.service.getAccount(w.conn.appId)!;
  w.rt.bus.subscribe((e) => events.push(e));
  // The audit waits as long as the mock WeChat's push timeout. Answer times are real time and this suite
  // must not depend on the machine's load (timings are bench/'s business): give answers 30 s.
  expect((await w.api('PUT', '/api/wechat/settings', { pushTimeoutMs: 30_000 })).status).toBe(200);
});
afterAll(async () => {
  await w?.stop();
  await Promise.all(servers.map((s) => s.close()));
});

async function finished(id: string, timeoutMs = 25_000): Promise<AuditSummary> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const end = events.find((e) => e.type === 'audit' && e.auditId === id && (e.progress.phase === 'done' || e.progress.phase === 'failed'));
    if (end?.type === 'audit' && (end.progress.phase === 'done' || end.progress.phase === 'failed')) return end.progress.summary;
    if (Date.now() > deadline) throw new Error(`audit ${id} did not finish`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function auditDemo(): Promise<SavedAudit> {
  const res = await w.api<{ audit: AuditSummary }>('POST', `/api/wechat/accounts/${demo.appId}/audits`, {});
  expect(res.status).toBe(202);
  expect(res.body.audit.status).toBe('running');
  const summary = await finished(res.body.audit.id);
  expect(summary.status, summary.error).toBe('done');
  return (await w.api<SavedAudit>('GET', `/api/audits/${summary.id}`)).body;
}

describe('bad input is refused, naming the field, and starts nothing', () => {
  it('an unknown account, an unknown check ID, a bad policy line, an unknown key, an account without a URL', async () => {
    const cases: Array<[string, string, unknown, number, string, RegExp]> = [
      ['POST', '/api/wechat/accounts/wx0000000000000000/audits', {}, 404, 'appId', /account "wx0000000000000000" does not exist/],
      ['POST', `/api/wechat/accounts/${demo.appId}/audits`, { only: ['URL-01', 'NOPE-9'] }, 422, 'only', /unknown check ID NOPE-9/],
      ['POST', `/api/wechat/accounts/${demo.appId}/audits`, { only: 'URL-01' }, 422, 'only', /only must be a list of check IDs/],
      ['POST', `/api/wechat/accounts/${demo.appId}/audits`, { policy: 'URL-01 FAIL\nSEC-01 MAYBE' }, 422, 'policy', /policy line 2: level must be IGNORE, INFO, WARN or FAIL/],
      ['POST', `/api/wechat/accounts/${demo.appId}/audits`, { policy: 'URL-01' }, 422, 'policy', /expected "ID LEVEL"/],
      ['POST', '/api/wechat/accounts/not-an-appid/audits', {}, 422, 'appId', /AppID/],
    ];
    for (const [method, path, body, status, field, message] of cases) {
      const res = await w.api<{ error: { field?: string; message: string } }>(method, path, body);
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(status);
      expect(res.body.error.field).toBe(field);
      expect(res.body.error.message).toMatch(message);
    }
    const extra = await w.api<{ error: { message: string } }>('POST', `/api/wechat/accounts/${demo.appId}/audits`, { onlyy: ['URL-01'] });
    expect(extra.status).toBe(422);
    expect(extra.body.error.message).toMatch(/onlyy/);

    const fresh = await w.api<Account>('POST', '/api/wechat/accounts', { name: 'No server yet', type: 'service', verified: true });
    const noUrl = await w.api<{ error: { field: string; message: string } }>('POST', `/api/wechat/accounts/${fresh.body.appId}/audits`, {});
    expect(noUrl.status).toBe(422);
    expect(noUrl.body.error).toMatchObject({ field: 'url', message: expect.stringMatching(/no server URL/) });

    expect(events.filter((e) => e.type === 'audit')).toEqual([]);
    expect((await w.api<{ audits: unknown[] }>('GET', `/api/wechat/accounts/${demo.appId}/audits`)).body.audits).toEqual([]);
  });

  it('unknown audits, checks and formats', async () => {
    const cases: Array<[string, string, number, string]> = [
      ['GET', '/api/audits/audit_nope', 404, 'id'],
      ['GET', '/api/audits/audit_nope/compare', 404, 'id'],
      ['POST', '/api/audits/audit_nope/checks/URL-01/rerun', 404, 'id'],
      ['POST', '/api/audits/audit_nope/stop', 404, 'id'],
      ['GET', '/api/audits/audit_nope/report.pdf', 422, 'format'],
    ];
    for (const [method, path, status, field] of cases) {
      const res = await w.api<{ error: { field?: string } }>(method, path);
      expect(res.status, path).toBe(status);
      expect(res.body.error.field, path).toBe(field);
    }
  });
});

describe('the demo account’s server: the studio’s own login server', () => {
  let first: SavedAudit;

  it('nothing fails; sign-ins are counted; the report is saved and comes back', async () => {
    first = await auditDemo();
    const report = first.report!;
    expect(report.checks.filter((c) => c.status === 'FAIL').map((c) => `${c.id}: ${c.summary}`)).toEqual([]);
    expect(report.verdict).toBe('PASS');
    expect(report.url).toBe(demo.server.url);
    expect(report.mode).toBe('safe');
    expect(report.account.appId).toBe(demo.appId);
    expect(report.observer).toMatch(/login server/);
    expect(report.timeoutMs).toBe(30_000);
    for (const id of ['DUP-01', 'DUP-02', 'EVT-01']) expect(report.checks.find((c) => c.id === id)?.status).toBe('PASS');
    expect(first.policy).toBe('');

    const list = (await w.api<{ audits: AuditSummary[] }>('GET', `/api/wechat/accounts/${demo.appId}/audits`)).body.audits;
    expect(list.map((a) => [a.id, a.status, a.verdict])).toEqual([[first.id, 'done', 'PASS']]);
    const progress = events.filter((e) => e.type === 'audit' && e.auditId === first.id && e.progress.phase === 'check-done');
    expect(progress).toHaveLength(report.checks.length);
  });

  it('every exchange is a journal entry of kind audit naming the report, with no Token or EncodingAESKey', async () => {
    const exchanges = first.report!.checks.flatMap((c) => c.evidence.exchanges);
    expect(exchanges.length).toBeGreaterThan(20);
    expect(exchanges.every((x) => typeof x.journalId === 'string')).toBe(true);
    const url02 = first.report!.checks.find((c) => c.id === 'URL-02')!.evidence.exchanges[0]!;
    const entry = (await w.api<JournalEntry>('GET', `/api/journal/${url02.journalId}`)).body;
    expect(entry).toMatchObject({ kind: 'audit', source: 'wechat', appId: demo.appId, audit: { reportId: first.id, checks: ['URL-02'] } });
    expect(entry.attempts[0]!.request.url).toBe(url02.request.url);
    expect(entry.attempts[0]!.response?.status).toBe(url02.response?.status);

    const journal = (await w.api<{ entries: JournalEntry[] }>('GET', '/api/journal?kind=audit&limit=1000')).body.entries;
    expect(new Set(journal.map((e) => e.id))).toEqual(new Set(exchanges.map((x) => x.journalId)));
    const text = JSON.stringify(journal) + JSON.stringify(first);
    expect(text).not.toContain(w.secrets.token);
    expect(text).not.toContain(w.secrets.encodingAesKey);
    // A push the login server answered links to the login server's own entry of it.
    expect(journal.some((e) => e.related?.length)).toBe(true);
  });

  it('the first audit has nothing to compare with; downloads are the engine’s reports', async () => {
    const cmp = (await w.api<AuditComparison>('GET', `/api/audits/${first.id}/compare`)).body;
    expect(cmp).toEqual({ id: first.id, previous: null, changes: [], targetChanged: null });
    const res = await fetch(`${w.rt.urls.studio}/api/audits/${first.id}/report.junit`, { headers: { authorization: `Bearer ${w.rt.token}` } });
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="audit-wx\w+-safe-.*\.junit\.xml"/);
    const xml = await res.text();
    expect(xml.match(/<testcase /g)).toHaveLength(first.report!.checks.length);
    const html = await (await fetch(`${w.rt.urls.studio}/api/audits/${first.id}/report.html`, { headers: { authorization: `Bearer ${w.rt.token}` } })).text();
    expect(html).toContain('safe mode: PASS');
  });
});

describe('a broken server: 500 on unknown events', () => {
  it('EVT-02 fails; re-running it after the fix passes; the comparison names exactly what changed', async () => {
    const target = { token: w.secrets.token, appId: demo.appId, encodingAesKey: w.secrets.encodingAesKey, mode: 'safe' as const };
    const broken = await startFakeServer({ ...target, flaw: 'unknown-event-500' });
    servers.push(broken);
    const put = await w.api('PUT', `/api/wechat/accounts/${demo.appId}/server`, { url: broken.url, token: target.token, encodingAesKey: target.encodingAesKey, mode: 'safe', enabled: true });
    expect(put.status).toBe(200);

    const bad = await auditDemo();
    const evt02 = bad.report!.checks.find((c) => c.id === 'EVT-02')!;
    expect(evt02.status).toBe('FAIL');
    expect(evt02.summary).toMatch(/500/);
    expect(bad.report!.checks.filter((c) => c.status === 'FAIL').map((c) => c.id)).toEqual(['EVT-02']);
    const failing = (await w.api<JournalEntry>('GET', `/api/journal/${evt02.evidence.exchanges.find((x) => x.response?.status === 500)!.journalId}`)).body;
    expect(failing.verdict.ok).toBe(false);
    expect(failing.verdict.reasons).toEqual([expect.stringMatching(/^EVT-02 FAIL: an event type WeChat may add .*HTTP 500/)]);
    // The same reason as a sentence for the studio's inspector, nesting the finding's own sentence.
    expect(failing.verdict.said).toEqual([{ code: 'audit.journal.reason', values: { check: 'EVT-02', status: 'FAIL', text: evt02.evidence.findings.find((f) => f.level === 'fail')!.said } }]);
    expect(failing.summarySaid?.code).toBe('audit.journal.summary');
    // The check's other exchanges were answered as it expects: their entries say so.
    const fine = (await w.api<JournalEntry>('GET', `/api/journal/${evt02.evidence.exchanges.find((x) => x.response?.status === 200)!.journalId}`)).body;
    expect(fine.verdict).toEqual({
      ok: true,
      reasons: ['EVT-02 FAIL, but this exchange was answered as the check expects'],
      said: [{ code: 'audit.journal.asExpected', values: { check: 'EVT-02', status: 'FAIL' } }],
    });

    const cmp = (await w.api<AuditComparison>('GET', `/api/audits/${bad.id}/compare`)).body;
    expect(cmp.previous?.id).not.toBe(bad.id);
    expect(cmp.targetChanged).toEqual({ url: { before: demo.server.url, after: broken.url } });
    expect(cmp.changes.find((c) => c.id === 'EVT-02')).toEqual({ id: 'EVT-02', title: evt02.title, before: 'PASS', after: 'FAIL' });

    // The same server with the flaw fixed (same port: the account's URL is unchanged), then EVT-02 again.
    await broken.close();
    const port = Number(new URL(broken.url).port);
    const fixed = await startFakeServer({ ...target, port });
    servers.push(fixed);
    const rerun = await w.api<SavedAudit>('POST', `/api/audits/${bad.id}/checks/EVT-02/rerun`);
    expect(rerun.status).toBe(200);
    expect(rerun.body.report!.checks.find((c) => c.id === 'EVT-02')!.status).toBe('PASS');
    expect(rerun.body.report!.verdict).not.toBe('FAIL');
    expect(rerun.body.reruns).toEqual([{ checkId: 'EVT-02', at: expect.any(Number), before: 'FAIL', after: 'PASS' }]);
    expect((await w.api<SavedAudit>('GET', `/api/audits/${bad.id}`)).body.reruns).toHaveLength(1);

    const unknown = await w.api<{ error: { field: string } }>('POST', `/api/audits/${bad.id}/checks/NOPE-1/rerun`);
    expect([unknown.status, unknown.body.error.field]).toEqual([404, 'checkId']);
    const again = (await w.api<AuditComparison>('GET', `/api/audits/${bad.id}/compare`)).body;
    expect(again.changes.find((c) => c.id === 'EVT-02')).toBeUndefined();
  });
});

describe('the event stream', () => {
  it('carries every audit event and journal entry whole: each fits the stream schema and loses no field', () => {
    const audits = events.filter((e) => e.type === 'audit' || (e.type === 'journal' && e.entry.kind === 'audit'));
    expect(audits.length).toBeGreaterThan(0);
    expect(new Set(audits.map((e) => (e.type === 'audit' ? e.progress.phase : 'journal')))).toEqual(
      new Set(['start', 'check-start', 'check-done', 'done', 'rerun-start', 'rerun-done', 'journal']),
    );
    for (const e of [...audits, ...events.filter((x) => x.type === 'changed' && x.topic === 'audits')]) {
      const r = studioEventSchema.safeParse(e);
      expect(r.error?.issues ?? [], `${e.type} ${JSON.stringify(e).slice(0, 120)}`).toEqual([]);
      expect(r.data).toEqual(e);
    }
  });
});
