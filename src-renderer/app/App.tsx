import { useEffect } from 'react';
import { Icon, type IconName } from '../components/Icon';
import { Spinner } from '../components/ui';
import { useActions, useDesktop, useStudio, useStudioStore } from '../store/context';
import { formatHash, parseHash, type View } from '../store/route';
import { selectAuth, selectResetting, selectRoute, selectStream, selectVersion } from '../store/selectors';
import { Toasts } from './Toasts';
import { StagePage } from '../features/stage/StagePage';

import { WechatConsole } from '../features/wechat-console/WechatConsole';
import { LoginConsole } from '../features/login-console/LoginConsole';
import { Inspector } from '../features/inspector/Inspector';
import { Workbench } from '../features/workbench/Workbench';

const NAV: ReadonlyArray<{ view: View; label: string; icon: IconName; title: string; sub: string }> = [
  { view: 'stage', label: 'Stage', icon: 'stage', title: 'Stage', sub: 'The PC login page and the phone, side by side' },
  { view: 'wechat', label: 'WeChat console', icon: 'wechat', title: 'WeChat console', sub: 'The mock Official Account platform' },
  { view: 'login', label: 'Login console', icon: 'login', title: 'Login console', sub: 'Identity sources, applications, users and sessions' },
  { view: 'inspector', label: 'Inspector', icon: 'inspector', title: 'Inspector', sub: 'Every HTTP exchange, its signature and its decryption' },
  { view: 'workbench', label: 'Workbench', icon: 'workbench', title: 'Workbench', sub: 'Encrypt, decrypt and sign by hand' },
];

/** Keeps the URL hash and the store's route in step, both ways. */
function useHashRoute(): void {
  const store = useStudioStore();
  const { navigate } = useActions();
  useEffect(() => {
    const sync = (): void => navigate(parseHash(window.location.hash));
    sync();
    window.addEventListener('hashchange', sync);
    const unsub = store.subscribe((s, prev) => {
      if (s.route !== prev.route) {
        const hash = formatHash(s.route);
        if (window.location.hash !== hash) window.history.pushState(null, '', hash);
      }
    });
    return () => {
      window.removeEventListener('hashchange', sync);
      unsub();
    };
  }, [store, navigate]);
}

function StreamStatus(): React.JSX.Element {
  const stream = useStudio(selectStream);
  const text = stream === 'open' ? 'Live' : stream === 'connecting' ? 'Connecting…' : 'Offline — reconnecting';
  const tone = stream === 'open' ? 'dot-green' : stream === 'connecting' ? 'dot-amber' : 'dot-red';
  return (
    <span className="status" role="status" aria-label={`Studio event stream: ${text}`} data-testid="stream-status" data-state={stream}>
      <span className={`dot ${tone}`} />
      {text}
    </span>
  );
}

function ResetButton(): React.JSX.Element {
  const resetting = useStudio(selectResetting);
  const { resetDemo } = useActions();
  return (
    <button type="button" className="btn" onClick={() => void resetDemo()} disabled={resetting} title="Restore the demo seed: accounts, personas, users and sessions">
      {resetting ? <Spinner label="Resetting" /> : <Icon name="reset" />}
      Reset demo
    </button>
  );
}

function Unauthorized(): React.JSX.Element {
  return (
    <div className="unauthorized">
      <div className="card">
        <div className="card-head">
          <h2>
            <Icon name="lock" /> This window needs the launch link
          </h2>
        </div>
        <div className="card-body stack">
          <p>
            The studio only answers a browser that opened the link of <em>this</em> launch once. Open the <code>ui</code> URL
            from the ready line that <code>follow-studio serve</code> printed (it ends with <code>?token=…</code>), or open the
            desktop app.
          </p>
          <pre className="code">{'{"event":"ready", …, "ui":"http://127.0.0.1:…/?token=…"}'}</pre>
          <div>
            <button type="button" className="btn" onClick={() => window.location.reload()}>
              <Icon name="refresh" /> Try again
            </button>
          </div>
        </div>
      </div>
    </div>
  );
}

export function App(): React.JSX.Element {
  useHashRoute();
  const route = useStudio(selectRoute);
  const auth = useStudio(selectAuth);
  const version = useStudio(selectVersion);
  const desktop = useDesktop();
  const current = NAV.find((n) => n.view === route.view) ?? NAV[0]!;

  useEffect(() => {
    document.title = `${current.title} · Follow Studio`;
  }, [current.title]);

  return (
    <div className="app">
      <div className="brand">
        <span className="brand-mark">
          <Icon name="wechat" size={18} />
        </span>
        <span>
          <div className="brand-name">Follow Studio</div>
          <div className="brand-ver">{version ? `v${version}` : 'offline WeChat login lab'}</div>
        </span>
      </div>
      <header className="topbar">
        <div>
          <h1>{current.title}</h1>
        </div>
        <span className="topbar-sub">{current.sub}</span>
        <span className="spacer" />
        <StreamStatus />
        <ResetButton />
      </header>
      <nav className="nav" aria-label="Main">
        {NAV.map((n) => (
          <a key={n.view} className="nav-link" href={`#/${n.view}`} aria-current={route.view === n.view ? 'page' : undefined}>
            <Icon name={n.icon} size={18} />
            {n.label}
          </a>
        ))}
        <div className="nav-foot">
          {desktop.canRevealDataFolder && (
            <button type="button" className="btn btn-sm" onClick={() => desktop.revealDataFolder()}>
              <Icon name="folder" size={14} /> Data folder
            </button>
          )}
          <button type="button" className="btn btn-sm" onClick={() => desktop.openExternal(`${window.location.origin}/api/openapi.json`)}>
            <Icon name="external" size={14} /> API reference
          </button>
        </div>
      </nav>
      <main className="main" id="main">
        {auth === 'unauthorized' ? (
          <Unauthorized />
        ) : (
          <>
            <StagePage hidden={route.view !== 'stage'} />
            {route.view === 'wechat' && <WechatConsole />}
            {route.view === 'login' && <LoginConsole />}
            {route.view === 'inspector' && <Inspector />}
            {route.view === 'workbench' && <Workbench />}
          </>
        )}
      </main>
      <Toasts />
    </div>
  );
}
