import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built studio UI beside an entry point: out/main/<entry>.js → out/renderer. */
export function rendererDirOf(entryUrl: string): string {
  return path.resolve(path.dirname(fileURLToPath(entryUrl)), '../renderer');
}

/** The built-in scenario library of the same checkout: out/renderer → scenarios/builtin. */
export function scenariosDirBeside(rendererDir: string): string {
  return path.resolve(rendererDir, '../../scenarios/builtin');
}
