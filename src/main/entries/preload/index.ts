import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL } from '../../../shared/bridge';
import { buildBridge } from './bridge';

// Sandboxed preload: expose the contract's invoke and the core's pushes, and nothing else.
contextBridge.exposeInMainWorld(
  BRIDGE_GLOBAL,
  buildBridge(
    (channel, payload) => ipcRenderer.invoke(channel, payload),
    (channel, listener) => {
      const handler = (_event: unknown, payload: unknown): void => listener(payload);
      ipcRenderer.on(channel, handler);
      return () => void ipcRenderer.removeListener(channel, handler);
    },
  ),
);
