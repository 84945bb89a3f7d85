import { describe, expect, it } from 'vitest';
import { sayText, type Said } from '../../../src-main/contracts/said';
import { SAID_EN } from '../../../src-main/contracts/said/catalogue';
import zhScenarios from '../../../src-renderer/i18n/locales/zh-CN/engine-scenarios.json';
import { parseScenarios } from '../../../src-main/core/scenarios/parse';
import { planRuns } from '../../../src-main/core/scenarios/plan';
import type { ScenarioEvent, StepResult } from '../../../src-main/core/scenarios/results';
import { runScenarios } from '../../../src-main/core/scenarios/runner';
import { sayList } from '../../../src-main/core/scenarios/said';

/** Every code a sentence uses, nested ones included. */
function codes(s: Said | undefined): string[] {
  if (!s) return [];
  return [s.code, ...Object.values(s.values ?? {}).flatMap((v) => (typeof v === 'object' ? codes(v) : []))];
}

/** The Chinese template of a code, from the studio's catalogue. */
function zhTemplate(code: string): unknown {
  return code.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown> | undefined)?.[k], zhScenarios as unknown);
}

const FILE = `version: 1
name: Sentences
cases:
  - name: a stranger on a login-only pool
    setup: { connection: { loginMode: login-only } }
    steps:
      - page.open: {}
      - phone.scan: { as: Lin }
      - phone.follow: { as: Lin }
      - expect: { page: AUTHORIZED, users: { created: 1 }, journal: { contains: no such words } }
      - expect: { users: { logins: 1 } }
`;

describe('scenario sentences', () => {
  it('joins sentences with the English separators', () => {
    expect(sayText(sayList([], 'comma'))).toBe('');
    const one = sayList([{ code: 'scenario.check.noPush' }], 'semicolon');
    expect(one).toEqual({ code: 'scenario.check.noPush' });
    expect(sayText(sayList([{ code: 'scenario.check.noPush' }, { code: 'scenario.check.noMessage' }, { code: 'scenario.fail.stopped' }], 'semicolon'))).toBe(
      'no push since the case began; (no message); the run was stopped',
    );
  });

  it('carries a failing expectation through the runner as codes, with the English exactly as reports read it', async () => {
    const suite = parseScenarios(FILE, 'sentences.yaml');
    const events: ScenarioEvent[] = [];
    const run = await runScenarios(planRuns([suite]), { workers: 1 }, (e) => events.push(e));
    const r = run.cases[0]!;
    expect(r.status).toBe('failed');

    // Each finished step's message: the sentence and its English text are the same words.
    const done = r.steps.filter((s): s is StepResult & { detail: string } => s.detail !== undefined);
    expect(done.map((s) => s.detailSaid?.code)).toEqual(['scenario.detail.onPage', 'scenario.detail.scans', 'scenario.detail.chatLast']);
    for (const s of done) expect(sayText(s.detailSaid!)).toBe(s.detail);
    expect(r.steps[0]!.detail).toMatch(/^page 1: the page shows PENDING$/);
    expect(codes(r.steps[1]!.detailSaid)).toEqual(['scenario.detail.scans', 'scenario.detail.profileWithFollow']);
    expect(r.steps[1]!.detail).toMatch(/^Lin scans page 1: the phone shows .+'s profile with Follow$/);

    // The failure: every failed check in one sentence, the engine's words as codes, what was seen as values.
    const f = r.failure!;
    expect(f).toMatchObject({ stepId: '4', step: 'expect page, users, journal', line: 10 });
    expect(f.checks.map((c) => [c.key, c.actualSaid?.code])).toEqual([
      ['page', 'scenario.check.statusError'],
      ['users.created', undefined],
      ['journal.contains', 'scenario.check.notInEntries'],
    ]);
    expect(f.checks[2]!.actual).toMatch(/^not in \d+ entries$/);
    expect(sayText(f.checks[2]!.actualSaid!)).toBe(f.checks[2]!.actual);
    expect(f.message).toBe(f.checks.map((c) => `${c.key}: expected ${c.expected}, saw ${c.actual}`).join('; '));
    expect(sayText(f.messageSaid!)).toBe(f.message);
    expect(codes(f.messageSaid)).toEqual([
      'scenario.list.semicolon',
      'scenario.check.failed',
      'scenario.check.statusError',
      'scenario.list.semicolon',
      'scenario.check.failed',
      'scenario.check.failed',
      'scenario.check.notInEntries',
    ]);
    const failed = r.steps[3]!;
    expect(failed).toMatchObject({ status: 'failed', error: f.message, errorSaid: f.messageSaid });
    expect(r.steps[4]).toMatchObject({ status: 'skipped' });

    // The studio gets the same sentences on its progress events, and its catalogue knows every code.
    const finished = events.find((e) => e.type === 'step-finished' && e.step.id === '4');
    expect(finished?.type === 'step-finished' && finished.step.errorSaid).toEqual(f.messageSaid);
    for (const code of [...codes(f.messageSaid), ...done.flatMap((s) => codes(s.detailSaid))]) expect(zhTemplate(code), code).toEqual(expect.stringMatching(/\S/));
  });

  it("quotes the journal's own sentences in a push expectation, the English unchanged", async () => {
    const suite = parseScenarios(
      `version: 1
name: Push
cases:
  - name: a slow server
    setup: { server: { delayMs: 6000 } }
    steps:
      - page.open: {}
      - phone.scan: { as: Lin }
      - phone.follow: { as: Lin }
      - expect: { push: { ok: true, reason: signature } }
`,
      'push.yaml',
    );
    const run = await runScenarios(planRuns([suite]), { workers: 1 });
    const f = run.cases[0]!.failure!;
    const [ok, reason] = f.checks;
    expect(ok).toMatchObject({ key: 'push.ok', expected: 'true', actual: expect.stringMatching(/^false \(.+\)$/), actualSaid: { code: 'scenario.check.pushOk' } });
    expect(reason).toMatchObject({ key: 'push.reason', expected: 'signature', actual: expect.stringMatching(/^".*timed out.*"$/), actualSaid: { code: 'scenario.check.quoted' } });
    // The English clips the journal's words to a line; the sentence says them in full.
    const clipped = (english: string): string => english.replace(/…"$|"$|\)$/, '').replace(/…$/, '');
    for (const c of [ok!, reason!]) expect(sayText(c.actualSaid!).startsWith(clipped(c.actual)), c.actual).toBe(true);
    expect(reason!.actual.length).toBeLessThan(sayText(reason!.actualSaid!).length);
    expect(sayText(reason!.actualSaid!)).toMatch(/\(attempt 3 of 3\) \| fix: answer within 5 s/);
    // The reasons inside are the journal's sentences (push deliveries), not text.
    expect(codes(reason!.actualSaid).filter((c) => c.startsWith('push.')).length).toBeGreaterThan(0);
    // The step's English message is what reports have always read: the checks' English, clipped.
    expect(f.message).toBe(f.checks.map((c) => `${c.key}: expected ${c.expected}, saw ${c.actual}`).join('; '));
    expect(codes(f.messageSaid)).toContain('scenario.check.quoted');
  });

  it('has the Chinese catalogue and the English one under the same codes', () => {
    const keys = (t: object, p = ''): string[] => Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [`${p}${k}`] : keys(v as object, `${p}${k}.`)));
    expect(keys(zhScenarios).sort()).toEqual(keys({ scenario: SAID_EN.scenario }).sort());
  });
});
