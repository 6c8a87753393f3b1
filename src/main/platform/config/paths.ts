import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_NAME = 'Greentill';

/**
 * The OS app-data folder, the same one Electron's `app.getPath('userData')`
 * returns for this app, so the register and the CLI find the same file.
 */
export function appDataDirectory(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  switch (platform) {
    case 'win32':
      return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', APP_NAME);
    default:
      return join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), APP_NAME);
  }
}

/** `GREENTILL_DB` overrides the database file; otherwise it lives in app data. */
export function databasePath(env: NodeJS.ProcessEnv = process.env, dataDir: string = appDataDirectory()): string {
  const override = env['GREENTILL_DB'];
  return override !== undefined && override !== '' ? resolve(override) : join(dataDir, 'greentill.sqlite');
}

/**
 * The shipped `migrations/` folder: found by walking up from this module
 * (source tree under tsx, or the bundle in `out/main`). Packaged builds pass
 * `process.resourcesPath` explicitly.
 */
export function findMigrationsFolder(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    const candidate = join(dir, 'migrations');
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No migrations folder found above ${from}`);
    dir = parent;
  }
}

/** The demo store is seeded on a blank database unless GREENTILL_DEMO=0 (a real store runs `setup-store`). */
export function demoEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env['GREENTILL_DEMO'] !== '0' && env['GREENTILL_DEMO'] !== 'false';
}
