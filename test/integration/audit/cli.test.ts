import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeServer } from './fake-server';
import { AES_KEY, APP_ID, TOKEN } from './audit-helpers';

/** `follow-studio audit` as a user runs it: the built CLI (npm run build), exit codes, lines, report files. */

const CLI = path.resolve(import.meta.dirname, '../../../out/main/cli.js');
const dir = mkdtempSync(path.join(tmpdir(), 'audit-cli-'));
const servers: Array<{ close(): Promise<void> }> = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'audit', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

let good: string;
let flawed: string;
beforeAll(async () => {
  const a = await startFakeServer({ token: TOKEN, appId: APP_ID, encodingAesKey: AES_KEY, mode: 'safe' });
  const b = await startFakeServer({ token: TOKEN, appId: APP_ID, encodingAesKey: AES_KEY, mode: 'safe', flaw: 'timestamp-ms' });
  servers.push(a, b);
  good = a.url;
  flawed = b.url;
});

const base = (url: string) => ['--url', url, '--token', TOKEN, '--mode', 'safe', '--aes-key', AES_KEY, '--app-id', APP_ID];

describe('follow-studio audit', () => {
  it('exits 0 on a healthy server, prints a plain line per check and a verdict, and writes the three reports', async () => {
    const files = { html: path.join(dir, 'r.html'), json: path.join(dir, 'r.json'), junit: path.join(dir, 'r.xml') };
    const r = await cli([...base(good), '--html', files.html, '--json', files.json, '--junit', files.junit]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.filter((l) => /^(PASS|WARN|FAIL|INFO|SKIP) [A-Z]+-[0-9A-Z]+ /.test(l))).toHaveLength(27);
    expect(r.stdout).not.toContain('\x1b['); // not a TTY: no colours, no live line
    expect(lines.find((l) => l.startsWith('safe mode: '))).toMatch(/^safe mode: PASS — 0 failed/);
    expect(JSON.parse(readFileSync(files.json, 'utf8'))).toMatchObject({ verdict: 'PASS', mode: 'safe', url: good });
    expect(readFileSync(files.html, 'utf8')).toContain('safe mode: PASS');
    expect(readFileSync(files.junit, 'utf8')).toContain('<testsuites name="follow-studio audit" tests="27" failures="0"');
  });

  it('exits 1 when a check fails, and 0 when a policy file lowers that check to WARN', async () => {
    const failed = await cli(base(flawed));
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/^FAIL REP-02 .*milliseconds/m);
    const policy = path.join(dir, 'policy.txt');
    writeFileSync(policy, '# our CI tolerates it for now\nREP-02 WARN\n');
    const tolerated = await cli([...base(flawed), '--policy', policy]);
    expect(tolerated.code).toBe(0);
    expect(tolerated.stdout).toMatch(/^WARN REP-02 /m);
  });

  it('runs only the checks asked for', async () => {
    const r = await cli([...base(flawed), '--only', 'url-01,REP-02']);
    expect(r.stdout.split('\n').filter((l) => /^(PASS|WARN|FAIL|INFO|SKIP) /.test(l)).map((l) => l.split(' ')[1]).sort()).toEqual(['REP-02', 'URL-01']);
    expect(r.code).toBe(1);
  });

  it.each([
    [['--url', 'http://127.0.0.1:9/x', '--token', TOKEN], /^follow-studio audit: --mode is required/],
    [['--url', 'http://127.0.0.1:9/x', '--token', TOKEN, '--mode', 'secure'], /^follow-studio audit: --mode must be plaintext, compatible or safe, got "secure"/],
    [['--url', 'http://127.0.0.1:9/x', '--token', TOKEN, '--mode', 'safe'], /^follow-studio audit: --aes-key is required in safe mode/],
    [['--url', 'http://127.0.0.1:9/x', '--token', TOKEN, '--mode', 'safe', '--aes-key', 'short'], /^follow-studio audit: --aes-key: EncodingAESKey must be 43 characters/],
    [['--url', 'http://127.0.0.1:9/x', '--token', TOKEN, '--mode', 'plaintext', '--only', 'URL-99'], /^follow-studio audit: --only: unknown check ID URL-99/],
    [['--url', 'http://127.0.0.1:9/x', '--token', TOKEN, '--mode', 'plaintext'], /^follow-studio audit: cannot reach http:\/\/127\.0\.0\.1:9\/x: could not connect/],
  ])('exits 2 with one line for %j', async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 naming the bad line of a policy file', async () => {
    const policy = path.join(dir, 'bad-policy.txt');
    writeFileSync(policy, 'SEC-01 FAIL\nSEC-02 SOMETIMES\n');
    const r = await cli([...base(good), '--policy', policy]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`follow-studio audit: ${policy} line 2: level must be IGNORE, INFO, WARN or FAIL; got "SOMETIMES"`);
  });
});
