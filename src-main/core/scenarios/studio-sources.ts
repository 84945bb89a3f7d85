import type { ScenarioCheckResult, ScenarioFileDto, ScenarioLibrary, ScenarioProblem, UserScenarioFile } from '../../contracts/scenarios';
import { StudioError } from '../http/errors';
import { loadBuiltin } from './load';
import { PLATFORM_STEPS, ScenarioFormatError, usesStep, type Suite } from './model';
import { parseScenarios } from './parse';

/**
 * Where the studio's runs come from: the built-in library (scenarios/builtin) and files the user opened
 * in the Scenarios page, sent with each request. A file with a problem runs nothing; its problems go back
 * with their lines.
 */

/** A 422 that lists the files' problems (the page shows each at its line). */
export class ScenarioFilesError extends StudioError {
  constructor(
    readonly problems: ScenarioProblem[],
    field: string,
  ) {
    super(422, 'scenario_format', `${problems.length} problem${problems.length === 1 ? '' : 's'} in scenario files; nothing was run. First: ${problems[0] ? `${problems[0].file}:${problems[0].line}: ${problems[0].message}` : ''}`, field);
  }

  override toBody(): ReturnType<StudioError['toBody']> & { problems: ScenarioProblem[] } {
    return { ...super.toBody(), problems: this.problems };
  }
}

export function suiteDto(s: Suite): ScenarioFileDto {
  return {
    file: s.file,
    name: s.name,
    cases: s.cases.map((c) => ({ name: c.name, line: c.line, modes: c.modes, tags: c.tags, clock: c.clock, steps: c.steps.length, platform: usesStep(c.steps, PLATFORM_STEPS) })),
  };
}

export function createSources(builtinDir: string | null) {
  const builtin = (): { suites: Suite[]; problems: ScenarioProblem[] } => (builtinDir ? loadBuiltin(builtinDir) : { suites: [], problems: [] });

  function parseFile(f: UserScenarioFile): { suite?: Suite; problems: ScenarioProblem[] } {
    try {
      return { suite: parseScenarios(f.content, f.name), problems: [] };
    } catch (err) {
      if (err instanceof ScenarioFormatError) return { problems: err.problems };
      throw err;
    }
  }

  return {
    library(): ScenarioLibrary {
      const b = builtin();
      return { files: b.suites.map(suiteDto), problems: b.problems };
    },

    check(f: UserScenarioFile): ScenarioCheckResult {
      const { suite, problems } = parseFile(f);
      return { file: f.name, suite: suite ? suiteDto(suite) : null, problems };
    },

    /** The library's files (all, or those named) and the user's files, or a 422 naming what is wrong. */
    load(input: { builtin?: boolean | string[] | undefined; files?: UserScenarioFile[] | undefined }): Suite[] {
      const suites: Suite[] = [];
      if (input.builtin) {
        const all = builtin().suites;
        if (input.builtin === true) suites.push(...all);
        else {
          input.builtin.forEach((name, i) => {
            const found = all.find((s) => s.file === name);
            if (!found) throw new StudioError(422, 'invalid_field', `builtin.${i}: the library has no file "${name}" (it has ${all.map((s) => s.file).join(', ')})`, `builtin.${i}`);
            suites.push(found);
          });
        }
      }
      const seen = new Set(suites.map((s) => s.file));
      const problems: ScenarioProblem[] = [];
      let field = '';
      (input.files ?? []).forEach((f, i) => {
        if (seen.has(f.name)) throw new StudioError(422, 'invalid_field', `files.${i}.name: two files are named "${f.name}"`, `files.${i}.name`);
        seen.add(f.name);
        const parsed = parseFile(f);
        if (parsed.suite) suites.push(parsed.suite);
        if (parsed.problems.length && !field) field = `files.${i}.content`;
        problems.push(...parsed.problems);
      });
      if (problems.length) throw new ScenarioFilesError(problems, field);
      return suites;
    },
  };
}

export type Sources = ReturnType<typeof createSources>;
