import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Whether this machine can open the register's Electron window, and if not, why — in one line a newcomer can act on. */
export type ElectronAvailability = { readonly ok: true; readonly binary: string } | { readonly ok: false; readonly reason: string };

export interface MachineFacts {
  readonly env: NodeJS.ProcessEnv;
  readonly platform: NodeJS.Platform;
  /** The installed `electron` package's folder, or null when it is not installed. */
  readonly electronPackageDir: string | null;
  readonly exists: (path: string) => boolean;
  readonly read: (path: string) => string;
}

/**
 * The electron package downloads its binary at install time and records
 * where in `path.txt`; on machines that cannot reach its download host (CI
 * here sets ELECTRON_SKIP_BINARY_DOWNLOAD) there is no binary. On Linux a
 * window also needs a display.
 */
export function electronAvailability(facts: MachineFacts): ElectronAvailability {
  if (facts.electronPackageDir === null) return { ok: false, reason: 'the electron package is not installed (run npm ci)' };
  const override = facts.env['ELECTRON_OVERRIDE_DIST_PATH'];
  let binary: string;
  if (override !== undefined && override !== '') {
    binary = join(override, facts.platform === 'win32' ? 'electron.exe' : 'electron');
  } else {
    const pathFile = join(facts.electronPackageDir, 'path.txt');
    if (!facts.exists(pathFile)) {
      return { ok: false, reason: 'the Electron binary was never downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD, or its download host is unreachable)' };
    }
    binary = join(facts.electronPackageDir, 'dist', facts.read(pathFile).trim());
  }
  if (!facts.exists(binary)) return { ok: false, reason: `the Electron binary is missing at ${binary}` };
  if (facts.platform === 'linux' && !facts.env['DISPLAY'] && !facts.env['WAYLAND_DISPLAY']) {
    return { ok: false, reason: 'there is no display to open a window on (neither DISPLAY nor WAYLAND_DISPLAY is set)' };
  }
  return { ok: true, binary };
}

/** The facts of the machine this process runs on. */
export function thisMachine(): MachineFacts {
  let electronPackageDir: string | null = null;
  try {
    electronPackageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    electronPackageDir = null;
  }
  return { env: process.env, platform: process.platform, electronPackageDir, exists: existsSync, read: (path) => readFileSync(path, 'utf8') };
}
