import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../components/Icon';
import { Badge, Callout, Empty } from '../../../components/ui';
import type { Account } from '../../../api/types';
import { useErrorText } from '../../../i18n/hooks';
import { selectAdmins } from '../../../store/open-selectors';
import { useActions, useApi, useStudio } from '../../../store/context';
import { selectPersonas } from '../../../store/selectors';
import { toErrorInfo, type ErrorInfo } from '../../../store/errors';

/**
 * The account's administrators (人员设置 → 管理员): the personas whose WeChat can authorize the account on a
 * third-party platform's authorization page. Anyone else who scans that page is told "没有绑定管理员".
 */
export function Admins({ account }: { account: Account }): React.JSX.Element {
  const all = useStudio(selectAdmins);
  const personas = useStudio(selectPersonas);
  const { loadAdmins } = useActions();
  const api = useApi();
  const admins = all[account.appId];
  const [picked, setPicked] = useState<string[] | null>(null);
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<'saved' | ErrorInfo | null>(null);
  const { t } = useTranslation();
  const errorText = useErrorText();

  useEffect(() => {
    void loadAdmins(account.appId);
  }, [account.appId, loadAdmins]);

  if (!admins) return <Empty icon="users" title={t('common.loading')} />;
  const current = admins.map((a) => a.personaId);
  const chosen = picked ?? current;
  const changed = picked !== null && (picked.length !== current.length || picked.some((id) => !current.includes(id)));

  const save = async (): Promise<void> => {
    setSaving(true);
    setResult(null);
    try {
      await api.putAdmins(account.appId, chosen);
      await loadAdmins(account.appId);
      setPicked(null);
      setResult('saved');
    } catch (err) {
      setResult(toErrorInfo(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="stack">
      <p className="muted">{t('openPlatform.admins.intro')}</p>
      <div className="row wrap" aria-label={t('openPlatform.admins.current')}>
        <span className="small muted">{t('openPlatform.admins.current')}</span>
        {admins.length ? (
          admins.map((a) => (
            <Badge key={a.personaId} tone="green" data>
              {a.name}
            </Badge>
          ))
        ) : (
          <Badge tone="amber">{t('openPlatform.admins.none')}</Badge>
        )}
      </div>
      <fieldset className="perm-list" aria-label={t('openPlatform.admins.pick')}>
        <legend className="field-label">{t('openPlatform.admins.pick')}</legend>
        {personas.data.map((p) => (
          <label className="perm" key={p.id}>
            <input
              type="checkbox"
              checked={chosen.includes(p.id)}
              onChange={(e) => setPicked(e.target.checked ? [...chosen, p.id] : chosen.filter((id) => id !== p.id))}
            />
            <span className="perm-main">
              <span className="perm-name" translate="no">
                {p.name}
              </span>
              <span className="perm-desc mono" translate="no">
                {p.id}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      {result === 'saved' && <Callout tone="ok">{t('openPlatform.admins.saved')}</Callout>}
      {result && result !== 'saved' && <Callout tone="error">{errorText(result)}</Callout>}
      <div>
        <button type="button" className="btn btn-primary" disabled={!changed || saving} onClick={() => void save()}>
          <Icon name="check" size={14} /> {t('common.save')}
        </button>
      </div>
    </div>
  );
}
