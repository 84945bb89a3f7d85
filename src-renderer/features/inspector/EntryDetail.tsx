import { useEffect, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { Segmented } from '../../components/form';
import { Badge, CodeBlock, CopyButton, Empty, formatDateTime } from '../../components/ui';
import type { DecryptionStep, JournalAttempt, JournalEntry, SignatureStep } from '../../api/types';
import { EntryTitle, roundMs } from './JournalList';
import { SaidText } from '../../i18n/said';
import type { Said } from '../../api/types';
import { useActions } from '../../store/context';
import { curlOf, queryOf, rawRequest, rawResponse } from './raw';
import { DecodedTokens } from '../oidc/DecodedTokens';
import { AuditLink } from '../audit/AuditLink';

type SectionId = 'verdict' | 'request' | 'response' | 'tokens' | 'signature' | 'decryption' | 'decrypted';
const anchor = (section: SectionId): string => `entry-${section}`;

function Section({
  section,
  title,
  icon,
  children,
  actions,
}: {
  section: SectionId;
  title: string;
  icon?: Parameters<typeof Icon>[0]['name'];
  children: ReactNode;
  actions?: ReactNode;
}): React.JSX.Element {
  const id = useId();
  return (
    <section className="detail-section" aria-labelledby={id} id={anchor(section)}>
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
  const { t } = useTranslation();
  const list = Object.entries(headers);
  if (!list.length) return <span className="muted small">{t('inspector.noHeaders')}</span>;
  return (
    <dl className="headers" aria-label={label} translate="no">
      {list.map(([k, v]) => (
        <div key={k} style={{ display: 'contents' }}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Links to the entries the receiving server wrote about this exchange (a push → the login server's handling). */
function Related({ ids }: { ids: string[] }): React.JSX.Element {
  const { t } = useTranslation();
  const { selectEntry, navigate } = useActions();
  return (
    <div className="related-links" data-testid="related">
      <span>{t('qa.inspector.related')}</span>
      {ids.map((id) => (
        <button
          key={id}
          type="button"
          className="btn btn-xs"
          aria-label={t('qa.inspector.relatedEntry', { id })}
          onClick={() => {
            selectEntry(id);
            navigate({ view: 'inspector', params: [id] });
          }}
        >
          <Icon name="arrowLeft" size={12} />
          <span className="mono" translate="no">
            {id.slice(0, 8)}
          </span>
        </button>
      ))}
    </div>
  );
}

/**
 * One reason in the reader's language: a fix hint stands out under its own label; the line that says all
 * attempts failed is marked; the others quote what was seen.
 */
function Reason({ text, said }: { text: string; said: Said | undefined }): React.JSX.Element {
  const { t } = useTranslation();
  const hint = said?.code === 'push.fix' && typeof said.values?.hint === 'object' ? said.values.hint : undefined;
  if (hint || (!said && text.startsWith('fix: '))) {
    return (
      <li className="hint" data-testid="fix-hint">
        <strong>{t('qa.inspector.fixHint')}</strong>
        <SaidText said={hint} text={text.replace(/^fix: /, '')} />
      </li>
    );
  }
  return (
    <li className={/\(attempt (\d+) of \1\)/.test(text) ? 'attempts' : undefined}>
      <SaidText said={said} text={text} />
    </li>
  );
}

function Verdict({ entry }: { entry: JournalEntry }): React.JSX.Element {
  const ok = entry.verdict.ok;
  const { t } = useTranslation();
  const n = entry.attempts.length;
  const allFailed = !ok && entry.kind === 'push' && n > 1 && entry.attempts.every((a) => a.response?.status !== 200);
  return (
    <Section section="verdict" title={t('inspector.sections.verdict')} icon={ok ? 'checkCircle' : 'xCircle'}>
      <div className={`verdict-banner ${ok ? 'ok' : 'bad'}`} data-testid="verdict" data-ok={ok}>
        <Icon name={ok ? 'checkCircle' : 'xCircle'} size={22} />
        <div>
          <strong>{ok ? t('inspector.passed') : allFailed ? t('qa.inspector.attemptsFailed', { count: n }) : t('inspector.failed')}</strong>
          {entry.verdict.reasons.length > 0 ? (
            <ul className="reasons">
              {entry.verdict.reasons.map((r, i) => (
                <Reason key={i} text={r} said={entry.verdict.said?.[i]} />
              ))}
            </ul>
          ) : (
            <div className="small">{ok ? t('inspector.allPassed') : t('inspector.noReason')}</div>
          )}
          {entry.related && entry.related.length > 0 && <Related ids={entry.related} />}
        </div>
      </div>
    </Section>
  );
}

/** A long value (a ciphertext) shortened to its ends, with its length; the copy button copies it whole. */
function Long({ value, max = 72 }: { value: string; max?: number }): React.JSX.Element {
  const { t } = useTranslation();
  if (value.length <= max) return <>{value}</>;
  return (
    <span title={value}>
      {value.slice(0, max - 24)}
      <span className="muted">…</span>
      {value.slice(-16)} <span className="muted">{t('inspector.chars', { count: value.length })}</span>
    </span>
  );
}

/**
 * A protocol step's label as the engine records it ("push Encrypt (attempt 2)", "reply MsgSignature",
 * "msg_signature"): the protocol's name stays as written, the words around it are the reader's.
 */
function StepLabel({ label }: { label: string }): React.JSX.Element {
  const { t } = useTranslation();
  const m = /^(?:(push|reply) )?(\S+)(?: \(attempt (\d+)\))?$/.exec(label);
  if (!m) return <span translate="no">{label}</span>;
  const side = m[1] ? t(`inspector.stepLabel.${m[1] as 'push' | 'reply'}`, { name: m[2] }) : m[2]!;
  return <span>{m[3] ? t('inspector.stepLabel.attempt', { label: side, n: m[3] }) : side}</span>;
}

function SignatureView({ step }: { step: SignatureStep }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <div className="step" aria-label={t('inspector.signatureOf', { label: step.label })}>
      <div className="step-head">
        <StepLabel label={step.label} />
        <span className="spacer" />
        {step.ok === undefined ? null : step.ok ? <Badge tone="green">{t('inspector.matches')}</Badge> : <Badge tone="red">{t('inspector.mismatch')}</Badge>}
      </div>
      <div className="small muted">{t('inspector.sortStep')}</div>
      <ol className="sorted-list" aria-label={t('inspector.sortedInputs')} translate="no">
        {step.sorted.map((s, i) => (
          <li key={i}>
            <Long value={s} />
          </li>
        ))}
      </ol>
      <div className="small muted">{t('inspector.joinStep')}</div>
      <dl className="kv">
        <dt>{t('inspector.joined')}</dt>
        <dd translate="no">
          <span className="row" style={{ alignItems: 'flex-start' }}>
            <span style={{ flex: 1, overflowWrap: 'anywhere' }}>
              <Long value={step.joined} max={96} />
            </span>
            <CopyButton value={step.joined} label={t('copy.joinedOf', { label: step.label })} />
          </span>
        </dd>
        <dt>SHA-1</dt>
        <dd translate="no">
          <span className="row">
            {step.sha1}
            <CopyButton value={step.sha1} label={t('copy.sha1Of', { label: step.label })} />
          </span>
        </dd>
        {step.expected !== undefined && (
          <>
            <dt>{step.ok === false ? t('inspector.received') : t('inspector.comparedWith')}</dt>
            <dd translate="no" style={step.ok === false ? { color: 'var(--red)' } : undefined}>{step.expected || t('inspector.none')}</dd>
          </>
        )}
      </dl>
    </div>
  );
}

function DecryptionView({ step }: { step: DecryptionStep }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <div className="step" aria-label={t('inspector.decryptionOf', { label: step.label })}>
      <div className="step-head">
        <StepLabel label={step.label} />
        <span className="spacer" />
        {step.ok ? <Badge tone="green">{t('inspector.decrypted')}</Badge> : <Badge tone="red">{t('inspector.failedBadge')}</Badge>}
      </div>
      <dl className="kv">
        <dt>{t('crypto.aesKey')}</dt>
        <dd translate="no">{step.aesKeyHex}</dd>
        <dt>{t('crypto.iv')}</dt>
        <dd translate="no">{step.ivHex}</dd>
        <dt>{t('crypto.random')}</dt>
        <dd translate="no">{step.randomHex}</dd>
        <dt>{t('crypto.length')}</dt>
        <dd translate="no">{t('crypto.bytes', { count: step.length })}</dd>
        <dt>{t('crypto.appId')}</dt>
        <dd translate="no" style={step.expectedAppId && step.expectedAppId !== step.appId ? { color: 'var(--red)' } : undefined}>
          {step.appId || t('common.empty')}
          {step.expectedAppId && step.expectedAppId !== step.appId ? ` — ${t('crypto.expected', { appId: step.expectedAppId })}` : ''}
        </dd>
      </dl>
      <CodeBlock title={t('crypto.message')} value={step.message} copyLabel={t('copy.decryptedMessageOf', { label: step.label })} />
    </div>
  );
}

function AttemptView({ attempt }: { attempt: JournalAttempt }): React.JSX.Element {
  const r = attempt.request;
  const query = queryOf(r.url);
  const { t } = useTranslation();
  return (
    <>
      <Section
        section="request"
        title={t('inspector.sections.request')}
        icon="send"
        actions={
          <span className="row">
            <CopyButton value={rawRequest(r)} label={t('copy.rawRequest')} text />
            <CopyButton value={curlOf(r)} label={t('copy.curl')} />
          </span>
        }
      >
        <div className="row" style={{ alignItems: 'flex-start' }}>
          <span className="attempt-line" style={{ flex: 1 }} translate="no">
            <strong>{r.method}</strong> {r.url}
          </span>
          <CopyButton value={r.url} label={t('copy.requestUrl')} />
        </div>
        {query.length > 0 && (
          <dl className="headers" aria-label={t('inspector.query')} translate="no">
            {query.map(([k, v], i) => (
              <div key={i} style={{ display: 'contents' }}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        )}
        <Headers headers={r.headers} label={t('inspector.requestHeaders')} />
        <CodeBlock title={t('inspector.requestBody')} value={r.body} copyLabel={t('copy.requestBody')} />
      </Section>
      <Section
        section="response"
        title={t('inspector.sections.response')}
        icon="arrowLeft"
        actions={attempt.response ? <CopyButton value={rawResponse(attempt.response)} label={t('copy.rawResponse')} text /> : undefined}
      >
        {attempt.response ? (
          <>
            <div className="row">
              <Badge tone={attempt.response.status < 300 ? 'green' : attempt.response.status < 500 ? 'amber' : 'red'}>HTTP {attempt.response.status}</Badge>
              <span className="muted small">{t('common.ms', { ms: roundMs(attempt.ms) })}</span>
            </div>
            <Headers headers={attempt.response.headers} label={t('inspector.responseHeaders')} />
            <CodeBlock title={t('inspector.responseBody')} value={attempt.response.body} copyLabel={t('copy.responseBody')} />
          </>
        ) : (
          <div className="callout callout-error">
            <Icon name="xCircle" />
            <div>
              {attempt.error ? t('inspector.noResponseWhy', { error: attempt.error, ms: roundMs(attempt.ms) }) : t('inspector.noResponse', { ms: roundMs(attempt.ms) })}
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
  const { t } = useTranslation();
  useEffect(() => setAttempt(Math.max(0, (entry?.attempts.length ?? 1) - 1)), [entry?.id, entry?.attempts.length]);

  if (!entry) {
    return (
      <div className="card detail">
        <Empty icon="inspector" title={t('inspector.selectTitle')}>
          {t('inspector.selectHint')}
        </Empty>
      </div>
    );
  }
  const a = entry.attempts[Math.min(attempt, entry.attempts.length - 1)];
  const sigs = entry.signatures ?? [];
  const decs = entry.decryptions ?? [];
  const hasDecrypted = Boolean(entry.decrypted && (entry.decrypted.request || entry.decrypted.reply));
  const tokens = entry.tokens ?? [];
  const sectionTitle = (id: SectionId): string => (id === 'tokens' ? t('oidc.tokens.title') : t(`inspector.sections.${id}`));
  return (
    <article className="card detail" aria-label={t('inspector.entry')} data-testid="entry-detail">
      <div className="detail-head">
        <div className="row wrap">
          <Badge tone={entry.verdict.ok ? 'green' : 'red'}>{entry.verdict.ok ? t('inspector.pass') : t('inspector.fail')}</Badge>
          <Badge tone="outline">{t(`inspector.kinds.${entry.kind}`)}</Badge>
          {entry.source && <Badge tone="outline">{t(`inspector.sources.${entry.source}`)}</Badge>}
          {entry.appId && (
            <span className="mono xsmall muted" translate="no">
              {entry.appId}
            </span>
          )}
          <span className="spacer" />
          <span className="xsmall muted">{formatDateTime(entry.at)}</span>
        </div>
        <h2>
          <EntryTitle entry={entry} />
        </h2>
        {entry.audit && entry.appId && <AuditLink appId={entry.appId} audit={entry.audit} />}
        <nav className="jump" aria-label={t('inspector.sectionsNav')}>
          {(['verdict', 'request', 'response', ...(tokens.length ? ['tokens'] : []), ...(sigs.length ? ['signature'] : []), ...(decs.length ? ['decryption'] : []), ...(hasDecrypted ? ['decrypted'] : [])] as SectionId[]).map((id) => (
            <button key={id} type="button" className="btn btn-xs btn-ghost" onClick={() => document.getElementById(anchor(id))?.scrollIntoView({ block: 'start', behavior: 'smooth' })}>
              {sectionTitle(id)}
            </button>
          ))}
        </nav>
      </div>
      <div className="detail-scroll">
        <Verdict entry={entry} />
        {entry.attempts.length > 1 && (
          <Segmented
            label={t('inspector.attempt')}
            value={String(attempt)}
            onChange={(v) => setAttempt(Number(v))}
            options={entry.attempts.map((x, i) => ({
              value: String(i),
              label: x.response ? t('inspector.attemptStatus', { n: i + 1, status: x.response.status }) : t('inspector.attemptNoAnswer', { n: i + 1 }),
            }))}
          />
        )}
        {a && <AttemptView attempt={a} />}
        {tokens.length > 0 && (
          <Section section="tokens" title={sectionTitle('tokens')} icon="key">
            <DecodedTokens tokens={tokens} />
          </Section>
        )}
        {sigs.length > 0 && (
          <Section section="signature" title={t('inspector.sections.signature')} icon="key">
            {sigs.map((s, i) => (
              <SignatureView key={i} step={s} />
            ))}
          </Section>
        )}
        {decs.length > 0 && (
          <Section section="decryption" title={t('inspector.sections.decryption')} icon="lockOpen">
            {decs.map((d, i) => (
              <DecryptionView key={i} step={d} />
            ))}
          </Section>
        )}
        {entry.decrypted && hasDecrypted && (
          <Section section="decrypted" title={t('inspector.sections.decrypted')} icon="lockOpen">
            {entry.decrypted.request !== undefined && <CodeBlock title={t('inspector.decryptedRequest')} value={entry.decrypted.request} copyLabel={t('copy.decryptedRequest')} />}
            {entry.decrypted.reply !== undefined && <CodeBlock title={t('inspector.decryptedReply')} value={entry.decrypted.reply} copyLabel={t('copy.decryptedReply')} />}
          </Section>
        )}
      </div>
    </article>
  );
}
