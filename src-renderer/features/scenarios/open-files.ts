import { useActions } from '../../store/context';

/** Files the page reads: what `follow-studio test` reads. */
export const SCENARIO_FILE_TYPES = '.yaml,.yml,.json';

/** Reads dropped or picked files and opens each on the page (checked by the server at once). */
export function useOpenFiles(): (files: FileList | null) => void {
  const { openScenarioFile } = useActions();
  return (files) => {
    for (const f of Array.from(files ?? [])) void f.text().then((text) => openScenarioFile(f.name, text));
  };
}
