import { AesKeyInput } from '../shared/AesKeyInput';
import { useMemo, useState } from 'react';
import { Field, RadioCards, SecretInput, Switch } from '../../components/form';
import { Callout } from '../../components/ui';
import type { Account, MessageMode, ServerConfig as ServerConfigDto } from '../../api/types';
import { useActions, useApi, useStudio } from '../../store/context';
import { selectPools } from '../../store/selectors';
import { useForm } from '../shared/use-form';
import { checkServerConfig } from './server-config-rules';

export const MODE_OPTIONS: ReadonlyArray<{ value: MessageMode; title: string; desc: string }> = [
  { value: 'plaintext', title: '明文模式 · Plaintext', desc: 'No encryption; signature only.' },
  { value: 'compatible', title: '兼容模式 · Compatible', desc: 'Plaintext fields plus an Encrypt copy.' },
  { value: 'safe', title: '安全模式 · Safe', desc: 'Recommended: only the encrypted message; encrypted replies.' },
];

type Fields = keyof ServerConfigDto;
const FIELDS: readonly Fields[] = ['url', 'token', 'encodingAesKey', 'mode', 'enabled'];

/** Server configuration (服务器配置): URL, Token, EncodingAESKey, mode, enable — verified by WeChat on submit. */
export function ServerConfig({ account }: { account: Account }): React.JSX.Element {
  const api = useApi();
  const pools = useStudio(selectPools);
  const { upsertAccount } = useActions();
  const form = useForm<ServerConfigDto>({ ...account.server });
  const [result, setResult] = useState<{ ok: boolean; message: string; warnings: string[] } | null>(null);
  const v = form.values;

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
    const saved = await form.submit(() => api.putServer(account.appId, { ...v, url: v.url.trim() }), FIELDS);
    if (saved) {
      const { warnings, ...acct } = saved;
      upsertAccount(acct);
      setResult({
        ok: true,
        message: v.url.trim()
          ? `URL verification passed: WeChat sent GET ${v.url.trim()} with signature, timestamp, nonce and echostr, and the server echoed echostr. The configuration is saved${v.enabled ? ' and enabled' : ''}.`
          : 'Saved.',
        warnings: warnings ?? [],
      });
    }
  };
  const verifyError = form.errors.url && /verification/i.test(form.errors.url) ? form.errors.url : null;

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Server configuration">
      <p className="muted">
        WeChat pushes every scan, follow and message of this account to this URL. Mode 1: the login server&apos;s events endpoint. Mode 2:
        your own server, which forwards scan and follow events.
      </p>
      {mismatched.length > 0 && (
        <Callout tone="warn" title="Message modes differ">
          {mismatched.map((c) => (
            <div key={`${c.poolId}/${c.identifier}`}>
              Identity source <strong>{c.displayName}</strong> ({c.identifier}) is set to {c.mode}; this account pushes in {account.server.mode} mode.
            </div>
          ))}
        </Callout>
      )}
      {form.formError && <Callout tone="error">{form.formError}</Callout>}
      <Field
        label="URL"
        required
        error={form.errors.url}
        hint={
          connections.length ? (
            <span className="row wrap" style={{ gap: 6 }}>
              Mode 1:
              {connections.map((c) => (
                <button
                  key={`${c.poolId}/${c.identifier}`}
                  type="button"
                  className="btn btn-xs"
                  onClick={() => form.set('url', c.eventsUrl)}
                  title={c.eventsUrl}
                >
                  Use the events URL of {c.displayName}
                </button>
              ))}
            </span>
          ) : (
            'Must start with http:// or https://.'
          )
        }
      >
        {(p) => <input {...p} className="input mono" value={v.url} onChange={(e) => form.set('url', e.target.value)} placeholder="https://example.com/wechat/events" spellCheck={false} />}
      </Field>
      <div className="form-grid">
        <Field label="Token" required error={form.errors.token} hint="3–32 English letters or digits; the login server must use the same Token.">
          {(p) => <SecretInput control={p} value={v.token} onChange={(t) => form.set('token', t)} revealLabel="Token" />}
        </Field>
        <Field label="EncodingAESKey" error={form.errors.encodingAesKey} hint="43 characters of A–Z, a–z, 0–9. Blank only in plaintext mode.">
          {(p) => (
            <AesKeyInput control={p} value={v.encodingAesKey} onChange={(t) => form.set('encodingAesKey', t)} />
          )}
        </Field>
      </div>
      <RadioCards legend="Message encryption method" name={`mode-${account.appId}`} value={v.mode} options={MODE_OPTIONS} onChange={(m) => form.set('mode', m)} error={form.errors.mode} row />
      <Switch checked={v.enabled} onChange={(on) => form.set('enabled', on)} label="Enable server configuration (启用)" />
      {result && (
        <Callout tone="ok" title="Submitted">
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
        <Callout tone="error" title="WeChat could not verify the URL">
          {verifyError}. Nothing was saved.
        </Callout>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={form.submitting}>
          {form.submitting ? 'Verifying URL…' : 'Submit'}
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
          Revert
        </button>
      </div>
    </form>
  );
}
