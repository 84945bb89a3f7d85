import path from 'node:path';
import fs from 'node:fs';
import { BrowserWindow, shell, type Rectangle } from 'electron';

interface SavedBounds {
  bounds: Rectangle;
  maximized: boolean;
}

function readBounds(file: string): SavedBounds | null {
  try {
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as SavedBounds;
    return v && v.bounds && typeof v.bounds.width === 'number' ? v : null;
  } catch {
    return null;
  }
}

/**
 * The one window: isolated, sandboxed, no Node in the page, navigation locked to the studio origin
 * (links elsewhere open in the system browser), and its size remembered between launches.
 */
export function createMainWindow(opts: { url: string; preload: string; stateFile: string; studioOrigin: string }): BrowserWindow {
  const saved = readBounds(opts.stateFile);
  const win = new BrowserWindow({
    width: saved?.bounds.width ?? 1440,
    height: saved?.bounds.height ?? 900,
    ...(saved ? { x: saved.bounds.x, y: saved.bounds.y } : {}),
    minWidth: 1100,
    minHeight: 700,
    title: 'Follow Studio',
    show: false,
    backgroundColor: '#f5f6f8',
    webPreferences: {
      preload: opts.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  if (saved?.maximized) win.maximize();
  const sameOrigin = (u: string): boolean => {
    try {
      return new URL(u).origin === opts.studioOrigin;
    } catch {
      return false;
    }
  };
  win.webContents.on('will-navigate', (e, target) => {
    if (!sameOrigin(target)) {
      e.preventDefault();
      if (/^https?:\/\//.test(target)) void shell.openExternal(target);
    }
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    // The login console's "Experience login" opens the hosted page (on the auth server) as a pop-up.
    if (url.startsWith('http://127.0.0.1') || url.startsWith('http://localhost')) {
      return { action: 'allow', overrideBrowserWindowOptions: { width: 480, height: 720, webPreferences: { sandbox: true, contextIsolation: true } } };
    }
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  const save = (): void => {
    try {
      fs.mkdirSync(path.dirname(opts.stateFile), { recursive: true });
      fs.writeFileSync(opts.stateFile, JSON.stringify({ bounds: win.getNormalBounds(), maximized: win.isMaximized() }));
    } catch {
      // Remembering the size is a nicety; never fail a close over it.
    }
  };
  win.on('close', save);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(opts.url);
  return win;
}
