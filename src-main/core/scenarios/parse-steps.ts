import { z } from 'zod';
import { say, sayText, type Said } from '../../contracts/said';
import { didYouMean, explainIssues, received } from './issues';
import type { ActionName, ActionStep, ParallelStep, Step } from './model';
import { ACTION_NAMES, STEP_NAMES, STEP_VALUES } from './schema';
import type { PathPart, Source } from './source';
import type { FormatProblem } from './model';

/**
 * Steps are checked one by one rather than as one big union, so that a wrong step gets its own sentence
 * ("unknown step "phone.scna"; expected one of …") instead of zod's "no union member matched".
 */

export interface StepContext {
  source: Source;
  problems: FormatProblem[];
  /** Persona names and crowds the case declares (for `as` and `each`). */
  personas: Set<string>;
  crowds: Map<string, string[]>;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function label(kind: string, args: Record<string, unknown>): string {
  if (kind === 'expect') return `expect ${Object.keys(args).filter((k) => k !== 'within').join(', ')}${args.within !== undefined ? ` within ${String(args.within)}` : ''}`;
  const parts: string[] = [];
  if (typeof args.as === 'string') parts.push(`as ${args.as}`);
  if (typeof args.page === 'string') parts.push(kind.startsWith('page.') ? args.page : `on ${args.page}`);
  if (kind === 'phone.message' && typeof args.text === 'string') parts.push(JSON.stringify(args.text));
  if (kind === 'clock.advance') parts.push(args.ms !== undefined ? `${String(args.ms)}ms` : `${String(args.seconds)}s`);
  if (kind === 'page.bind') parts.push(`as ${String(args.username)}`);
  return parts.length ? `${kind} ${parts.join(' ')}` : kind;
}

function checkNames(ctx: StepContext, kind: ActionName, args: Record<string, unknown>, path: PathPart[]): void {
  const who = [args.as, kind === 'expect' && isPlainObject(args.phone) ? args.phone.as : undefined];
  for (const name of who) {
    if (typeof name !== 'string' || ctx.personas.has(name)) continue;
    const known = [...ctx.personas];
    const keyPath = kind === 'expect' ? [...path, 'phone'] : path;
    ctx.problems.push(ctx.source.problem(keyPath, say('scenario.file.noPersona', { name, personas: known.join(', '), hint: didYouMean(name, known) }), 'as'));
  }
}

function parseAction(ctx: StepContext, kind: ActionName, raw: unknown, path: PathPart[]): ActionStep | undefined {
  const schema = STEP_VALUES[kind] as z.ZodType;
  const r = schema.safeParse(raw ?? {}, { reportInput: true });
  const valuePath = [...path, kind];
  if (!r.success) {
    for (const p of explainIssues(schema, r.error, valuePath)) ctx.problems.push(ctx.source.problem(p.path, p.said, p.key));
    return undefined;
  }
  const args = r.data as Record<string, unknown>;
  checkNames(ctx, kind, args, valuePath);
  const line = ctx.source.at(path, kind).line;
  return { kind, args, line, label: label(kind, args) } as ActionStep;
}

function parseBranch(ctx: StepContext, raw: unknown, path: PathPart[]): Step[] | undefined {
  if (isPlainObject(raw) && Object.keys(raw).length === 1 && Array.isArray(raw.steps)) {
    return parseSteps(ctx, raw.steps, [...path, 'steps']);
  }
  const one = parseStep(ctx, raw, path);
  return one ? [one] : undefined;
}

const withLabel = (step: Omit<ParallelStep, 'label' | 'labelSaid'>, labelSaid: Said): ParallelStep => ({ ...step, label: sayText(labelSaid), labelSaid });

function parseParallel(ctx: StepContext, raw: unknown, path: PathPart[]): ParallelStep | undefined {
  const at = [...path, 'parallel'];
  const line = ctx.source.at(path, 'parallel').line;
  if (Array.isArray(raw)) {
    if (raw.length < 2) {
      ctx.problems.push(ctx.source.problem(at, say('scenario.file.parallelBranches', { parallel: 'parallel', form: '{steps: [...]}' })));
      return undefined;
    }
    const branches = raw.map((b, i) => parseBranch(ctx, b, [...at, i]));
    if (branches.some((b) => !b)) return undefined;
    return withLabel({ kind: 'parallel', branches: branches as Step[][], line }, say('scenario.label.parallel', { count: raw.length }));
  }
  if (isPlainObject(raw) && 'each' in raw) {
    const extra = Object.keys(raw).filter((k) => k !== 'each' && k !== 'steps');
    if (extra.length) ctx.problems.push(ctx.source.problem(at, say('scenario.file.unknownKey', { key: extra[0], allowed: 'each, steps', hint: '' }), extra[0]));
    const each = raw.each;
    const personas = typeof each === 'string' ? (ctx.crowds.get(each) ?? (ctx.personas.has(each) ? [each] : undefined)) : Array.isArray(each) ? each.map(String) : undefined;
    if (!personas || personas.some((p) => !ctx.personas.has(p))) {
      const said = say('scenario.file.eachCrowd', { each: 'each', countKey: 'count', personas: [...ctx.personas].join(', ') });
      ctx.problems.push(ctx.source.problem(at, said, 'each'));
      return undefined;
    }
    if (!Array.isArray(raw.steps) || raw.steps.length === 0) {
      ctx.problems.push(ctx.source.problem(at, say('scenario.file.eachSteps', { each: 'each', steps: 'steps' }), 'steps'));
      return undefined;
    }
    const steps = parseSteps(ctx, raw.steps, [...at, 'steps']);
    if (!steps) return undefined;
    const labelSaid = typeof each === 'string' ? say('scenario.label.parallelEach', { crowd: each, count: personas.length }) : say('scenario.label.parallelEachPersona', { count: personas.length });
    return withLabel({ kind: 'parallel', branches: [], each: { personas, steps }, line }, labelSaid);
  }
  ctx.problems.push(ctx.source.problem(at, say('scenario.file.parallelForm', { parallel: 'parallel', form: '{each: <crowd>, steps: [...]}' })));
  return undefined;
}

export function parseStep(ctx: StepContext, raw: unknown, path: PathPart[]): Step | undefined {
  const example = '- phone.scan: { as: Lin }';
  if (!isPlainObject(raw)) {
    ctx.problems.push(ctx.source.problem(path, say('scenario.file.stepNotMapping', { example, got: Array.isArray(raw) || raw === null ? received(raw) : typeof raw })));
    return undefined;
  }
  const keys = Object.keys(raw);
  if (keys.length !== 1) {
    const said = keys.length ? say('scenario.file.stepKeys', { example, keys: keys.join(', ') }) : say('scenario.file.stepNoKeys', { example });
    ctx.problems.push(ctx.source.problem(path, said));
    return undefined;
  }
  const kind = keys[0]!;
  if (!(STEP_NAMES as string[]).includes(kind)) {
    ctx.problems.push(ctx.source.problem(path, say('scenario.file.unknownStep', { step: kind, steps: STEP_NAMES.join(', '), hint: didYouMean(kind, STEP_NAMES) }), kind));
    return undefined;
  }
  if (kind === 'parallel') return parseParallel(ctx, raw.parallel, path);
  return parseAction(ctx, kind as (typeof ACTION_NAMES)[number], raw[kind], path);
}

export function parseSteps(ctx: StepContext, raw: unknown[], path: PathPart[]): Step[] | undefined {
  const steps = raw.map((s, i) => parseStep(ctx, s, [...path, i]));
  return steps.every((s): s is Step => s !== undefined) ? steps : undefined;
}
