import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL } from '../../../shared/bridge';
import { buildBridge } from './bridge';

// Sandboxed preload: expose the contract's invoke and nothing else.
contextBridge.exposeInMainWorld(
  BRIDGE_GLOBAL,
  buildBridge((channel, payload) => ipcRenderer.invoke(channel, payload)),
);
