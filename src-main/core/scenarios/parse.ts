import { z } from 'zod';
import { say } from '../../contracts/said';
import { durationMs } from './duration';
import { explainIssues } from './issues';
import { PLATFORM_STEPS, ScenarioFormatError, usesStep, type ActionStep, type Case, type FormatProblem, type Step, type Suite } from './model';
import { parseSteps, type StepContext } from './parse-steps';
import { caseSchema, fileSchema, type CaseInput, type Mode, type ScenarioFile } from './schema';
import { fileProblem, readSource, type PathPart, type Source } from './source';
import { DEFAULT_PERSONAS } from './world-defaults';

/**
 * Scenario text → a validated suite, or every problem with its line. Nothing in a file runs unless the
 * whole file is valid.
 */

const DEFAULT_TIMEOUT_MS = 5 * 60_000;

// The file's shape with steps left open: steps get their own checks (parse-steps.ts).
const caseShape = caseSchema.extend({ steps: z.array(z.unknown()).min(1, { error: 'a case needs at least one step' }) });
const fileShape = fileSchema.extend({ cases: z.array(caseShape).min(1, { error: 'a file needs at least one case' }) });

function personaNames(c: CaseInput): { names: Set<string>; crowds: Map<string, string[]> } {
  const names = new Set<string>();
  const crowds = new Map<string, string[]>();
  for (const p of c.setup?.personas ?? DEFAULT_PERSONAS) {
    if (p.count) {
      const members = Array.from({ length: p.count }, (_, i) => `${p.name} ${i + 1}`);
      crowds.set(p.name, members);
      for (const m of members) names.add(m);
    } else names.add(p.name);
  }
  return { names, crowds };
}

function checkCase(source: Source, problems: FormatProblem[], file: ScenarioFile, c: CaseInput, index: number): Case | undefined {
  const path = ['cases', index];
  const { names, crowds } = personaNames(c);
  const declared = c.setup?.personas ?? [];
  const seen = new Set<string>();
  declared.forEach((p, i) => {
    if (seen.has(p.name)) problems.push(source.problem([...path, 'setup', 'personas', i], say('scenario.file.twoPersonas', { name: p.name }), 'name'));
    seen.add(p.name);
  });
  const ctx: StepContext = { source, problems, personas: names, crowds };
  const before = problems.length;
  const raw = (source.value as { cases: Array<{ steps: unknown[] }> }).cases[index]!.steps;
  const steps = parseSteps(ctx, raw, [...path, 'steps']);
  if (!steps || problems.length > before) return undefined;
  if (usesStep(steps, PLATFORM_STEPS) && !checkAuthorizationCase(source, problems, c, steps, path)) return undefined;
  const d = file.defaults ?? {};
  const modes: Mode[] = c.modes ?? d.modes ?? [d.mode ?? 'safe'];
  return {
    name: c.name,
    modes: [...new Set(modes)],
    tags: c.tags ?? [],
    clock: c.clock ?? d.clock ?? 'virtual',
    timeoutMs: durationMs(c.timeout ?? d.timeout, DEFAULT_TIMEOUT_MS),
    setup: c.setup ?? {},
    steps,
    line: source.at(path).line,
  };
}

function actionsOf(steps: Step[], kind: string): ActionStep[] {
  return steps.flatMap((s) => (s.kind === 'parallel' ? [...s.branches.flat(), ...(s.each?.steps ?? [])].flatMap((b) => actionsOf([b], kind)) : s.kind === kind ? [s] : []));
}

/**
 * A case that connects by authorization starts with no identity source and no server configuration: a
 * server fault or a persona with a user has nothing to apply to, and the authorizing persona must
 * administer the account.
 */
function checkAuthorizationCase(source: Source, problems: FormatProblem[], c: CaseInput, steps: Step[], path: PathPart[]): boolean {
  const before = problems.length;
  if (c.setup?.server) {
    problems.push(source.problem([...path, 'setup'], say('scenario.file.serverWithPlatform', { step: 'platform.authorize' }), 'server'));
  }
  (c.setup?.personas ?? []).forEach((p, i) => {
    if (p.user) problems.push(source.problem([...path, 'setup', 'personas', i], say('scenario.file.userWithPlatform', { user: 'user: true', step: 'platform.authorize' }), 'user'));
  });
  const admins = new Set((c.setup?.personas ?? []).filter((p) => p.admin).map((p) => p.name));
  for (const step of actionsOf(steps, 'platform.authorize')) {
    const as = (step.args as { as: string }).as;
    if (!admins.has(as)) {
      const said = say('scenario.file.notAdmin', { persona: as, admin: 'admin: true', where: 'setup.personas' });
      problems.push(fileProblem(source.file, step.line, 1, said, 'platform.authorize.as'));
    }
  }
  return problems.length === before;
}

/** Parses and validates one file's text; throws ScenarioFormatError listing every problem found. */
export function parseScenarios(text: string, file: string): Suite {
  const { source, problems } = readSource(text, file);
  if (!source) throw new ScenarioFormatError(problems);
  const r = fileShape.safeParse(source.value, { reportInput: true });
  if (!r.success) {
    for (const p of explainIssues(fileSchema, r.error, [])) problems.push(source.problem(p.path, p.said, p.key));
    // Steps are still checked where the case around them is readable, so one run shows every problem.
    checkStepsOnly(source, problems);
    throw new ScenarioFormatError(sortByLine(problems));
  }
  const data = r.data as unknown as ScenarioFile;
  const names = new Set<string>();
  data.cases.forEach((c, i) => {
    if (names.has(c.name)) problems.push(source.problem(['cases', i], say('scenario.file.twoCases', { name: c.name }), 'name'));
    names.add(c.name);
  });
  const cases = data.cases.map((c, i) => checkCase(source, problems, data, c, i));
  if (problems.length) throw new ScenarioFormatError(sortByLine(problems));
  return { file, name: data.name, cases: cases as Case[] };
}

function sortByLine(problems: FormatProblem[]): FormatProblem[] {
  return problems.slice().sort((a, b) => a.line - b.line || a.column - b.column);
}

function checkStepsOnly(source: Source, problems: FormatProblem[]): void {
  const cases = (source.value as { cases?: unknown } | null)?.cases;
  if (!Array.isArray(cases)) return;
  cases.forEach((c: unknown, i) => {
    const steps = (c as { steps?: unknown } | null)?.steps;
    if (!Array.isArray(steps)) return;
    const parsedCase = caseShape.safeParse(c);
    const input = (parsedCase.success ? parsedCase.data : { name: '', steps }) as CaseInput;
    const { names, crowds } = personaNames(input);
    parseSteps({ source, problems, personas: names, crowds }, steps, ['cases', i, 'steps']);
  });
}
