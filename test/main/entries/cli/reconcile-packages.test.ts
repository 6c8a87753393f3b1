import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../../src/main/entries/cli/index';
import { demoPackageTag } from '../../../../src/main/features/demo/seed';
import { captureIo, spawnCliAsync } from '../../../support/cli';
import { startFakeMetrc, type FakeMetrc, type FakeMetrcPackageSeed } from '../../../support/fake-metrc';
import { testMetrcCredentials } from '../../../support/metrc-lane';
import { keyedDemoFile, tempDir } from '../../../support/temp-db';

const credentials = testMetrcCredentials;
const cleanups: Array<() => void> = [];
let metrc: FakeMetrc;

beforeEach(async () => {
  metrc = await startFakeMetrc(credentials);
});
afterEach(async () => {
  await metrc.close();
  cleanups.splice(0).forEach((c) => c());
});

/** The demo store on a real file, closed so the command opens it as support staff would (its key file beside it). */
async function demoFile(): Promise<string> {
  const dir = tempDir();
  cleanups.push(dir.cleanup);
  return keyedDemoFile(dir.path);
}

/**
 * Metrc as the demo store's books say (102 packages: 24 and 6 of each counted product, 450 g and
 * 120 g of House Flower as tags 21 and 22), except tag 1 (20 there, 24 here) and tag 22 (119.5 g).
 */
function seedMetrc(): void {
  const seeds: FakeMetrcPackageSeed[] = [];
  for (let serial = 1; serial <= 102; serial += 1) {
    const weighed = serial === 21 || serial === 22;
    const quantity = weighed ? (serial === 21 ? 450 : 119.5) : serial === 1 ? 20 : serial % 2 === 1 ? 24 : 6;
    seeds.push({ Label: demoPackageTag(serial), Quantity: quantity, UnitOfMeasureName: weighed ? 'Grams' : 'Each' });
  }
  metrc.setPackages(seeds);
}

const args = (db: string, extra: string[] = [], keys: Partial<Record<keyof typeof credentials, string>> = {}) => {
  const c = { ...credentials, ...keys };
  return [
    'reconcile-packages',
    '--db',
    db,
    '--metrc-url',
    metrc.url,
    '--vendor-key',
    c.vendorKey,
    '--user-key',
    c.userKey,
    '--license',
    c.licenseNumber,
    ...extra,
  ];
};

const expectedCounts = {
  metrcActive: 102,
  localPackages: 102,
  localWithStock: 102,
  inBoth: 102,
  matching: 100,
  quantityMismatches: 2,
  unitMismatches: 0,
  missingLocally: 0,
  notActiveInMetrc: 0,
  onHoldInMetrc: 0,
  undeliveredSyncItems: 0,
};

describe('reconcile-packages', () => {
  it('end to end (v2): one JSON line with the report, exit 0 despite differences', async () => {
    seedMetrc();
    const db = await demoFile();
    const run = await spawnCliAsync(args(db));
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    const report = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(report).toEqual({
      ranAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      licenseNumber: credentials.licenseNumber,
      apiVersion: 'v2',
      auditSeq: 3,
      counts: expectedCounts,
      quantityMismatches: [
        {
          tag: demoPackageTag(1),
          productName: 'Blue Dream 3.5g',
          unit: 'each',
          localQuantity: 24,
          metrcQuantity: 20,
          difference: 4,
          metrcLastModified: expect.any(String),
          undeliveredSyncItems: 0,
        },
        {
          tag: demoPackageTag(22),
          productName: 'House Flower (by the gram)',
          unit: 'mg',
          localQuantity: 120_000,
          metrcQuantity: 119_500,
          difference: 500,
          metrcLastModified: expect.any(String),
          undeliveredSyncItems: 0,
        },
      ],
      unitMismatches: [],
      missingLocally: [],
      notActiveInMetrc: [],
      onHoldInMetrc: [],
    });
    expect(metrc.stats.gets).toBe(6);
  }, 60_000);

  it('v1 gives the same counts from one GET, and each run is audited', async () => {
    seedMetrc();
    const db = await demoFile();
    const io = captureIo();
    expect(await runCli(args(db, ['--api-version', 'v1']), io)).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({ apiVersion: 'v1', auditSeq: 3, counts: expectedCounts });
    expect(metrc.stats.gets).toBe(1);
    const verified = captureIo();
    expect(await runCli(['verify-audit', '--db', db], verified)).toBe(0);
    expect(JSON.parse(verified.out())).toMatchObject({ ok: true, entries: 3 });
  });

  it('bad keys, an unreachable Metrc and a foreign licence: {"error":{code,message}} and exit 1', async () => {
    seedMetrc();
    const db = await demoFile();
    const refused = captureIo();
    expect(await runCli(args(db, [], { vendorKey: 'wrong-vendor-key' }), refused)).toBe(1);
    expect(JSON.parse(refused.out())).toEqual({ error: { code: 'METRC_UNAUTHORIZED', message: expect.stringContaining('Check the keys') } });

    const foreign = captureIo();
    expect(await runCli(args(db, [], { licenseNumber: 'C10-0000001-LIC' }), foreign)).toBe(1);
    expect(JSON.parse(foreign.out())).toEqual({ error: { code: 'LICENSE_NOT_IN_REGISTER', message: expect.stringContaining('C10-0000001-LIC') } });

    await metrc.stop();
    const unreachable = captureIo();
    expect(await runCli(args(db), unreachable)).toBe(1);
    expect(JSON.parse(unreachable.out())).toEqual({ error: { code: 'METRC_UNREACHABLE', message: expect.stringContaining('could not be reached') } });

    // None of the failures left an audit entry behind.
    const verified = captureIo();
    expect(await runCli(['verify-audit', '--db', db], verified)).toBe(0);
    expect(JSON.parse(verified.out())).toMatchObject({ ok: true, entries: 2 });
  });

  it('explains bad arguments as JSON: missing options, a bad version, a missing database file', async () => {
    const missing = captureIo();
    expect(await runCli(['reconcile-packages', '--db', 'x.sqlite'], missing)).toBe(1);
    expect(JSON.parse(missing.out())).toEqual({ error: { code: 'INVALID_ARGUMENTS', message: 'Missing --metrc-url, --vendor-key, --user-key, --license.' } });

    const version = captureIo();
    expect(await runCli(args(await demoFile(), ['--api-version', 'v3']), version)).toBe(1);
    expect(JSON.parse(version.out())).toEqual({ error: { code: 'INVALID_ARGUMENTS', message: '--api-version must be v1 or v2.' } });

    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const nowhere = captureIo();
    expect(await runCli(args(join(dir.path, 'typo.sqlite')), nowhere)).toBe(1);
    expect(JSON.parse(nowhere.out())).toEqual({ error: { code: 'DATABASE_NOT_FOUND', message: expect.stringContaining('typo.sqlite') } });
    expect(metrc.stats.gets).toBe(0);
  });
});
