import { AesKeyInput } from '../shared/AesKeyInput';
import { AccountPicker } from '../shared/AccountPicker';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { Field, SecretInput } from '../../components/form';
import { Badge, Callout, CodeBlock, CopyButton } from '../../components/ui';
import { ApiError } from '../../api/http';
import type { WorkbenchBreakdown, WorkbenchDecryptResult, WorkbenchEncryptResult, WorkbenchSignResult } from '../../api/types';
import { useApi, useStudio } from '../../store/context';
import { useErrorText } from '../../i18n/hooks';
import { selectAccounts } from '../../store/selectors';
import { generateNonce } from '../shared/generate';

type KeyField = 'token' | 'encodingAesKey' | 'appId';
type Errors = Partial<Record<string, string>>;

function Breakdown({ b, expectedAppId }: { b: WorkbenchBreakdown; expectedAppId?: string }): React.JSX.Element {
  const mismatch = expectedAppId !== undefined && expectedAppId !== b.appId;
  const { t } = useTranslation();
  return (
    <dl className="kv small">
      <dt>{t('crypto.aesKey')}</dt>
      <dd className="value-mono">{b.aesKeyHex}</dd>
      <dt>{t('crypto.iv')}</dt>
      <dd className="value-mono">{b.ivHex}</dd>
      <dt>{t('crypto.random')}</dt>
      <dd className="value-mono">
        {b.randomHex}
        {b.randomText ? <span className="muted"> “{b.randomText}”</span> : null}
      </dd>
      <dt>{t('crypto.length')}</dt>
      <dd className="value-mono">{t('crypto.bytes', { count: b.length })}</dd>
      <dt>{t('crypto.appId')}</dt>
      <dd className="value-mono" style={mismatch ? { color: 'var(--red)' } : undefined}>
        {b.appId || t('common.empty')}{' '}
        {expectedAppId !== undefined &&
          (mismatch ? <Badge tone="red">{t('crypto.expected', { appId: expectedAppId })}</Badge> : <Badge tone="green">{t('inspector.matches')}</Badge>)}
      </dd>
      <dt>{t('crypto.padding')}</dt>
      <dd className="value-mono">{t('crypto.paddingValue', { padding: b.padding, cipher: b.cipherBytes })}</dd>
    </dl>
  );
}

function Panel({ title, icon, children, onSubmit, busy, action, error }: { title: string; icon: Parameters<typeof Icon>[0]['name']; children: ReactNode; onSubmit: () => void; busy: boolean; action: string; error: string | null }): React.JSX.Element {
  return (
    <form
      className="card"
      aria-label={title}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <div className="card-head">
        <h2>
          <Icon name={icon} /> {title}
        </h2>
      </div>
      <div className="card-body form">
        {error && <Callout tone="error">{error}</Callout>}
        {children}
      </div>
      <div className="card-foot">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {action}
        </button>
      </div>
    </form>
  );
}

/** Encrypt, decrypt and sign arbitrary input with a chosen Token, EncodingAESKey and AppID. */
export function Workbench(): React.JSX.Element {
  const api = useApi();
  const accounts = useStudio(selectAccounts).data;
  const [keys, setKeys] = useState({ token: '', encodingAesKey: '', appId: '' });
  const [keyErrors, setKeyErrors] = useState<Partial<Record<KeyField, string>>>({});
  const [enc, setEnc] = useState({ message: '<xml><ToUserName><![CDATA[gh_000000000000]]></ToUserName><Content><![CDATA[hello]]></Content></xml>', random: '' });
  const [dec, setDec] = useState({ encrypt: '' });
  const [sig, setSig] = useState({ timestamp: String(Math.floor(Date.now() / 1000)), nonce: generateNonce(), encrypt: '' });
  const [errors, setErrors] = useState<{ encrypt: Errors; decrypt: Errors; sign: Errors }>({ encrypt: {}, decrypt: {}, sign: {} });
  const [formError, setFormError] = useState<{ encrypt: string | null; decrypt: string | null; sign: string | null }>({ encrypt: null, decrypt: null, sign: null });
  const [busy, setBusy] = useState<string | null>(null);
  const [encOut, setEncOut] = useState<WorkbenchEncryptResult | null>(null);
  const [decOut, setDecOut] = useState<WorkbenchDecryptResult | null>(null);
  const [sigOut, setSigOut] = useState<WorkbenchSignResult | null>(null);
  const { t } = useTranslation();
  const errorText = useErrorText();

  const setKey = (k: KeyField, v: string): void => {
    setKeys((s) => ({ ...s, [k]: v }));
    setKeyErrors((e) => ({ ...e, [k]: undefined }));
  };

  async function run<T>(panel: 'encrypt' | 'decrypt' | 'sign', call: () => Promise<T>, done: (r: T) => void): Promise<void> {
    setBusy(panel);
    setErrors((e) => ({ ...e, [panel]: {} }));
    setFormError((e) => ({ ...e, [panel]: null }));
    try {
      done(await call());
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) {
        setFormError((e) => ({ ...e, [panel]: t('workbench.unavailable') }));
      } else if (err instanceof ApiError && err.field) {
        const f = err.field;
        if (f === 'token' || f === 'encodingAesKey' || f === 'appId') setKeyErrors((e) => ({ ...e, [f]: errorText(err) }));
        else setErrors((e) => ({ ...e, [panel]: { [f]: errorText(err) } }));
      } else setFormError((e) => ({ ...e, [panel]: errorText(err) }));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="view">
      <div className="card">
        <div className="card-head">
          <h2>
            <Icon name="key" /> {t('workbench.keys')}
          </h2>
          <AccountPicker
            label={t('workbench.loadFrom')}
            accounts={accounts}
            onPick={(a) => {
              setKeys({ token: a.server.token, encodingAesKey: a.server.encodingAesKey, appId: a.appId });
              setKeyErrors({});
            }}
          />
        </div>
        <div className="card-body grid-3">
          <Field label={t('fields.token')} error={keyErrors.token} hint={t('workbench.tokenHint')}>
            {(p) => <SecretInput control={p} value={keys.token} onChange={(v) => setKey('token', v)} revealLabel={t('fields.token')} />}
          </Field>
          <Field label={t('fields.encodingAesKey')} error={keyErrors.encodingAesKey} hint={t('workbench.aesKeyHint')}>
            {(p) => (
              <AesKeyInput control={p} value={keys.encodingAesKey} onChange={(v) => setKey('encodingAesKey', v)} />
            )}
          </Field>
          <Field label={t('crypto.appId')} error={keyErrors.appId} hint={t('workbench.appIdHint')}>
            {(p) => <input {...p} className="input mono" value={keys.appId} onChange={(e) => setKey('appId', e.target.value)} spellCheck={false} placeholder="wx…" />}
          </Field>
        </div>
      </div>

      <div className="bench">
        <Panel
          title={t('workbench.encrypt')}
          icon="lock"
          action={t('workbench.encrypt')}
          busy={busy === 'encrypt'}
          error={formError.encrypt}
          onSubmit={() =>
            void run('encrypt', () => api.wbEncrypt({ encodingAesKey: keys.encodingAesKey, appId: keys.appId, message: enc.message, ...(enc.random ? { random: enc.random } : {}) }), (r) => {
              setEncOut(r);
              setDec({ encrypt: r.encrypt });
              setSig((s) => ({ ...s, encrypt: r.encrypt }));
            })
          }
        >
          <Field label={t('crypto.message')} error={errors.encrypt.message}>
            {(p) => <textarea {...p} className="textarea mono" rows={6} value={enc.message} onChange={(e) => setEnc((s) => ({ ...s, message: e.target.value }))} spellCheck={false} />}
          </Field>
          <Field label={t('workbench.random')} error={errors.encrypt.random} hint={t('workbench.randomHint')}>
            {(p) => <input {...p} className="input mono" value={enc.random} onChange={(e) => setEnc((s) => ({ ...s, random: e.target.value }))} spellCheck={false} />}
          </Field>
          {encOut && (
            <div className="result" aria-label={t('workbench.encryptResult')}>
              <CodeBlock title={t('workbench.ciphertextTitle')} value={encOut.encrypt} copyLabel={t('copy.ciphertext')} />
              <Breakdown b={encOut} />
            </div>
          )}
        </Panel>

        <Panel
          title={t('workbench.decrypt')}
          icon="lockOpen"
          action={t('workbench.decrypt')}
          busy={busy === 'decrypt'}
          error={formError.decrypt}
          onSubmit={() => void run('decrypt', () => api.wbDecrypt({ encodingAesKey: keys.encodingAesKey, encrypt: dec.encrypt, ...(keys.appId ? { appId: keys.appId } : {}) }), setDecOut)}
        >
          <Field label={t('workbench.ciphertext')} error={errors.decrypt.encrypt} hint={t('workbench.ciphertextHint')}>
            {(p) => <textarea {...p} className="textarea mono" rows={6} value={dec.encrypt} onChange={(e) => setDec({ encrypt: e.target.value })} spellCheck={false} />}
          </Field>
          {decOut && (
            <div className="result" aria-label={t('workbench.decryptResult')}>
              <Breakdown b={decOut} expectedAppId={decOut.expectedAppId} />
              <CodeBlock title={t('crypto.message')} value={decOut.message} copyLabel={t('copy.decryptedMessage')} />
            </div>
          )}
        </Panel>

        <Panel
          title={t('workbench.sign')}
          icon="key"
          action={t('workbench.sign')}
          busy={busy === 'sign'}
          error={formError.sign}
          onSubmit={() =>
            void run('sign', () => api.wbSign({ token: keys.token, timestamp: sig.timestamp, nonce: sig.nonce, ...(sig.encrypt.trim() ? { encrypt: sig.encrypt } : {}) }), setSigOut)
          }
        >
          <div className="form-grid">
            <Field label={t('workbench.timestamp')} error={errors.sign.timestamp}>
              {(p) => (
                <div className="input-group">
                  <input {...p} className="input mono" value={sig.timestamp} onChange={(e) => setSig((s) => ({ ...s, timestamp: e.target.value }))} />
                  <button type="button" className="btn btn-icon" aria-label={t('workbench.now')} title={t('workbench.now')} onClick={() => setSig((s) => ({ ...s, timestamp: String(Math.floor(Date.now() / 1000)) }))}>
                    <Icon name="clock" />
                  </button>
                </div>
              )}
            </Field>
            <Field label={t('workbench.nonce')} error={errors.sign.nonce}>
              {(p) => (
                <div className="input-group">
                  <input {...p} className="input mono" value={sig.nonce} onChange={(e) => setSig((s) => ({ ...s, nonce: e.target.value }))} />
                  <button type="button" className="btn btn-icon" aria-label={t('workbench.newNonce')} title={t('workbench.newNonce')} onClick={() => setSig((s) => ({ ...s, nonce: generateNonce() }))}>
                    <Icon name="refresh" />
                  </button>
                </div>
              )}
            </Field>
          </div>
          <Field label={t('workbench.signEncrypt')} error={errors.sign.encrypt} hint={t('workbench.signEncryptHint')}>
            {(p) => <textarea {...p} className="textarea mono" rows={3} value={sig.encrypt} onChange={(e) => setSig((s) => ({ ...s, encrypt: e.target.value }))} spellCheck={false} />}
          </Field>
          {sigOut && (
            <div className="result" aria-label={t('workbench.signResult')}>
              <div className="small muted">
                <Badge tone="blue" data>
                  {sigOut.kind}
                </Badge>{' '}
                {t('workbench.sortedInputs')}
              </div>
              <ol className="sorted-list" translate="no">
                {sigOut.sorted.map((s, i) => (
                  <li key={i}>{s}</li>
                ))}
              </ol>
              <CodeBlock title={t('inspector.joined')} value={sigOut.joined} copyLabel={t('copy.joined')} />
              <div className="row">
                <span className="small muted">{t('crypto.sha1')}</span>
                <span className="value-mono" data-testid="signature-sha1">
                  {sigOut.sha1}
                </span>
                <CopyButton value={sigOut.sha1} label={t('copy.signature')} />
              </div>
            </div>
          )}
        </Panel>
      </div>
    </div>
  );
}
