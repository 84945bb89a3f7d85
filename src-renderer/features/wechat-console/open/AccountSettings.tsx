import { useTranslation } from 'react-i18next';
import { Icon } from '../../../components/Icon';
import type { Account } from '../../../api/types';
import { useStudio } from '../../../store/context';
import { selectRoute } from '../../../store/selectors';
import { Admins } from './Admins';
import { Authorizations } from './Authorizations';

/**
 * The account's settings about third-party platforms (公众号设置): its Authorization management page and,
 * below it, who administers the account (only they can authorize it on a platform's authorization page).
 */
export function AccountSettings({ account }: { account: Account }): React.JSX.Element {
  const route = useStudio(selectRoute);
  const { t } = useTranslation();
  const detailOpen = Boolean(route.params[2]);
  return (
    <div className="stack">
      <Authorizations account={account} />
      {!detailOpen && (
        <section className="stack account-admins" aria-label={t('openPlatform.admins.title')}>
          <h3>
            <Icon name="users" /> {t('openPlatform.admins.title')}
          </h3>
          <Admins account={account} />
        </section>
      )}
    </div>
  );
}
