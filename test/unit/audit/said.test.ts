import { afterAll, describe, expect, it } from 'vitest';
import type { AuditMode } from '../../../src-main/core/audit';
import { sayText } from '../../../src-main/contracts/said';
import { startFakeServer, type Flaw } from '../../integration/audit/fake-server';
import { audit, AES_KEY, APP_ID, inChinese, TOKEN, unsaid } from '../../integration/audit/audit-helpers';

/**
 * The audit's findings are sentences: a code and its values, whose English is the report's text and whose
 * Chinese the studio shows. Run through the real engine against servers built with one flaw each.
 */

const servers: Array<{ close(): Promise<void> }> = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function run(mode: AuditMode, only: string[], flaw?: Flaw) {
  const server = await startFakeServer({ token: TOKEN, appId: APP_ID, encodingAesKey: AES_KEY, mode, ...(flaw ? { flaw } : {}) });
  servers.push(server);
  return audit({ url: server.url, token: TOKEN, appId: APP_ID, encodingAesKey: AES_KEY, mode }, { only });
}

describe('audit findings as sentences', () => {
  it('EVT-02 on a server answering 500: the exchange’s label and the answer are nested sentences, the status and body values', async () => {
    const r = await run('safe', ['EVT-02'], 'unknown-event-500');
    const c = r.checks.find((x) => x.id === 'EVT-02')!;
    expect(c.status).toBe('FAIL');
    expect(c.summary).toBe('an event type WeChat may add (audit_unknown_event): HTTP 500 "Internal Server Error"');
    expect(c.summarySaid).toEqual({
      code: 'audit.labelled',
      values: {
        label: { code: 'audit.evt.label.unknown', values: { event: 'audit_unknown_event' } },
        text: { code: 'audit.answer.body', values: { status: 500, body: '"Internal Server Error"' } },
      },
    });
    expect(inChinese(c.summarySaid!)).toBe('微信将来可能新增的事件类型（audit_unknown_event）：HTTP 500，响应体 "Internal Server Error"');
    const passed = c.evidence.findings.filter((f) => f.level === 'pass');
    expect(passed.map((f) => f.said?.code)).toEqual(Array(passed.length).fill('audit.labelled'));
    expect(c.evidence.exchanges.find((x) => x.answer === 'server-error')?.labelSaid?.code).toBe('audit.evt.label.unknown');
    expect(unsaid(r)).toEqual([]);
  });

  it('a check that does not apply in the mode: its skip reason names the mode as a sentence', async () => {
    const r = await run('plaintext', ['CRY-01', 'TOK-01']);
    const cry = r.checks.find((x) => x.id === 'CRY-01')!;
    expect(cry.status).toBe('SKIP');
    expect(cry.summary).toBe('not applicable in plaintext mode: needs encrypted pushes (compatible or safe mode)');
    expect(cry.summarySaid?.code).toBe('audit.skip.notApplicable');
    expect(inChinese(cry.summarySaid!)).toBe('不适用于明文模式：需要加密推送（兼容模式或安全模式）');
    expect(r.checks.find((x) => x.id === 'TOK-01')!.summarySaid?.code).toBe('audit.tok.unobservable');
  });

  it('SEC-04 on a server whose refusals give the signature away: what leaked is named in the sentence', async () => {
    const r = await run('plaintext', ['SEC-04'], 'verbose-refusal');
    const c = r.checks.find((x) => x.id === 'SEC-04')!;
    expect(c.status).toBe('FAIL');
    const fail = c.evidence.findings.find((f) => f.level === 'fail')!;
    expect(fail.said?.code).toBe('audit.labelled');
    expect((fail.said?.values?.text as { code: string }).code).toBe('audit.sec.leaks');
    expect(sayText(fail.said!)).toBe(fail.text);
    expect(inChinese(fail.said!)).toMatch(/^签名错误的推送：回答（HTTP 401.*）中含有正确的签名/);
    expect(c.evidence.notObservedSaid?.map((s) => s.code)).toEqual(['audit.sec.logsUnseen']);
    expect(unsaid(r)).toEqual([]);
  });
});
