import { useTranslation } from 'react-i18next';
import { Icon } from '../../../components/Icon';
import { WECHAT_TEXT } from '../../../i18n/wechat-texts';
import { useActions, useStudio } from '../../../store/context';
import {
  accountByAppId,
  selectAccounts,
  selectPersona,
  selectPersonaId,
  selectPersonas,
  selectPhoneChats,
  selectPhoneBusy,
  selectPhoneScreen,
  selectPhoneView,
} from '../../../store/selectors';
import { StatusBar } from './parts';
import { Scanner } from './Scanner';
import { PhoneChat, PhoneError, PhoneHome, PhoneProfile } from './screens';
import { useDemoRole } from '../../qa/DemoGuide';
import { PhoneAuthorize } from './Authorize';

/** The phone of the selected persona, drawn like WeChat: Discover, scanner, account profile, chat, error page. */
export function Phone(): React.JSX.Element {
  const personas = useStudio(selectPersonas);
  const personaId = useStudio(selectPersonaId);
  const persona = useStudio(selectPersona);
  const view = useStudio(selectPhoneView);
  const screen = useStudio(selectPhoneScreen);
  const busy = useStudio(selectPhoneBusy);
  const accounts = useStudio(selectAccounts).data;
  const chats = useStudio(selectPhoneChats);
  const { selectPersona: pickPersona, navigate, selectEntry } = useActions();
  const account = accountByAppId(accounts, screen?.appId);
  const { t } = useTranslation();
  const role = useDemoRole(personaId);

  // In a chat the clock shows the time of its last message (a replayed history keeps its own time).
  const chatAt = view === 'app' && screen?.screen === 'chat' ? screen.messages?.findLast((m) => m.at !== undefined)?.at : undefined;

  let body: React.JSX.Element;
  if (view === 'scanner') body = <Scanner />;
  else if (view === 'app' && screen) {
    body = (
      <div className="phone-screen">
        <StatusBar at={chatAt} />
        {screen.screen === 'profile' && <PhoneProfile screen={screen} account={account} />}
        {screen.screen === 'chat' && <PhoneChat screen={screen} account={account} persona={persona} />}
        {screen.screen === 'error' && <PhoneError screen={screen} />}
        {screen.screen === 'authorize' && <PhoneAuthorize screen={screen} />}
        {busy && <Loading />}
      </div>
    );
  } else {
    body = (
      <div className="phone-screen">
        <StatusBar />
        <PhoneHome persona={persona} chats={chats} last={screen} />
        {busy && <Loading />}
      </div>
    );
  }

  return (
    <div className="stage-col">
      <div className="stage-col-head">
        <h2>
          <Icon name="wechat" /> {t('phone.title')}
        </h2>
        <span className="spacer" />
        <label htmlFor="stage-persona">{t('phone.persona')}</label>
        <select
          id="stage-persona"
          className="select"
          value={personaId ?? ''}
          onChange={(e) => pickPersona(e.target.value || null)}
          disabled={!personas.data.length}
        >
          {!personas.data.length && <option value="">{personas.loaded ? t('phone.noPersonas') : t('common.loading')}</option>}
          {personas.data.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <section className="phone" aria-label={t('phone.title')}>
        <span className="phone-notch" aria-hidden="true" />
        {body}
      </section>
      <div className="phone-foot">
        {screen?.journalId && view === 'app' ? (
          <button
            type="button"
            className="btn btn-sm btn-ghost"
            onClick={() => {
              selectEntry(screen.journalId!);
              navigate({ view: 'inspector', params: [screen.journalId!] });
            }}
          >
            <Icon name="inspector" size={14} /> {t('phone.inspectPush')}
          </button>
        ) : role ? (
          <span className="persona-role ellipsis" data-testid="persona-role" title={t(`qa.demo.roles.${role}`)}>
            {t(`qa.demo.roles.${role}`)}
          </span>
        ) : (
          <span>{persona ? t('phone.holding', { name: persona.name }) : ''}</span>
        )}
      </div>
    </div>
  );
}

function Loading(): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <div className="weui-toast" role="status" aria-label={t('common.loading')}>
      <span className="spinner" />
      {WECHAT_TEXT.loading}
    </div>
  );
}
