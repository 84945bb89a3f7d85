import type { StoryState } from '../open-types';

/** The stage's story before it runs (and after a reset). */
export function initialStory(): StoryState {
  return { status: 'idle', step: null, done: [], facts: {}, error: null };
}
