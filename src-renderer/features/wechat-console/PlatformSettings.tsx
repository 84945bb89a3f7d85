import { useEffect, useState } from 'react';
import { Icon } from '../../components/Icon';
import { Field, Switch } from '../../components/form';
import { Callout, Empty } from '../../components/ui';
import type { WechatSettings } from '../../api/types';
import { ApiError } from '../../api/http';
import { useActions, useApi, useStudio } from '../../store/context';
import { errorText } from '../../store/errors';
import { selectSettings } from '../../store/selectors';

const LABELS: Record<string, { label: string; hint?: string }> = {
  pushTimeoutMs: { label: 'Push timeout (ms)', hint: 'Per attempt; WeChat waits 5000 ms.' },
  pushAttempts: { label: 'Attempts per push', hint: 'WeChat: 3 in total.' },
  retrySpacingMs: { label: 'Pause before a retry (ms)' },
  retryOnHttpError: { label: 'Retry on a non-200 answer' },
  freshTransportOnRetry: { label: 'Fresh timestamp, nonce and IV per attempt' },
  emptyEventKeyOnPlainFollow: { label: 'Empty <EventKey> on plain follows' },
  openIdInPlaintextQuery: { label: 'openid in the query of plaintext pushes' },
  pushUserAgent: { label: 'User-Agent of pushes' },
  ipWhitelistOnAllApis: { label: 'Enforce the IP whitelist on every API' },
  defaultQrExpireSeconds: { label: 'Default QR lifetime (s)', hint: 'When expire_seconds is absent.' },
  permanentCodesIncludeExpireSeconds: { label: 'expire_seconds in permanent-code answers' },
  permanentQrLimit: { label: 'Permanent QR codes per account' },
  tokenLifetimeSeconds: { label: 'Access token lifetime (s)' },
  tokenOverlapSeconds: { label: 'Old token grace period (s)' },
  enforceCustomerServiceWindow: { label: 'Enforce the customer-service window' },
};

/** The platform's settings: the protocol details the spec leaves open, with WeChat's documented defaults. */
export function PlatformSettings(): React.JSX.Element {
  const settings = useStudio(selectSettings);
  const api = useApi();
  const { loadSettings, notify } = useActions();
  const [draft, setDraft] = useState<WechatSettings | null>(settings);
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    void loadSettings();
  }, [loadSettings]);
  useEffect(() => setDraft(settings), [settings]);

  if (!draft) return <div className="card"><Empty icon="server" title="Loading settings…" /></div>;
  const keys = Object.keys(draft);
  const changed = keys.filter((k) => settings && draft[k] !== settings[k]);

  const save = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const patch = Object.fromEntries(changed.map((k) => [k, draft[k]]));
      await api.putSettings(patch);
      await loadSettings();
      notify('ok', 'Platform settings saved.');
    } catch (err) {
      setError({ field: err instanceof ApiError ? err.field : undefined, message: errorText(err) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="card" onSubmit={save} noValidate aria-label="Platform settings">
      <div className="card-head">
        <h2>
          <Icon name="server" /> Platform settings
        </h2>
        <span className="card-sub">Details the protocol leaves open, with WeChat&apos;s defaults</span>
      </div>
      <div className="card-body form">
        {error && !error.field && <Callout tone="error">{error.message}</Callout>}
        <div className="form-grid">
          {keys.map((k) => {
            const v = draft[k];
            const meta = LABELS[k] ?? { label: k };
            if (typeof v === 'boolean') {
              return (
                <div key={k}>
                  <Switch checked={v} onChange={(on) => setDraft({ ...draft, [k]: on })} label={meta.label} />
                  {meta.hint && <div className="field-hint">{meta.hint}</div>}
                </div>
              );
            }
            return (
              <Field key={k} label={meta.label} hint={meta.hint} error={error?.field === k ? error.message : null}>
                {(p) => (
                  <input
                    {...p}
                    className="input"
                    inputMode={typeof v === 'number' ? 'numeric' : undefined}
                    value={String(v ?? '')}
                    onChange={(e) => setDraft({ ...draft, [k]: typeof v === 'number' ? (e.target.value === '' ? '' : Number(e.target.value)) : e.target.value })}
                  />
                )}
              </Field>
            );
          })}
        </div>
      </div>
      <div className="card-foot">
        <button type="button" className="btn btn-ghost" onClick={() => setDraft(settings)} disabled={!changed.length}>
          Discard
        </button>
        <button type="submit" className="btn btn-primary" disabled={!changed.length || saving}>
          Save settings
        </button>
      </div>
    </form>
  );
}
