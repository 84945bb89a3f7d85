import { useCallback } from 'react';
import { useActions } from '../../store/context';

/** Opens a journal entry in the inspector (a push's "Inspect" button). */
export function useInspect(): (journalId: string) => void {
  const { selectEntry, navigate } = useActions();
  return useCallback(
    (journalId: string) => {
      selectEntry(journalId);
      navigate({ view: 'inspector', params: [journalId] });
    },
    [selectEntry, navigate],
  );
}
