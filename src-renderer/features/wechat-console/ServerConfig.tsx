import { AesKeyInput } from '../shared/AesKeyInput';
import { useMemo, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Field, RadioCards, SecretInput, Switch } from '../../components/form';
import { Callout } from '../../components/ui';
import { Icon } from '../../components/Icon';
import type { Account, ServerConfig as ServerConfigDto } from '../../api/types';
import { ApiError } from '../../api/http';
import { useActions, useApi, useStudio } from '../../store/context';
import { selectPools } from '../../store/selectors';
import { useForm } from '../shared/use-form';
import { checkServerConfig } from './server-config-rules';
import { useModeOptions } from '../shared/mode-options';
import { translateWarning } from '../../i18n/errors';

type Fields = keyof ServerConfigDto;
const FIELDS: readonly Fields[] = ['url', 'token', 'encodingAesKey', 'mode', 'enabled'];

/** Server configuration (服务器配置): URL, Token, EncodingAESKey, mode, enable — verified by WeChat on submit. */
export function ServerConfig({ account }: { account: Account }): React.JSX.Element {
  const api = useApi();
  const pools = useStudio(selectPools);
  const { upsertAccount, navigate } = useActions();
  const form = useForm<ServerConfigDto>({ ...account.server });
  const [result, setResult] = useState<{ ok: boolean; message: string; warnings: string[] } | null>(null);
  const v = form.values;
  const { t } = useTranslation();
  const modeOptions = useModeOptions();
  const [verifyFailed, setVerifyFailed] = useState(false);

  const connections = useMemo(
    () => pools.data.flatMap((p) => p.connections.filter((c) => c.appId === account.appId).map((c) => ({ ...c, poolName: p.name }))),
    [pools.data, account.appId],
  );
  const mismatched = connections.filter((c) => account.server.enabled && c.mode !== account.server.mode);

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    setResult(null);
    const problems = checkServerConfig(v);
    if (Object.keys(problems).length) {
      form.setErrors(problems);
      return;
    }
    setVerifyFailed(false);
    const saved = await form.submit(async () => {
      try {
        return await api.putServer(account.appId, { ...v, url: v.url.trim() });
      } catch (err) {
        setVerifyFailed(err instanceof ApiError && err.code === 'url_verification_failed');
        throw err;
      }
    }, FIELDS);
    if (saved) {
      const { warnings, ...acct } = saved;
      upsertAccount(acct);
      setResult({
        ok: true,
        message: v.url.trim() ? t(v.enabled ? 'wechat.server.verifiedEnabled' : 'wechat.server.verified', { url: v.url.trim() }) : t('wechat.server.saved'),
        warnings: (warnings ?? []).map((w) => translateWarning(t, w)),
      });
    }
  };
  const verifyError = verifyFailed && form.errors.url ? form.errors.url : null;

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('wechat.tabs.server')}>
      <p className="muted">{t('wechat.server.intro')}</p>
      {mismatched.length > 0 && (
        <Callout tone="warn" title={t('wechat.server.modesDiffer')}>
          {mismatched.map((c) => (
            <div key={`${c.poolId}/${c.identifier}`}>
              <Trans
                i18nKey="wechat.server.modeMismatch"
                values={{ name: c.displayName, identifier: c.identifier, sourceMode: t(`modes.${c.mode}.short`), accountMode: t(`modes.${account.server.mode}.short`) }}
                components={{ strong: <strong translate="no" /> }}
              />
            </div>
          ))}
        </Callout>
      )}
      {form.formError && <Callout tone="error">{form.formError}</Callout>}
      <Field
        label={t('fields.url')}
        required
        error={form.errors.url}
        hint={
          connections.length ? (
            <span className="row wrap" style={{ gap: 6 }}>
              {t('wechat.server.mode1')}
              {connections.map((c) => (
                <button
                  key={`${c.poolId}/${c.identifier}`}
                  type="button"
                  className="btn btn-xs"
                  onClick={() => form.set('url', c.eventsUrl)}
                  title={c.eventsUrl}
                >
                  {t('wechat.server.useEventsUrl', { name: c.displayName })}
                </button>
              ))}
            </span>
          ) : (
            t('wechat.server.urlHint')
          )
        }
      >
        {(p) => <input {...p} className="input mono" value={v.url} onChange={(e) => form.set('url', e.target.value)} placeholder="https://example.com/wechat/events" spellCheck={false} />}
      </Field>
      <div className="form-grid">
        <Field label={t('fields.token')} required error={form.errors.token} hint={t('wechat.server.tokenHint')}>
          {(p) => <SecretInput control={p} value={v.token} onChange={(token) => form.set('token', token)} revealLabel={t('fields.token')} />}
        </Field>
        <Field label={t('fields.encodingAesKey')} error={form.errors.encodingAesKey} hint={t('wechat.server.aesKeyHint')}>
          {(p) => (
            <AesKeyInput control={p} value={v.encodingAesKey} onChange={(key) => form.set('encodingAesKey', key)} />
          )}
        </Field>
      </div>
      <RadioCards legend={t('fields.mode')} name={`mode-${account.appId}`} value={v.mode} options={modeOptions} onChange={(m) => form.set('mode', m)} error={form.errors.mode} row />
      <Switch checked={v.enabled} onChange={(on) => form.set('enabled', on)} label={t('wechat.server.enable')} />
      {result && (
        <Callout tone="ok" title={t('wechat.server.submitted')}>
          {result.message}
          {result.warnings.length > 0 && (
            <ul>
              {result.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          )}
        </Callout>
      )}
      {verifyError && (
        <Callout tone="error" title={t('wechat.server.verifyFailedTitle')}>
          {t('wechat.server.nothingSaved', { error: verifyError })}
        </Callout>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={form.submitting}>
          {form.submitting ? t('wechat.server.verifying') : t('common.submit')}
        </button>
        <button
          type="button"
          className="btn btn-ghost"
          onClick={() => {
            form.setValues({ ...account.server });
            form.setErrors({});
            setResult(null);
          }}
        >
          {t('common.revert')}
        </button>
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => navigate({ view: 'wechat', params: [account.appId, 'server', 'audit'] })} disabled={!account.server.url} title={t('audit.openHint')} data-testid="audit-open">
          <Icon name="shield" size={14} /> {t('audit.open')}
        </button>
      </div>
    </form>
  );
}
