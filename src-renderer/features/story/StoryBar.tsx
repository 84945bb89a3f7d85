import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { useErrorText } from '../../i18n/hooks';
import { selectStory } from '../../store/open-selectors';
import { useActions, useApi, useStudio, useStudioStore } from '../../store/context';
import { initialStory } from '../../store/slices/story';
import type { StoryState, StoryStepId } from '../../store/open-types';
import { useInspect } from '../shared/use-inspect';
import { runAuthorizationStory, STORY_STEPS } from './run-story';
import { createStoryEnv } from './story-env';

/** Starts the story (once at a time), on the studio's own API client and store. */
export function useRunStory(): () => void {
  const api = useApi();
  const store = useStudioStore();
  return useCallback(() => {
    if (store.getState().story.status === 'running') return;
    void runAuthorizationStory(createStoryEnv(api, store));
  }, [api, store]);
}

/** The stage's button: runs the whole authorization story, step by step with captions. */
export function StoryButton(): React.JSX.Element {
  const story = useStudio(selectStory);
  const run = useRunStory();
  const { t } = useTranslation();
  return (
    <button type="button" className="btn btn-sm btn-primary" onClick={run} disabled={story.status === 'running'} title={t('story.buttonTitle')} data-testid="run-story">
      <Icon name="sparkle" size={14} /> <span className="btn-text">{t('story.button')}</span>
    </button>
  );
}

/** The steps as numbered dots: done, now, to come. */
function StorySteps({ story, current }: { story: StoryState; current: StoryStepId | null | undefined }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <ol className="story-steps" aria-label={t('story.stepsLabel')}>
      {STORY_STEPS.map((id, i) => (
        <li key={id} className={story.done.includes(id) ? 'done' : id === current ? 'now' : ''} title={t(`story.steps.${id}.title`)} aria-current={id === current ? 'step' : undefined}>
          {i + 1}
        </li>
      ))}
    </ol>
  );
}

/** Stop while it runs; afterwards, run it again or close the bar. */
function StoryControls({ story }: { story: StoryState }): React.JSX.Element {
  const { setStory } = useActions();
  const run = useRunStory();
  const { t } = useTranslation();
  if (story.status === 'running') {
    return (
      <button type="button" className="btn btn-xs" onClick={() => setStory({ status: 'stopped', step: null })}>
        {t('common.stop')}
      </button>
    );
  }
  return (
    <>
      <button type="button" className="btn btn-xs" onClick={run}>
        {t('story.again')}
      </button>
      <button type="button" className="btn btn-xs btn-ghost btn-icon" aria-label={t('common.dismiss')} onClick={() => setStory(initialStory())}>
        <Icon name="x" size={13} />
      </button>
    </>
  );
}

/** At the end: the pushes worth reading, in the inspector. */
function StoryLinks({ facts }: { facts: StoryState['facts'] }): React.JSX.Element {
  const inspect = useInspect();
  const { t } = useTranslation();
  return (
    <div className="row wrap">
      {facts.unauthorizedId && (
        <button type="button" className="btn btn-xs" onClick={() => inspect(facts.unauthorizedId!)}>
          <Icon name="inspector" size={13} /> {t('story.inspectUnauthorized')}
        </button>
      )}
      {facts.refusalId && (
        <button type="button" className="btn btn-xs" onClick={() => inspect(facts.refusalId!)}>
          <Icon name="inspector" size={13} /> {t('story.inspectRefusal')}
        </button>
      )}
    </div>
  );
}

/**
 * The story's captions, over whichever view the story shows: the steps (done, current, to come), what is
 * happening now and what to look at, and at the end where to read the pushes. Stop ends it; Close hides it.
 */
export function StoryBar(): React.JSX.Element | null {
  const story = useStudio(selectStory);
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (story.status === 'idle') return null;
  const current = story.step ?? (story.status === 'done' ? null : STORY_STEPS[story.done.length]);
  const f = story.facts;
  const facts = { account: f.accountName ?? '', originalId: f.originalId ?? '', admin: f.adminName ?? '', user: f.userName ?? '', identifier: f.identifier ?? '' };
  const heading =
    story.status === 'done' ? t('story.doneTitle') : current ? `${STORY_STEPS.indexOf(current) + 1}/${STORY_STEPS.length} · ${t(`story.steps.${current}.title`)}` : t('story.title');

  return (
    <section className={`story-bar story-${story.status}`} aria-label={t('story.title')} data-testid="story-bar" data-step={current ?? ''} data-status={story.status}>
      <div className="story-head">
        <StorySteps story={story} current={current} />
        <span className="story-title ellipsis">{heading}</span>
        <span className="spacer" />
        <StoryControls story={story} />
      </div>
      <div className="story-caption" role="status" aria-live="polite">
        {story.status === 'done' ? t('story.doneBody', facts) : current && story.status === 'running' ? t(`story.steps.${current}.caption`, facts) : null}
        {story.status === 'failed' && story.error && <div className="story-error">{t('story.failed', { error: errorText(story.error) })}</div>}
        {story.status === 'stopped' && <div className="story-error">{t('story.stopped')}</div>}
      </div>
      {story.status === 'done' && <StoryLinks facts={f} />}
    </section>
  );
}
