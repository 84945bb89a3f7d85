import { useTranslation } from 'react-i18next';
import type { DemoRole } from '../../../src-main/contracts/demo';
import { Icon } from '../../components/Icon';
import { useStudio } from '../../store/context';
import { selectDemo } from '../../store/qa-selectors';
import { selectPersonas } from '../../store/selectors';

/** The part a demo persona plays, or undefined for a persona the demo did not create. */
export function useDemoRole(personaId: string | null | undefined): DemoRole | undefined {
  const demo = useStudio(selectDemo);
  return personaId ? demo?.personas.find((p) => p.id === personaId)?.role : undefined;
}

/** The demo at a glance: the password account that query binding asks for, and what each persona is for. */
export function DemoGuide(): React.JSX.Element | null {
  const { t } = useTranslation();
  const demo = useStudio(selectDemo);
  const personas = useStudio(selectPersonas).data;
  if (!demo?.seeded) return null;
  return (
    <section className="qa-section" aria-label={t('qa.demo.title')}>
      <h3>
        <Icon name="users" size={15} /> {t('qa.demo.title')}
      </h3>
      <dl className="kv demo-guide">
        {demo.credentials && (
          <>
            <dt>{t('qa.demo.credentials')}</dt>
            <dd className="mono" translate="no" data-testid="demo-credentials">
              {demo.credentials.username} / {demo.credentials.password}
            </dd>
          </>
        )}
        {demo.personas.map((p) => (
          <div key={p.id} style={{ display: 'contents' }}>
            <dt translate="no">{personas.find((x) => x.id === p.id)?.name ?? p.id}</dt>
            <dd>{t(`qa.demo.roles.${p.role}`)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
