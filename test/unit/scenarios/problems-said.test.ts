import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fillTemplate, sayText, type Said } from '../../../src-main/contracts/said';
import { loadScenarioPaths } from '../../../src-main/core/scenarios/load';
import { ScenarioFormatError, type FormatProblem } from '../../../src-main/core/scenarios/model';
import { parseScenarios } from '../../../src-main/core/scenarios/parse';
import zhScenarios from '../../../src-renderer/i18n/locales/zh-CN/engine-scenarios.json';

function problemsOf(text: string): FormatProblem[] {
  try {
    parseScenarios(text, 'login.yaml');
  } catch (err) {
    if (err instanceof ScenarioFormatError) return err.problems;
    throw err;
  }
  throw new Error('the file was accepted');
}

/** A sentence in Chinese, as the studio's catalogue renders it (values as they are). */
function inChinese(s: Said): string {
  if (s.code === 'text') return String(s.values?.text);
  const tpl = s.code.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown> | undefined)?.[k], zhScenarios as unknown);
  if (typeof tpl !== 'string') throw new Error(`no Chinese for ${s.code}`);
  return fillTemplate(tpl, s.values, inChinese);
}

const head = 'version: 1\nname: Follow login\ncases:\n  - name: a\n    steps:\n';
const STEPS = 'page.open, page.refresh, page.cancel, page.bind, phone.scan, phone.follow, phone.unfollow, phone.message, clock.advance, platform.authorize, platform.cancel, expect, parallel';

describe("a scenario file's problems as sentences", () => {
  it('says an unknown step with its code, the step as written and the suggestion as values, the English unchanged', () => {
    const [p, ...rest] = problemsOf(`${head}      - page.open: {}\n      - phone.scna: { as: Lin }\n`);
    expect(rest).toEqual([]);
    expect(p!.line).toBe(7);
    expect(p!.path).toBe('cases[0].steps[1]["phone.scna"]');
    expect(p!.message).toBe(`unknown step "phone.scna"; expected one of ${STEPS} (did you mean "phone.scan"?)`);
    expect(p!.messageSaid).toEqual({
      code: 'scenario.file.unknownStep',
      values: { step: 'phone.scna', steps: STEPS, hint: { code: 'scenario.file.didYouMean', values: { suggestion: 'phone.scan' } } },
    });
    expect(inChinese(p!.messageSaid!)).toBe(`未知的步骤「phone.scna」；可用的步骤：${STEPS}（是不是要写「phone.scan」？）`);
  });

  it('says a missing key is required, naming the type expected', () => {
    const problems = problemsOf('version: 1\nname: x\ncases:\n  - steps:\n      - page.open: {}\n      - phone.message: { as: Lin }\n');
    expect(problems.map((p) => [p.line, p.path, p.message, p.messageSaid?.code])).toEqual([
      [4, 'cases[0].name', 'is required (expected string)', 'scenario.file.required'],
      [6, 'cases[0].steps[1]["phone.message"].text', 'is required (expected string)', 'scenario.file.required'],
    ]);
    expect(inChinese(problems[0]!.messageSaid!)).toBe('必填（应为 string）');
  });

  it("keeps the YAML parser's own words as data inside the sentence", () => {
    const [p] = problemsOf('version: 1\nname: x\ncases: [\n  - a\n');
    expect(p!.messageSaid?.code).toBe('scenario.file.yaml');
    const detail = p!.messageSaid!.values!.detail as string;
    expect(p!.message).toBe(`not valid YAML: ${detail}`);
    expect(inChinese(p!.messageSaid!)).toBe(`YAML 语法错误：${detail}`);
  });

  it('renders every sentence to exactly its English message, and has Chinese for each', () => {
    const files = [
      `version: 1\nname: x\ncases:\n  - name: a\n    modez: [safe]\n    steps:\n      - phone.scan: { as: Lim }\n      - expect: { page: AUTHORISED, within: soon }\n      - expect: { phone: { sayz: hi } }\n`,
      'version: 2\nname: ""\ncases:\n  - { name: a, modes: [saef], steps: [ { clock.advance: { seconds: -1 } } ] }\n  - { name: a, steps: [ 3, [], {} ] }\n',
      `${head}      - page.open: {}\n        phone.scan: {}\n      - parallel: [ { page.open: {} } ]\n      - parallel: { each: Nobody, steps: [ { page.open: {} } ] }\n      - parallel: 3\n      - parallel: { each: Lin, steps: [], also: 1 }\n`,
      `version: 1\nname: x\ncases:\n  - name: a\n    setup: { server: { down: true }, personas: [ { name: P }, { name: P, user: true } ] }\n    steps:\n      - platform.authorize: { as: P }\n`,
      'version: 1\nname: x\ncases: []\n',
      'version: 1\nname: x\ncases:\n  - { name: a, steps: [ { page.open: {} } ] }\n  - { name: a, steps: [ { page.open: {} } ] }\n',
    ];
    const all = files.flatMap(problemsOf);
    expect(all.length).toBeGreaterThan(15);
    const codes = new Set<string>();
    for (const p of all) {
      expect(p.messageSaid, p.message).toBeDefined();
      expect(sayText(p.messageSaid!)).toBe(p.message);
      expect(inChinese(p.messageSaid!), p.message).toMatch(/[\u3400-\u9fff]/);
      codes.add(p.messageSaid!.code);
    }
    // A field's description that a problem quotes is a sentence of its own: the page's statuses stay data.
    const page = all.find((p) => p.path === 'cases[0].steps[1].expect.page')!;
    expect(page.message).toBe(`got "AUTHORISED"; expected the current page's status: one of PENDING, SCANNED, AUTHORIZED, EXPIRED, CANCELLED, ERROR; or {name, status, user, says} (did you mean "AUTHORIZED"?)`);
    expect(inChinese(page.messageSaid!)).toBe('得到的是 "AUTHORISED"；应为 当前页面的状态：PENDING, SCANNED, AUTHORIZED, EXPIRED, CANCELLED, ERROR 之一；或 {name, status, user, says}（是不是要写「AUTHORIZED」？）');
    for (const code of ['unknownKey', 'notAllowed', 'gotExpected', 'tooSmall', 'notEmpty', 'durationLike', 'twoCases', 'stepKeys', 'stepNotMapping', 'stepNoKeys', 'parallelBranches', 'parallelForm', 'eachCrowd', 'eachSteps', 'serverWithPlatform', 'userWithPlatform', 'twoPersonas', 'noPersona', 'fileNeedsCase']) {
      expect([...codes], code).toContain(`scenario.file.${code}`);
    }
  });

  it('says a path the loader cannot find, or an empty folder', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scn-problems-'));
    try {
      const { problems } = loadScenarioPaths(['missing.yaml', '.'], { cwd: dir });
      expect(problems.map((p) => [p.message, p.messageSaid?.code])).toEqual([
        ['no such file or folder', 'scenario.file.noSuchPath'],
        ['the folder has no .yaml, .yml or .json scenario files', 'scenario.file.emptyFolder'],
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
