import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_STAGE_PACE, type ScenarioFileDto, type ScenarioMode } from '../../../src-main/contracts/scenarios';
import { Field, Segmented } from '../../components/form';
import { Callout, Dialog } from '../../components/ui';
import { useActions } from '../../store/context';

export interface PlayTarget {
  file: string;
  c: ScenarioFileDto['cases'][number];
}

type Pace = 'auto' | 'manual';

/** Play on stage: which mode, and at which pace (a pause between steps, or one step per "Next step"). */
export function PlayDialog({ target, onClose }: { target: PlayTarget | null; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const { playOnStage, navigate } = useActions();
  const [mode, setMode] = useState<ScenarioMode>('safe');
  const [pace, setPace] = useState<Pace>('auto');
  const [seconds, setSeconds] = useState(String(DEFAULT_STAGE_PACE.pauseMs / 1000));
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (target) setMode(target.c.modes.includes('safe') ? 'safe' : target.c.modes[0]!);
  }, [target]);
  const pauseMs = Math.round(Number(seconds) * 1000);
  const badPause = !Number.isFinite(pauseMs) || pauseMs < 0 || pauseMs > 30_000;

  const play = async (): Promise<void> => {
    if (!target || badPause) return;
    setBusy(true);
    const started = await playOnStage({ file: target.file, case: target.c.name, mode, pace: { pauseMs, manual: pace === 'manual' } });
    setBusy(false);
    onClose();
    if (started) navigate({ view: 'stage', params: [] });
  };

  return (
    <Dialog
      open={target !== null}
      onClose={onClose}
      title={t('scenarios.play.title')}
      actions={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn btn-primary" data-testid="confirm-play" disabled={busy || badPause} onClick={() => void play()}>
            {t('scenarios.play.start')}
          </button>
        </>
      }
    >
      {target && (
        <div className="stack">
          <p>
            <strong translate="no">{target.c.name}</strong>
          </p>
          <Callout tone="warn">{t('scenarios.play.resets')}</Callout>
          <div className="field">
            <span className="field-label">{t('scenarios.play.mode')}</span>
            <Segmented label={t('scenarios.play.mode')} value={mode} onChange={setMode} options={target.c.modes.map((m) => ({ value: m, label: t(`modes.${m}.short`) }))} />
          </div>
          <div className="field">
            <span className="field-label">{t('scenarios.play.pace')}</span>
            <Segmented
              label={t('scenarios.play.pace')}
              value={pace}
              onChange={setPace}
              options={[
                { value: 'auto', label: t('scenarios.play.auto') },
                { value: 'manual', label: t('scenarios.play.manual') },
              ]}
            />
          </div>
          {pace === 'auto' && (
            <Field label={t('scenarios.play.pause')} error={badPause ? t('scenarios.play.pauseRule') : null}>
              {(p) => <input {...p} className="input" type="number" min={0} max={30} step={0.1} value={seconds} onChange={(e) => setSeconds(e.target.value)} />}
            </Field>
          )}
        </div>
      )}
    </Dialog>
  );
}
