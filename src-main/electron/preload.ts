import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNELS, type DesktopBridge } from '../contracts/bridge';

// The only things the page can ask of the desktop: nothing else of Node or Electron is reachable.
const bridge: DesktopBridge = {
  isDesktop: true,
  openExternal: (url) => ipcRenderer.invoke(IPC_CHANNELS.openExternal, url) as Promise<void>,
  revealDataFolder: () => ipcRenderer.invoke(IPC_CHANNELS.revealDataFolder) as Promise<void>,
};

contextBridge.exposeInMainWorld('followStudio', bridge);
