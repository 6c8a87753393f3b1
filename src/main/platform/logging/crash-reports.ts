import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';

/**
 * Crash reports (issue #19): when the core process dies of an uncaught
 * exception or an unhandled rejection, one JSON file in a `crash-reports`
 * folder that the IT incident log can attach. No PII: no customer, staff or
 * sale data, no environment or arguments; the message and stack are cut
 * short, with the home folder, the user name, e-mail addresses and runs of
 * digits (licence, phone and card numbers, birth dates) masked.
 */
export type CrashKind = 'uncaughtException' | 'unhandledRejection';

export interface CrashReport {
  readonly kind: CrashKind;
  readonly at: string;
  readonly process: { readonly pid: number; readonly uptimeSeconds: number; readonly rssBytes: number };
  readonly runtime: { readonly node: string; readonly electron: string | null; readonly platform: string; readonly arch: string };
  readonly error: { readonly name: string; readonly code: string | null; readonly message: string; readonly stack: string[] };
}

const MAX_MESSAGE = 500;
const MAX_STACK_LINES = 30;

/** Masks what could name a person or a place on this computer. */
export function scrubForReport(text: string): string {
  let out = text;
  const home = homedir();
  if (home.length > 1) out = out.split(home).join('~');
  let user = '';
  try {
    user = userInfo().username;
  } catch {
    // no user entry (a container): nothing to mask
  }
  if (user.length > 2) out = out.split(user).join('<user>');
  return out
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '<email>')
    .replace(/\d{4}-\d{2}-\d{2}(?!T\d)/g, '<date>')
    .replace(/[A-Za-z]?\d{5,}/g, '<number>');
}

export function crashReport(kind: CrashKind, reason: unknown, now: Date = new Date()): CrashReport {
  const error = reason instanceof Error ? reason : null;
  const rawCode: unknown = error === null ? undefined : (error as { code?: unknown }).code;
  const code = typeof rawCode === 'string' ? rawCode : null;
  const message = error !== null ? error.message : typeof reason === 'string' ? reason : `a non-error value was thrown (${typeof reason})`;
  const stack = (error?.stack ?? '')
    .split('\n')
    .slice(1)
    .map((line) => scrubForReport(line.trim()))
    .filter((line) => line.startsWith('at '))
    .slice(0, MAX_STACK_LINES);
  return {
    kind,
    at: now.toISOString(),
    process: { pid: process.pid, uptimeSeconds: Math.round(process.uptime()), rssBytes: process.memoryUsage.rss() },
    runtime: { node: process.versions.node, electron: process.versions['electron'] ?? null, platform: process.platform, arch: process.arch },
    error: { name: error?.name ?? 'NonError', code, message: scrubForReport(message).slice(0, MAX_MESSAGE), stack },
  };
}

/** Writes the report as `crash-<instant>-<pid>.json` (owner-only); synchronous, as the process is about to exit. Returns its path. */
export function writeCrashReport(directory: string, kind: CrashKind, reason: unknown, now: Date = new Date()): string {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const path = join(directory, `crash-${now.toISOString().replace(/[-:.]/g, '')}-${process.pid}.json`);
  writeFileSync(path, `${JSON.stringify(crashReport(kind, reason, now), null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return path;
}
