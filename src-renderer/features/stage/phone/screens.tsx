import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../components/Icon';
import { WECHAT_TEXT } from '../../../i18n/wechat-texts';
import { WECHAT_AUTH_TEXT, authPageError } from '../../../i18n/wechat-open-texts';
import type { Account, Persona, PhoneChatHistory, PhoneMessage, PhoneScreen } from '../../../api/types';
import { useActions, useStudio } from '../../../store/context';
import { selectPersonaId, selectPhoneBusy } from '../../../store/selectors';
import { Avatar, NavBar } from './parts';

/** WeChat's Discover page: who is holding the phone, the Scan entry, and the accounts they talk to. */
export function PhoneHome({ persona, chats, last }: { persona: Persona | undefined; chats: PhoneChatHistory[] | undefined; last: PhoneScreen | undefined }): React.JSX.Element {
  const { setPhoneView, showScreen } = useActions();
  const { t } = useTranslation();
  const list = chats ?? [];
  return (
    <>
      <NavBar title={WECHAT_TEXT.discover} />
      <div className="wx-body">
        {persona ? (
          <div className="wx-me">
            <Avatar name={persona.name} seed={persona.id} size="lg" />
            <div style={{ minWidth: 0 }}>
              <div className="wx-me-name" translate="no">
                {persona.name}
              </div>
              <div className="wx-me-id">{persona.unionId ? t('phone.unionId', { id: `${persona.unionId.slice(0, 14)}…` }) : t('phone.wechatUser')}</div>
            </div>
          </div>
        ) : (
          <div className="phone-hint">{t('phone.pickPersona')}</div>
        )}
        <div className="wx-cells">
          <button type="button" className="wx-cell" onClick={() => setPhoneView('scanner')} disabled={!persona}>
            <span className="wx-cell-icon" style={{ background: '#2f7ff5' }}>
              <Icon name="scan" size={17} strokeWidth={2.2} />
            </span>
            <span className="wx-cell-label">
              {WECHAT_TEXT.scan}
              <Gloss text={t('phone.gloss.scan')} />
            </span>
            <Icon name="chevronRight" className="wx-cell-arrow" />
          </button>
          {last?.screen === 'error' && (
            <button type="button" className="wx-cell" onClick={() => setPhoneView('app')}>
              <span className="wx-cell-icon" style={{ background: '#fa5151' }}>
                <Icon name="alert" size={17} strokeWidth={2} />
              </span>
              <span className="wx-cell-label">
                {t('phone.lastScan')}
                <span className="wx-cell-sub">{last.error}</span>
              </span>
              <Icon name="chevronRight" className="wx-cell-arrow" />
            </button>
          )}
        </div>
        <div className="wx-cells-title">
          {WECHAT_TEXT.officialAccounts}
          {t('phone.gloss.officialAccounts') ? ` · ${t('phone.gloss.officialAccounts')}` : ''}
        </div>
        <div className="wx-cells">
          {list.length ? (
            list.map((c) => (
              <button
                type="button"
                className="wx-cell"
                key={c.appId}
                aria-label={t('phone.openChat', { name: c.accountName })}
                onClick={() =>
                  persona &&
                  showScreen(persona.id, c.following ? { screen: 'chat', appId: c.appId, accountName: c.accountName, following: true, messages: c.messages } : { screen: 'profile', appId: c.appId, accountName: c.accountName, following: false })
                }
              >
                <Avatar name={c.accountName} account />
                <span className="wx-cell-label">
                  <span translate="no">{c.accountName}</span>
                  <span className="wx-cell-sub">
                    {c.following ? (
                      c.messages.length ? (
                        <span translate="no">{lastLine(c.messages[c.messages.length - 1]!.text)}</span>
                      ) : (
                        t('phone.following')
                      )
                    ) : (
                      t('phone.notFollowing')
                    )}
                  </span>
                </span>
                <Icon name="chevronRight" className="wx-cell-arrow" />
              </button>
            ))
          ) : (
            <div className="phone-hint">{t('phone.noAccounts')}</div>
          )}
        </div>
      </div>
      <div className="wx-tabbar" aria-hidden="true">
        <span>
          <Icon name="wechat" size={22} strokeWidth={1.6} />
          {WECHAT_TEXT.chats}
        </span>
        <span>
          <Icon name="users" size={22} strokeWidth={1.6} />
          {WECHAT_TEXT.contacts}
        </span>
        <span className="on">
          <Icon name="globe" size={22} strokeWidth={1.6} />
          {WECHAT_TEXT.discover}
        </span>
        <span>
          <Icon name="user" size={22} strokeWidth={1.6} />
          {WECHAT_TEXT.me}
        </span>
      </div>
    </>
  );
}

function lastLine(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 28 ? `${t.slice(0, 28)}…` : t;
}

/** An account's profile page, reached by scanning its QR code: Follow (关注公众号) when not following yet. */
export function PhoneProfile({ screen, account }: { screen: PhoneScreen; account: Account | undefined }): React.JSX.Element {
  const { setPhoneView, follow, showScreen } = useActions();
  const busy = useStudio(selectPhoneBusy);
  const personaId = useStudio(selectPersonaId);
  const { t } = useTranslation();
  const name = screen.accountName ?? account?.name ?? t('phone.officialAccount');
  const appId = screen.appId ?? account?.appId ?? '';
  return (
    <>
      <NavBar title="" onBack={() => setPhoneView('home')} />
      <div className="wx-body">
        <div className="wx-profile" data-testid="phone-profile">
          <Avatar name={name} size="lg" account />
          <div className="wx-profile-name" translate="no">
            {name}
          </div>
          <div className="wx-profile-kind">
            {account?.type === 'subscription' ? WECHAT_TEXT.subscriptionAccount : WECHAT_TEXT.serviceAccount}
            <Gloss text={account?.type === 'subscription' ? t('phone.gloss.subscriptionAccount') : t('phone.gloss.serviceAccount')} inline />
            {account?.verified ? ` · ${WECHAT_TEXT.verified}` : ''}
            {account?.verified ? <Gloss text={t('phone.gloss.verified')} inline /> : null}
          </div>
          <div className="wx-profile-desc">{screen.following ? t('phone.youFollow') : t('phone.followToSignIn')}</div>
        </div>
        <div className="wx-actions">
          {screen.following ? (
            <button
              type="button"
              className="weui-btn weui-btn-primary"
              onClick={() => personaId && showScreen(personaId, { screen: 'chat', appId, accountName: name, following: true, messages: screen.messages ?? [] })}
            >
              {WECHAT_TEXT.enterAccount}
              <Gloss text={t('phone.gloss.enterAccount')} small />
            </button>
          ) : (
            <button type="button" className="weui-btn weui-btn-primary" onClick={() => void follow(appId)} disabled={busy || !appId}>
              {WECHAT_TEXT.follow}
              <Gloss text={t('phone.gloss.follow')} small />
            </button>
          )}
        </div>
      </div>
    </>
  );
}

/** The chat with the account: its replies left, the user's texts right, notices centred. */
export function PhoneChat({ screen, account, persona }: { screen: PhoneScreen; account: Account | undefined; persona: Persona | undefined }): React.JSX.Element {
  const { setPhoneView, sendMessage, unfollow } = useActions();
  const busy = useStudio(selectPhoneBusy);
  const [text, setText] = useState('');
  const [menu, setMenu] = useState(false);
  const end = useRef<HTMLDivElement>(null);
  const { t } = useTranslation();
  const name = screen.accountName ?? account?.name ?? t('phone.officialAccount');
  const appId = screen.appId ?? account?.appId ?? '';
  const messages = screen.messages ?? [];

  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [messages.length]);

  const submit = (e: React.FormEvent): void => {
    e.preventDefault();
    const t = text.trim();
    if (!t || !appId) return;
    setText('');
    void sendMessage(appId, t);
  };

  return (
    <>
      <NavBar
        title={name}
        onBack={() => setPhoneView('home')}
        right={
          <button type="button" className="wx-nav-btn right" aria-label={t('phone.accountMenu')} aria-expanded={menu} onClick={() => setMenu((v) => !v)}>
            <Icon name="more" size={22} strokeWidth={3} />
          </button>
        }
      />
      {menu && (
        <div className="wx-menu" role="menu" aria-label={t('phone.accountMenu')}>
          <button
            type="button"
            role="menuitem"
            onClick={() => {
              setMenu(false);
              void unfollow(appId);
            }}
          >
            {WECHAT_TEXT.unfollow}
            {t('phone.gloss.unfollow') ? ` · ${t('phone.gloss.unfollow')}` : ''}
          </button>
        </div>
      )}
      <div className="wx-body" role="log" aria-label={t('phone.chatWith', { name })}>
        <div className="wx-chat">
          {messages.length === 0 && <div className="notice">{t('phone.noMessages')}</div>}
          {messages.map((m, i) => [
            showTime(messages, i) ? (
              <div className="chat-time" key={`t${i}`}>
                {chatTime(m.at!)}
              </div>
            ) : null,
            m.from === 'system' || m.kind === 'notice' ? (
              <div className="notice" key={i} translate="no">
                {m.text}
              </div>
            ) : (
              <div className={`msg ${m.from}`} key={i} data-from={m.from}>
                {m.from === 'account' ? <Avatar name={name} account /> : <Avatar name={persona?.name ?? WECHAT_TEXT.me} seed={persona?.id} />}
                <div className="bubble" translate="no">
                  {m.kind && m.kind !== 'text' && <span className="bubble-kind">[{t(`phone.kind.${m.kind}`)}]</span>}
                  {m.text}
                </div>
              </div>
            ),
          ])}
          <div ref={end} />
        </div>
      </div>
      <form className="wx-input" onSubmit={submit}>
        <input aria-label={t('phone.message')} value={text} onChange={(e) => setText(e.target.value)} placeholder="" maxLength={600} disabled={!screen.following} />
        <button type="submit" className="wx-send" disabled={!text.trim() || busy || !screen.following}>
          {WECHAT_TEXT.send}
          {t('phone.gloss.send') ? <span className="sr-only"> {t('phone.gloss.send')}</span> : null}
        </button>
      </form>
    </>
  );
}

/** WeChat puts the time above a message that follows a pause of a few minutes (or the first one). */
function showTime(messages: PhoneMessage[], i: number): boolean {
  const at = messages[i]!.at;
  if (!at) return false;
  const prev = i > 0 ? messages[i - 1]!.at : undefined;
  return prev === undefined || at - prev > 3 * 60_000;
}

function chatTime(at: number): string {
  const d = new Date(at);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

export const SERVICE_UNAVAILABLE = WECHAT_TEXT.serviceUnavailable;

/** WeChat's message page for errors (WeUI msg, warn icon). */
export function PhoneError({ screen }: { screen: PhoneScreen }): React.JSX.Element {
  const { setPhoneView } = useActions();
  const { t } = useTranslation();
  const page = authPageError(screen.error);
  const text = page ? page.text : (screen.error ?? SERVICE_UNAVAILABLE);
  return (
    <>
      <NavBar title="" onBack={() => setPhoneView('home')} />
      <div className="weui-msg" role="alert" data-testid="phone-error">
        <svg className="weui-msg-icon" width="64" height="64" viewBox="0 0 64 64" aria-hidden="true">
          <circle cx="32" cy="32" r="32" fill="currentColor" />
          <rect x="29" y="15" width="6" height="24" rx="3" fill="#fff" />
          <circle cx="32" cy="47" r="3.6" fill="#fff" />
        </svg>
        <div className="weui-msg-title">{text}</div>
        {text !== SERVICE_UNAVAILABLE && screen.appId && <div className="weui-msg-desc">{screen.accountName ?? screen.appId}</div>}
        {page && (
          <div className="weui-msg-desc" translate="no" data-testid="phone-error-detail">
            {WECHAT_AUTH_TEXT.errorCode} {page.code} · {page.detail}
          </div>
        )}
        <div className="wx-actions">
          <button type="button" className="weui-btn weui-btn-default" onClick={() => setPhoneView('home')}>
            {WECHAT_TEXT.back}
            <Gloss text={t('phone.gloss.back')} small />
          </button>
        </div>
      </div>
    </>
  );
}

/**
 * The English studio's gloss beside one of WeChat's own (Chinese) labels; nothing in Chinese, where the
 * label speaks for itself. Part of the accessible name, so "Follow" finds 关注公众号 in an English test.
 */
export function Gloss({ text, small, inline }: { text: string; small?: boolean; inline?: boolean }): React.JSX.Element | null {
  if (!text) return null;
  if (small) return <small>{text}</small>;
  if (inline) return <span className="wx-gloss-inline"> {text}</span>;
  return <span className="wx-cell-sub">{text}</span>;
}
