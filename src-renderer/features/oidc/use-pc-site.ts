import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginApplication } from '../../api/types';
import { useErrorText } from '../../i18n/hooks';
import { useApi, useStudio } from '../../store/context';
import { selectPcSite } from '../../store/selectors';
import type { PcSite } from '../../store/types';
import { useOidcInfo } from './use-oidc';

export interface PcPage {
  site: PcSite;
  /** What the frame loads ('' while there is nothing to show). */
  url: string;
  /** The browser tab's title, when the site gives its own. */
  tabTitle: string | null;
  /** Why the frame is empty, or what is happening before it loads. */
  note: string | null;
  /** Whether the sample website can be shown at all (the studio may run without it). */
  sampleAvailable: boolean;
}

/**
 * What the stage's PC browser shows: the application's hosted login page, or the sample website signing
 * in with that application (the studio points the website at it first, so the choice of site is the
 * choice of application in both cases).
 */
export function usePcPage(app: LoginApplication | undefined): PcPage {
  const site = useStudio(selectPcSite);
  const api = useApi();
  const info = useOidcInfo();
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [failed, setFailed] = useState<string | null>(null);
  const sample = info.data?.sample ?? null;
  const setInfo = info.set;
  const mustPoint = site === 'sample' && sample !== null && app !== undefined && sample.appId !== app.id;
  const appId = app?.id;

  useEffect(() => {
    if (!mustPoint || !appId) return;
    let live = true;
    setFailed(null);
    api.setSampleApp(appId).then(
      (next) => live && setInfo(next),
      (err: unknown) => live && setFailed(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [mustPoint, appId, api, setInfo, errorText]);

  const sampleAvailable = sample !== null;
  if (site === 'hosted') return { site, url: app?.loginUrl ?? '', tabTitle: null, note: null, sampleAvailable };
  const blank = { site, url: '', tabTitle: t('oidc.stage.sampleTab'), sampleAvailable };
  if (!sample) return { ...blank, note: info.data ? t('oidc.stage.noSample') : null };
  if (!app) return { ...blank, note: null };
  if (mustPoint) return { ...blank, note: failed ?? t('oidc.stage.syncing', { name: app.name }) };
  return { site, url: `${sample.url}/`, tabTitle: t('oidc.stage.sampleTab'), note: null, sampleAvailable };
}
