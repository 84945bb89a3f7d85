import { useEffect } from 'react';
import { Icon } from '../components/Icon';
import { useActions, useStudio } from '../store/context';
import { selectToasts } from '../store/selectors';
import type { Toast } from '../store/types';

function ToastItem({ toast }: { toast: Toast }): React.JSX.Element {
  const { dismiss } = useActions();
  useEffect(() => {
    const t = setTimeout(() => dismiss(toast.id), toast.kind === 'error' ? 8000 : 4000);
    return () => clearTimeout(t);
  }, [toast, dismiss]);
  return (
    <div className={`toast toast-${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'}>
      <Icon name={toast.kind === 'ok' ? 'checkCircle' : toast.kind === 'error' ? 'xCircle' : 'info'} />
      <span className="toast-text">{toast.text}</span>
      <button type="button" className="btn btn-ghost btn-icon btn-sm" aria-label="Dismiss" onClick={() => dismiss(toast.id)}>
        <Icon name="x" size={14} />
      </button>
    </div>
  );
}

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
