import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import type { LoginSessionDto, Persona } from '../../../src-main/contracts/api';
import { studioEventSchema, type StudioEvent } from '../../../src-main/contracts/events';
import {
  applyProgress,
  emptyRunView,
  type CaseResult,
  type ScenarioCheckResult,
  type ScenarioLibrary,
  type ScenarioProgress,
  type ScenarioRunView,
} from '../../../src-main/contracts/scenarios';
import { startOpenWorld, waitFor, type OpenWorld } from '../open-platform/world';

/**
 * The Scenarios page's control routes on a studio with the demo: bad input is refused naming the field
 * and runs nothing; a run streams its progress on the event stream and ends with reports; a case plays
 * on the studio's own stage.
 */

const ROOT = path.resolve(import.meta.dirname, '../../..');
const fixture = (name: string): string => fs.readFileSync(path.join(ROOT, 'test/fixtures/scenarios', name), 'utf8');

describe('scenario routes of the studio', () => {
  let w: OpenWorld;
  let events: StudioEvent[];
  let off: () => void;
  beforeEach(async () => {
    w = await startOpenWorld({ seed: 'demo', scenariosDir: path.join(ROOT, 'scenarios/builtin') });
    events = [];
    off = w.rt.bus.subscribe((e) => events.push(e));
  });
  afterEach(async () => {
    off();
    await w.stop();
  });

  const progressOf = (runId: string): ScenarioProgress[] => events.flatMap((e) => (e.type === 'scenario' && e.runId === runId ? e.progress : []));
  const finished = (id: string): Promise<ScenarioRunView> =>
    waitFor(async () => {
      const r = (await w.api<ScenarioRunView>('GET', `/api/scenarios/runs/${id}`)).body;
      return r.status === 'running' ? null : r;
    }, `run ${id} to finish`, 60_000);

  it('refuses bad input naming the field, and runs nothing', async () => {
    const refused: Array<[string, string, unknown, string]> = [
      ['POST', '/api/scenarios/runs', {}, 'builtin'],
      ['POST', '/api/scenarios/runs', { builtin: true, modes: ['safest'] }, 'modes.0'],
      ['POST', '/api/scenarios/runs', { builtin: true, grep: '(' }, 'grep'],
      ['POST', '/api/scenarios/runs', { builtin: true, grep: 'no such case anywhere' }, 'grep'],
      ['POST', '/api/scenarios/runs', { builtin: ['builtin/nope.yaml'] }, 'builtin.0'],
      ['POST', '/api/scenarios/runs', { builtin: true, cases: ['builtin/follow-login.yaml#nope'] }, 'cases.0'],
      ['POST', '/api/scenarios/runs', { builtin: true, workers: 9 }, 'workers'],
      ['POST', '/api/scenarios/runs', { files: [{ name: 'a.yaml', content: 'x' }, { name: 'a.yaml', content: 'y' }] }, 'files.1.name'],
      ['POST', '/api/scenarios/check', { content: 'version: 1' }, 'name'],
      ['POST', '/api/scenarios/stage', { case: 'new user follows and signs in' }, 'builtin'],
      ['POST', '/api/scenarios/stage', { builtin: 'builtin/follow-login.yaml', case: 'nope' }, 'case'],
      ['POST', '/api/scenarios/stage', { builtin: 'builtin/third-party-platform.yaml', case: 'a login page left open ends when the account cancels the authorization', mode: 'plaintext' }, 'mode'],
      ['POST', '/api/scenarios/stage', { builtin: 'builtin/follow-login.yaml', case: 'new user follows and signs in', pace: { pauseMs: -1 } }, 'pace.pauseMs'],
    ];
    for (const [method, url, body, field] of refused) {
      const r = await w.api<{ error: { field?: string; message: string } }>(method, url, body);
      expect(r.status, `${url} ${JSON.stringify(body)}: ${r.text}`).toBe(422);
      expect(r.body.error.field, r.text).toBe(field);
      expect(r.body.error.message, r.text).toContain(field.split('.').filter((p) => !/^\d+$/.test(p)).pop());
    }
    const broken = await w.api<{ error: { code: string; field: string }; problems: Array<{ line: number; message: string }> }>('POST', '/api/scenarios/runs', {
      builtin: true,
      files: [{ name: 'malformed.yaml', content: fixture('malformed.yaml') }],
    });
    expect(broken.status).toBe(422);
    expect(broken.body.error).toMatchObject({ code: 'scenario_format', field: 'files.0.content' });
    expect(broken.body.problems[0]).toMatchObject({ line: 7, message: expect.stringContaining('unknown step "phone.scna"') });
    expect((await w.api('GET', '/api/scenarios/runs/run_nope')).status).toBe(404);
    expect((await w.api('GET', '/api/scenarios/runs/x/report/pdf')).status).toBe(422);
    // Nothing ran: no run, no progress, no world's journal in the studio's.
    expect((await w.api<{ runs: unknown[] }>('GET', '/api/scenarios/runs')).body.runs).toEqual([]);
    expect(events.filter((e) => e.type === 'scenario')).toEqual([]);
  });

  it('lists the library and checks a file the user opens: its cases, or its problems with their lines', async () => {
    const lib = (await w.api<ScenarioLibrary>('GET', '/api/scenarios/library')).body;
    expect(lib.problems).toEqual([]);
    expect(lib.files.map((f) => f.file)).toContain('builtin/follow-login.yaml');
    const tpp = lib.files.find((f) => f.file === 'builtin/third-party-platform.yaml')!;
    expect(tpp.cases[0]).toMatchObject({ modes: ['safe'], platform: true, tags: ['smoke', 'third-party-platform'] });
    const good = (await w.api<ScenarioCheckResult>('POST', '/api/scenarios/check', { name: 'must-fail.yaml', content: fixture('must-fail.yaml') })).body;
    expect(good.problems).toEqual([]);
    expect(good.suite?.cases.map((c) => c.name)).toEqual(['a new user is admitted under login-only', 'an existing follower is admitted under login-only']);
    const bad = await w.api<ScenarioCheckResult>('POST', '/api/scenarios/check', { name: 'malformed.yaml', content: fixture('malformed.yaml') });
    expect(bad.status).toBe(200);
    expect(bad.body.suite).toBeNull();
    expect(bad.body.problems.map((p) => p.line)).toEqual([7]);
  });

  it('runs a filtered part of the library: progress on the event stream, each case × mode, reports to download', async () => {
    const started = await w.api<ScenarioRunView>('POST', '/api/scenarios/runs', { builtin: ['builtin/follow-login.yaml'], grep: 'new user follows', workers: 2 });
    expect(started.status, started.text).toBe(201);
    const run = await finished(started.body.id);
    expect(run).toMatchObject({ kind: 'suite', status: 'passed', total: 3, passed: 3, failed: 0 });
    expect(run.cases.map((c) => c.mode)).toEqual(['plaintext', 'compatible', 'safe']);
    expect(run.cases[0]!.steps.map((s) => [s.label, s.status])).toEqual([
      ['page.open', 'passed'],
      ['phone.scan as Lin', 'passed'],
      ['expect page, phone', 'passed'],
      ['phone.follow as Lin', 'passed'],
      ['expect page, phone, push, users', 'passed'],
    ]);
    // The page builds the same view from the stream as the server keeps.
    await waitFor(() => progressOf(run.id).some((p) => p.t === 'done'), 'the last progress');
    const rebuilt = progressOf(run.id).reduce(applyProgress, emptyRunView(run.id, 'suite', run.startedAt, null));
    expect(rebuilt).toEqual(run);
    // Each event says which version its items bring the view to: the count of items sent so far.
    const mine = events.flatMap((e) => (e.type === 'scenario' && e.runId === run.id ? [e] : []));
    expect(mine.map((e) => e.version)).toEqual(mine.map((_, i) => mine.slice(0, i + 1).reduce((n, e) => n + e.progress.length, 0)));
    expect(mine.at(-1)?.version).toBe(run.version);
    expect(events.filter((e) => e.type === 'scenario').length, 'progress travels in batches').toBeLessThan(progressOf(run.id).length);

    const one = (await w.api<CaseResult>('GET', `/api/scenarios/runs/${run.id}/cases/2`)).body;
    expect(one).toMatchObject({ case: 'new user follows and signs in', mode: 'safe', status: 'passed' });
    const follow = one.steps[3]!;
    expect(follow.journalIds.length).toBeGreaterThan(0);
    const entry = await w.api<{ caseId: string; entry: { id: string; kind: string } }>('GET', `/api/scenarios/runs/${run.id}/entries/${follow.journalIds[0]}`);
    expect(entry.body).toMatchObject({ caseId: one.id, entry: { id: follow.journalIds[0] } });
    // The case's world is not the studio's: its entries are not in the studio's journal.
    expect((await w.api('GET', `/api/journal/${follow.journalIds[0]}`)).status).toBe(404);

    const html = await w.http('GET', `${w.rt.urls.studio}/api/scenarios/runs/${run.id}/report/html`, undefined, { authorization: `Bearer ${w.rt.token}` });
    expect(html.status).toBe(200);
    expect(html.text).toContain('new user follows and signs in');
    const junit = await w.api('GET', `/api/scenarios/runs/${run.id}/report/junit`);
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(junit.text) as { testsuites: { testsuite: { testcase: unknown[] } } };
    expect(parsed.testsuites.testsuite.testcase).toHaveLength(3);
    const json = await w.api<{ cases: CaseResult[] }>('GET', `/api/scenarios/runs/${run.id}/report/json`);
    expect(json.body.cases.map((c) => c.status)).toEqual(['passed', 'passed', 'passed']);
    // The case answered through its schema is the report's case to the last field, and every progress event fits the stream whole.
    expect(one).toEqual(json.body.cases[2]);
    for (const e of mine) expect(studioEventSchema.parse(e)).toEqual(e);
  });

  it("runs a user's file with a case that must fail: the failing step, what it expected and what it saw", async () => {
    const started = await w.api<ScenarioRunView>('POST', '/api/scenarios/runs', { files: [{ name: 'must-fail.yaml', content: fixture('must-fail.yaml') }] });
    const run = await finished(started.body.id);
    expect(run).toMatchObject({ status: 'failed', total: 2, passed: 1, failed: 1 });
    const failed = run.cases.find((c) => c.status === 'failed')!;
    expect(failed.failure).toMatchObject({ stepId: '4', step: 'expect page', line: 13 });
    expect(failed.failure?.checks[0]).toMatchObject({ key: 'page', expected: 'AUTHORIZED', ok: false });
    expect(failed.failure?.checks[0]?.actual).toContain('ERROR');
    expect(failed.steps.map((s) => s.status)).toEqual(['passed', 'passed', 'passed', 'failed', 'skipped']);
  });

  it('stops a run: the cases started finish, no new one starts', async () => {
    const started = await w.api<ScenarioRunView>('POST', '/api/scenarios/runs', { builtin: true, modes: ['safe'], workers: 1 });
    const again = await w.api<{ error: { code: string } }>('POST', '/api/scenarios/runs', { builtin: true });
    expect(again.status).toBe(409);
    await w.api('POST', `/api/scenarios/runs/${started.body.id}/cancel`);
    const run = await finished(started.body.id);
    expect(run.status).toBe('cancelled');
    expect(run.notRun).toBeGreaterThan(0);
    expect(run.passed + run.failed + run.notRun).toBe(run.total);
  });
});

describe('a case played on the stage', () => {
  let w: OpenWorld;
  let events: StudioEvent[];
  let off: () => void;
  beforeEach(async () => {
    w = await startOpenWorld({ seed: 'demo', scenariosDir: path.join(ROOT, 'scenarios/builtin') });
    events = [];
    // The stage's PC page: when told to open the login page, it asks for a QR code as the hosted page does.
    off = w.rt.bus.subscribe((e) => {
      events.push(e);
      if (e.type !== 'scenario') return;
      for (const p of e.progress) if (p.t === 'cue' && p.cue.kind === 'page') void w.http('POST', `${w.rt.urls.auth}/api/qr/sessions`, { appId: p.cue.appId });
    });
  });
  afterEach(async () => {
    off();
    await w.stop();
  });

  const view = async (id: string): Promise<ScenarioRunView> => (await w.api<ScenarioRunView>('GET', `/api/scenarios/runs/${id}`)).body;

  it("plays on the studio's own demo: the PC page's session is the one signed in, and the phone is the demo's persona", async () => {
    const personas = (await w.api<{ personas: Persona[] }>('GET', '/api/wechat/personas')).body.personas;
    const lin = personas.find((p) => p.name.startsWith('Lin'))!;
    const started = await w.api<ScenarioRunView>('POST', '/api/scenarios/stage', { builtin: 'builtin/follow-login.yaml', case: 'new user follows and signs in', mode: 'safe', pace: { pauseMs: 0 } });
    expect(started.status, started.text).toBe(201);
    const run = await waitFor(async () => ((await view(started.body.id)).status === 'running' ? null : view(started.body.id)), 'the play to end', 30_000);
    expect(run.status, JSON.stringify(run.cases[0]?.failure)).toBe('passed');
    const cues = events.flatMap((e) => (e.type === 'scenario' ? e.progress.filter((p) => p.t === 'cue') : []));
    expect(cues).toContainEqual({ t: 'cue', cue: { kind: 'phone', personaId: lin.id } });
    const pool = (await w.api<{ pools: Array<{ id: string }> }>('GET', '/api/login/pools')).body.pools[0]!;
    const sessions = (await w.api<{ sessions: LoginSessionDto[] }>('GET', `/api/login/sessions?poolId=${pool.id}`)).body.sessions;
    expect(sessions.map((s) => s.status)).toEqual(['AUTHORIZED']);
    // Its journal entries are the studio's own.
    const one = (await w.api<CaseResult>('GET', `/api/scenarios/runs/${run.id}/cases/0`)).body;
    expect(one.clock).toBe('wall');
    expect((await w.api('GET', `/api/journal/${one.steps[3]!.journalIds[0]}`)).status).toBe(200);
  });

  it('waits for "next" in manual pace, and a stop fails the waiting step', async () => {
    const started = await w.api<ScenarioRunView>('POST', '/api/scenarios/stage', { builtin: 'builtin/follow-login.yaml', case: 'new user follows and signs in', pace: { manual: true } });
    const waitingAt = (stepId: string) => waitFor(async () => ((await view(started.body.id)).stage?.waiting?.stepId === stepId ? true : null), `the stage to wait at step ${stepId}`);
    await waitingAt('2');
    expect((await view(started.body.id)).cases[0]!.steps.map((s) => s.status)).toEqual(['passed']);
    expect((await w.api('POST', `/api/scenarios/runs/${started.body.id}/next`)).status).toBe(200);
    await waitingAt('3');
    const other = await w.api('POST', '/api/scenarios/stage', { builtin: 'builtin/follow-login.yaml', case: 'new user follows and signs in' });
    expect(other.status, 'one case on the stage at a time').toBe(409);
    await w.api('POST', `/api/scenarios/runs/${started.body.id}/cancel`);
    const run = await waitFor(async () => ((await view(started.body.id)).status === 'running' ? null : view(started.body.id)), 'the play to end');
    expect(run.status).toBe('cancelled');
    expect(run.cases[0]!.failure).toMatchObject({ stepId: '3', message: 'the run was stopped' });
  });

  it('plays the third-party platform story on the demo: authorize, log in, cancel, a new login refused', async () => {
    const started = await w.api<ScenarioRunView>('POST', '/api/scenarios/stage', {
      builtin: 'builtin/third-party-platform.yaml',
      case: 'authorize, a new user logs in through the authorized account, cancel, a new login is refused',
      pace: { pauseMs: 0 },
    });
    expect(started.status, started.text).toBe(201);
    const run = await waitFor(async () => ((await view(started.body.id)).status === 'running' ? null : view(started.body.id)), 'the play to end', 30_000);
    expect(run.status, JSON.stringify(run.cases[0]?.failure)).toBe('passed');
    const platforms = (await w.api<{ platforms: unknown[] }>('GET', '/api/wechat/platforms')).body.platforms;
    expect(platforms).toHaveLength(1);
  });
});
