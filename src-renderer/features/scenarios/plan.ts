import type { ScenarioFileDto, ScenarioMode } from '../../../src-main/contracts/scenarios';
import type { ScenarioFilters } from '../../store/scenarios-types';

/** Tags of a case pass `tags` (any of them; `!tag` excludes), as the engine plans them. */
function tagsPass(caseTags: string[], tags: string[]): boolean {
  const include = tags.filter((t) => !t.startsWith('!'));
  const exclude = tags.filter((t) => t.startsWith('!')).map((t) => t.slice(1));
  return !caseTags.some((t) => exclude.includes(t)) && (include.length === 0 || caseTags.some((t) => include.includes(t)));
}

function grepOf(text: string): RegExp | null | 'invalid' {
  if (!text.trim()) return null;
  try {
    return new RegExp(text.trim(), 'i');
  } catch {
    return 'invalid';
  }
}

/** The modes of one case that the filters keep (empty: the case does not run). */
export function keptModes(file: ScenarioFileDto, c: ScenarioFileDto['cases'][number], f: ScenarioFilters): ScenarioMode[] {
  const grep = grepOf(f.grep);
  if (grep === 'invalid' || !tagsPass(c.tags, f.tags)) return [];
  return c.modes.filter((m) => f.modes.includes(m) && (!grep || grep.test(`${file.name} › ${c.name} [${m}]`)));
}

/** How many case × mode runs "Run all" starts with these filters; null when the grep is not a valid expression. */
export function plannedRuns(files: ScenarioFileDto[], f: ScenarioFilters): number | null {
  if (grepOf(f.grep) === 'invalid') return null;
  return files.reduce((n, file) => n + file.cases.reduce((m, c) => m + keptModes(file, c, f).length, 0), 0);
}

/** Every tag of the listed files, for the tag filter's choices. */
export function allTags(files: ScenarioFileDto[]): string[] {
  return [...new Set(files.flatMap((f) => f.cases.flatMap((c) => c.tags)))].sort();
}
