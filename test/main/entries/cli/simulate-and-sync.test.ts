import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeMetrc, type FakeMetrc } from '../../../support/fake-metrc';
import { spawnCli, spawnCliAsync } from '../../../support/cli';
import { testMetrcCredentials } from '../../../support/metrc-lane';

const credentials = testMetrcCredentials;
let dir: string;
let metrc: FakeMetrc;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'greentill-cli-sync-'));
  metrc = await startFakeMetrc(credentials);
});
afterEach(async () => {
  await metrc.close();
  rmSync(dir, { recursive: true, force: true });
});

const syncArgs = (db: string, extra: string[] = []) => [
  'sync',
  '--db',
  db,
  '--metrc-url',
  metrc.url,
  '--vendor-key',
  credentials.vendorKey,
  '--user-key',
  credentials.userKey,
  '--license',
  credentials.licenseNumber,
  ...extra,
];

describe('simulate-sales and sync', () => {
  it('rings sales into a new file, then delivers them all to Metrc once', async () => {
    const db = join(dir, 'load.sqlite');
    const simulated = spawnCli(['simulate-sales', '--db', db, '--count', '25', '--seed', '5']);
    expect(simulated.status, simulated.stderr).toBe(0);
    const rung = JSON.parse(simulated.stdout) as { sales: number };
    expect(rung.sales).toBe(25);
    expect(metrc.stats.posts).toBe(0);

    const synced = await spawnCliAsync(syncArgs(db, ['--until-drained', '--timeout-s', '60']));
    expect(synced.status, synced.stderr).toBe(0);
    const result = JSON.parse(synced.stdout) as { sent: number; confirmed: number; deadLettered: number; pending: number };
    expect(result).toMatchObject({ deadLettered: 0, pending: 0 });
    expect(result.sent).toBeGreaterThanOrEqual(25);
    expect(new Set(metrc.receipts().map((r) => r.ExternalReceiptNumber)).size).toBe(25);
    expect(metrc.receipts()).toHaveLength(25);

    // A second run finds nothing to do and sends nothing.
    const again = await spawnCliAsync(syncArgs(db, ['--until-drained']));
    expect(JSON.parse(again.stdout)).toEqual({ sent: 0, confirmed: 0, deadLettered: 0, pending: 0 });
  }, 120_000);

  it('wrong keys park the receipts with Metrc’s refusal instead of losing them', async () => {
    const db = join(dir, 'keys.sqlite');
    expect(spawnCli(['simulate-sales', '--db', db, '--count', '2']).status).toBe(0);
    const synced = await spawnCliAsync([
      'sync',
      '--db',
      db,
      '--metrc-url',
      metrc.url,
      '--vendor-key',
      'wrong-vendor-key',
      '--user-key',
      credentials.userKey,
      '--license',
      credentials.licenseNumber,
      '--until-drained',
    ]);
    const result = JSON.parse(synced.stdout) as { deadLettered: number; confirmed: number };
    expect(result.confirmed).toBe(0);
    expect(result.deadLettered).toBeGreaterThanOrEqual(2);
    expect(metrc.receipts()).toHaveLength(0);
  }, 120_000);

  it('explains bad arguments as JSON and exits 1', () => {
    const missing = spawnCli(['sync', '--db', join(dir, 'x.sqlite')]);
    expect(missing.status).toBe(1);
    expect(JSON.parse(missing.stdout)).toMatchObject({ error: { code: 'INVALID_ARGUMENTS', message: expect.stringContaining('--metrc-url') } });
    const count = spawnCli(['simulate-sales', '--db', join(dir, 'y.sqlite'), '--count', 'many']);
    expect(count.status).toBe(1);
    expect(JSON.parse(count.stdout)).toMatchObject({ error: { code: 'INVALID_ARGUMENTS', message: expect.stringContaining('--count') } });
  });
});

describe('offline-exceptions', () => {
  it('reports offline sales and their re-check as JSON', () => {
    const db = join(dir, 'offline.sqlite');
    expect(spawnCli(['simulate-sales', '--db', db, '--count', '1']).status).toBe(0);
    const report = spawnCli(['offline-exceptions', '--db', db]);
    expect(report.status, report.stderr).toBe(0);
    // Simulated sales never touch the network: none counts as made offline.
    expect(JSON.parse(report.stdout)).toEqual({ offlineSales: 0, reverified: 0, awaitingReverification: 0, exceptions: [] });
  });
});
