import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The register window's options. The renderer is untrusted as far as the OS
 * goes: isolated context, OS sandbox, no Node, web security on; it reaches
 * the core only through the preload's contract bridge.
 */
export function registerWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1366,
    height: 900,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    backgroundColor: '#0f1a14',
    title: 'Greentill',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: true,
    },
  };
}
