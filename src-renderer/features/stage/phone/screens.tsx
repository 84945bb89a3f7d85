import { useEffect, useRef, useState } from 'react';
import { Icon } from '../../../components/Icon';
import type { Account, Persona, PhoneChatHistory, PhoneMessage, PhoneScreen } from '../../../api/types';
import { useActions, useStudio } from '../../../store/context';
import { selectPersonaId, selectPhoneBusy } from '../../../store/selectors';
import { Avatar, NavBar } from './parts';

/** WeChat's Discover page: who is holding the phone, the Scan entry, and the accounts they talk to. */
export function PhoneHome({ persona, chats, last }: { persona: Persona | undefined; chats: PhoneChatHistory[] | undefined; last: PhoneScreen | undefined }): React.JSX.Element {
  const { setPhoneView, showScreen } = useActions();
  const list = chats ?? [];
  return (
    <>
      <NavBar title="发现" />
      <div className="wx-body">
        {persona ? (
          <div className="wx-me">
            <Avatar name={persona.name} seed={persona.id} size="lg" />
            <div style={{ minWidth: 0 }}>
              <div className="wx-me-name">{persona.name}</div>
              <div className="wx-me-id">{persona.unionId ? `UnionID ${persona.unionId.slice(0, 14)}…` : 'WeChat user'}</div>
            </div>
          </div>
        ) : (
          <div className="phone-hint">Pick a persona above to hold the phone.</div>
        )}
        <div className="wx-cells">
          <button type="button" className="wx-cell" onClick={() => setPhoneView('scanner')} disabled={!persona}>
            <span className="wx-cell-icon" style={{ background: '#2f7ff5' }}>
              <Icon name="scan" size={17} strokeWidth={2.2} />
            </span>
            <span className="wx-cell-label">
              扫一扫 <span className="sr-only">Scan</span>
              <span className="wx-cell-sub" aria-hidden="true">
                Scan
              </span>
            </span>
            <Icon name="chevronRight" className="wx-cell-arrow" />
          </button>
          {last?.screen === 'error' && (
            <button type="button" className="wx-cell" onClick={() => setPhoneView('app')}>
              <span className="wx-cell-icon" style={{ background: '#fa5151' }}>
                <Icon name="alert" size={17} strokeWidth={2} />
              </span>
              <span className="wx-cell-label">
                Last scan
                <span className="wx-cell-sub">{last.error}</span>
              </span>
              <Icon name="chevronRight" className="wx-cell-arrow" />
            </button>
          )}
        </div>
        <div className="wx-cells-title">公众号 · Official accounts</div>
        <div className="wx-cells">
          {list.length ? (
            list.map((c) => (
              <button
                type="button"
                className="wx-cell"
                key={c.appId}
                aria-label={`Open chat with ${c.accountName}`}
                onClick={() =>
                  persona &&
                  showScreen(persona.id, c.following ? { screen: 'chat', appId: c.appId, accountName: c.accountName, following: true, messages: c.messages } : { screen: 'profile', appId: c.appId, accountName: c.accountName, following: false })
                }
              >
                <Avatar name={c.accountName} account />
                <span className="wx-cell-label">
                  {c.accountName}
                  <span className="wx-cell-sub">
                    {c.following ? (c.messages.length ? lastLine(c.messages[c.messages.length - 1]!.text) : 'Following') : 'Not following'}
                  </span>
                </span>
                <Icon name="chevronRight" className="wx-cell-arrow" />
              </button>
            ))
          ) : (
            <div className="phone-hint">None yet. Scan a login QR code to meet one.</div>
          )}
        </div>
      </div>
      <div className="wx-tabbar" aria-hidden="true">
        <span>
          <Icon name="wechat" size={22} strokeWidth={1.6} />
          微信
        </span>
        <span>
          <Icon name="users" size={22} strokeWidth={1.6} />
          通讯录
        </span>
        <span className="on">
          <Icon name="globe" size={22} strokeWidth={1.6} />
          发现
        </span>
        <span>
          <Icon name="user" size={22} strokeWidth={1.6} />
          我
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
  const name = screen.accountName ?? account?.name ?? 'Official Account';
  const appId = screen.appId ?? account?.appId ?? '';
  return (
    <>
      <NavBar title="" onBack={() => setPhoneView('home')} />
      <div className="wx-body">
        <div className="wx-profile" data-testid="phone-profile">
          <Avatar name={name} size="lg" account />
          <div className="wx-profile-name">{name}</div>
          <div className="wx-profile-kind">
            {account?.type === 'subscription' ? '订阅号 Subscription account' : '服务号 Service account'}
            {account?.verified ? ' · 已认证 Verified' : ''}
          </div>
          <div className="wx-profile-desc">
            {screen.following ? 'You follow this account.' : 'Follow this account to sign in on the website you scanned.'}
          </div>
        </div>
        <div className="wx-actions">
          {screen.following ? (
            <button
              type="button"
              className="weui-btn weui-btn-primary"
              onClick={() => personaId && showScreen(personaId, { screen: 'chat', appId, accountName: name, following: true, messages: screen.messages ?? [] })}
            >
              进入公众号
              <small>Open chat</small>
            </button>
          ) : (
            <button type="button" className="weui-btn weui-btn-primary" onClick={() => void follow(appId)} disabled={busy || !appId}>
              关注公众号
              <small>Follow</small>
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
  const name = screen.accountName ?? account?.name ?? 'Official Account';
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
          <button type="button" className="wx-nav-btn right" aria-label="Account menu" aria-expanded={menu} onClick={() => setMenu((v) => !v)}>
            <Icon name="more" size={22} strokeWidth={3} />
          </button>
        }
      />
      {menu && (
        <div className="wx-menu" role="menu" aria-label="Account menu">
          <button
            type="button"
            role="menuitem"
            onClick={() => {
              setMenu(false);
              void unfollow(appId);
            }}
          >
            不再关注 · Unfollow
          </button>
        </div>
      )}
      <div className="wx-body" role="log" aria-label={`Chat with ${name}`}>
        <div className="wx-chat">
          {messages.length === 0 && <div className="notice">No messages yet</div>}
          {messages.map((m, i) => [
            showTime(messages, i) ? (
              <div className="chat-time" key={`t${i}`}>
                {chatTime(m.at!)}
              </div>
            ) : null,
            m.from === 'system' || m.kind === 'notice' ? (
              <div className="notice" key={i}>
                {m.text}
              </div>
            ) : (
              <div className={`msg ${m.from}`} key={i} data-from={m.from}>
                {m.from === 'account' ? <Avatar name={name} account /> : <Avatar name={persona?.name ?? 'Me'} seed={persona?.id} />}
                <div className="bubble">
                  {m.kind && m.kind !== 'text' && <span className="bubble-kind">[{m.kind}]</span>}
                  {m.text}
                </div>
              </div>
            ),
          ])}
          <div ref={end} />
        </div>
      </div>
      <form className="wx-input" onSubmit={submit}>
        <input aria-label="Message" value={text} onChange={(e) => setText(e.target.value)} placeholder="" maxLength={600} disabled={!screen.following} />
        <button type="submit" className="wx-send" disabled={!text.trim() || busy || !screen.following}>
          发送<span className="sr-only"> Send</span>
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

export const SERVICE_UNAVAILABLE = '该公众号暂时无法提供服务，请稍后再试';

/** WeChat's message page for errors (WeUI msg, warn icon). */
export function PhoneError({ screen }: { screen: PhoneScreen }): React.JSX.Element {
  const { setPhoneView } = useActions();
  const text = screen.error ?? SERVICE_UNAVAILABLE;
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
        <div className="wx-actions">
          <button type="button" className="weui-btn weui-btn-default" onClick={() => setPhoneView('home')}>
            返回
            <small>Back</small>
          </button>
        </div>
      </div>
    </>
  );
}
