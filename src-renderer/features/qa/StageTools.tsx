import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginConnection } from '../../api/types';
import { Icon } from '../../components/Icon';
import { useStudio } from '../../store/context';
import { faultOf, selectFaults } from '../../store/qa-selectors';
import { DemoGuide } from './DemoGuide';
import { FaultEditor } from './FaultEditor';
import { PointBackButton, PointBackStatus } from './PointBack';

/**
 * The stage's test tools, beside the PC frame: faults on the login server behind the page, "point the
 * account back", and the demo's roles and password account. A panel over the stage, so the stage's layout
 * (which fits the window) does not move.
 */
export function StageTools({ source }: { source: LoginConnection | undefined }): React.JSX.Element {
  const { t } = useTranslation();
  const faults = useStudio(selectFaults).data;
  const fault = source ? faultOf(faults, source.poolId, source.identifier) : undefined;
  const [open, setOpen] = useState(false);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    panel.current?.focus();
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <>
      <button
        type="button"
        className={`btn btn-sm stage-tools-btn ${fault ? 'btn-warn' : ''}`}
        aria-expanded={open}
        aria-controls="stage-tools"
        onClick={() => setOpen((o) => !o)}
        title={fault ? t('qa.tools.faultActive') : t('qa.tools.title')}
        aria-label={fault ? t('qa.tools.faultActive') : t('qa.tools.title')}
        data-testid="stage-tools"
      >
        <Icon name="bolt" size={14} /> <span className="btn-text">{fault ? t('qa.tools.faultActive') : t('qa.tools.button')}</span>
      </button>
      {open && (
        <div id="stage-tools" ref={panel} className="qa-panel card" role="dialog" aria-label={t('qa.tools.title')} tabIndex={-1}>
          <div className="qa-panel-head">
            <h2>
              <Icon name="bolt" /> {t('qa.tools.title')}
            </h2>
            <button type="button" className="btn btn-ghost btn-icon btn-sm" aria-label={t('qa.tools.close')} onClick={() => setOpen(false)}>
              <Icon name="x" />
            </button>
          </div>
          <div className="qa-panel-body">
            <section className="qa-section" aria-label={t('qa.fault.title')}>
              <h3>
                <Icon name="server" size={15} /> {t('qa.fault.title')}
              </h3>
              {source ? <FaultEditor key={`${source.poolId}/${source.identifier}`} poolId={source.poolId} identifier={source.identifier} current={fault} /> : <p className="small muted">{t('qa.fault.noSource')}</p>}
            </section>
            {source && (
              <section className="qa-section" aria-label={t('qa.pointBack.title')}>
                <h3>
                  <Icon name="wechat" size={15} /> {t('qa.pointBack.title')}
                </h3>
                <PointBackStatus source={source} />
                <PointBackButton source={source} />
              </section>
            )}
            <DemoGuide />
          </div>
        </div>
      )}
    </>
  );
}
