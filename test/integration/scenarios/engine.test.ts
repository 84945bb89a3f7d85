import { describe, expect, it } from 'vitest';
import type { CaseResult } from '../../../src-main/core/scenarios/results';
import { parseScenarios } from '../../../src-main/core/scenarios/parse';
import { planRuns } from '../../../src-main/core/scenarios/plan';
import { runScenarios } from '../../../src-main/core/scenarios/runner';
import { runCase } from '../../../src-main/core/scenarios/run-case';
import type { ScenarioEvent } from '../../../src-main/core/scenarios/results';

function suite(cases: string) {
  return parseScenarios(`version: 1\nname: Engine\ncases:\n${cases}`, 'engine.yaml');
}

async function runOne(cases: string, events: ScenarioEvent[] = []): Promise<CaseResult> {
  const s = suite(cases);
  const c = s.cases[0]!;
  return runCase(s, c, c.modes[0]!, (e) => events.push(e));
}

const explain = (r: CaseResult): string => JSON.stringify(r.failure ?? r.steps.find((s) => s.status === 'failed') ?? null);

describe('scenario engine: time', () => {
  it('runs a 121 s QR expiry on the virtual clock: the case time moves, no real waiting', async () => {
    const r = await runOne(`
  - name: expiry
    steps:
      - page.open: {}
      - clock.advance: { seconds: 121 }
      - expect: { page: EXPIRED }
      - phone.scan: { as: Lin }
      - expect: { phone: { screen: error, says: 该二维码已过期 } }
`);
    expect(r.status, explain(r)).toBe('passed');
    expect(r.clock).toBe('virtual');
    expect(r.caseMs).toBe(121_000);
    expect(r.steps[1]).toMatchObject({ label: 'clock.advance 121s', at: 0, ms: 121_000 });
    // 121 s of the case's time took a small part of that in real time.
    expect(r.wallMs).toBeLessThan(r.caseMs);
    const expired = r.timeline.find((t) => t.type === 'page' && t.status === 'EXPIRED');
    expect(expired?.at).toBe(120_000);
  });

  it('lets a push to a server answering after 6 s time out three times on the virtual clock, with one login', async () => {
    const r = await runOne(`
  - name: slow server
    setup: { server: { delayMs: 6000 } }
    steps:
      - page.open: {}
      - phone.scan: { as: Lin }
      - phone.follow: { as: Lin }
      - expect:
          page: AUTHORIZED
          push: { ok: false, reason: timeout, attempts: 3 }
          phone: { says: 该公众号暂时无法提供服务，请稍后再试 }
          users: { created: 1, logins: 1 }
`);
    expect(r.status, explain(r)).toBe('passed');
    const follow = r.steps[2]!;
    // WeChat's 5 s per attempt, three attempts: the step took 15 s of case time.
    expect(follow).toMatchObject({ kind: 'phone.follow', status: 'passed', ms: 15_000 });
    const push = r.timeline.find((t) => t.type === 'journal' && t.entry.kind === 'push');
    expect(push?.type === 'journal' && push.entry.attempts.map((a) => a.error)).toEqual(['timed out after 5000 ms', 'timed out after 5000 ms', 'timed out after 5000 ms']);
    // The server got the first delivery 6 s in and signed the user in then.
    const authorized = r.timeline.find((t) => t.type === 'page' && t.status === 'AUTHORIZED');
    expect(authorized?.at).toBe(6_000);
    expect(follow.journalIds.length).toBeGreaterThan(0);
  });

  it('fails a step that cannot finish within the case timeout, on the case clock, with a clear message', async () => {
    const r = await runOne(`
  - name: waits
    timeout: 20s
    setup: { server: { delayMs: 30000 }, platform: { pushTimeoutMs: 60000 } }
    steps:
      - page.open: {}
      - phone.scan: { as: Chen }
`);
    expect(r.status).toBe('failed');
    expect(r.failure?.message).toBe("phone.scan as Chen did not finish within 20s of the case's time");
  });

  it('moves one clock for parallel branches, each timer in its turn', async () => {
    const r = await runOne(`
  - name: parallel time
    setup: { server: { delayMs: 3000 } }
    steps:
      - parallel:
          - page.open: {}
          - page.open: {}
      - parallel:
          - phone.scan: { as: Chen, page: page 1 }
          - steps: [ { phone.scan: { as: Lin, page: page 2 } }, { clock.advance: { seconds: 1 } }, { phone.follow: { as: Lin } } ]
      - expect: { pages: AUTHORIZED, users: { created: 1, logins: 2 } }
`);
    expect(r.status, explain(r)).toBe('passed');
    // Chen's SCAN reaches the slow server at 0 s and is answered at 3 s; Lin follows at 1 s, answered at 4 s.
    const authorized = r.timeline.flatMap((t) => (t.type === 'page' && t.status === 'AUTHORIZED' ? [`${t.page} ${t.at}`] : []));
    expect(authorized).toEqual(['page 1 3000', 'page 2 4000']);
    const lin = r.steps[1]!.children![1]!.children!;
    expect(lin.map((s) => [s.label, s.at, s.ms])).toEqual([
      ['phone.scan as Lin on page 2', 0, 0],
      ['clock.advance 1s', 0, 1000],
      ['phone.follow as Lin', 1000, 3000],
    ]);
    expect(r.caseMs).toBe(4000);
  });

  it('runs a case on the wall clock when it asks for it', async () => {
    const r = await runOne(`
  - name: wall
    clock: wall
    setup: { server: { delayMs: 200 } }
    steps:
      - page.open: {}
      - phone.scan: { as: Chen }
      - expect: { page: AUTHORIZED, within: 2s }
`);
    expect(r.status, explain(r)).toBe('passed');
    expect(r.clock).toBe('wall');
    expect(r.steps[1]!.ms).toBeGreaterThanOrEqual(200);
  });
});

describe('scenario engine: results', () => {
  it('fails a case with the step, the expectation and what was seen; later steps are skipped', async () => {
    const events: ScenarioEvent[] = [];
    const r = await runOne(
      `
  - name: login-only admits a stranger
    setup: { connection: { loginMode: login-only } }
    steps:
      - page.open: {}
      - phone.scan: { as: Lin }
      - phone.follow: { as: Lin }
      - expect: { page: AUTHORIZED }
      - expect: { users: { created: 1 } }
`,
      events,
    );
    expect(r.status).toBe('failed');
    expect(r.failure).toMatchObject({ stepId: '4', step: 'expect page', line: 11 });
    expect(r.failure!.checks).toEqual([
      { key: 'page', expected: 'AUTHORIZED', actual: expect.stringMatching(/^ERROR — ".*login-only/), ok: false, actualSaid: { code: 'scenario.check.statusError', values: { status: 'ERROR', error: expect.stringMatching(/login-only/) } } },
    ]);
    expect(r.steps.map((s) => s.status)).toEqual(['passed', 'passed', 'passed', 'failed', 'skipped']);
    const kinds = events.map((e) => e.type);
    expect(kinds[0]).toBe('case-started');
    expect(kinds.at(-1)).toBe('case-finished');
    expect(kinds.filter((k) => k === 'step-finished')).toHaveLength(4);
    const follow = events.find((e) => e.type === 'step-finished' && e.step.kind === 'phone.follow');
    expect(follow?.type === 'step-finished' && follow.step.journalIds.length).toBeGreaterThan(0);
  });

  it('records the WeChat message timeline with the decrypted push and reply', async () => {
    const r = await runOne(`
  - name: timeline
    steps:
      - page.open: {}
      - phone.scan: { as: Chen }
`);
    const push = r.timeline.find((t) => t.type === 'journal' && t.entry.kind === 'push');
    expect(push?.type).toBe('journal');
    if (push?.type !== 'journal') return;
    expect(push.entry.decrypted?.request).toContain('<Event><![CDATA[SCAN]]></Event>');
    expect(push.entry.decrypted?.reply).toContain('登录成功');
    expect(r.timeline.some((t) => t.type === 'phone' && t.persona === 'Chen' && t.screen.screen === 'chat')).toBe(true);
    // Reports leave the machine: the access tokens of the login server's API calls are masked.
    const tokens = [...JSON.stringify(r.timeline).matchAll(/access_token(?:=|\\":\\")([^&"\\]+)/g)].map((m) => m[1]!);
    expect(tokens.length).toBeGreaterThan(0);
    for (const t of tokens) expect(t).toContain('••••');
  });
});

describe('scenario engine: isolation', () => {
  it('runs cases side by side without one seeing the other', async () => {
    // The same case twice: a new user Lin signs in; each world must have made exactly one user.
    const oneLogin = (name: string): string => `
  - name: ${name}
    setup: { personas: [ { name: Lin } ] }
    steps:
      - page.open: {}
      - phone.scan: { as: Lin }
      - phone.follow: { as: Lin }
      - expect: { page: AUTHORIZED, users: { created: 1, logins: 1 } }`;
    const s = suite(`${oneLogin('first')}${oneLogin('second')}\n`);
    const seen: string[] = [];
    const result = await runScenarios(planRuns([s]), { workers: 2 }, (e) => {
      if (e.type === 'case-started') seen.push(`started ${e.run.case}`);
      if (e.type === 'case-finished') seen.push(`finished ${e.result.case}`);
    });
    expect(result.cases.map((c) => [c.case, c.status])).toEqual([
      ['first', 'passed'],
      ['second', 'passed'],
    ]);
    // Both were running at the same time, and each saw only the user it made.
    expect(seen.indexOf('started second')).toBeLessThan(seen.indexOf('finished first'));
  });

  it('runs cases on worker threads with the same results', async () => {
    const s = suite(`
  - name: on a thread
    modes: [plaintext, compatible, safe]
    steps:
      - page.open: {}
      - phone.scan: { as: Chen }
      - expect: { page: { status: AUTHORIZED, user: chen }, users: { created: 0, logins: 1 } }
`);
    const steps: string[] = [];
    const threads = { url: new URL('../../../src-main/core/scenarios/worker-entry.ts', import.meta.url), execArgv: ['--import', 'tsx'] };
    const result = await runScenarios(planRuns([s]), { workers: 2, threads }, (e) => {
      if (e.type === 'step-finished') steps.push(e.step.label);
    });
    expect(result.workers).toBe(2);
    expect(result.cases.map((c) => `${c.mode} ${c.status}`)).toEqual(['plaintext passed', 'compatible passed', 'safe passed']);
    expect(steps.filter((l) => l === 'phone.scan as Chen')).toHaveLength(3);
  });
});
