import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { Field, Switch } from '../../components/form';
import { Callout, Empty } from '../../components/ui';
import type { PlatformSettings } from '../../api/types';
import { ApiError } from '../../api/http';
import { useErrorText } from '../../i18n/hooks';
import { useActions, useApi, useStudio } from '../../store/context';
import { selectSettings } from '../../store/selectors';

type SettingKey = keyof PlatformSettings;
/** A draft while typing: a number field may be blank for a moment. */
type Draft = Record<SettingKey, PlatformSettings[SettingKey] | ''>;

/** Settings whose catalogue entry has a hint (`wechat.settings.items.<key>.hint`). */
const WITH_HINT: ReadonlySet<SettingKey> = new Set<SettingKey>(['pushTimeoutMs', 'pushAttempts', 'defaultQrExpireSeconds', 'userInfoNickname']);

/** The platform's settings: the protocol details the spec leaves open, with WeChat's documented defaults. */
export function PlatformSettingsForm(): React.JSX.Element {
  const settings = useStudio(selectSettings);
  const api = useApi();
  const { loadSettings, notify } = useActions();
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [draft, setDraft] = useState<Draft | null>(settings);
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    void loadSettings();
  }, [loadSettings]);
  useEffect(() => setDraft(settings), [settings]);

  if (!draft)
    return (
      <div className="card">
        <Empty icon="server" title={t('common.loading')} />
      </div>
    );
  const keys = Object.keys(draft) as SettingKey[];
  const changed = keys.filter((k) => settings && draft[k] !== settings[k]);
  const label = (k: SettingKey): string => t(`wechat.settings.items.${k}.label`);
  const hint = (k: SettingKey): string | undefined => (WITH_HINT.has(k) ? t(`wechat.settings.items.${k as 'pushTimeoutMs'}.hint`) : undefined);

  const save = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const patch = Object.fromEntries(changed.map((k) => [k, draft[k]])) as Partial<PlatformSettings>;
      await api.putSettings(patch);
      await loadSettings();
      notify('ok', { key: 'settingsSaved' });
    } catch (err) {
      setError({ field: err instanceof ApiError ? err.field : undefined, message: errorText(err) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="card" onSubmit={save} noValidate aria-label={t('wechat.settings.title')}>
      <div className="card-head">
        <h2>
          <Icon name="server" /> {t('wechat.settings.title')}
        </h2>
        <span className="card-sub">{t('wechat.settings.sub')}</span>
      </div>
      <div className="card-body form">
        {error && !error.field && <Callout tone="error">{error.message}</Callout>}
        <div className="form-grid">
          {keys.map((k) => {
            const v = draft[k];
            if (typeof v === 'boolean') {
              return (
                <div key={k}>
                  <Switch checked={v} onChange={(on) => setDraft({ ...draft, [k]: on })} label={label(k)} />
                  {hint(k) && <div className="field-hint">{hint(k)}</div>}
                </div>
              );
            }
            return (
              <Field key={k} label={label(k)} hint={hint(k)} error={error?.field === k ? error.message : null}>
                {(p) => (
                  <input
                    {...p}
                    className="input"
                    inputMode={typeof v === 'number' ? 'numeric' : undefined}
                    value={String(v ?? '')}
                    onChange={(e) => setDraft({ ...draft, [k]: typeof settings?.[k] === 'number' ? (e.target.value === '' ? '' : Number(e.target.value)) : e.target.value })}
                  />
                )}
              </Field>
            );
          })}
        </div>
      </div>
      <div className="card-foot">
        <button type="button" className="btn btn-ghost" onClick={() => setDraft(settings)} disabled={!changed.length}>
          {t('common.discard')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={!changed.length || saving}>
          {t('wechat.settings.save')}
        </button>
      </div>
    </form>
  );
}
