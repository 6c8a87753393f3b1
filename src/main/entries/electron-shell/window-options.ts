import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The register window's options. The renderer is untrusted as far as the OS
 * goes: isolated context, OS sandbox, no Node, web security on; it reaches
 * the core only through the preload's contract bridge. No application
 * menu (its reload and DevTools entries are the same hole).
 */
export function registerWindowOptions(preloadPath: string, { development = false }: { readonly development?: boolean } = {}): BrowserWindowConstructorOptions {
  return {
    width: 1366,
    height: 900,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    backgroundColor: '#0f1a14',
    title: 'Greentill',
    autoHideMenuBar: true,
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
      // DevTools would let anyone at the till script the bridge and read a PIN as it is typed: development only.
      devTools: development,
    },
  };
}
