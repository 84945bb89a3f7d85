import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StudioActions, StudioState, StudioStore } from './types';
import type { Desktop } from '../api/desktop';
import type { StudioApi } from '../api/studio-api';

interface Services {
  store: StudioStore;
  api: StudioApi;
  desktop: Desktop;
}

const StudioContext = createContext<Services | null>(null);

/** Provides one store (and the API client and desktop bridge it was built with) to the tree below. */
export function StudioProvider({ store, api, desktop, children }: Services & { children: ReactNode }): React.JSX.Element {
  return <StudioContext.Provider value={{ store, api, desktop }}>{children}</StudioContext.Provider>;
}

function useServices(): Services {
  const s = useContext(StudioContext);
  if (!s) throw new Error('useStudio must be used inside <StudioProvider>');
  return s;
}

/** Reads the store with a selector (define selectors at module level so their identity is stable). */
export function useStudio<T>(selector: (state: StudioState) => T): T {
  return useStore(useServices().store, selector);
}

const selectActions = (s: StudioState): StudioActions => s.actions;

export function useActions(): StudioActions {
  return useStore(useServices().store, selectActions);
}

/** The typed control-API client, for forms that handle their own request (and its field errors). */
export function useApi(): StudioApi {
  return useServices().api;
}

export function useDesktop(): Desktop {
  return useServices().desktop;
}

export function useStudioStore(): StudioStore {
  return useServices().store;
}
