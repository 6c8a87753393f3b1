import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { CliIo } from '../../src/main/entries/cli/command';

export const repoRoot = join(import.meta.dirname, '..', '..');

/** An in-memory CliIo: what a command printed, and stdin it may read. */
export function captureIo(stdin = ''): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: (text) => (out += text),
    stderr: (text) => (err += text),
    readStdin: async () => Buffer.from(stdin),
    out: () => out,
    err: () => err,
  };
}

/** Runs `npm run -s cli -- …` the way support staff do (through tsx), end to end. */
export function spawnCli(args: readonly string[], input?: string | Buffer): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(join(repoRoot, 'node_modules', '.bin', 'tsx'), [join(repoRoot, 'src/main/entries/cli/index.ts'), ...args], {
    cwd: repoRoot,
    input,
    encoding: 'utf8',
    env: { ...process.env, GREENTILL_LOG_LEVEL: 'silent' },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `spawnCli` without blocking this process, for commands that talk to a server the test runs (`env`: added to this process's). */
export function spawnCliAsync(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(repoRoot, 'node_modules', '.bin', 'tsx'), [join(repoRoot, 'src/main/entries/cli/index.ts'), ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...env, GREENTILL_LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A server's admin command (`store-…`, `relay-…`) run against the database `env` names: its JSON answer, and nothing on stderr. */
export async function serverCli(args: readonly string[], env: Readonly<Record<string, string>>): Promise<unknown> {
  const result = await spawnCliAsync(args, env);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as unknown;
}
