import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../../src-main/core/scenarios/json-schema';
import { loadBuiltin, loadScenarioPaths } from '../../../src-main/core/scenarios/load';
import { formatProblem, ScenarioFormatError, type Suite } from '../../../src-main/core/scenarios/model';
import { parseScenarios } from '../../../src-main/core/scenarios/parse';
import { planRuns } from '../../../src-main/core/scenarios/plan';

const ROOT = path.resolve(import.meta.dirname, '../../..');

function problems(text: string): string[] {
  try {
    parseScenarios(text, 'login.yaml');
  } catch (err) {
    if (err instanceof ScenarioFormatError) return err.message.split('\n');
    throw err;
  }
  throw new Error('the file was accepted');
}

const head = 'version: 1\nname: Follow login\ncases:\n  - name: a\n    steps:\n';

describe('scenario file format v1', () => {
  it('reads the vocabulary of the format, defaults included', () => {
    const suite = parseScenarios(
      `${head}      - page.open: {}
      - phone.scan: { as: Lin }
      - phone.follow: { as: Lin }
      - phone.unfollow: { as: Lin }
      - phone.message: { as: Lin, text: 你好 }
      - clock.advance: { seconds: 121 }
      - page.refresh: {}
      - page.bind: { username: demo, password: demo1234 }
      - expect:
          page: AUTHORIZED
          phone: { screen: chat, says: 登录成功 }
          push: { ok: false, reason: signature }
          users: { created: 1 }
          within: 2s
`,
      'login.yaml',
    );
    const c = suite.cases[0]!;
    expect(suite.name).toBe('Follow login');
    expect(c.modes).toEqual(['safe']);
    expect(c.clock).toBe('virtual');
    expect(c.steps.map((s) => s.kind)).toEqual(['page.open', 'phone.scan', 'phone.follow', 'phone.unfollow', 'phone.message', 'clock.advance', 'page.refresh', 'page.bind', 'expect']);
    expect(c.steps.map((s) => s.line)).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14]);
  });

  it('refuses an unknown step with its file, line, key and the steps it expected', () => {
    const [first] = problems(`${head}      - page.open:\n      - phone.scna: { as: Lin }\n`);
    expect(first).toBe(
      'login.yaml:7: cases[0].steps[1]["phone.scna"]: unknown step "phone.scna"; expected one of page.open, page.refresh, page.cancel, page.bind, phone.scan, phone.follow, phone.unfollow, phone.message, clock.advance, platform.authorize, platform.cancel, expect, parallel (did you mean "phone.scan"?)',
    );
  });

  it('lists every problem of a file at once, each at its own line', () => {
    const lines = problems(`version: 1
name: x
cases:
  - name: a
    modez: [safe]
    steps:
      - phone.scan: { as: Lim }
      - expect: { page: AUTHORISED, within: soon }
      - expect: { phone: { sayz: hi } }
`);
    expect(lines).toEqual([
      expect.stringMatching(/^login\.yaml:5: cases\[0\]\.modez: unknown key "modez"; expected one of .*\(did you mean "modes"\?\)$/),
      expect.stringMatching(/^login\.yaml:7: .*\.as: no persona named "Lim" in this case; it has Lin, Chen, Wang \(did you mean "Lin"\?\)$/),
      expect.stringMatching(/^login\.yaml:8: cases\[0\]\.steps\[1\]\.expect\.page: got "AUTHORISED"; expected .*\(did you mean "AUTHORIZED"\?\)$/),
      expect.stringMatching(/^login\.yaml:8: cases\[0\]\.steps\[1\]\.expect\.within: a duration like 2s/),
      expect.stringMatching(/^login\.yaml:9: .*\.phone\.sayz: unknown key "sayz"; expected one of as, screen, says, following/),
    ]);
  });

  it('names the line of a YAML syntax error and of a wrong version', () => {
    expect(problems('version: 1\nname: x\ncases: [\n  - a\n')[0]).toMatch(/^login\.yaml:\d+: not valid YAML: /);
    expect(problems('version: 2\nname: x\ncases:\n  - { name: a, steps: [ { page.open: {} } ] }\n')[0]).toBe('login.yaml:1: version: 2 is not allowed; expected 1');
  });

  it('checks a step has exactly one key, parallel has branches and each names a crowd', () => {
    const lines = problems(`${head}      - page.open: {}\n        phone.scan: {}\n      - parallel: [ { page.open: {} } ]\n      - parallel: { each: Nobody, steps: [ { page.open: {} } ] }\n`);
    expect(lines[0]).toMatch(/^login\.yaml:6: .*a step is a mapping with one key.*found page\.open, phone\.scan/);
    expect(lines[1]).toMatch(/^login\.yaml:8: .*parallel needs at least two branches/);
    expect(lines[2]).toMatch(/^login\.yaml:9: .*each must name a crowd/);
  });

  it('accepts JSON files with the same meaning', () => {
    const { suites, problems: p } = loadScenarioPaths([path.join(ROOT, 'test/fixtures/scenarios/passing.json')], { cwd: ROOT });
    expect(p).toEqual([]);
    expect(suites[0]!.cases[0]!.modes).toEqual(['plaintext', 'safe']);
    expect(suites[0]!.file).toBe('test/fixtures/scenarios/passing.json');
  });

  it('publishes a JSON Schema generated from the validating schema, the same as scenarios/schema.json', () => {
    const schema = scenarioJsonSchema();
    const committed = JSON.parse(fs.readFileSync(path.join(ROOT, 'scenarios/schema.json'), 'utf8')) as unknown;
    // If this fails, regenerate the file: node bin/follow-studio.js test --schema > scenarios/schema.json
    expect(committed).toEqual(JSON.parse(JSON.stringify(schema)));
    const steps = (schema.$defs as Record<string, { anyOf: Array<{ required: string[] }> }>).step!.anyOf.map((o) => o.required[0]);
    expect(steps).toContain('phone.follow');
    expect(steps).toContain('expect');
  });
});

describe('the built-in library', () => {
  const { suites, problems: p } = loadBuiltin(path.join(ROOT, 'scenarios/builtin'));

  it('is valid and runs every case in all three modes', () => {
    expect(p).toEqual([]);
    const cases = suites.flatMap((s: Suite) => s.cases.map((c) => ({ name: c.name, modes: c.modes })));
    expect(cases.length).toBeGreaterThanOrEqual(20);
    // A case limited to some modes has a sibling covering the others (e.g. a wrong AES key in plaintext),
    // or does not depend on the account's mode: an authorized account's events always use the platform's keys.
    const covered = new Set(planRuns(suites).map((r) => r.mode));
    expect([...covered].sort()).toEqual(['compatible', 'plaintext', 'safe']);
    const thirdParty = suites.find((s) => s.file === 'builtin/third-party-platform.yaml')!.cases.map((c) => c.name);
    for (const c of cases.filter((x) => x.modes.length < 3 && !thirdParty.includes(x.name))) expect(c.name).toMatch(/EncodingAESKey/);
  });

  it('splits the same list into shards that cover it exactly once', () => {
    const all = planRuns(suites).map((r) => r.id);
    const shards = [1, 2, 3].map((index) => planRuns(suites, { shard: { index, total: 3 } }).map((r) => r.id));
    expect(shards.flat().sort()).toEqual([...all].sort());
    expect(new Set(shards.flat()).size).toBe(all.length);
    expect(planRuns(suites, { shard: { index: 2, total: 3 } }).map((r) => r.id)).toEqual(shards[1]);
  });

  it('filters by mode, tag (with !tag) and title', () => {
    expect(planRuns(suites, { modes: ['safe'] }).every((r) => r.mode === 'safe')).toBe(true);
    const smoke = planRuns(suites, { tags: ['smoke'] });
    expect(smoke.length).toBeGreaterThan(0);
    expect(smoke.every((r) => r.caseRef.tags.includes('smoke'))).toBe(true);
    expect(planRuns(suites, { tags: ['!load'] }).some((r) => r.caseRef.tags.includes('load'))).toBe(false);
    expect(planRuns(suites, { grep: /expired QR code.*\[compatible\]/i }).map((r) => r.id)).toEqual(['builtin/qr-lifecycle.yaml#expired QR code, then refresh and sign in[compatible]']);
  });
});

describe('third-party platform steps', () => {
  const file = (body: string): string => `version: 1\nname: Authorized\ncases:\n  - name: c\n${body}`;
  const problemsOf = (text: string): string[] => {
    try {
      parseScenarios(text, 'tp.yaml');
      return [];
    } catch (err) {
      return (err as ScenarioFormatError).problems.map(formatProblem);
    }
  };

  it('reads platform.authorize (as, funcIds) and platform.cancel', () => {
    const suite = parseScenarios(
      file(`    setup:\n      personas: [{ name: Zhao, admin: true }, { name: Lin }]\n    steps:\n      - platform.authorize: { as: Zhao, funcIds: [1, 3] }\n      - platform.cancel: {}\n`),
      'tp.yaml',
    );
    expect(suite.cases[0]!.steps.map((s) => [s.kind, s.label, s.line])).toEqual([
      ['platform.authorize', 'platform.authorize as Zhao', 8],
      ['platform.cancel', 'platform.cancel', 9],
    ]);
  });

  it('refuses an authorizing persona who is no administrator, server faults and pre-bound users, each at its line', () => {
    const lines = problemsOf(
      file(`    setup:\n      server: { token: wrong }\n      personas:\n        - { name: Zhao }\n        - { name: Chen, user: true }\n    steps:\n      - platform.authorize: { as: Zhao }\n`),
    );
    expect(lines).toEqual([
      expect.stringMatching(/^tp\.yaml:6: cases\[0\]\.setup\.server: server faults apply to the account's own server configuration/),
      expect.stringMatching(/^tp\.yaml:9: cases\[0\]\.setup\.personas\[1\]\.user: user: true needs the identity source/),
      'tp.yaml:11: platform.authorize.as: "Zhao" does not administer the account; give that persona admin: true in setup.personas',
    ]);
    expect(problemsOf(file(`    steps:\n      - platform.authorize: {}\n`))[0]).toMatch(/^tp\.yaml:6: .*platform\.authorize.*as/);
  });
});
