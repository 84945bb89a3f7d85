import { useTranslation } from 'react-i18next';
import { Segmented } from '../../components/form';
import { useActions, useStudio } from '../../store/context';
import { selectPcSite } from '../../store/selectors';
import './oidc.css';
import type { PcSite } from '../../store/types';

/** The stage's choice of what the PC browser shows: the hosted login page, or the sample website that signs in through it. */
export function SiteSwitch({ sampleAvailable }: { sampleAvailable: boolean }): React.JSX.Element {
  const site = useStudio(selectPcSite);
  const { setPcSite } = useActions();
  const { t } = useTranslation();
  const options: Array<{ value: PcSite; label: string }> = [{ value: 'hosted', label: t('oidc.stage.hosted') }];
  if (sampleAvailable || site === 'sample') options.push({ value: 'sample', label: t('oidc.stage.sample') });
  return <Segmented label={t('oidc.stage.show')} value={site} options={options} onChange={setPcSite} name="pc-site" />;
}
