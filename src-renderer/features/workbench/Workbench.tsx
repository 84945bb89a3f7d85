import { AesKeyInput } from '../shared/AesKeyInput';
import { AccountPicker } from '../shared/AccountPicker';
import { useState, type ReactNode } from 'react';
import { Icon } from '../../components/Icon';
import { Field, SecretInput } from '../../components/form';
import { Badge, Callout, CodeBlock, CopyButton } from '../../components/ui';
import { ApiError } from '../../api/http';
import type { WorkbenchBreakdown, WorkbenchDecryptResult, WorkbenchEncryptResult, WorkbenchSignResult } from '../../api/types';
import { useApi, useStudio } from '../../store/context';
import { errorText } from '../../store/errors';
import { selectAccounts } from '../../store/selectors';
import { generateNonce } from '../shared/generate';

type KeyField = 'token' | 'encodingAesKey' | 'appId';
type Errors = Partial<Record<string, string>>;

function Breakdown({ b, expectedAppId }: { b: WorkbenchBreakdown; expectedAppId?: string }): React.JSX.Element {
  const mismatch = expectedAppId !== undefined && expectedAppId !== b.appId;
  return (
    <dl className="kv small">
      <dt>AES key</dt>
      <dd className="value-mono">{b.aesKeyHex}</dd>
      <dt>IV</dt>
      <dd className="value-mono">{b.ivHex}</dd>
      <dt>Random</dt>
      <dd className="value-mono">
        {b.randomHex}
        {b.randomText ? <span className="muted"> “{b.randomText}”</span> : null}
      </dd>
      <dt>Length</dt>
      <dd className="value-mono">{b.length} bytes</dd>
      <dt>AppID</dt>
      <dd className="value-mono" style={mismatch ? { color: 'var(--red)' } : undefined}>
        {b.appId || '(empty)'} {expectedAppId !== undefined && (mismatch ? <Badge tone="red">expected {expectedAppId}</Badge> : <Badge tone="green">matches</Badge>)}
      </dd>
      <dt>Padding</dt>
      <dd className="value-mono">
        {b.padding} bytes (ciphertext {b.cipherBytes} bytes)
      </dd>
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
        setFormError((e) => ({ ...e, [panel]: 'The workbench routes are not available in this build of the studio server.' }));
      } else if (err instanceof ApiError && err.field) {
        const f = err.field;
        if (f === 'token' || f === 'encodingAesKey' || f === 'appId') setKeyErrors((e) => ({ ...e, [f]: err.message }));
        else setErrors((e) => ({ ...e, [panel]: { [f]: err.message } }));
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
            <Icon name="key" /> Keys
          </h2>
          <AccountPicker
            label="Load from an account"
            accounts={accounts}
            onPick={(a) => {
              setKeys({ token: a.server.token, encodingAesKey: a.server.encodingAesKey, appId: a.appId });
              setKeyErrors({});
            }}
          />
        </div>
        <div className="card-body grid-3">
          <Field label="Token" error={keyErrors.token} hint="Used by Sign.">
            {(p) => <SecretInput control={p} value={keys.token} onChange={(v) => setKey('token', v)} revealLabel="Token" />}
          </Field>
          <Field label="EncodingAESKey" error={keyErrors.encodingAesKey} hint="43 characters; used by Encrypt and Decrypt.">
            {(p) => (
              <AesKeyInput control={p} value={keys.encodingAesKey} onChange={(v) => setKey('encodingAesKey', v)} />
            )}
          </Field>
          <Field label="AppID" error={keyErrors.appId} hint="Appended when encrypting; checked when decrypting.">
            {(p) => <input {...p} className="input mono" value={keys.appId} onChange={(e) => setKey('appId', e.target.value)} spellCheck={false} placeholder="wx…" />}
          </Field>
        </div>
      </div>

      <div className="bench">
        <Panel
          title="Encrypt"
          icon="lock"
          action="Encrypt"
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
          <Field label="Message" error={errors.encrypt.message}>
            {(p) => <textarea {...p} className="textarea mono" rows={6} value={enc.message} onChange={(e) => setEnc((s) => ({ ...s, message: e.target.value }))} spellCheck={false} />}
          </Field>
          <Field label="Random prefix" error={errors.encrypt.random} hint="Optional: 16 ASCII characters or 32 hex digits, to reproduce a known ciphertext.">
            {(p) => <input {...p} className="input mono" value={enc.random} onChange={(e) => setEnc((s) => ({ ...s, random: e.target.value }))} spellCheck={false} />}
          </Field>
          {encOut && (
            <div className="result" aria-label="Encrypt result">
              <CodeBlock title="Encrypt" value={encOut.encrypt} copyLabel="ciphertext" />
              <Breakdown b={encOut} />
            </div>
          )}
        </Panel>

        <Panel
          title="Decrypt"
          icon="lockOpen"
          action="Decrypt"
          busy={busy === 'decrypt'}
          error={formError.decrypt}
          onSubmit={() => void run('decrypt', () => api.wbDecrypt({ encodingAesKey: keys.encodingAesKey, encrypt: dec.encrypt, ...(keys.appId ? { appId: keys.appId } : {}) }), setDecOut)}
        >
          <Field label="Ciphertext" error={errors.decrypt.encrypt} hint="The Encrypt element of a push or a reply (Base64).">
            {(p) => <textarea {...p} className="textarea mono" rows={6} value={dec.encrypt} onChange={(e) => setDec({ encrypt: e.target.value })} spellCheck={false} />}
          </Field>
          {decOut && (
            <div className="result" aria-label="Decrypt result">
              <Breakdown b={decOut} expectedAppId={decOut.expectedAppId} />
              <CodeBlock title="Message" value={decOut.message} copyLabel="decrypted message" />
            </div>
          )}
        </Panel>

        <Panel
          title="Sign"
          icon="key"
          action="Sign"
          busy={busy === 'sign'}
          error={formError.sign}
          onSubmit={() =>
            void run('sign', () => api.wbSign({ token: keys.token, timestamp: sig.timestamp, nonce: sig.nonce, ...(sig.encrypt.trim() ? { encrypt: sig.encrypt } : {}) }), setSigOut)
          }
        >
          <div className="form-grid">
            <Field label="Timestamp" error={errors.sign.timestamp}>
              {(p) => (
                <div className="input-group">
                  <input {...p} className="input mono" value={sig.timestamp} onChange={(e) => setSig((s) => ({ ...s, timestamp: e.target.value }))} />
                  <button type="button" className="btn btn-icon" aria-label="Use the current time" onClick={() => setSig((s) => ({ ...s, timestamp: String(Math.floor(Date.now() / 1000)) }))}>
                    <Icon name="clock" />
                  </button>
                </div>
              )}
            </Field>
            <Field label="Nonce" error={errors.sign.nonce}>
              {(p) => (
                <div className="input-group">
                  <input {...p} className="input mono" value={sig.nonce} onChange={(e) => setSig((s) => ({ ...s, nonce: e.target.value }))} />
                  <button type="button" className="btn btn-icon" aria-label="New nonce" onClick={() => setSig((s) => ({ ...s, nonce: generateNonce() }))}>
                    <Icon name="refresh" />
                  </button>
                </div>
              )}
            </Field>
          </div>
          <Field label="Encrypt (for msg_signature)" error={errors.sign.encrypt} hint="Blank: the URL signature (Token, timestamp, nonce). With a ciphertext: msg_signature.">
            {(p) => <textarea {...p} className="textarea mono" rows={3} value={sig.encrypt} onChange={(e) => setSig((s) => ({ ...s, encrypt: e.target.value }))} spellCheck={false} />}
          </Field>
          {sigOut && (
            <div className="result" aria-label="Sign result">
              <div className="small muted">
                <Badge tone="blue">{sigOut.kind}</Badge> sorted inputs:
              </div>
              <ol className="sorted-list">
                {sigOut.sorted.map((s, i) => (
                  <li key={i}>{s}</li>
                ))}
              </ol>
              <CodeBlock title="Joined" value={sigOut.joined} copyLabel="joined string" />
              <div className="row">
                <span className="small muted">SHA-1</span>
                <span className="value-mono" data-testid="signature-sha1">
                  {sigOut.sha1}
                </span>
                <CopyButton value={sigOut.sha1} label="signature" />
              </div>
            </div>
          )}
        </Panel>
      </div>
    </div>
  );
}
