import { useTranslation } from 'react-i18next';
import { PcBrowser } from './PcBrowser';
import { Phone } from './phone/Phone';
import { StagePlayBar } from '../scenarios/StagePlayBar';

/** The stage: the site's login page on a PC beside the phone that scans it. Stays mounted so a flow survives a look at the consoles. */
export function StagePage({ hidden }: { hidden?: boolean }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <div className="stage" hidden={hidden}>
      <StagePlayBar />
      <section aria-label={t('stage.pc.title')}>
        <PcBrowser />
      </section>
      <Phone />
    </div>
  );
}
