import { CopyButton } from '../../components/ui';

/** A value shown as it is (an address, an id) with its copy button; `label` names it for the button. */
export function CopyValue({ value, label }: { value: string; label: string }): React.JSX.Element {
  return (
    <span className="row">
      <span className="value-mono break">{value}</span>
      <CopyButton value={value} label={label} />
    </span>
  );
}
