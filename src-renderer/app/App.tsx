import { useEffect, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Icon, type IconName } from '../components/Icon';
import { Dialog, Spinner } from '../components/ui';
import { useActions, useDesktop, useStudio, useStudioStore } from '../store/context';
import { formatHash, parseHash, type View } from '../store/route';
import { selectAuth, selectResetting, selectRoute, selectStream, selectVersion } from '../store/selectors';
import { LanguageSwitch } from './LanguageSwitch';
import { Toasts } from './Toasts';
import { StagePage } from '../features/stage/StagePage';

import { WechatConsole } from '../features/wechat-console/WechatConsole';
import { LoginConsole } from '../features/login-console/LoginConsole';
import { Inspector } from '../features/inspector/Inspector';
import { Workbench } from '../features/workbench/Workbench';
import { ScenariosPage } from '../features/scenarios/ScenariosPage';
import { ApiReference } from '../features/api-reference/ApiReference';
import { StoryBar } from '../features/story/StoryBar';

const NAV: ReadonlyArray<{ view: View; icon: IconName }> = [
  { view: 'stage', icon: 'stage' },
  { view: 'wechat', icon: 'wechat' },
  { view: 'login', icon: 'login' },
  { view: 'inspector', icon: 'inspector' },
  { view: 'workbench', icon: 'workbench' },
  { view: 'scenarios', icon: 'flask' },
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
  const { t } = useTranslation();
  const stream = useStudio(selectStream);
  const text = t(`app.stream.${stream}`);
  const tone = stream === 'open' ? 'dot-green' : stream === 'connecting' ? 'dot-amber' : 'dot-red';
  return (
    <span className="status" role="status" aria-label={t('app.stream.aria', { state: text })} data-testid="stream-status" data-state={stream}>
      <span className={`dot ${tone}`} />
      <span className="status-text">{text}</span>
    </span>
  );
}

/** Reset demo: asks first, since it throws away everything made since the last reset. */
function ResetButton(): React.JSX.Element {
  const { t } = useTranslation();
  const resetting = useStudio(selectResetting);
  const { resetDemo } = useActions();
  const [asking, setAsking] = useState(false);
  return (
    <>
      <button type="button" className="btn" onClick={() => setAsking(true)} disabled={resetting} title={t('app.reset.title')} data-testid="reset-demo">
        {resetting ? <Spinner label={t('app.reset.resetting')} /> : <Icon name="reset" />}
        <span className="btn-text">{t('app.reset.button')}</span>
      </button>
      <Dialog
        open={asking}
        onClose={() => setAsking(false)}
        title={t('app.reset.confirmTitle')}
        actions={
          <>
            <button type="button" className="btn" onClick={() => setAsking(false)}>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              className="btn btn-danger"
              data-testid="confirm-reset"
              onClick={() => {
                setAsking(false);
                void resetDemo();
              }}
            >
              {t('app.reset.confirm')}
            </button>
          </>
        }
      >
        <p>{t('app.reset.confirmBody')}</p>
      </Dialog>
    </>
  );
}

function Unauthorized(): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <div className="unauthorized">
      <div className="card">
        <div className="card-head">
          <h2>
            <Icon name="lock" /> {t('app.unauthorized.title')}
          </h2>
        </div>
        <div className="card-body stack">
          <p>
            <Trans i18nKey="app.unauthorized.body" components={{ em: <em />, code: <code /> }} />
          </p>
          <pre className="code" translate="no">
            {'{"event":"ready", …, "ui":"http://127.0.0.1:…/?token=…"}'}
          </pre>
          <div>
            <button type="button" className="btn" onClick={() => window.location.reload()}>
              <Icon name="refresh" /> {t('common.tryAgain')}
            </button>
          </div>
        </div>
      </div>
    </div>
  );
}

export function App(): React.JSX.Element {
  useHashRoute();
  const { t } = useTranslation();
  const route = useStudio(selectRoute);
  const auth = useStudio(selectAuth);
  const version = useStudio(selectVersion);
  const desktop = useDesktop();
  const { navigate } = useActions();
  const current = NAV.find((n) => n.view === route.view) ?? (route.view === 'api' ? { view: route.view } : NAV[0]!);
  const title = t(`views.${current.view}.title`);

  useEffect(() => {
    document.title = t('app.documentTitle', { view: title });
  }, [title, t]);

  return (
    <div className="app">
      <div className="brand">
        <span className="brand-mark">
          <Icon name="wechat" size={18} />
        </span>
        <span className="brand-words">
          <div className="brand-name" translate="no">
            Follow Studio
          </div>
          <div className="brand-ver">{version ? `v${version}` : t('app.tagline')}</div>
        </span>
      </div>
      <header className="topbar">
        <div>
          <h1>{title}</h1>
        </div>
        <span className="topbar-sub">{t(`views.${current.view}.sub`)}</span>
        <span className="spacer" />
        <StreamStatus />
        <LanguageSwitch />
        <ResetButton />
      </header>
      <nav className="nav" aria-label={t('app.nav')}>
        {NAV.map((n) => (
          <a
            key={n.view}
            className="nav-link"
            href={`#/${n.view}`}
            aria-current={route.view === n.view ? 'page' : undefined}
            title={t(`views.${n.view}.label`)}
          >
            <Icon name={n.icon} size={18} />
            <span className="nav-text">{t(`views.${n.view}.label`)}</span>
          </a>
        ))}
        <div className="nav-foot">
          {desktop.canRevealDataFolder && (
            <button type="button" className="btn btn-sm" onClick={() => desktop.revealDataFolder()} title={t('app.dataFolder')}>
              <Icon name="folder" size={14} /> <span className="nav-text">{t('app.dataFolder')}</span>
            </button>
          )}
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => navigate({ view: 'api', params: [] })}
            aria-pressed={route.view === 'api'}
            title={t('app.apiReference')}
          >
            <Icon name="book" size={14} /> <span className="nav-text">{t('app.apiReference')}</span>
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
            {route.view === 'scenarios' && <ScenariosPage />}
            {route.view === 'api' && <ApiReference />}
            <StoryBar />
          </>
        )}
      </main>
      <Toasts />
    </div>
  );
}
