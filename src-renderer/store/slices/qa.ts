import type { Get, Set, StoreDeps, StudioActions } from '../types';
import { toErrorInfo } from '../errors';

type QaActions = Pick<StudioActions, 'loadFaults' | 'loadDemo'>;

/** QA on the stage: the faults injected on the login server, and what the demo's personas are for. */
export function qaSlice(set: Set, _get: Get, { api }: StoreDeps): QaActions {
  return {
    async loadFaults() {
      try {
        const { faults } = await api.listFaults();
        set({ faults: { data: faults, loaded: true, error: null } });
      } catch (err) {
        set((s) => ({ faults: { ...s.faults, loaded: true, error: toErrorInfo(err) } }));
      }
    },
    async loadDemo() {
      try {
        set({ demo: await api.demoGuide() });
      } catch {
        // The guide is a nicety: without it the stage shows no roles.
      }
    },
  };
}
