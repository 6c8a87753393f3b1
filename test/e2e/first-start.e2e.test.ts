import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { repoRoot } from '../support/cli';
import { openRegisterPage, type RegisterPage } from '../support/browser';

/**
 * README's first command on a machine where Electron cannot run (here: the
 * binary is never downloaded): `npm start` must say why in one line and
 * serve the same register in the browser, and the printed address must
 * reach the sign-in screen.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'greentill-first-start-'));
let child: ChildProcess | null = null;
let register: RegisterPage | null = null;

afterAll(async () => {
  await register?.browser.close();
  if (child?.pid !== undefined) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
});

it('npm start without Electron says why, serves the register in the browser, and the address reaches sign-in', async () => {
  child = spawn('npm', ['start'], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      // Whatever this machine has, point Electron at nothing: the fallback is what is under test.
      ELECTRON_OVERRIDE_DIST_PATH: join(dataDir, 'no-electron'),
      GREENTILL_DB: join(dataDir, 'greentill.sqlite'),
      GREENTILL_PORT: '0',
      GREENTILL_LOG_LEVEL: 'warn',
    },
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no address within 120 s; stdout: ${out}\nstderr: ${err}`)), 120_000);
    child?.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const found = /Open (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(out);
      if (found?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
    child?.on('exit', (code) => reject(new Error(`npm start exited (${code}) before serving; stdout: ${out}\nstderr: ${err}`)));
  });
  expect(out).toMatch(/^Electron cannot start here: the Electron binary is missing at .*no-electron.*\. Serving the register in the browser instead/m);

  register = await openRegisterPage();
  await register.page.goto(url);
  await expect.poll(() => register?.page.getByRole('radio', { name: /Bailey Budtender/ }).count()).toBe(1);
  expect(register.pageErrors).toEqual([]);
}, 180_000);
