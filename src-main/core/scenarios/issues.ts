import type { z } from 'zod';
import { say, verbatim, type Said } from '../../contracts/said';
import { DESCRIBED } from './schema';
import type { PathPart } from './source';

/**
 * Turns zod's issues into sentences a QA engineer can act on: an unknown key lists the keys that are
 * allowed there, a missing one says it is required, a bad value says what was expected.
 */

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  getter?: () => z.ZodType;
  in?: z.ZodType;
  valueType?: z.ZodType;
}

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The schemas a value at `path` may be checked against (several under a union). */
export function schemasAt(root: z.ZodType, path: readonly PathPart[]): z.ZodType[] {
  let current: z.ZodType[] = [root];
  const expand = (s: z.ZodType, depth = 0): z.ZodType[] => {
    const d = defOf(s);
    if (depth > 20) return [s];
    if (d.type === 'optional' || d.type === 'nullable' || d.type === 'default' || d.type === 'readonly') return expand(d.innerType!, depth + 1);
    if (d.type === 'lazy') return expand(d.getter!(), depth + 1);
    if (d.type === 'pipe') return expand(d.in!, depth + 1);
    if (d.type === 'union') return d.options!.flatMap((o) => expand(o, depth + 1));
    return [s];
  };
  for (const part of path) {
    const next: z.ZodType[] = [];
    for (const s of current.flatMap((c) => expand(c))) {
      const d = defOf(s);
      if (typeof part === 'number' && d.type === 'array') next.push(d.element!);
      if (typeof part === 'string' && d.type === 'object' && d.shape?.[part]) next.push(d.shape[part]);
      if (typeof part === 'string' && d.type === 'record') next.push(d.valueType!);
    }
    current = next;
  }
  return current.flatMap((c) => expand(c));
}

export function keysAt(root: z.ZodType, path: readonly PathPart[]): string[] {
  const keys = new Set<string>();
  for (const s of schemasAt(root, path)) {
    const d = defOf(s);
    if (d.type === 'object') for (const k of Object.keys(d.shape ?? {})) if (k !== '$schema') keys.add(k);
  }
  return [...keys];
}

function describedAt(root: z.ZodType, path: readonly PathPart[]): string | undefined {
  const parent = schemasAt(root, path.slice(0, -1));
  const last = path[path.length - 1];
  for (const p of parent) {
    const d = defOf(p);
    const child = typeof last === 'string' && d.type === 'object' ? d.shape?.[last] : undefined;
    const text = child?.description;
    if (text) return text;
  }
  return undefined;
}

function enumValuesAt(root: z.ZodType, path: readonly PathPart[]): string[] {
  return schemasAt(root, path).flatMap((s) => {
    const d = defOf(s) as Def & { entries?: Record<string, string> };
    return d.type === 'enum' && d.entries ? Object.values(d.entries) : [];
  });
}

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** The nearest choice to a word the user wrote, when it is near enough to be the one meant. */
function nearest(word: string, choices: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of choices) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 4)) ? best : undefined;
}

/** ` (did you mean "phone.scan"?)` as a sentence, or '' (a `hint` value, so the sentence reads the same without it). */
export function didYouMean(word: string, choices: readonly string[]): Said | '' {
  const suggestion = nearest(word, choices);
  return suggestion === undefined ? '' : say('scenario.file.didYouMean', { suggestion });
}

export interface Located {
  path: PathPart[];
  /** Set when the problem is a key (unknown key): the position is the key's. */
  key?: string;
  said: Said;
}

/** What the user wrote, in a few words: nothing, a list, a mapping, or the value itself. */
export const received = (input: unknown): Said | string =>
  input === null ? say('scenario.file.nothing') : Array.isArray(input) ? say('scenario.file.aList') : typeof input === 'object' ? say('scenario.file.aMapping') : JSON.stringify(input);

/** The schema's own error texts (schema.ts, parse.ts), as sentences; zod's own texts stay as they are. */
const OWN_ERRORS: Record<string, Said> = {
  'must not be empty': say('scenario.file.notEmpty'),
  'a duration like 2s, 500ms or 1m': say('scenario.file.durationLike', { examples: '2s, 500ms or 1m' }),
  'a case needs at least one step': say('scenario.file.caseNeedsStep'),
  'a file needs at least one case': say('scenario.file.fileNeedsCase'),
};

type Issue = z.core.$ZodIssue & { keys?: string[]; input?: unknown; values?: unknown[]; expected?: string };

function explainValue(root: z.ZodType, i: Issue, rel: PathPart[]): Said {
  if (i.code === 'invalid_value' && i.values) {
    const values = i.values.map(String);
    const got = typeof i.input === 'string' ? say('scenario.file.quoted', { value: i.input }) : received(i.input);
    const expected = values.length === 1 ? values[0]! : say('scenario.file.oneOf', { values: values.join(', ') });
    return say('scenario.file.notAllowed', { got, expected, hint: typeof i.input === 'string' ? didYouMean(i.input, values) : '' });
  }
  if (i.code === 'invalid_union') {
    // A field's description is the JSON Schema's English; one without a sentence is shown as it is.
    const what = describedAt(root, rel);
    const hint = typeof i.input === 'string' ? didYouMean(i.input, enumValuesAt(root, rel)) : '';
    return say('scenario.file.gotExpected', { got: received(i.input), expected: what ? (DESCRIBED.get(what) ?? verbatim(what)) : say('scenario.file.anotherForm'), hint });
  }
  if ((i.code === 'too_small' || i.code === 'too_big') && typeof i.input === 'number') {
    const bound = (i as { minimum?: number | bigint; maximum?: number | bigint }).minimum ?? (i as { maximum?: number | bigint }).maximum;
    return say(i.code === 'too_small' ? 'scenario.file.tooSmall' : 'scenario.file.tooLarge', { value: i.input, bound: String(bound) });
  }
  if (i.code === 'invalid_type') return say('scenario.file.gotExpected', { got: received(i.input), expected: i.expected, hint: '' });
  return OWN_ERRORS[i.message] ?? verbatim(i.message);
}

/** One located sentence per zod issue; `base` is where the validated value sits in the file. */
export function explainIssues(root: z.ZodType, error: z.ZodError, base: readonly PathPart[]): Located[] {
  const out: Located[] = [];
  for (const issue of error.issues) {
    const rel = issue.path.filter((p): p is PathPart => typeof p === 'string' || typeof p === 'number');
    const path = [...base, ...rel];
    const i = issue as Issue;
    if (i.code === 'unrecognized_keys') {
      const allowed = keysAt(root, rel);
      for (const key of i.keys ?? []) {
        out.push({ path, key, said: say('scenario.file.unknownKey', { key, allowed: allowed.join(', '), hint: didYouMean(key, allowed) }) });
      }
    } else if (i.code === 'invalid_type' && i.input === undefined) {
      out.push({ path, said: i.expected ? say('scenario.file.required', { expected: i.expected }) : say('scenario.file.requiredValue') });
    } else {
      out.push({ path, said: explainValue(root, i, rel) });
    }
  }
  return out;
}
