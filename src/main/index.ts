import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, Menu, protocol, safeStorage, session, utilityProcess } from 'electron';
import { utilityCore } from './core/process/core-channel';
import { CoreProcess } from './core/process/core-process';
import { databasePath, demoEnabled, findMigrationsFolder } from './platform/config/paths';
import { logger, logToFiles } from './platform/logging/logger';
import { SafeStorageKeySource } from './platform/security/key-source';
import { APP_INDEX_URL, APP_SCHEME, appProtocolHandler, appSchemePrivileges, appUrlMatcher } from './entries/electron-shell/app-protocol';
import { denyAllPermissions, enforceContentSecurityPolicy, lockNavigation } from './entries/electron-shell/hardening';
import { registerIpc } from './entries/electron-shell/ipc';
import { relayPushes } from './entries/electron-shell/push-relay';
import { registerWindowOptions } from './entries/electron-shell/window-options';

/**
 * The Electron shell, kept thin: everything below it (database, core,
 * devices, sync) runs and is tested under plain Node.
 */
// A development server is only ever honoured in development: a packaged register ignores the variable.
const devServerUrl = app.isPackaged ? null : (process.env['ELECTRON_RENDERER_URL'] ?? null);
const rendererFolder = join(import.meta.dirname, '../renderer');
const isAppUrl = appUrlMatcher(devServerUrl);
protocol.registerSchemesAsPrivileged([appSchemePrivileges]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let window: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (window === null) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      logger.fatal({ err: error }, 'the register failed to start');
      app.exit(1);
    });

  async function start(): Promise<void> {
    const migrationsFolder = app.isPackaged ? join(process.resourcesPath, 'migrations') : findMigrationsFolder();
    // The installed register keeps rotating log files in app data (logs/), beside crash-reports/ and backups/.
    const logDirectory = join(app.getPath('userData'), 'logs');
    await logToFiles(logDirectory);
    // The data key is wrapped by the OS keychain (Keychain, DPAPI, libsecret); never stored in clear.
    const keySource = new SafeStorageKeySource({ path: join(app.getPath('userData'), 'greentill.key'), safeStorage });
    // The core (database, sync, devices) runs in a utilityProcess, off the thread that draws the window (issue #19).
    // This process only unwraps the data key with the OS keychain and hands it over at start.
    const masterKey = await keySource.getMasterKey();
    const core = await CoreProcess.start({
      spawn: utilityCore(() => utilityProcess.fork(join(import.meta.dirname, 'core-process.js'), [], { serviceName: 'Greentill core', stdio: 'inherit' })),
      start: {
        databasePath: databasePath(process.env, app.getPath('userData')),
        migrationsFolder,
        key: { kind: 'bytes', base64: masterKey.toString('base64') },
        demo: demoEnabled(),
        startSync: true,
        openDevices: true,
        logDirectory,
      },
    });
    masterKey.fill(0);
    Menu.setApplicationMenu(null);
    protocol.handle(APP_SCHEME, appProtocolHandler(rendererFolder));
    enforceContentSecurityPolicy(session.defaultSession);
    denyAllPermissions(session.defaultSession);
    registerIpc(ipcMain, core.invoke, isAppUrl);
    // Whatever is in flight stays in the outbox and is looked up at the next start; the ports are released.
    app.on('before-quit', () => void core.stop());
    window = new BrowserWindow(registerWindowOptions(join(import.meta.dirname, '../preload/index.cjs'), { development: !app.isPackaged }));
    lockNavigation(window.webContents, isAppUrl);
    // Scans, the sync state, the order queue and core restarts reach the page as pushes through the preload (issue #19).
    const pushes = relayPushes(core, () => window?.webContents ?? null);
    window.webContents.on('did-finish-load', () => pushes.hello());
    window.once('closed', () => pushes.stop());
    window.once('ready-to-show', () => window?.show());
    void window.loadURL(devServerUrl ?? APP_INDEX_URL);
  }
}
