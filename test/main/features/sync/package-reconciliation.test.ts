import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { asc, desc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../../src/main/platform/audit/log';
import type { OutboxStatus } from '../../../../src/main/platform/db/schema';
import { auditLog, outbox, packages } from '../../../../src/main/platform/db/schema';
import { DEMO_STORE_ID, demoPackageTag } from '../../../../src/main/features/demo/seed';
import { createCore } from '../../../../src/main/core/create-core';
import { saveMetrcSettings } from '../../../../src/main/features/sync/metrc-settings';
import { MetrcHttp } from '../../../../src/metrc/http';
import { SyncService } from '../../../../src/main/features/sync/service';
import { reconcilePackages, type PackageReconciliation } from '../../../../src/main/features/sync/package-reconciliation';
import { AppError } from '../../../../src/shared/errors';
import { startFakeMetrc, type FakeMetrc, type FakeMetrcPackageSeed } from '../../../support/fake-metrc';
import { testMetrcCredentials } from '../../../support/metrc-lane';
import { signIn } from '../../../support/session';
import { openTempDatabase, testPiiKeys, type TempDatabase } from '../../../support/temp-db';

const credentials = testMetrcCredentials;
const RAN_AT = new Date('2026-11-25T18:00:00.000Z');
const tag = demoPackageTag;
const EXTRA_1 = '1A4060300003C25999999901';
const EXTRA_2 = '1A4060300003C25999999902';

let database: TempDatabase;
let metrc: FakeMetrc;

beforeEach(async () => {
  database = openTempDatabase({ demo: true });
  metrc = await startFakeMetrc(credentials);
});
afterEach(async () => {
  await metrc.close();
  database.dispose();
});

/** What Metrc would list if it agreed with the register exactly: weights in grams, counts in Each. */
function agreeingSeeds(): FakeMetrcPackageSeed[] {
  return database.db
    .select({ tag: packages.tag, unit: packages.unit, quantity: packages.quantityOnHand })
    .from(packages)
    .orderBy(asc(packages.tag))
    .all()
    .map((p) => ({ Label: p.tag, Quantity: p.unit === 'mg' ? p.quantity / 1000 : p.quantity, UnitOfMeasureName: p.unit === 'mg' ? 'Grams' : 'Each' }));
}

/**
 * The demo store (102 packages; tags 21 and 22 are the weighed House Flower, the rest counts),
 * and a Metrc that disagrees in every way the report knows.
 */
function seedDisagreement(): void {
  // Locally: tag 4 sold out and finished; tag 22 holds exactly one ounce.
  database.db
    .update(packages)
    .set({ quantityOnHand: 0, status: 'finished' })
    .where(eq(packages.tag, tag(4)))
    .run();
  database.db
    .update(packages)
    .set({ quantityOnHand: 28_350 })
    .where(eq(packages.tag, tag(22)))
    .run();
  const changes: Readonly<Record<string, Partial<FakeMetrcPackageSeed> | 'absent'>> = {
    [tag(1)]: { Quantity: 21 }, // 24 here: 3 more than Metrc
    [tag(2)]: 'absent', // stock here, not active in Metrc
    [tag(3)]: { IsOnHold: true }, // same quantity, but on hold
    [tag(4)]: 'absent', // finished on both sides: nothing to say
    [tag(5)]: { Quantity: 24, UnitOfMeasureName: 'Grams' }, // a count here, a weight there
    [tag(6)]: { Quantity: 5.5 }, // a fractional count
    [tag(7)]: { IsFinished: true }, // finished in Metrc, 24 on the shelf here
    [tag(21)]: { Quantity: 448.2505 }, // 448,250.5 mg → 448,251 mg; 450,000 here
    [tag(22)]: { Quantity: 1, UnitOfMeasureName: 'Ounces' }, // 28,349.523125 mg → 28,350 mg: agrees
  };
  const seeds = agreeingSeeds().flatMap((seed) => {
    const change = changes[seed.Label];
    return change === 'absent' ? [] : [{ ...seed, ...change }];
  });
  seeds.push({ Label: EXTRA_2, Quantity: 12, UnitOfMeasureName: 'Each', Item: { Name: 'Gelato Gummies 100mg' } });
  seeds.push({ Label: EXTRA_1, Quantity: 907.18474, UnitOfMeasureName: 'Grams', IsOnHold: true, Item: { Name: 'Bulk Flower - OG Kush' } });
  metrc.setPackages(seeds);
}

function addOutboxItem(kind: string, saleId: string, status: OutboxStatus, payload: unknown): void {
  database.db
    .insert(outbox)
    .values({ destination: 'metrc', kind, aggregateId: saleId, payload, status, nextAttemptAt: RAN_AT, createdAt: RAN_AT, updatedAt: RAN_AT })
    .run();
}

const line = (packageTag: string, quantity: number) => ({ packageTag, quantity, unit: 'each', grossCents: 3500, discountCents: 0, netCents: 3500, taxes: [] });

/** Traceability items in every state, so the per-tag count has something to get wrong. */
function seedOutbox(): void {
  // Sale 1 reached Metrc; its void has not (the void's tags are the receipt's lines).
  addOutboxItem('receipt.create', 'sale-1', 'done', { saleId: 'sale-1', lines: [line(tag(1), 1), line(tag(3), 1)] });
  addOutboxItem('receipt.void', 'sale-1', 'pending', { saleId: 'sale-1', reason: 'wrong customer' });
  // A return entered in Metrc by hand is delivered.
  addOutboxItem('receipt.return', 'sale-1', 'resolved', { saleId: 'sale-1', lines: [{ packageTag: tag(1), quantity: 1, refundCents: 3500 }] });
  // Sale 2 waits, with two lines of the same package: one item for that tag.
  addOutboxItem('receipt.create', 'sale-2', 'pending', { saleId: 'sale-2', lines: [line(tag(1), 1), line(tag(1), 1)] });
  // An adjustment Metrc refused, parked for staff: still not in Metrc.
  addOutboxItem('package.adjust', 'sale-3', 'dead', {
    packageTag: tag(1),
    quantity: -1,
    unit: 'each',
    reason: 'destruction',
    note: 'Returned item destroyed',
    date: '2026-11-25',
  });
  // The online menu's lane is not Metrc's.
  database.db
    .insert(outbox)
    .values({
      destination: 'ecommerce:menu',
      kind: 'inventory.adjust',
      aggregateId: 'sale-2',
      payload: { deltas: [{ packageTag: tag(2), delta: -1 }] },
      nextAttemptAt: RAN_AT,
      createdAt: RAN_AT,
      updatedAt: RAN_AT,
    })
    .run();
}

function http(overrides: Partial<Record<keyof typeof credentials, string>> = {}, baseUrl = metrc.url): MetrcHttp {
  return new MetrcHttp({ baseUrl, ...credentials, ...overrides, timeoutMs: 2_000 });
}

const reconcile = (version: 'v1' | 'v2', client: MetrcHttp = http()) =>
  reconcilePackages(database.db, { http: client, version, staffId: null, terminalId: null, now: () => RAN_AT, download: { retryDelaysMs: [] } });

const auditCount = () => database.db.select({ seq: auditLog.seq }).from(auditLog).all().length;
const stock = () => database.db.select().from(packages).orderBy(asc(packages.tag)).all();

const BLUE_DREAM = 'Blue Dream 3.5g';
const HOUSE_FLOWER = 'House Flower (by the gram)';

const expectedFindings: Omit<PackageReconciliation, 'ranAt' | 'licenseNumber' | 'apiVersion' | 'auditSeq'> = {
  counts: {
    metrcActive: 101,
    localPackages: 102,
    localWithStock: 101,
    inBoth: 99,
    matching: 95,
    quantityMismatches: 2,
    unitMismatches: 2,
    missingLocally: 2,
    notActiveInMetrc: 2,
    onHoldInMetrc: 1,
    undeliveredSyncItems: 3,
  },
  quantityMismatches: [
    {
      tag: tag(1),
      productName: BLUE_DREAM,
      unit: 'each',
      localQuantity: 24,
      metrcQuantity: 21,
      difference: 3,
      metrcLastModified: expect.stringMatching(/\+00:00$/) as unknown as string,
      undeliveredSyncItems: 3,
    },
    {
      tag: tag(21),
      productName: HOUSE_FLOWER,
      unit: 'mg',
      localQuantity: 450_000,
      metrcQuantity: 448_251,
      difference: 1_749,
      metrcLastModified: expect.stringMatching(/\+00:00$/) as unknown as string,
      undeliveredSyncItems: 0,
    },
  ],
  unitMismatches: [
    {
      tag: tag(5),
      productName: 'OG Kush 3.5g',
      localUnit: 'each',
      localQuantity: 24,
      metrcQuantity: 24,
      metrcUnitOfMeasure: 'Grams',
      problem: 'Metrc keeps this package in Grams, the register as a count of units.',
    },
    {
      tag: tag(6),
      productName: 'OG Kush 3.5g',
      localUnit: 'each',
      localQuantity: 6,
      metrcQuantity: 5.5,
      metrcUnitOfMeasure: 'Each',
      problem: 'Metrc holds 5.5 Each: a count of units cannot be fractional.',
    },
  ],
  missingLocally: [
    { tag: EXTRA_1, itemName: 'Bulk Flower - OG Kush', metrcQuantity: 907.18474, metrcUnitOfMeasure: 'Grams', onHold: true },
    { tag: EXTRA_2, itemName: 'Gelato Gummies 100mg', metrcQuantity: 12, metrcUnitOfMeasure: 'Each', onHold: false },
  ],
  notActiveInMetrc: [
    { tag: tag(2), productName: BLUE_DREAM, unit: 'each', localQuantity: 6, localStatus: 'active', undeliveredSyncItems: 0 },
    { tag: tag(7), productName: 'Gelato #33 3.5g', unit: 'each', localQuantity: 24, localStatus: 'active', undeliveredSyncItems: 0 },
  ],
  onHoldInMetrc: [{ tag: tag(3), productName: 'Blue Dream 7g', unit: 'each', localQuantity: 24, localStatus: 'active' }],
};

describe('package reconciliation against Metrc', () => {
  it('agrees completely with a Metrc that holds what the register holds', async () => {
    metrc.setPackages(agreeingSeeds());
    const report = await reconcile('v2');
    expect(report.counts).toEqual({
      metrcActive: 102,
      localPackages: 102,
      localWithStock: 102,
      inBoth: 102,
      matching: 102,
      quantityMismatches: 0,
      unitMismatches: 0,
      missingLocally: 0,
      notActiveInMetrc: 0,
      onHoldInMetrc: 0,
      undeliveredSyncItems: 0,
    });
    expect([report.quantityMismatches, report.unitMismatches, report.missingLocally, report.notActiveInMetrc, report.onHoldInMetrc]).toEqual([
      [],
      [],
      [],
      [],
      [],
    ]);
    // 102 packages: six pages of at most 20.
    expect(metrc.stats.gets).toBe(6);
  });

  it('v2: finds every kind of difference, counts the undelivered items per tag, and records the run in the audit log', async () => {
    seedDisagreement();
    seedOutbox();
    const before = stock();
    const auditBefore = auditCount();
    const report = await reconcile('v2');
    expect(report).toEqual({
      ranAt: '2026-11-25T18:00:00.000Z',
      licenseNumber: credentials.licenseNumber,
      apiVersion: 'v2',
      auditSeq: auditBefore + 1,
      ...expectedFindings,
    });

    // Nothing local moved: the report is for people to act on.
    expect(stock()).toEqual(before);
    const entry = database.db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1).get();
    expect(entry).toMatchObject({
      seq: auditBefore + 1,
      at: RAN_AT,
      staffId: null,
      action: 'packages.reconcile',
      entityType: 'store',
      entityId: DEMO_STORE_ID,
      after: { licenseNumber: credentials.licenseNumber, apiVersion: 'v2', counts: expectedFindings.counts },
    });
    expect(verifyAuditChain(database.db)).toMatchObject({ ok: true, entries: auditBefore + 1 });
  });

  it('v1 (one bare array) gives the same findings', async () => {
    seedDisagreement();
    seedOutbox();
    const report = await reconcile('v1');
    expect(report).toEqual({
      ranAt: '2026-11-25T18:00:00.000Z',
      licenseNumber: credentials.licenseNumber,
      apiVersion: 'v1',
      auditSeq: expect.any(Number) as unknown as number,
      ...expectedFindings,
    });
    expect(metrc.stats.gets).toBe(1);
  });

  it('refused keys: a typed error, and no audit entry claiming a reconciliation', async () => {
    seedDisagreement();
    const auditBefore = auditCount();
    const error: unknown = await reconcile('v2', http({ userKey: 'expired-user-key' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('METRC_UNAUTHORIZED');
    expect(auditCount()).toBe(auditBefore);
  });

  it('a malformed answer: METRC_UNEXPECTED_ANSWER, and nothing written', async () => {
    const server = createServer((_req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(
        JSON.stringify({
          Data: [{ Label: tag(1), Quantity: null, UnitOfMeasureName: 'Each', IsOnHold: false, Item: { Name: 'X' } }],
          TotalPages: 1,
          TotalRecords: 1,
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const auditBefore = auditCount();
      const before = stock();
      const error: unknown = await reconcile('v2', http({}, `http://127.0.0.1:${(server.address() as AddressInfo).port}`)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('METRC_UNEXPECTED_ANSWER');
      expect((error as AppError).message).toContain('Data[0].Quantity: Invalid input: expected number, received null');
      expect(auditCount()).toBe(auditBefore);
      expect(stock()).toEqual(before);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a licence that is not this store’s is refused before Metrc is asked', async () => {
    const error: unknown = await reconcile('v2', http({ licenseNumber: 'C10-9999999-LIC' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('LICENSE_NOT_IN_REGISTER');
    expect((error as AppError).message).toContain(credentials.licenseNumber);
    expect(metrc.stats.gets).toBe(0);
  });
});

describe('package reconciliation from the register (packages-reconcile)', () => {
  it('runs over the running sync engine’s Metrc connection for a compliance officer; a budtender may not; without Metrc it says how to set it up', async () => {
    seedDisagreement();
    const idle = createCore({ piiKeys: testPiiKeys, database });
    await signIn(idle, 'compliance_officer');
    expect(await idle.send('packages-reconcile', {})).toMatchObject({
      ok: false,
      error: { code: 'METRC_NOT_SET_UP', message: expect.stringContaining('Sync screen') },
    });

    saveMetrcSettings(database.db, testPiiKeys, DEMO_STORE_ID, { baseUrl: metrc.url, apiVersion: 'v2', enabled: true, ...credentials }, null, RAN_AT);
    const sync = new SyncService({ db: database.db, keys: testPiiKeys, storeId: DEMO_STORE_ID });
    sync.start();
    try {
      const core = createCore({ piiKeys: testPiiKeys, database, sync });
      await signIn(core, 'budtender');
      expect(await core.send('packages-reconcile', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      await signIn(core, 'compliance_officer');
      const result = await core.send('packages-reconcile', {});
      if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
      const direct = await reconcilePackages(database.db, {
        http: new MetrcHttp({ baseUrl: metrc.url, ...credentials }),
        version: 'v2',
        staffId: null,
        terminalId: null,
        now: () => RAN_AT,
      });
      // The same findings as the support command's, by the person who asked.
      expect(result.value.counts).toEqual(direct.counts);
      expect(result.value.quantityMismatches).toEqual(direct.quantityMismatches);
      expect(result.value.notActiveInMetrc.map((r) => r.tag)).toEqual(direct.notActiveInMetrc.map((r) => r.tag));
      expect(
        database.db.select({ staffId: auditLog.staffId }).from(auditLog).where(eq(auditLog.action, 'packages.reconcile')).orderBy(asc(auditLog.seq)).all(),
      ).toEqual([{ staffId: 'staff-demo-compliance' }, { staffId: null }]);
    } finally {
      await sync.stop();
    }
  });
});
