import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The layering rules of the engine, checked: the lint rules that keep the domains apart are in force, there
 * is no import cycle, and no function in the core runs long. These read the sources, so they fail the
 * moment a change breaks the picture the README draws.
 */

const ROOT = path.resolve(__dirname, '../..');
const MAX_FUNCTION_LINES = 60;

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(p));
    else if (/\.tsx?$/.test(entry.name)) out.push(p);
  }
  return out;
}

function resolveImport(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Imports that exist at run time (type-only imports cannot make a cycle of module initialisation). */
function runtimeImports(file: string): string[] {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  sf.forEachChild((node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const typeOnly = ts.isImportDeclaration(node) ? node.importClause?.isTypeOnly === true : node.isTypeOnly;
      if (typeOnly) return;
      const target = resolveImport(file, node.moduleSpecifier.text);
      if (target) out.push(target);
    }
  });
  return out;
}

function findCycle(files: string[]): string[] | null {
  const graph = new Map(files.map((f) => [f, runtimeImports(f)]));
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string): string[] | null => {
    if (state.get(f) === 'done') return null;
    if (state.get(f) === 'visiting') return [...stack.slice(stack.indexOf(f)), f];
    state.set(f, 'visiting');
    stack.push(f);
    for (const next of graph.get(f) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(f, 'done');
    return null;
  };
  for (const f of files) {
    const cycle = visit(f);
    if (cycle) return cycle.map((c) => path.relative(ROOT, c));
  }
  return null;
}

/** Lines of a function's own body, not counting the bodies of the functions nested in it. */
function ownLines(fn: ts.FunctionLikeDeclaration, sf: ts.SourceFile): number {
  const line = (pos: number): number => sf.getLineAndCharacterOfPosition(pos).line;
  let lines = line(fn.getEnd()) - line(fn.getStart(sf)) + 1;
  const subtract = (node: ts.Node): void => {
    if (node !== fn && (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node))) {
      lines -= line(node.getEnd()) - line(node.getStart(sf)) + 1 - 1;
      return;
    }
    node.forEachChild(subtract);
  };
  fn.forEachChild(subtract);
  return lines;
}

function longFunctions(files: string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const walk = (node: ts.Node): void => {
      if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node)) {
        const n = ownLines(node, sf);
        if (n > MAX_FUNCTION_LINES) {
          const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
          found.push(`${path.relative(ROOT, file)}:${line + 1} (${n} lines)`);
        }
      }
      node.forEachChild(walk);
    };
    walk(sf);
  }
  return found;
}

describe('architecture', () => {
  const core = sources(path.join(ROOT, 'src-main'));

  // Parsing every source file is a few seconds of CPU on a busy 2-core machine.
  it('has no import cycle in src-main', { timeout: 60_000 }, () => {
    expect(findCycle(core)).toBeNull();
  });

  it(`has no function in src-main/core longer than ${MAX_FUNCTION_LINES} lines of its own`, { timeout: 60_000 }, () => {
    const inCore = core.filter((f) => f.includes(`${path.sep}core${path.sep}`) && !f.includes(`${path.sep}migrations${path.sep}`));
    expect(longFunctions(inCore)).toEqual([]);
  });

  it('keeps the login server and the mock platform apart (lint rules in force)', { timeout: 60_000 }, async () => {
    const eslint = new ESLint({ cwd: ROOT });
    const probe = async (file: string, code: string): Promise<string[]> => {
      const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
      return (result?.messages ?? []).map((m) => m.ruleId ?? '');
    };
    expect(await probe('src-main/core/login/probe.ts', "import { createPlatform } from '../platform';\nvoid createPlatform;\n")).toContain('no-restricted-imports');
    expect(await probe('src-main/core/platform/probe.ts', "import { createLogin } from '../login';\nvoid createLogin;\n")).toContain('no-restricted-imports');
    expect(await probe('src-main/core/login/probe.ts', "import { createStudio } from '../studio';\nvoid createStudio;\n")).toContain('no-restricted-imports');
    expect(await probe('src-main/core/studio/probe.ts', "import { createLogin } from '../login';\nimport { createPlatform } from '../platform';\nvoid createLogin;\nvoid createPlatform;\n")).toEqual([]);
  });
});
