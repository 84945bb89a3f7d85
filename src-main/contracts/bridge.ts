/** The desktop extras the preload bridge exposes as `window.followStudio` (absent in a plain browser). */
export interface DesktopBridge {
  readonly isDesktop: true;
  openExternal(url: string): Promise<void>;
  revealDataFolder(): Promise<void>;
}

/** The IPC channels behind the bridge: the only ones main answers. */
export const IPC_CHANNELS = {
  openExternal: 'follow-studio:open-external',
  revealDataFolder: 'follow-studio:reveal-data-folder',
} as const;
