import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../components/Icon';
import { useMessageText } from '../i18n/hooks';
import { useActions, useStudio } from '../store/context';
import { selectToasts } from '../store/selectors';
import type { Toast } from '../store/types';

/** How long a toast stays before it fades; errors a little longer, to be read. */
export const TOAST_MS = { ok: 4000, info: 4000, error: 7000 } as const;
const FADE_MS = 400;

function ToastItem({ toast }: { toast: Toast }): React.JSX.Element {
  const { t } = useTranslation();
  const { dismiss } = useActions();
  const text = useMessageText();
  const [leaving, setLeaving] = useState(false);
  useEffect(() => {
    setLeaving(false);
    const fade = setTimeout(() => setLeaving(true), TOAST_MS[toast.kind] - FADE_MS);
    const gone = setTimeout(() => dismiss(toast.id), TOAST_MS[toast.kind]);
    return () => {
      clearTimeout(fade);
      clearTimeout(gone);
    };
  }, [toast, dismiss]);
  return (
    <div className={`toast toast-${toast.kind}${leaving ? ' leaving' : ''}`} role={toast.kind === 'error' ? 'alert' : 'status'} data-testid="toast">
      <Icon name={toast.kind === 'ok' ? 'checkCircle' : toast.kind === 'error' ? 'xCircle' : 'info'} />
      <span className="toast-text">
        {text(toast.message)}
        {toast.repeats > 1 && <span className="toast-count">{t('toasts.repeats', { count: toast.repeats })}</span>}
      </span>
      <button type="button" className="btn btn-ghost btn-icon btn-sm" aria-label={t('common.dismiss')} onClick={() => dismiss(toast.id)}>
        <Icon name="x" size={14} />
      </button>
    </div>
  );
}

/** Toasts sit at the bottom left of the work area: never over the phone, which is on the right of the stage. */
export function Toasts(): React.JSX.Element {
  const toasts = useStudio(selectToasts);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} />
      ))}
    </div>
  );
}
