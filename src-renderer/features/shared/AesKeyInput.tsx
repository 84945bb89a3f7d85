import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { SecretInput, type ControlProps } from '../../components/form';
import { generateAesKey } from './generate';

/** An EncodingAESKey: masked by default, with Generate (43 random characters of A–Z, a–z, 0–9, as WeChat's console does). */
export function AesKeyInput({ control, value, onChange }: { control: ControlProps; value: string; onChange: (value: string) => void }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <SecretInput
      control={control}
      value={value}
      onChange={onChange}
      revealLabel={t('fields.encodingAesKey')}
      extra={
        <button type="button" className="btn" onClick={() => onChange(generateAesKey())} title={t('shared.generateTitle')}>
          <Icon name="sparkle" size={14} /> {t('shared.generate')}
        </button>
      }
    />
  );
}
