import { parse } from 'junit2json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAuditHtml, renderAuditJson, renderAuditJunit, type AuditReport } from '../../../src-main/core/audit';
import { startFakeServer } from './fake-server';
import { AES_KEY, APP_ID, audit, TOKEN } from './audit-helpers';

/** The three report formats of one audit: a reply TimeStamp in milliseconds (REP-02 fails). */

let report: AuditReport;
let close: () => Promise<void>;
beforeAll(async () => {
  const s = await startFakeServer({ token: TOKEN, appId: APP_ID, encodingAesKey: AES_KEY, mode: 'safe', flaw: 'timestamp-ms' });
  close = s.close;
  report = await audit({ url: s.url, token: TOKEN, appId: APP_ID, encodingAesKey: AES_KEY, mode: 'safe' }, { policy: new Map([['SEC-01', 'FAIL']]) });
});
afterAll(() => close?.());

describe('JSON report: the CI contract', () => {
  it('has verdict, mode, url and checks with id, title, severity, status, evidence and fix', () => {
    const json = JSON.parse(renderAuditJson(report)) as Record<string, unknown> & { checks: Array<Record<string, unknown>> };
    expect(json).toMatchObject({ verdict: 'FAIL', mode: 'safe', url: report.url });
    expect(json.checks).toHaveLength(27);
    for (const c of json.checks) {
      expect(Object.keys(c)).toEqual(expect.arrayContaining(['id', 'title', 'severity', 'status', 'evidence', 'fix']));
      expect(['PASS', 'WARN', 'FAIL', 'INFO', 'SKIP']).toContain(c.status);
    }
    const rep02 = json.checks.find((c) => c.id === 'REP-02') as { status: string; evidence: { exchanges: Array<{ response: { body: string } }> } };
    expect(rep02.status).toBe('FAIL');
    expect(rep02.evidence.exchanges[0]!.response.body).toMatch(/<TimeStamp>\d{13}<\/TimeStamp>/);
    // The policy raised SEC-01 to FAIL; it passes here, so its status is unchanged, but its severity says so.
    expect(json.checks.find((c) => c.id === 'SEC-01')).toMatchObject({ severity: 'FAIL', defaultSeverity: 'WARN', status: 'PASS' });
  });
});

describe('JUnit report', () => {
  it('parses with a JUnit parser: one testcase per check, the failure carrying evidence and fix', async () => {
    const parsed = (await parse(renderAuditJunit([report]))) as { testsuite?: Array<{ testcase?: Array<{ name?: string; failure?: Array<{ message?: string; type?: string; inner?: string }>; skipped?: unknown[] }>; tests?: number; failures?: number }> };
    const suite = parsed.testsuite![0]!;
    expect(suite.tests).toBe(27);
    expect(suite.testcase).toHaveLength(27);
    expect(suite.failures).toBe(1);
    const failed = suite.testcase!.filter((t) => t.failure);
    expect(failed.map((t) => t.name)).toEqual([expect.stringMatching(/^REP-02 /)]);
    const f = failed[0]!.failure![0]!;
    expect(f.type).toBe('REP-02');
    expect(f.message).toMatch(/milliseconds/);
    expect(f.inner).toMatch(/\[exchange\] genuine/);
    expect(f.inner).toMatch(/Fix: Encrypt the reply XML/);
    expect(suite.testcase!.filter((t) => t.skipped).length).toBe(report.counts.SKIP);
  });
});

describe('HTML report', () => {
  const htmlOf = () => renderAuditHtml([report]);

  it('is one self-contained file: no script, stylesheet or image from elsewhere', () => {
    const html = htmlOf();
    expect(html).not.toMatch(/<(script|link|img|iframe)\b/i);
    expect(html).not.toMatch(/url\(/);
    expect(html).toMatch(/^<!doctype html>/);
  });

  it('starts with a verdict per mode, then every check with why, fix and collapsible evidence', () => {
    const html = htmlOf();
    const firstLine = html.slice(html.indexOf('<main>'), html.indexOf('<h1>'));
    expect(firstLine).toContain('safe mode: FAIL — 1 failed');
    expect(firstLine).toContain('plaintext mode: not audited');
    for (const c of report.checks) expect(html).toContain(`id="${c.id}"`);
    const rep02 = html.slice(html.indexOf('id="REP-02"'), html.indexOf('id="REP-03"'));
    expect(rep02).toContain('Why it matters to a WeChat user');
    expect(rep02).toContain('Fix');
    expect(rep02).toMatch(/<details><summary>.*POST.*genuine/);
    expect(rep02).toContain('Reply, decrypted');
    expect(rep02).toContain('&lt;TimeStamp&gt;');
  });
});
