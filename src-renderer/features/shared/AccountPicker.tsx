import { useTranslation } from 'react-i18next';
import type { Account } from '../../api/types';

/** "Fill from an account": a select of the WeChat console's accounts that hands the chosen one over, then resets. */
export function AccountPicker({
  label,
  ariaLabel,
  accounts,
  onPick,
}: {
  label: string;
  ariaLabel?: string;
  accounts: readonly Account[];
  onPick: (account: Account) => void;
}): React.JSX.Element | null {
  const { t } = useTranslation();
  if (accounts.length === 0) return null;
  return (
    <label className="row small muted">
      {label}
      <select
        className="select"
        style={{ width: 220 }}
        value=""
        aria-label={ariaLabel}
        onChange={(e) => {
          const a = accounts.find((x) => x.appId === e.target.value);
          if (a) onPick(a);
        }}
      >
        <option value="">{t('shared.chooseAccount')}</option>
        {accounts.map((a) => (
          <option key={a.appId} value={a.appId}>
            {a.name}
          </option>
        ))}
      </select>
    </label>
  );
}
