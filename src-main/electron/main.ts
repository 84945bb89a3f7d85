import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog } from 'electron';
import { createRuntime, type Runtime } from '../core/runtime';
import { createMainWindow } from './window';
import { registerIpc } from './ipc';

const here = path.dirname(fileURLToPath(import.meta.url));
let runtime: Runtime | null = null;

async function launch(): Promise<void> {
  const dataDir = path.join(app.getPath('userData'), 'data');
  try {
    runtime = await createRuntime({ dataDir, rendererDir: path.join(here, '../renderer'), scenariosDir: path.join(here, '../../scenarios/builtin') });
  } catch (err) {
    dialog.showErrorBox('Follow Studio could not start', (err as Error).message);
    app.exit(1);
    return;
  }
  const studioOrigin = new URL(runtime.urls.studio).origin;
  registerIpc(dataDir, (url) => {
    try {
      return new URL(url).origin === studioOrigin;
    } catch {
      return false;
    }
  });
  createMainWindow({
    url: runtime.uiUrl,
    preload: path.join(here, '../preload/index.cjs'),
    stateFile: path.join(app.getPath('userData'), 'window-state.json'),
    studioOrigin,
  });
}

if (!app.requestSingleInstanceLock()) app.quit();
app.whenReady().then(launch, (err: unknown) => {
  dialog.showErrorBox('Follow Studio could not start', String(err));
});
app.on('window-all-closed', () => app.quit());
let quitting = false;
app.on('before-quit', (e) => {
  if (quitting || !runtime) return;
  e.preventDefault();
  quitting = true;
  void runtime.stop().finally(() => app.quit());
});
