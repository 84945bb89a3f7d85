import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { createPlatformSchema } from '../../../../src-main/contracts/open-platform';
import { Icon } from '../../../components/Icon';
import { Field, SecretInput } from '../../../components/form';
import { Callout, CopyButton, Dialog } from '../../../components/ui';
import type { OpenPlatformDto } from '../../../api/types';
import { useActions, useApi, useStudio } from '../../../store/context';
import { selectPools } from '../../../store/selectors';
import { AesKeyInput } from '../../shared/AesKeyInput';
import { generateToken } from '../../shared/generate';
import { useForm } from '../../shared/use-form';

const FIELDS = ['name', 'authEventUrl', 'messageUrl', 'token', 'encodingAesKey', 'initiationDomain'] as const;
type PlatformField = (typeof FIELDS)[number];
type Values = Record<PlatformField, string>;
const EMPTY: Values = { name: '', authEventUrl: '', messageUrl: '', token: '', encodingAesKey: '', initiationDomain: '' };

/** The contract's checks, each problem under its field in the studio's words. */
function check(v: Values): Partial<Record<PlatformField, true>> {
  const r = createPlatformSchema.safeParse({ ...v, initiationDomain: v.initiationDomain.trim() });
  const bad: Partial<Record<PlatformField, true>> = {};
  if (!r.success) for (const i of r.error.issues) if (FIELDS.includes(i.path[0] as PlatformField)) bad[i.path[0] as PlatformField] = true;
  return bad;
}

type PlatformForm = ReturnType<typeof useForm<Values>>;

/** The platform's fields, in the order of the Open Platform's 开发资料; the URLs can come from a user pool. */
function PlatformFields({ form, onSubmit }: { form: PlatformForm; onSubmit: (e: React.FormEvent) => void }): React.JSX.Element {
  const api = useApi();
  const pools = useStudio(selectPools).data;
  const { t } = useTranslation();
  const v = form.values;
  const fillFrom = async (poolId: string): Promise<void> => {
    const pool = pools.find((p) => p.id === poolId);
    if (!pool) return;
    const c = await api.getComponent(poolId).catch(() => null);
    if (c) form.setValues((cur) => ({ ...cur, name: cur.name || pool.name, authEventUrl: c.authEventUrl, messageUrl: c.messageUrl, initiationDomain: c.initiationDomain }));
  };
  const text = (field: PlatformField, extra: Partial<React.InputHTMLAttributes<HTMLInputElement>> = {}): React.JSX.Element => (
    <Field label={t(`openPlatform.fields.${field}`)} error={form.errors[field]} required={field !== 'initiationDomain'} hint={t(`openPlatform.hints.${field}`)}>
      {(p) => <input {...p} {...extra} className={`input ${field === 'name' ? '' : 'mono'}`} value={v[field]} onChange={(e) => form.set(field, e.target.value)} spellCheck={false} />}
    </Field>
  );
  return (
    <form id="new-platform" className="form" onSubmit={onSubmit} noValidate aria-label={t('openPlatform.dialog.title')}>
      {form.formError && <Callout tone="error">{form.formError}</Callout>}
      {pools.length > 0 && (
        <label className="row small muted">
          {t('openPlatform.dialog.fillFrom')}
          <select className="select" style={{ width: 220 }} value="" onChange={(e) => void fillFrom(e.target.value)}>
            <option value="">{t('openPlatform.dialog.choosePool')}</option>
            {pools.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {text('name', { maxLength: 64, autoFocus: true })}
      {text('authEventUrl')}
      {text('messageUrl')}
      <Field label={t('openPlatform.fields.token')} error={form.errors.token} required hint={t('openPlatform.hints.token')}>
        {(p) => (
          <SecretInput
            control={p}
            value={v.token}
            onChange={(x) => form.set('token', x)}
            revealLabel={t('openPlatform.fields.token')}
            extra={
              <button type="button" className="btn" onClick={() => form.set('token', generateToken())} title={t('shared.generateTitle')}>
                <Icon name="sparkle" size={14} /> {t('shared.generate')}
              </button>
            }
          />
        )}
      </Field>
      <Field label={t('openPlatform.fields.encodingAesKey')} error={form.errors.encodingAesKey} required hint={t('openPlatform.hints.encodingAesKey')}>
        {(p) => <AesKeyInput control={p} value={v.encodingAesKey} onChange={(x) => form.set('encodingAesKey', x)} />}
      </Field>
      {text('initiationDomain')}
    </form>
  );
}

/**
 * Creates a third-party platform on the mock Open Platform. The answer carries the component AppSecret,
 * shown here once; the first verify ticket is pushed at once. The URLs can be taken from a user pool of the
 * login server (its third-party platform configuration lists the two it serves).
 */
export function NewPlatformDialog({ open, onClose }: { open: boolean; onClose: () => void }): React.JSX.Element {
  const api = useApi();
  const { loadPlatforms } = useActions();
  const form = useForm<Values>(EMPTY);
  const [created, setCreated] = useState<(OpenPlatformDto & { componentAppSecret: string }) | null>(null);
  const { t } = useTranslation();

  const close = (): void => {
    setCreated(null);
    form.setValues(EMPTY);
    form.setErrors({});
    form.setFormError(null);
    onClose();
  };
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    const v = form.values;
    const bad = check(v);
    if (Object.keys(bad).length) {
      form.setErrors(Object.fromEntries(Object.keys(bad).map((f) => [f, t(`openPlatform.rules.${f as PlatformField}`)])));
      return;
    }
    const domain = v.initiationDomain.trim();
    const p = await form.submit(() => api.createPlatform({ ...v, name: v.name.trim(), initiationDomain: domain || undefined }), FIELDS);
    if (p) {
      setCreated(p);
      void loadPlatforms();
    }
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      title={created ? t('openPlatform.dialog.created') : t('openPlatform.dialog.title')}
      actions={
        created ? (
          <button type="button" className="btn btn-primary" onClick={close}>
            {t('common.done')}
          </button>
        ) : (
          <>
            <button type="button" className="btn" onClick={close}>
              {t('common.cancel')}
            </button>
            <button type="submit" form="new-platform" className="btn btn-primary" disabled={form.submitting}>
              {t('openPlatform.create')}
            </button>
          </>
        )
      }
    >
      {created ? (
        <div className="stack-sm">
          <p>
            <Trans
              i18nKey="openPlatform.dialog.createdBody"
              values={{ name: created.name, appId: created.componentAppId }}
              components={{ strong: <strong translate="no" />, mono: <span className="mono" translate="no" /> }}
            />
          </p>
          <div className="secret-once" data-testid="new-component-secret">
            <span style={{ flex: 1 }} translate="no">
              {created.componentAppSecret}
            </span>
            <CopyButton value={created.componentAppSecret} label={t('openPlatform.fields.componentAppSecret')} size="sm" text />
          </div>
          <p className="muted small">{t('openPlatform.dialog.onceHint')}</p>
        </div>
      ) : (
        <PlatformFields form={form} onSubmit={(e) => void submit(e)} />
      )}
    </Dialog>
  );
}
