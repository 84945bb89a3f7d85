import { useTranslation } from 'react-i18next';
import { CopyButton } from './ui';

/** A secret shown once (a new account, platform or application, a reset): the whole value and a copy button. */
export function SecretOnce({ secret, copyLabel, testId = 'secret-once' }: { secret: string; copyLabel: string; testId?: string }): React.JSX.Element {
  return (
    <div className="secret-once" data-testid={testId}>
      <span style={{ flex: 1, overflowWrap: 'anywhere' }} translate="no">
        {secret}
      </span>
      <CopyButton value={secret} label={copyLabel} size="sm" text />
    </div>
  );
}

/**
 * The buttons of a dialog that creates or resets something whose secret is shown once: Cancel and the action
 * until it is done, then Done alone. The action submits the form named by `form`, or runs `onAction`.
 */
export function OnceActions({
  done,
  onClose,
  actionLabel,
  form,
  onAction,
  busy,
}: {
  done: boolean;
  onClose: () => void;
  actionLabel: string;
  form?: string;
  onAction?: () => void;
  busy: boolean;
}): React.JSX.Element {
  const { t } = useTranslation();
  if (done)
    return (
      <button type="button" className="btn btn-primary" onClick={onClose}>
        {t('common.done')}
      </button>
    );
  return (
    <>
      <button type="button" className="btn" onClick={onClose}>
        {t('common.cancel')}
      </button>
      <button type={form ? 'submit' : 'button'} form={form} className="btn btn-primary" onClick={onAction} disabled={busy}>
        {actionLabel}
      </button>
    </>
  );
}
