import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { electronAvailability, thisMachine } from './electron-availability';

/**
 * `npm start`: the register in its Electron window where Electron can run.
 * Where it cannot (no binary, no display, native modules that will not
 * build for it), one line says why and the same register is served to the
 * browser instead, exactly as `npm run start:web` does, with its address
 * printed — a newcomer always ends up at a working register.
 */
const bin = (name: string): string => join(process.cwd(), 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(command: string, args: readonly string[]): boolean {
  return spawnSync(bin(command), args, { stdio: 'inherit' }).status === 0;
}

function serveInBrowser(reason: string): void {
  process.stdout.write(`Electron cannot start here: ${reason}. Serving the register in the browser instead (npm run start:web).\n`);
  // start:web itself (package.json): one definition of how the browser register is built and served.
  const host = spawn(npm, ['run', '-s', 'start:web'], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => host.kill(signal));
  host.on('exit', (code) => process.exit(code ?? 0));
}

function openWindow(binary: string): void {
  if (!run('electron-vite', ['build'])) process.exit(1);
  // Native modules (better-sqlite3, node-hid) must match Electron's ABI; node-hid needs libusb-1.0-0-dev to build.
  if (!run('electron-builder', ['install-app-deps'])) {
    // A half-done rebuild may have left better-sqlite3 built for Electron: build it back for Node before serving.
    spawnSync(npm, ['rebuild', 'better-sqlite3'], { stdio: 'inherit' });
    serveInBrowser('the native modules could not be rebuilt for Electron (on Debian: apt-get install libusb-1.0-0-dev g++ make python3)');
    return;
  }
  const window = spawn(binary, ['.'], { stdio: 'inherit' });
  window.on('exit', (code) => process.exit(code ?? 0));
}

const availability = electronAvailability(thisMachine());
if (availability.ok) openWindow(availability.binary);
else serveInBrowser(availability.reason);
