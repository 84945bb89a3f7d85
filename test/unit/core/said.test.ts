import { describe, expect, it } from 'vitest';
import { say, sayText, verbatim, englishTemplate } from '../../../src-main/contracts/said';
import { sentenceFields } from '../../../src-main/core/journal/said';
import { SAID_EN } from '../../../src-main/contracts/said/catalogue';

type Tree = { [key: string]: string | Tree };
function codes(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : codes(v, `${prefix}${k}.`)));
}

describe('the engine’s sentences', () => {
  it('render in English with their values, nested sentences included', () => {
    const s = say('push.fix', { hint: say('push.hint.notOk', { status: 404 }) });
    expect(sayText(s)).toBe('fix: answer 200 with "success" or a passive reply; HTTP 404 counts as a failure');
    expect(sayText(say('push.failedAttempt', { error: verbatim('connect ECONNREFUSED 127.0.0.1:9'), n: 2, of: 3 }))).toBe('connect ECONNREFUSED 127.0.0.1:9 (attempt 2 of 3)');
  });

  it('drop values that are undefined and keep a missing one visible', () => {
    expect(say('push.noAnswer', { x: undefined })).toEqual({ code: 'push.noAnswer', values: {} });
    expect(sayText(say('push.httpAttempt', { status: 500 }))).toBe('HTTP 500 from the server (attempt {{n}} of {{of}})');
  });

  it('keep the journal’s English reasons and its sentences in step, dropping empty reasons from both', () => {
    const f = sentenceFields(say('push.summary', { label: 'subscribe', outcome: say('push.failed') }), { ok: false, reasons: ['', say('push.noAnswer'), 'plain text'] });
    expect(f.summary).toBe('subscribe → failed');
    expect(f.summarySaid?.code).toBe('push.summary');
    expect(f.verdict.reasons).toEqual(['no answer', 'plain text']);
    expect(f.verdict.said?.map((s) => s.code)).toEqual(['push.noAnswer', 'text']);
  });

  it('leave plain text alone: no sentences when nothing was said with a code', () => {
    const f = sentenceFields('GET / → 200', { ok: true, reasons: ['HTTP 200'] });
    expect(f).toEqual({ summary: 'GET / → 200', verdict: { ok: true, reasons: ['HTTP 200'] } });
  });

  it('have a template for every code, each with balanced placeholders', () => {
    const all = codes(SAID_EN as unknown as Tree);
    expect(all.length).toBeGreaterThan(10);
    for (const c of all) {
      const t = englishTemplate(c)!;
      expect(t.replace(/\{\{\w+\}\}/g, ''), c).not.toMatch(/\{\{|\}\}/);
    }
  });
});
