import { useTranslation } from 'react-i18next';
import { Icon } from '../../../components/Icon';
import { FUNC_SETS } from '../../../../src-main/contracts/open-platform';
import type { PhoneAuthorizeView, PhoneScreen } from '../../../api/types';
import { WECHAT_AUTH_TEXT, authorizedTo } from '../../../i18n/wechat-open-texts';
import type { AuthDraft } from '../../../store/open-types';
import { selectAuthDraft } from '../../../store/open-selectors';
import { useActions, useStudio } from '../../../store/context';
import { selectPhoneBusy } from '../../../store/selectors';
import { Avatar, NavBar } from './parts';
import { Gloss } from './screens';

/** The choices a fresh page starts with: the only account (if just one), every set the page offers that is free. */
export function defaultDraft(view: PhoneAuthorizeView): AuthDraft {
  return {
    uuid: view.uuid,
    appId: view.accounts.length === 1 ? view.accounts[0]!.appId : null,
    funcIds: view.funcs.filter((f) => !f.heldElsewhere).map((f) => f.id),
    step: 'account',
  };
}

/**
 * The authorization page on the admin's phone (spec §7.2 step 3): the admin picks an account they
 * administer, ticks or unticks permission sets, and confirms; then WeChat's success page.
 */
export function PhoneAuthorize({ screen }: { screen: PhoneScreen }): React.JSX.Element | null {
  const stored = useStudio(selectAuthDraft);
  const { setPhoneView } = useActions();
  const view = screen.authorize;
  if (!view) return null;
  const draft = stored?.uuid === view.uuid ? stored : defaultDraft(view);
  // The list scrolls; the page's buttons stay in view below it, as on WeChat's page.
  return (
    <>
      <NavBar title={WECHAT_AUTH_TEXT.title} onBack={() => setPhoneView('home')} />
      {view.redirect ? (
        <div className="wx-body wx-auth" data-testid="phone-authorize">
          <Authorized view={view} />
        </div>
      ) : draft.step === 'account' ? (
        <PickAccount view={view} draft={draft} />
      ) : (
        <PickFuncs view={view} draft={draft} />
      )}
    </>
  );
}

function PlatformHead({ view }: { view: PhoneAuthorizeView }): React.JSX.Element {
  return (
    <div className="wx-auth-head">
      <Avatar name={view.componentName} seed={view.componentAppId} size="lg" />
      <div className="wx-auth-name" translate="no">
        {view.componentName}
      </div>
      <div className="wx-auth-kind">{WECHAT_AUTH_TEXT.platform}</div>
    </div>
  );
}

function PickAccount({ view, draft }: { view: PhoneAuthorizeView; draft: AuthDraft }): React.JSX.Element {
  const { setAuthDraft, setPhoneView } = useActions();
  const { t } = useTranslation();
  return (
    <>
      <div className="wx-body wx-auth" data-testid="phone-authorize" data-step="account">
        <PlatformHead view={view} />
        <div className="wx-cells-title">
          {WECHAT_AUTH_TEXT.pickAccount}
          <Gloss text={t('phone.gloss.pickAccount')} inline />
        </div>
        <div className="wx-cells" role="radiogroup" aria-label={WECHAT_AUTH_TEXT.pickAccount}>
          {view.accounts.map((a) => (
            <button
              type="button"
              key={a.appId}
              className="wx-cell"
              role="radio"
              aria-checked={draft.appId === a.appId}
              onClick={() => setAuthDraft({ ...draft, appId: a.appId })}
            >
              <Avatar name={a.name} account />
              <span className="wx-cell-label">
                <span translate="no">{a.name}</span>
                {a.authorized && <span className="wx-cell-sub">{WECHAT_AUTH_TEXT.authorized}</span>}
              </span>
              <span className={`wx-radio ${draft.appId === a.appId ? 'on' : ''}`} aria-hidden="true">
                {draft.appId === a.appId && <Icon name="check" size={14} strokeWidth={3} />}
              </span>
            </button>
          ))}
        </div>
      </div>
      <div className="wx-actions wx-auth-foot">
        <button type="button" className="weui-btn weui-btn-primary" disabled={!draft.appId} onClick={() => setAuthDraft({ ...draft, step: 'funcs' })}>
          {WECHAT_AUTH_TEXT.next}
          <Gloss text={t('phone.gloss.next')} small />
        </button>
        <button type="button" className="weui-btn weui-btn-default" onClick={() => setPhoneView('home')}>
          {WECHAT_AUTH_TEXT.cancel}
          <Gloss text={t('phone.gloss.cancel')} small />
        </button>
      </div>
    </>
  );
}

function PickFuncs({ view, draft }: { view: PhoneAuthorizeView; draft: AuthDraft }): React.JSX.Element {
  const { setAuthDraft, confirmAuthorize } = useActions();
  const busy = useStudio(selectPhoneBusy);
  const { t, i18n } = useTranslation();
  const english = i18n.resolvedLanguage === 'en';
  const toggle = (id: number, on: boolean): void =>
    setAuthDraft({ ...draft, funcIds: on ? [...draft.funcIds.filter((x) => x !== id), id].sort((a, b) => a - b) : draft.funcIds.filter((x) => x !== id) });
  return (
    <>
      <div className="wx-body wx-auth" data-testid="phone-authorize" data-step="funcs">
        <PlatformHead view={view} />
        <div className="wx-cells-title">
          {WECHAT_AUTH_TEXT.grant}
          <Gloss text={t('phone.gloss.grant')} inline />
        </div>
        <div className="wx-cells" role="group" aria-label={WECHAT_AUTH_TEXT.grant}>
          {view.funcs.map((f) => (
            <label key={f.id} className={`wx-cell wx-check ${f.heldElsewhere ? 'off' : ''}`}>
              <input type="checkbox" checked={draft.funcIds.includes(f.id)} disabled={f.heldElsewhere} onChange={(e) => toggle(f.id, e.target.checked)} />
              <span className="wx-cell-label">
                <span translate="no">{f.name}</span>
                {english && <span className="wx-gloss-inline"> {FUNC_SETS.find((x) => x.id === f.id)?.en}</span>}
                {f.heldElsewhere && <span className="wx-cell-sub">{WECHAT_AUTH_TEXT.heldElsewhere}</span>}
              </span>
            </label>
          ))}
        </div>
      </div>
      <div className="wx-actions wx-auth-foot">
        <button type="button" className="weui-btn weui-btn-primary" disabled={busy || draft.funcIds.length === 0} onClick={() => void confirmAuthorize()}>
          {WECHAT_AUTH_TEXT.confirm}
          <Gloss text={t('phone.gloss.authorize')} small />
        </button>
        <button type="button" className="weui-btn weui-btn-default" onClick={() => setAuthDraft({ ...draft, step: 'account' })}>
          {WECHAT_AUTH_TEXT.previous}
          <Gloss text={t('phone.gloss.previous')} small />
        </button>
      </div>
    </>
  );
}

function Authorized({ view }: { view: PhoneAuthorizeView }): React.JSX.Element {
  const { setPhoneView } = useActions();
  const { t } = useTranslation();
  const account = view.accounts.find((a) => a.appId === view.authorizedAppId)?.name ?? view.authorizedAppId ?? '';
  return (
    <div className="weui-msg" role="status" data-testid="phone-authorized">
      <svg className="weui-msg-icon ok" width="64" height="64" viewBox="0 0 64 64" aria-hidden="true">
        <circle cx="32" cy="32" r="32" fill="currentColor" />
        <path d="M18 33l9 9 19-20" stroke="#fff" strokeWidth="5" fill="none" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <div className="weui-msg-title">
        {WECHAT_AUTH_TEXT.success}
        <Gloss text={t('phone.gloss.success')} small />
      </div>
      <div className="weui-msg-desc" translate="no">
        {authorizedTo(account, view.componentName)}
      </div>
      <div className="weui-msg-desc">
        {WECHAT_AUTH_TEXT.continueOnPc}
        <Gloss text={t('phone.gloss.continueOnPc')} small />
      </div>
      <div className="wx-actions">
        <button type="button" className="weui-btn weui-btn-default" onClick={() => setPhoneView('home')}>
          {WECHAT_AUTH_TEXT.done}
          <Gloss text={t('phone.gloss.done')} small />
        </button>
      </div>
    </div>
  );
}
