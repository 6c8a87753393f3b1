import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface PtyPair {
  /** The end the register opens as its device. */
  readonly device: string;
  /** The end the test drives as the printer / drawer / scanner. */
  readonly peer: string;
  readonly close: () => Promise<void>;
}

/** A real serial pair through socat pseudo-terminals (apt-get install socat). */
export async function ptyPair(dir: string): Promise<PtyPair> {
  const device = join(dir, 'ttyDevice');
  const peer = join(dir, 'ttyPeer');
  const socat: ChildProcess = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${device}`, `pty,raw,echo=0,link=${peer}`], { stdio: 'ignore' });
  // A machine without socat must fail these tests naming the package, never skip them.
  let missing: Error | null = null;
  socat.once('error', (error: NodeJS.ErrnoException) => {
    missing = new Error(
      error.code === 'ENOENT' ? 'socat is not installed: apt-get install socat (serial device tests need it)' : `socat failed: ${error.message}`,
    );
  });
  const deadline = Date.now() + 10_000;
  while (!(existsSync(device) && existsSync(peer))) {
    if (missing !== null) throw missing;
    if (Date.now() > deadline) throw new Error('socat did not create the pseudo-terminals');
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    device,
    peer,
    close: () =>
      new Promise<void>((resolve) => {
        if (socat.exitCode !== null) return resolve();
        socat.once('exit', () => resolve());
        socat.kill('SIGTERM');
      }),
  };
}
