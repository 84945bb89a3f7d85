import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { say, sayText, type Said } from '../../contracts/said';
import type { FormatProblem } from './model';

/**
 * A parsed scenario file that can say where any of its values is: the `yaml` package keeps every node's
 * source range and its LineCounter turns offsets into lines, so a problem found by the schema (which
 * works on the plain value) is reported at the line of the key it is about. JSON is read by the same
 * parser (YAML 1.2 contains JSON), so a .json file gets the same positions.
 */

export type PathPart = string | number;

export interface Source {
  file: string;
  value: unknown;
  /** Line and column (1-based) of the key at `path` (or of its value, or of the nearest enclosing node). */
  at(path: readonly PathPart[], key?: string): { line: number; column: number };
  problem(path: readonly PathPart[], said: Said, key?: string): FormatProblem;
}

/** `cases[0].steps[2]["phone.scan"].as` */
export function pathString(path: readonly PathPart[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(p)) out += out ? `.${p}` : p;
    else out += `[${JSON.stringify(p)}]`;
  }
  return out;
}

function keyRange(node: unknown, key: string): [number, number, number] | undefined {
  if (!isMap(node)) return undefined;
  for (const item of node.items) {
    if (isPair(item) && isScalar(item.key) && String(item.key.value) === key) return item.key.range ?? undefined;
  }
  return undefined;
}

function nodeRange(doc: Document, path: readonly PathPart[]): [number, number, number] | undefined {
  // The key's own position reads best ("line 14: phone.scna"); fall back to the value, then to the parent.
  for (let n = path.length; n >= 0; n--) {
    const parentPath = path.slice(0, Math.max(0, n - 1));
    const last = path[n - 1];
    if (n > 0 && typeof last === 'string') {
      const parent = parentPath.length ? doc.getIn(parentPath, true) : doc.contents;
      const r = keyRange(parent, last);
      if (r) return r;
    }
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) return range;
  }
  return undefined;
}

/** A problem of a file: its English text (the CLI, the tests) beside its sentence (the studio). */
export function fileProblem(file: string, line: number, column: number, said: Said, path = ''): FormatProblem {
  return { file, line, column, path, message: sayText(said), messageSaid: said };
}

export function readSource(text: string, file: string): { source?: Source; problems: FormatProblem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  const problems: FormatProblem[] = doc.errors.map((e) => {
    const pos = e.linePos?.[0] ?? { line: 1, col: 1 };
    const message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    return fileProblem(file, pos.line, pos.col, say('scenario.file.yaml', { detail: message }));
  });
  if (problems.length) return { problems };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    return { problems: [fileProblem(file, 1, 1, say('scenario.file.yaml', { detail: (err as Error).message }))] };
  }
  const at = (path: readonly PathPart[], key?: string): { line: number; column: number } => {
    const range = key !== undefined ? (keyRange(doc.getIn(path, true) ?? (path.length ? undefined : doc.contents), key) ?? nodeRange(doc, path)) : nodeRange(doc, path);
    const pos = range ? lines.linePos(range[0]) : { line: 1, col: 1 };
    return { line: pos.line, column: pos.col };
  };
  const source: Source = {
    file,
    value,
    at,
    problem(path, said, key) {
      const pos = at(path, key);
      return { ...fileProblem(file, pos.line, pos.column, said), path: pathString(key !== undefined ? [...path, key] : path) };
    },
  };
  return { source, problems };
}
