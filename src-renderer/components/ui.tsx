import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon, type IconName } from './Icon';

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API refused (no focus, permissions): fall back to a selection copy.
    const ta = document.createElement('textarea');
    ta.value = text;
    ta.setAttribute('readonly', '');
    ta.style.position = 'fixed';
    ta.style.opacity = '0';
    document.body.appendChild(ta);
    ta.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    ta.remove();
    return ok;
  }
}

/** Copies a value; says "Copied" for a moment. `label` names what is copied (its accessible name is "Copy <label>"). */
export function CopyButton({ value, label, size = 'xs', text }: { value: string; label: string; size?: 'xs' | 'sm'; text?: boolean }): React.JSX.Element {
  const { t } = useTranslation();
  const [done, setDone] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  const name = t('common.copyWhat', { what: label });
  return (
    <button
      type="button"
      className={`btn btn-ghost btn-${size} ${text ? '' : 'btn-icon'}`}
      aria-label={name}
      title={done ? t('common.copied') : name}
      onClick={async () => {
        const ok = await copyText(value);
        setDone(ok);
        if (timer.current) clearTimeout(timer.current);
        timer.current = setTimeout(() => setDone(false), 1400);
      }}
    >
      <Icon name={done ? 'check' : 'copy'} size={14} />
      {text && <span>{done ? t('common.copied') : t('common.copy')}</span>}
      <span className="sr-only" aria-live="polite">
        {done ? t('common.copied') : ''}
      </span>
    </button>
  );
}

/** A small label. `data` marks a value (an identifier, a name) rather than words of the UI: it is never translated. */
export function Badge({
  tone = 'grey',
  children,
  title,
  data,
}: {
  tone?: 'grey' | 'green' | 'red' | 'amber' | 'blue' | 'violet' | 'outline';
  children: ReactNode;
  title?: string;
  data?: boolean;
}): React.JSX.Element {
  return (
    <span className={`badge ${tone === 'grey' ? '' : `badge-${tone}`}`} title={title} translate={data ? 'no' : undefined}>
      {children}
    </span>
  );
}

export function Callout({ tone, title, children, icon }: { tone: 'ok' | 'error' | 'warn' | 'info'; title?: ReactNode; children?: ReactNode; icon?: IconName }): React.JSX.Element {
  const fallback: Record<typeof tone, IconName> = { ok: 'checkCircle', error: 'xCircle', warn: 'alert', info: 'info' };
  return (
    <div className={`callout callout-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <Icon name={icon ?? fallback[tone]} />
      <div>
        {title && <div style={{ fontWeight: 600 }}>{title}</div>}
        {children}
      </div>
    </div>
  );
}

export function Empty({ icon = 'info', title, children }: { icon?: IconName; title: ReactNode; children?: ReactNode }): React.JSX.Element {
  return (
    <div className="empty">
      <Icon name={icon} size={28} strokeWidth={1.6} />
      <div className="empty-title">{title}</div>
      {children && <div className="small">{children}</div>}
    </div>
  );
}

/** A titled block of raw text (a request, a body, a decrypted message) with a copy button. */
export function CodeBlock({ title, value, copyLabel, empty }: { title: string; value: string; copyLabel?: string; empty?: string }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <div>
      <div className="code-head">
        <span className="code-title">{title}</span>
        {value && <CopyButton value={value} label={copyLabel ?? title} text />}
      </div>
      <pre className="code" tabIndex={0} aria-label={title} translate="no">
        {value || <span className="muted">{empty ?? t('common.empty')}</span>}
      </pre>
    </div>
  );
}

/** A tab list: buttons with role=tab; the panel is the caller's (given aria-labelledby of the selected tab). */
export function Tabs<T extends string>({
  label,
  tabs,
  value,
  onChange,
  idPrefix,
}: {
  label: string;
  tabs: ReadonlyArray<{ value: T; label: ReactNode; icon?: IconName; count?: number }>;
  value: T;
  onChange: (v: T) => void;
  idPrefix: string;
}): React.JSX.Element {
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  const onKey = (e: React.KeyboardEvent, i: number): void => {
    const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!d) return;
    e.preventDefault();
    const next = (i + d + tabs.length) % tabs.length;
    refs.current[next]?.focus();
    onChange(tabs[next]!.value);
  };
  return (
    <div className="tabs" role="tablist" aria-label={label}>
      {tabs.map((t, i) => (
        <button
          key={t.value}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="tab"
          id={`${idPrefix}-tab-${t.value}`}
          aria-selected={value === t.value}
          aria-controls={`${idPrefix}-panel`}
          tabIndex={value === t.value ? 0 : -1}
          className="tab"
          onClick={() => onChange(t.value)}
          onKeyDown={(e) => onKey(e, i)}
        >
          {t.icon && <Icon name={t.icon} size={15} />}
          {t.label}
          {t.count !== undefined && <span className="badge">{t.count}</span>}
        </button>
      ))}
    </div>
  );
}

export function Spinner({ label }: { label?: string }): React.JSX.Element {
  const { t } = useTranslation();
  return <span className="spinner" role="status" aria-label={label ?? t('common.loading')} />;
}

/** A modal dialog on the native <dialog> (focus trap, Escape, backdrop for free). */
export function Dialog({ open, onClose, title, children, actions }: { open: boolean; onClose: () => void; title: string; children: ReactNode; actions: ReactNode }): React.JSX.Element {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="dialog" aria-label={title} onClose={onClose} onCancel={onClose}>
      {open && (
        <div className="dialog-body">
          <h2>{title}</h2>
          {children}
          <div className="dialog-actions">{actions}</div>
        </div>
      )}
    </dialog>
  );
}

export function formatTime(ms: number | null | undefined, withMs = false): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const d = new Date(ms);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  const t = `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
  return withMs ? `${t}.${p(d.getMilliseconds(), 3)}` : t;
}

/** A date and time that may wrap between the two, never inside either (narrow tables). */
export function DateTime({ ms }: { ms: number | null | undefined }): React.JSX.Element {
  const [date, time] = formatDateTime(ms).split(' ');
  return (
    <span className="datetime">
      <span className="nowrap">{date}</span> {time && <span className="nowrap">{time}</span>}
    </span>
  );
}

export function formatDateTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${formatTime(ms)}`;
}
