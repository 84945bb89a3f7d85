import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from './Icon';
import { useRuleText } from '../i18n/hooks';

/**
 * A labelled form field: the label is tied to the control (getByLabel works), the hint and the error are
 * tied by aria-describedby, and an error sets aria-invalid. The control is rendered by `children(props)`.
 */
export interface ControlProps {
  id: string;
  'aria-invalid': boolean | undefined;
  'aria-describedby': string | undefined;
  'aria-required'?: boolean;
}

export function Field({
  label,
  hint,
  error,
  required,
  children,
  className,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  required?: boolean;
  className?: string;
  children: (props: ControlProps) => ReactNode;
}): React.JSX.Element {
  const id = useId();
  // A contract rule text (the shared form checks, the API's 422) shows in the studio's language.
  const rule = useRuleText();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field ${className ?? ''}`}>
      <span className="field-label-row">
        <label className="field-label" htmlFor={id}>
          {label}
        </label>
        {required && (
          <span className="req" aria-hidden="true">
            *
          </span>
        )}
      </span>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy, ...(required ? { 'aria-required': true } : {}) })}
      {error && (
        <div className="field-error" id={errorId} role="alert">
          <Icon name="alert" size={14} />
          <span>{rule(error)}</span>
        </div>
      )}
      {hint && (
        <div className="field-hint" id={hintId}>
          {hint}
        </div>
      )}
    </div>
  );
}

/** A masked secret with a reveal toggle (secrets are hidden by default) and, optionally, a copy button. */
export function SecretInput({
  value,
  onChange,
  readOnly,
  name,
  control,
  placeholder,
  revealLabel,
  extra,
}: {
  value: string;
  onChange?: (v: string) => void;
  readOnly?: boolean;
  name?: string;
  control: ControlProps;
  placeholder?: string;
  revealLabel: string;
  extra?: ReactNode;
}): React.JSX.Element {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  return (
    <div className="input-group">
      <div className="input-wrap">
        <input
          {...control}
          className="input mono"
          type={shown ? 'text' : 'password'}
          name={name}
          value={value}
          readOnly={readOnly}
          placeholder={placeholder}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => onChange?.(e.target.value)}
        />
        <button
          type="button"
          className="btn btn-ghost btn-icon btn-sm input-affix"
          aria-label={shown ? t('common.hideWhat', { what: revealLabel }) : t('common.showWhat', { what: revealLabel })}
          aria-pressed={shown}
          title={shown ? t('common.hide') : t('common.show')}
          onClick={() => setShown((v) => !v)}
        >
          <Icon name={shown ? 'eyeOff' : 'eye'} />
        </button>
      </div>
      {extra}
    </div>
  );
}

export function Switch({
  checked,
  onChange,
  label,
  disabled,
}: {
  checked: boolean;
  onChange: (v: boolean) => void;
  label: ReactNode;
  disabled?: boolean;
}): React.JSX.Element {
  return (
    <label className="switch">
      <input type="checkbox" role="switch" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      <span>{label}</span>
    </label>
  );
}

/** A radio group drawn as a segmented control, with a group label for screen readers. */
export function Segmented<T extends string>({
  label,
  value,
  options,
  onChange,
  name,
}: {
  label: string;
  value: T;
  options: ReadonlyArray<{ value: T; label: ReactNode }>;
  onChange: (v: T) => void;
  name?: string;
}): React.JSX.Element {
  const auto = useId();
  return (
    <div className="segmented" role="radiogroup" aria-label={label}>
      {options.map((o) => (
        <label key={o.value}>
          <input type="radio" name={name ?? auto} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
          {o.label}
        </label>
      ))}
    </div>
  );
}

/** Radio cards: a titled option with a description each (message mode, login mode, association). */
export function RadioCards<T extends string>({
  legend,
  value,
  options,
  onChange,
  name,
  error,
  row,
}: {
  legend: string;
  value: T;
  options: ReadonlyArray<{ value: T; title: ReactNode; desc?: ReactNode }>;
  onChange: (v: T) => void;
  name: string;
  error?: string | null;
  row?: boolean;
}): React.JSX.Element {
  const id = useId();
  const rule = useRuleText();
  return (
    <fieldset className="field" style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }} aria-describedby={error ? `${id}-err` : undefined}>
      <legend className="field-label" style={{ padding: 0, marginBottom: 6 }}>
        {legend}
      </legend>
      <div className={`choices ${row ? 'choices-row' : ''}`}>
        {options.map((o) => (
          <label className="choice" key={o.value}>
            <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
            <span>
              <span className="choice-title">{o.title}</span>
              {o.desc && <span className="choice-desc" style={{ display: 'block' }}>{o.desc}</span>}
            </span>
          </label>
        ))}
      </div>
      {error && (
        <div className="field-error" id={`${id}-err`} role="alert">
          <Icon name="alert" size={14} />
          <span>{rule(error)}</span>
        </div>
      )}
    </fieldset>
  );
}
