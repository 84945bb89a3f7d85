import { CopyButton } from '../../components/ui';

/** A secret shown once (a new application, a reset): the whole value and a copy button. */
export function SecretOnce({ secret, copyLabel }: { secret: string; copyLabel: string }): React.JSX.Element {
  return (
    <div className="secret-once" data-testid="secret-once">
      <span style={{ flex: 1, overflowWrap: 'anywhere' }} translate="no">
        {secret}
      </span>
      <CopyButton value={secret} label={copyLabel} size="sm" text />
    </div>
  );
}
