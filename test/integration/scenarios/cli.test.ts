import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseJUnit } from 'junit2json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src-main/core/scenarios/results';

/** `follow-studio test` as a user runs it: the built CLI (`npm run build` first), its exit code, its files. */

const ROOT = path.resolve(import.meta.dirname, '../../..');
const CLI = path.join(ROOT, 'out/main/cli.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'follow-studio-test-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
beforeAll(() => {
  if (!fs.existsSync(CLI)) throw new Error('out/main/cli.js is missing: run `npm run build` before these tests');
});

function run(args: string[], timeoutMs = 240_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'test', ...args], { cwd: ROOT, env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`follow-studio test ${args.join(' ')} did not finish: ${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

interface JUnitCaseJson {
  classname?: string;
  name?: string;
  failure?: Array<{ message?: string; type?: string; inner?: string }>;
}
interface JUnitJson {
  tests?: number;
  testsuite?: Array<{ name?: string; testcase?: JUnitCaseJson[] }>;
}

async function junitCases(file: string): Promise<JUnitCaseJson[]> {
  const parsed = (await parseJUnit(fs.readFileSync(file, 'utf8'))) as JUnitJson;
  return (parsed.testsuite ?? []).flatMap((s) => s.testcase ?? []);
}

describe('follow-studio test', () => {
  it('exits 1 for a failing case, and its JUnit failure names the step, the expectation and what was seen', async () => {
    const junit = path.join(tmp, 'fail.xml');
    const r = await run(['test/fixtures/scenarios/must-fail.yaml', '--junit', junit]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^1 passed, 1 failed$/m);
    const cases = await junitCases(junit);
    expect(cases.map((c) => c.name)).toEqual(['a new user is admitted under login-only [safe]', 'an existing follower is admitted under login-only [safe]']);
    expect(cases[0]!.classname).toBe('test/fixtures/scenarios/must-fail.yaml/Must fail');
    const failure = cases[0]!.failure?.[0];
    expect(failure?.message).toMatch(/^step 4 expect page \(line 13\): page: expected AUTHORIZED, saw ERROR — ".*login-only.*"$/);
    expect(failure?.inner).toContain('expected: AUTHORIZED');
    expect(failure?.inner).toMatch(/saw: +ERROR/);
    expect(cases[1]!.failure).toBeUndefined();
  }, 60_000);

  it('exits 2 for a malformed file, naming its line, and runs nothing', async () => {
    const junit = path.join(tmp, 'never.xml');
    const r = await run(['test/fixtures/scenarios/malformed.yaml', 'test/fixtures/scenarios/passing.json', '--junit', junit]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('test/fixtures/scenarios/malformed.yaml:7: cases[0].steps[1]["phone.scna"]: unknown step "phone.scna"; expected one of page.open,');
    expect(r.stderr).toContain('nothing was run');
    expect(fs.existsSync(junit)).toBe(false);
  }, 60_000);

  it('exits 2 for a bad flag', async () => {
    const r = await run(['--builtin', '--shard', '3/2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--shard: "3/2" must be I/N');
  }, 60_000);

  it('deals the built-in list into shards that cover it once', async () => {
    const lists = await Promise.all(['1/2', '2/2', '1/1'].map((s) => run(['--builtin', '--list', '--shard', s])));
    const lines = lists.map((l) => l.stdout.split('\n').filter((x) => x.includes(' › ')));
    expect([...lines[0]!, ...lines[1]!].sort()).toEqual([...lines[2]!].sort());
    expect(lines[0]!.length).toBeGreaterThan(0);
  }, 60_000);

  it('runs cases on worker threads of the same script with --threads', async () => {
    const r = await run(['--builtin', '--grep', 'existing follower scans', '--workers', '2', '--threads']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^3 passed, 0 failed$/m);
    expect(r.stdout).toMatch(/3 runs in .* with 2 workers/);
  }, 120_000);

  it('runs the built-in library in all three modes with two workers and writes JUnit, HTML and JSON', async () => {
    const out = { junit: path.join(tmp, 'b.xml'), html: path.join(tmp, 'b.html'), json: path.join(tmp, 'b.json') };
    const r = await run(['--builtin', '--workers', '2', '--junit', out.junit, '--html', out.html, '--json', out.json]);
    const result = JSON.parse(fs.readFileSync(out.json, 'utf8')) as RunResult;
    expect(result.cases.filter((c) => c.status === 'failed').map((c) => `${c.id}: ${c.failure?.message}`)).toEqual([]);
    expect(r.code).toBe(0);
    expect(new Set(result.cases.map((c) => c.mode))).toEqual(new Set(['plaintext', 'compatible', 'safe']));
    expect(result.workers).toBe(2);

    // One JUnit testcase per case × mode, read by a standard JUnit parser.
    const cases = await junitCases(out.junit);
    expect(cases).toHaveLength(result.total);
    expect(new Set(cases.map((c) => `${c.classname} ${c.name}`)).size).toBe(result.total);
    expect(cases.filter((c) => c.failure).length).toBe(result.failed);

    // One self-contained page: nothing is fetched from anywhere.
    const page = fs.readFileSync(out.html, 'utf8');
    expect(page).not.toMatch(/<link\b|<script[^>]+src=|src="https?:|url\(https?:/);
    expect(page.match(/<details class="case /g)).toHaveLength(result.total);
  }, 300_000);
});
