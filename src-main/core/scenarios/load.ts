import fs from 'node:fs';
import path from 'node:path';
import { ScenarioFormatError, type FormatProblem, type Suite } from './model';
import { say } from '../../contracts/said';
import { parseScenarios } from './parse';
import { fileProblem } from './source';

/**
 * Scenario files from paths the user gives (files, or folders searched for .yaml, .yml and .json) and
 * the built-in library. Every file is read and checked before anything runs; all problems of all files
 * are reported together.
 */

const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

function isScenarioFile(name: string): boolean {
  // A folder of scenarios may hold the published JSON Schema beside them.
  return EXTENSIONS.has(path.extname(name).toLowerCase()) && name !== 'schema.json' && !name.endsWith('.schema.json');
}

function walk(dir: string): string[] {
  const out: string[] = [];
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(full));
    else if (e.isFile() && isScenarioFile(e.name)) out.push(full);
  }
  return out;
}

export interface Loaded {
  suites: Suite[];
  problems: FormatProblem[];
}

/** Reads files and folders; `display` names a file in messages and reports (default: relative to cwd). */
export function loadScenarioPaths(paths: string[], opts: { cwd?: string; display?: (file: string) => string } = {}): Loaded {
  const cwd = opts.cwd ?? process.cwd();
  const display = opts.display ?? ((f: string) => path.relative(cwd, f) || f);
  const problems: FormatProblem[] = [];
  const files: string[] = [];
  for (const p of paths) {
    const full = path.resolve(cwd, p);
    let st: fs.Stats;
    try {
      st = fs.statSync(full);
    } catch {
      problems.push(fileProblem(p, 0, 0, say('scenario.file.noSuchPath')));
      continue;
    }
    if (st.isDirectory()) {
      const found = walk(full);
      if (found.length === 0) problems.push(fileProblem(p, 0, 0, say('scenario.file.emptyFolder')));
      files.push(...found);
    } else files.push(full);
  }
  const suites: Suite[] = [];
  for (const file of [...new Set(files)]) {
    const name = display(file);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      problems.push(fileProblem(name, 0, 0, say('scenario.file.cannotRead', { error: (err as Error).message })));
      continue;
    }
    try {
      suites.push(parseScenarios(text, name));
    } catch (err) {
      if (err instanceof ScenarioFormatError) problems.push(...err.problems);
      else throw err;
    }
  }
  return { suites, problems };
}

/** The library shipped with Follow Studio (scenarios/builtin), named `builtin/<file>` in reports. */
export function loadBuiltin(builtinDir: string): Loaded {
  return loadScenarioPaths([builtinDir], { display: (f) => `builtin/${path.relative(builtinDir, f)}` });
}
