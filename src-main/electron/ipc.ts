import { ipcMain, shell } from 'electron';
import { IPC_CHANNELS } from '../contracts/bridge';

/** Answers the preload bridge's channels, checking every argument: the page is not trusted. */
export function registerIpc(dataDir: string, isStudioFrame: (url: string) => boolean): void {
  ipcMain.handle(IPC_CHANNELS.openExternal, async (event, url: unknown) => {
    if (!isStudioFrame(event.senderFrame?.url ?? '')) throw new Error('not allowed from this page');
    if (typeof url !== 'string' || !/^https?:\/\//.test(url)) throw new Error('openExternal needs an http(s) URL');
    await shell.openExternal(url);
  });
  ipcMain.handle(IPC_CHANNELS.revealDataFolder, async (event) => {
    if (!isStudioFrame(event.senderFrame?.url ?? '')) throw new Error('not allowed from this page');
    await shell.openPath(dataDir);
  });
}
