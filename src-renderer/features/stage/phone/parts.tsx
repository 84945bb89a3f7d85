import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../components/Icon';

const AVATAR_COLOURS = ['#5b8ff9', '#f6903d', '#7262fd', '#2fc25b', '#f04864', '#13c2c2', '#8543e0', '#fa8c16'];

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return Math.abs(h);
}

/** A generated avatar: the first character on a colour derived from the name (no images to load). */
export function Avatar({ name, seed, size, account }: { name: string; seed?: string; size?: 'lg'; account?: boolean }): React.JSX.Element {
  const ch = [...(name.trim() || '?')][0]!.toUpperCase();
  const bg = account ? '#07c160' : AVATAR_COLOURS[hash(seed ?? name) % AVATAR_COLOURS.length];
  return (
    <span className={`wx-avatar ${size ?? ''}`} style={{ background: bg }} aria-hidden="true">
      {ch}
    </span>
  );
}

/** WeChat's navigation bar: a back button, a centred title, an optional right button. */
export function NavBar({
  title,
  onBack,
  backLabel,
  right,
  dark,
}: {
  title: ReactNode;
  onBack?: () => void;
  backLabel?: string;
  right?: ReactNode;
  dark?: boolean;
}): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <div className="wx-nav" style={dark ? { color: '#fff' } : undefined}>
      {onBack && (
        <button type="button" className="wx-nav-btn left" aria-label={backLabel ?? t('common.back')} onClick={onBack}>
          <Icon name={dark ? 'x' : 'chevronLeft'} size={22} />
        </button>
      )}
      <span className="wx-nav-title">{title}</span>
      {right}
    </div>
  );
}

/** HH:MM, as a phone's status bar shows it. */
export function clockText(at: number): string {
  const d = new Date(at);
  return `${d.getHours()}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** The wall clock, to the minute (re-rendered only when the minute changes). */
function useMinute(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(id);
  }, []);
  return Math.floor(now / 60_000) * 60_000;
}

/** The phone's status bar; its clock shows the chat's time (`at`, its last message) or, elsewhere, now. */
export function StatusBar({ at }: { at?: number | undefined }): React.JSX.Element {
  const now = useMinute();
  const shown = at ?? now;
  return (
    <div className="phone-status" aria-hidden="true">
      <span data-testid="phone-clock" data-at={shown}>
        {clockText(shown)}
      </span>
      <span className="phone-status-icons">
        <svg width="17" height="11" viewBox="0 0 17 11" fill="currentColor">
          <rect x="0" y="7" width="3" height="4" rx="1" />
          <rect x="4.5" y="5" width="3" height="6" rx="1" />
          <rect x="9" y="2.5" width="3" height="8.5" rx="1" />
          <rect x="13.5" y="0" width="3" height="11" rx="1" />
        </svg>
        <Icon name="wifi" size={15} strokeWidth={2.4} />
        <svg width="25" height="12" viewBox="0 0 25 12" fill="none">
          <rect x="0.5" y="0.5" width="21" height="11" rx="3" stroke="currentColor" opacity="0.45" />
          <rect x="2" y="2" width="16" height="8" rx="1.6" fill="currentColor" />
          <rect x="23" y="4" width="1.6" height="4" rx="0.8" fill="currentColor" opacity="0.45" />
        </svg>
      </span>
    </div>
  );
}
