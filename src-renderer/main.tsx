// First: configures zod before any shared schema (src-main/contracts) is built.
import './zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles/tokens.css';
import './styles/base.css';
import './styles/controls.css';
import './styles/components.css';
import './styles/layout.css';
import './styles/stage.css';
import './styles/phone.css';
import './styles/consoles.css';
import './styles/inspector.css';
import { createHttp } from './api/http';
import { createStudioApi } from './api/studio-api';
import { openEventStream } from './api/events';
import { createDesktop } from './api/desktop';
import { createStudioStore } from './store/create-store';
import { StudioProvider } from './store/context';
import { App } from './app/App';

const http = createHttp();
const api = createStudioApi(http);
const desktop = createDesktop();
let storage: Storage | null = null;
try {
  storage = window.localStorage;
} catch {
  storage = null;
}
const store = createStudioStore({ api, storage });
const { actions } = store.getState();

void actions.boot();
openEventStream('/api/events', {
  onEvent: (e) => actions.handleEvent(e),
  onStatus: (s) => actions.setStream(s),
  onReady: () => actions.onStreamReady(),
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StudioProvider store={store} api={api} desktop={desktop}>
      <App />
    </StudioProvider>
  </StrictMode>,
);
