// First: configures zod before any shared schema (src-main/contracts) is built.
import './zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
// The bundled CJK font (unicode-range subsets: only the glyphs a screen uses are loaded, from the studio server).
import '@fontsource-variable/noto-sans-sc';
import './styles/tokens.css';
import './styles/base.css';
import './styles/controls.css';
import './styles/components.css';
import './styles/layout.css';
import './styles/stage.css';
import './styles/phone.css';
import './styles/consoles.css';
import './styles/inspector.css';
import './styles/scenarios.css';
import './styles/qa.css';
import './styles/open.css';
import './styles/audit.css';
import { createHttp } from './api/http';
import { createStudioApi } from './api/studio-api';
import { openEventStream } from './api/events';
import { createDesktop } from './api/desktop';
import { createStudioStore } from './store/create-store';
import { StudioProvider } from './store/context';
import { App } from './app/App';
import { createI18n, resources } from './i18n';
import { loadGlyphs } from './i18n/fonts';
import { detectLanguage, storedLanguage } from './i18n/language';

const http = createHttp();
const api = createStudioApi(http);
const desktop = createDesktop();
let storage: Storage | null = null;
try {
  storage = window.localStorage;
} catch {
  storage = null;
}
const language = detectLanguage(navigator.languages, storedLanguage(storage));
const { i18n, missing } = createI18n(language);
const setDocumentLanguage = (lng: string): void => {
  document.documentElement.lang = lng;
};
setDocumentLanguage(i18n.language);
i18n.on('languageChanged', setDocumentLanguage);
// For the end-to-end tests: keys asked for that no catalogue has (always empty when the catalogues are complete).
window.__followStudioMissingKeys = () => [...missing];

const store = createStudioStore({ api, storage });
const { actions } = store.getState();

void actions.boot();
openEventStream('/api/events', {
  onEvent: (e) => actions.handleEvent(e),
  onStatus: (s) => actions.setStream(s),
  onReady: () => actions.onStreamReady(),
});

// The first render waits (at most 2 s) for the glyphs of the studio's own words; see i18n/fonts.ts.
await loadGlyphs(resources[language]);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <StudioProvider store={store} api={api} desktop={desktop}>
        <App />
      </StudioProvider>
    </I18nextProvider>
  </StrictMode>,
);
