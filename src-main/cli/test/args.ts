import { parseArgs } from 'node:util';
import { MODES, type Mode } from '../../core/scenarios/schema';

/** `follow-studio test` flags → options; a bad flag is a usage error (exit code 2) naming it. */

export const TEST_USAGE = `Usage: follow-studio test [FILES or DIRS...] [flags]

Runs follow-login scenario files (YAML or JSON) against fresh, isolated worlds — no server to start.

  --builtin          also run the built-in case library
  --modes LIST       only these modes: plaintext,compatible,safe
  --grep RE          only runs whose "suite › case [mode]" matches RE
  --tags LIST        only cases with one of these tags; !tag leaves a tag out
  --workers N        cases at a time (default: 1)
  --threads          run each worker on its own thread (pays off for large suites on idle cores)
  --shard I/N        run the I-th of N equal parts of the list (CI matrix)
  --junit PATH       write a JUnit XML report
  --html PATH        write a self-contained HTML report
  --json PATH        write a JSON report
  --bail             stop starting cases after the first failure
  --list             print the runs that would run, and exit
  --schema           print the scenario files' JSON Schema, and exit
  --help             this text

Exit code: 0 all passed, 1 a case failed, 2 a usage or file error.
`;

export interface TestArgs {
  paths: string[];
  builtin: boolean;
  modes?: Mode[];
  grep?: RegExp;
  tags?: string[];
  workers: number;
  threads: boolean;
  shard?: { index: number; total: number };
  junit?: string;
  html?: string;
  json?: string;
  bail: boolean;
  list: boolean;
  schema: boolean;
  help: boolean;
}

export class UsageError extends Error {}

const list = (v: string | undefined): string[] | undefined =>
  v === undefined ? undefined : v.split(',').map((s) => s.trim()).filter(Boolean);

function parseModes(v: string | undefined): Mode[] | undefined {
  const modes = list(v);
  if (!modes) return undefined;
  const bad = modes.filter((m) => !(MODES as readonly string[]).includes(m));
  if (bad.length || modes.length === 0) throw new UsageError(`--modes: "${bad[0] ?? v}" is not a mode; expected a list of ${MODES.join(', ')}`);
  return modes as Mode[];
}

function parseShard(v: string | undefined): TestArgs['shard'] {
  if (v === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(v.trim());
  const index = m ? Number(m[1]) : NaN;
  const total = m ? Number(m[2]) : NaN;
  if (!m || total < 1 || index < 1 || index > total) throw new UsageError(`--shard: "${v}" must be I/N with 1 ≤ I ≤ N, e.g. 2/4`);
  return { index, total };
}

function parseWorkers(v: string | undefined): number {
  if (v === undefined) return 1;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError(`--workers: "${v}" must be a whole number from 1 to 64`);
  return n;
}

function parseGrep(v: string | undefined): RegExp | undefined {
  if (v === undefined) return undefined;
  try {
    return new RegExp(v, 'i');
  } catch (err) {
    throw new UsageError(`--grep: ${(err as Error).message}`);
  }
}

export function parseTestArgs(argv: string[]): TestArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        builtin: { type: 'boolean' },
        modes: { type: 'string' },
        grep: { type: 'string' },
        tags: { type: 'string' },
        workers: { type: 'string' },
        threads: { type: 'boolean' },
        shard: { type: 'string' },
        junit: { type: 'string' },
        html: { type: 'string' },
        json: { type: 'string' },
        bail: { type: 'boolean' },
        list: { type: 'boolean' },
        schema: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const v = parsed.values;
  const tags = list(v.tags);
  const modes = parseModes(v.modes);
  const grep = parseGrep(v.grep);
  const shard = parseShard(v.shard);
  return {
    paths: parsed.positionals,
    builtin: v.builtin === true,
    ...(modes ? { modes } : {}),
    ...(grep ? { grep } : {}),
    ...(tags ? { tags } : {}),
    workers: parseWorkers(v.workers),
    threads: v.threads === true,
    ...(shard ? { shard } : {}),
    ...(v.junit ? { junit: v.junit } : {}),
    ...(v.html ? { html: v.html } : {}),
    ...(v.json ? { json: v.json } : {}),
    bail: v.bail === true,
    list: v.list === true,
    schema: v.schema === true,
    help: v.help === true,
  };
}
