import { readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeCrashReport } from '../../../../src/main/platform/logging/crash-reports';
import { logger, logToFiles } from '../../../../src/main/platform/logging/logger';
import { tempDir } from '../../../support/temp-db';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('log files', () => {
  it('are written to the folder given and rotated by size, keeping the newest few', async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const folder = join(dir.path, 'logs');
    const files = await logToFiles(folder, { size: '1k', keep: 2 });
    const level = logger.level;
    logger.level = 'info';
    try {
      for (let i = 0; i < 60; i += 1) {
        logger.info({ i, filler: 'x'.repeat(100) }, 'a line for the log file');
        await settle(5);
      }
    } finally {
      logger.level = level;
      files.close();
    }
    await settle(100);
    const names = readdirSync(folder).sort();
    // 60 lines of ~200 bytes roll past 1 KiB many times; only the current file and two more are kept.
    expect(names.length).toBeLessThanOrEqual(3);
    expect(names.every((n) => /^greentill\.\d+\.log$/.test(n))).toBe(true);
    const numbers = names.map((n) => Number(n.split('.')[1]));
    expect(Math.max(...numbers)).toBeGreaterThan(5);
    const lines = names.flatMap((n) =>
      readFileSync(join(folder, n), 'utf8')
        .split('\n')
        .filter((line) => line !== ''),
    );
    expect(lines.map((line) => JSON.parse(line) as { msg: string; i: number })).toContainEqual(
      expect.objectContaining({ msg: 'a line for the log file', i: 59 }),
    );
  });
});

describe('crash reports', () => {
  it('are JSON files in the folder given, owner-only, with no PII', () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const error = new Error(`customer jane.doe@example.com, licence D1234567, born 1990-04-01, file ${join(homedir(), 'greentill', 'x.sqlite')}`);
    const path = writeCrashReport(join(dir.path, 'crash-reports'), 'uncaughtException', error, new Date('2026-11-25T06:30:00Z'));
    expect(readdirSync(join(dir.path, 'crash-reports'))).toEqual([path.split('/').at(-1)]);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    const report = JSON.parse(readFileSync(path, 'utf8')) as { kind: string; at: string; error: { message: string; stack: string[] } };
    expect(report).toMatchObject({ kind: 'uncaughtException', at: '2026-11-25T06:30:00.000Z', error: { name: 'Error' } });
    expect(report.error.stack.length).toBeGreaterThan(0);
    const text = JSON.stringify(report);
    for (const pii of ['jane.doe@example.com', '1234567', '1990-04-01', homedir()]) expect(text).not.toContain(pii);
    expect(report.error.message).toContain('<email>');
  });

  it('describe a rejection with a non-error value', () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const path = writeCrashReport(dir.path, 'unhandledRejection', { secret: 'not copied' });
    const report = JSON.parse(readFileSync(path, 'utf8')) as { error: { name: string; message: string } };
    expect(report.error).toEqual({ name: 'NonError', code: null, message: 'a non-error value was thrown (object)', stack: [] });
  });
});
