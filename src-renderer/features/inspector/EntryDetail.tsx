import { useEffect, useId, useState, type ReactNode } from 'react';
import { Icon } from '../../components/Icon';
import { Segmented } from '../../components/form';
import { Badge, CodeBlock, CopyButton, Empty, formatDateTime } from '../../components/ui';
import type { DecryptionStep, JournalAttempt, JournalEntry, SignatureStep } from '../../api/types';
import { entryTitle } from './JournalList';
import { curlOf, queryOf, rawRequest, rawResponse } from './raw';

const anchor = (title: string): string => `entry-${title.toLowerCase().replace(/\W+/g, '-')}`;

function Section({ title, icon, children, actions }: { title: string; icon?: Parameters<typeof Icon>[0]['name']; children: ReactNode; actions?: ReactNode }): React.JSX.Element {
  const id = useId();
  return (
    <section className="detail-section" aria-labelledby={id} id={anchor(title)}>
      <h3 id={id}>
        {icon && <Icon name={icon} />}
        {title}
        <span className="spacer" />
        {actions}
      </h3>
      {children}
    </section>
  );
}

function Headers({ headers, label }: { headers: Record<string, string>; label: string }): React.JSX.Element {
  const list = Object.entries(headers);
  if (!list.length) return <span className="muted small">No headers</span>;
  return (
    <dl className="headers" aria-label={label}>
      {list.map(([k, v]) => (
        <div key={k} style={{ display: 'contents' }}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function Verdict({ entry }: { entry: JournalEntry }): React.JSX.Element {
  const ok = entry.verdict.ok;
  return (
    <Section title="Verdict" icon={ok ? 'checkCircle' : 'xCircle'}>
      <div className={`verdict-banner ${ok ? 'ok' : 'bad'}`} data-testid="verdict" data-ok={ok}>
        <Icon name={ok ? 'checkCircle' : 'xCircle'} size={22} />
        <div>
          <strong>{ok ? 'Passed' : 'Failed'}</strong>
          {entry.verdict.reasons.length > 0 ? (
            <ul className="reasons">
              {entry.verdict.reasons.map((r, i) => (
                <li key={i}>{r}</li>
              ))}
            </ul>
          ) : (
            <div className="small">{ok ? 'Every check passed.' : 'No reason was recorded.'}</div>
          )}
        </div>
      </div>
    </Section>
  );
}

/** A long value (a ciphertext) shortened to its ends, with its length; the copy button copies it whole. */
function Long({ value, max = 72 }: { value: string; max?: number }): React.JSX.Element {
  if (value.length <= max) return <>{value}</>;
  return (
    <span title={value}>
      {value.slice(0, max - 24)}
      <span className="muted">…</span>
      {value.slice(-16)} <span className="muted">({value.length} chars)</span>
    </span>
  );
}

function SignatureView({ step }: { step: SignatureStep }): React.JSX.Element {
  return (
    <div className="step" aria-label={`Signature: ${step.label}`}>
      <div className="step-head">
        {step.label}
        <span className="spacer" />
        {step.ok === undefined ? null : step.ok ? <Badge tone="green">matches</Badge> : <Badge tone="red">mismatch</Badge>}
      </div>
      <div className="small muted">1. Sort the inputs (byte order)</div>
      <ol className="sorted-list" aria-label="Sorted inputs">
        {step.sorted.map((s, i) => (
          <li key={i}>
            <Long value={s} />
          </li>
        ))}
      </ol>
      <div className="small muted">2. Join them, 3. SHA-1 of the joined text</div>
      <dl className="kv">
        <dt>Joined</dt>
        <dd>
          <span className="row" style={{ alignItems: 'flex-start' }}>
            <span style={{ flex: 1, overflowWrap: 'anywhere' }}>
              <Long value={step.joined} max={96} />
            </span>
            <CopyButton value={step.joined} label={`joined string of ${step.label}`} />
          </span>
        </dd>
        <dt>SHA-1</dt>
        <dd>
          <span className="row">
            {step.sha1}
            <CopyButton value={step.sha1} label={`SHA-1 of ${step.label}`} />
          </span>
        </dd>
        {step.expected !== undefined && (
          <>
            <dt>{step.ok === false ? 'Received' : 'Compared with'}</dt>
            <dd style={step.ok === false ? { color: 'var(--red)' } : undefined}>{step.expected || '(none)'}</dd>
          </>
        )}
      </dl>
    </div>
  );
}

function DecryptionView({ step }: { step: DecryptionStep }): React.JSX.Element {
  return (
    <div className="step" aria-label={`Decryption: ${step.label}`}>
      <div className="step-head">
        {step.label}
        <span className="spacer" />
        {step.ok ? <Badge tone="green">decrypted</Badge> : <Badge tone="red">failed</Badge>}
      </div>
      <dl className="kv">
        <dt>AES key</dt>
        <dd>{step.aesKeyHex}</dd>
        <dt>IV</dt>
        <dd>{step.ivHex}</dd>
        <dt>Random</dt>
        <dd>{step.randomHex}</dd>
        <dt>Length</dt>
        <dd>{step.length} bytes</dd>
        <dt>AppID</dt>
        <dd style={step.expectedAppId && step.expectedAppId !== step.appId ? { color: 'var(--red)' } : undefined}>
          {step.appId || '(empty)'}
          {step.expectedAppId && step.expectedAppId !== step.appId ? ` — expected ${step.expectedAppId}` : ''}
        </dd>
      </dl>
      <CodeBlock title="Message" value={step.message} copyLabel={`decrypted message of ${step.label}`} />
    </div>
  );
}

function AttemptView({ attempt }: { attempt: JournalAttempt }): React.JSX.Element {
  const r = attempt.request;
  const query = queryOf(r.url);
  return (
    <>
      <Section
        title="Request"
        icon="send"
        actions={
          <span className="row">
            <CopyButton value={rawRequest(r)} label="raw request" text />
            <CopyButton value={curlOf(r)} label="request as cURL" />
          </span>
        }
      >
        <div className="row" style={{ alignItems: 'flex-start' }}>
          <span className="attempt-line" style={{ flex: 1 }}>
            <strong>{r.method}</strong> {r.url}
          </span>
          <CopyButton value={r.url} label="request URL" />
        </div>
        {query.length > 0 && (
          <dl className="headers" aria-label="Query parameters">
            {query.map(([k, v], i) => (
              <div key={i} style={{ display: 'contents' }}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        )}
        <Headers headers={r.headers} label="Request headers" />
        <CodeBlock title="Request body" value={r.body} copyLabel="request body" />
      </Section>
      <Section title="Response" icon="arrowLeft" actions={attempt.response ? <CopyButton value={rawResponse(attempt.response)} label="raw response" text /> : undefined}>
        {attempt.response ? (
          <>
            <div className="row">
              <Badge tone={attempt.response.status < 300 ? 'green' : attempt.response.status < 500 ? 'amber' : 'red'}>HTTP {attempt.response.status}</Badge>
              <span className="muted small">{attempt.ms} ms</span>
            </div>
            <Headers headers={attempt.response.headers} label="Response headers" />
            <CodeBlock title="Response body" value={attempt.response.body} copyLabel="response body" />
          </>
        ) : (
          <div className="callout callout-error">
            <Icon name="xCircle" />
            <div>
              No response{attempt.error ? `: ${attempt.error}` : ''} ({attempt.ms} ms)
            </div>
          </div>
        )}
      </Section>
    </>
  );
}

/** One journal entry opened: verdict, the raw exchange (per attempt), signatures, decryptions, decrypted bodies. */
export function EntryDetail({ entry }: { entry: JournalEntry | undefined }): React.JSX.Element {
  const [attempt, setAttempt] = useState(0);
  useEffect(() => setAttempt(Math.max(0, (entry?.attempts.length ?? 1) - 1)), [entry?.id, entry?.attempts.length]);

  if (!entry) {
    return (
      <div className="card detail">
        <Empty icon="inspector" title="Select an exchange">
          Its raw request and response, the signature computation, the decryption and the verdict appear here.
        </Empty>
      </div>
    );
  }
  const a = entry.attempts[Math.min(attempt, entry.attempts.length - 1)];
  const sigs = entry.signatures ?? [];
  const decs = entry.decryptions ?? [];
  const hasDecrypted = Boolean(entry.decrypted && (entry.decrypted.request || entry.decrypted.reply));
  return (
    <article className="card detail" aria-label="Journal entry" data-testid="entry-detail">
      <div className="detail-head">
        <div className="row wrap">
          <Badge tone={entry.verdict.ok ? 'green' : 'red'}>{entry.verdict.ok ? 'pass' : 'fail'}</Badge>
          <Badge tone="outline">{entry.kind}</Badge>
          {entry.source && <Badge tone="outline">{entry.source}</Badge>}
          {entry.appId && <span className="mono xsmall muted">{entry.appId}</span>}
          <span className="spacer" />
          <span className="xsmall muted">{formatDateTime(entry.at)}</span>
        </div>
        <h2>{entryTitle(entry)}</h2>
        <nav className="jump" aria-label="Entry sections">
          {['Verdict', 'Request', 'Response', ...(sigs.length ? ['Signature'] : []), ...(decs.length ? ['Decryption'] : []), ...(hasDecrypted ? ['Decrypted'] : [])].map((t) => (
            <button key={t} type="button" className="btn btn-xs btn-ghost" onClick={() => document.getElementById(anchor(t))?.scrollIntoView({ block: 'start', behavior: 'smooth' })}>
              {t}
            </button>
          ))}
        </nav>
      </div>
      <div className="detail-scroll">
        <Verdict entry={entry} />
        {entry.attempts.length > 1 && (
          <Segmented
            label="Attempt"
            value={String(attempt)}
            onChange={(v) => setAttempt(Number(v))}
            options={entry.attempts.map((x, i) => ({
              value: String(i),
              label: `Attempt ${i + 1}${x.response ? ` · ${x.response.status}` : ' · no answer'}`,
            }))}
          />
        )}
        {a && <AttemptView attempt={a} />}
        {sigs.length > 0 && (
          <Section title="Signature" icon="key">
            {sigs.map((s, i) => (
              <SignatureView key={i} step={s} />
            ))}
          </Section>
        )}
        {decs.length > 0 && (
          <Section title="Decryption" icon="lockOpen">
            {decs.map((d, i) => (
              <DecryptionView key={i} step={d} />
            ))}
          </Section>
        )}
        {entry.decrypted && hasDecrypted && (
          <Section title="Decrypted" icon="lockOpen">
            {entry.decrypted.request !== undefined && <CodeBlock title="Decrypted request" value={entry.decrypted.request} copyLabel="decrypted request" />}
            {entry.decrypted.reply !== undefined && <CodeBlock title="Decrypted reply" value={entry.decrypted.reply} copyLabel="decrypted reply" />}
          </Section>
        )}
      </div>
    </article>
  );
}
