import type { DesktopBridge } from '../../src-main/contracts/bridge';

declare global {
  interface Window {
    followStudio?: DesktopBridge;
  }
}

export interface Desktop {
  readonly isDesktop: boolean;
  /** Opens a link outside the studio: the system browser on the desktop, a new tab in a browser. */
  openExternal(url: string): void;
  /** Shows the data folder in the file manager; only the desktop app can. */
  readonly canRevealDataFolder: boolean;
  revealDataFolder(): void;
  /** Opens a page as a pop-up window (the hosted login page of "Experience login"). */
  openPopup(url: string, name: string): Window | null;
}

/** The preload bridge when the UI runs in the Electron window, plain web APIs otherwise. */
export function createDesktop(win: Window = window): Desktop {
  const bridge = win.followStudio;
  return {
    isDesktop: bridge?.isDesktop === true,
    openExternal(url) {
      if (bridge) void bridge.openExternal(url).catch(() => win.open(url, '_blank', 'noopener'));
      else win.open(url, '_blank', 'noopener');
    },
    canRevealDataFolder: Boolean(bridge),
    revealDataFolder() {
      if (bridge) void bridge.revealDataFolder();
    },
    openPopup(url, name) {
      const w = 480;
      const h = 720;
      const left = Math.max(0, Math.round(win.screenX + (win.outerWidth - w) / 2));
      const top = Math.max(0, Math.round(win.screenY + (win.outerHeight - h) / 2));
      return win.open(url, name, `popup,width=${w},height=${h},left=${left},top=${top}`);
    },
  };
}
