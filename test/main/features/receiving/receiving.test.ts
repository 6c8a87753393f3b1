import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IncomingManifestView } from '../../../../src/shared/contract/receiving';
import { DEMO_STORE_ID } from '../../../../src/main/features/demo/seed';
import { downloadManifests } from '../../../../src/main/features/receiving/download';
import { saveMetrcSettings } from '../../../../src/main/features/sync/metrc-settings';
import { startFakeMetrc, type FakeMetrc, type FakeMetrcTransferSeed } from '../../../support/fake-metrc';
import { metrcOutboxRows, testMetrcCredentials, testMetrcDispatcher } from '../../../support/metrc-lane';
import { registerAtTheCounter, type Counter } from '../../../support/register';
import { testPiiKeys } from '../../../support/temp-db';

const tag = (manifest: number, n: number) => `1A4000099${String(manifest)}${String(n).padStart(14, '0')}`;

/** Three deliveries, 40 packages: 20 gummies (Each), 15 bulk flower (Grams), 5 vapes (Each; its row lacks DeliveryId). */
const TRANSFERS: FakeMetrcTransferSeed[] = [
  {
    ManifestNumber: '0001977401',
    packages: Array.from({ length: 20 }, (_, i) => ({
      PackageLabel: tag(1, i),
      ItemName: 'Sour Gummies 10pk',
      ShippedQuantity: 12,
      ShippedUnitOfMeasureName: 'Each',
    })),
  },
  {
    ManifestNumber: '0001977402',
    packages: Array.from({ length: 15 }, (_, i) => ({
      PackageLabel: tag(2, i),
      ItemName: 'Bulk Flower - Gelato',
      ItemCategoryName: 'Buds',
      ShippedQuantity: 453.6,
      ShippedUnitOfMeasureName: 'Grams',
    })),
  },
  {
    ManifestNumber: '0001977403',
    omitDeliveryId: true,
    packages: Array.from({ length: 5 }, (_, i) => ({
      PackageLabel: tag(3, i),
      ItemName: 'Vape Cart 1g',
      ShippedQuantity: 30,
      ShippedUnitOfMeasureName: 'Each',
    })),
  },
];

let counter: Counter;
let metrc: FakeMetrc;

function connect(apiVersion: 'v1' | 'v2' = 'v2'): void {
  saveMetrcSettings(
    counter.database.db,
    testPiiKeys,
    DEMO_STORE_ID,
    { baseUrl: metrc.url, apiVersion, enabled: true, ...testMetrcCredentials },
    null,
    counter.clock.now,
  );
}

beforeEach(async () => {
  metrc = await startFakeMetrc({ ...testMetrcCredentials, transfers: TRANSFERS });
  counter = await registerAtTheCounter({ role: 'manager', at: new Date() });
});
afterEach(async () => {
  counter.dispose();
  await metrc.close();
});

async function ok<T>(result: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

async function manifests(status: 'open' | 'all' = 'all'): Promise<IncomingManifestView[]> {
  return (await ok(counter.core.send('receiving-list', { status }))).manifests;
}

/** Everything receiving may write, to prove a second download writes nothing. */
function snapshot(): unknown {
  const q = (sql: string) => counter.database.sqlite.prepare(sql).all();
  return {
    manifests: q('SELECT * FROM incoming_manifests ORDER BY id'),
    packages: q('SELECT * FROM incoming_packages ORDER BY id'),
    stock: q('SELECT * FROM packages ORDER BY id'),
    outbox: q('SELECT id, kind, status, payload FROM outbox ORDER BY id'),
    audit: q('SELECT seq FROM audit_log ORDER BY seq DESC LIMIT 1'),
  };
}

describe('receiving deliveries from Metrc', () => {
  it('downloads 3 manifests and 40 packages over 3 package pages, receives them with one partial and one rejection, and a second download changes nothing', async () => {
    connect();
    const first = await ok(counter.core.send('receiving-download', { days: 1 }));
    // One page of the incoming list, one deliveries list (the row without DeliveryId), three package pages of ≤ 20.
    expect(first).toEqual({ manifestsAdded: 3, packagesAdded: 40, manifestsSeen: 3, packagesSeen: 40, pagesRead: 5 });
    const listed = await manifests();
    expect(listed.map((m) => [m.manifestNumber, m.packages.length])).toEqual(
      expect.arrayContaining([
        ['0001977401', 20],
        ['0001977402', 15],
        ['0001977403', 5],
      ]),
    );
    const byNumber = (n: string) => listed.find((m) => m.manifestNumber === n)?.packages ?? [];
    const gummies = byNumber('0001977401');
    const flower = byNumber('0001977402');
    const vapes = byNumber('0001977403');
    expect(flower[0]).toMatchObject({
      shippedQuantity: '453.6',
      unitOfMeasure: 'Grams',
      shipped: { unit: 'mg', quantity: 453_600 },
      labTestingState: 'TestPassed',
      status: 'pending',
    });

    // Not mapped yet: refused, nothing written.
    const early = await counter.core.send('receiving-receive', { incomingPackageId: gummies[0]?.id ?? '' });
    expect(!early.ok && early.error.code).toBe('RECEIVING_NOT_MAPPED');

    const eachProduct = counter.database.sqlite.prepare("SELECT id FROM products WHERE selling_mode = 'each' AND category = 'edible' LIMIT 1").get() as {
      id: string;
    };
    const vapeProduct = counter.database.sqlite.prepare("SELECT id FROM products WHERE selling_mode = 'each' AND category = 'vape' LIMIT 1").get() as {
      id: string;
    };
    // Mapping one package maps every waiting package of the same Metrc item.
    expect(await ok(counter.core.send('receiving-map', { incomingPackageId: gummies[0]?.id ?? '', productId: eachProduct.id }))).toEqual({ mapped: 20 });
    expect(await ok(counter.core.send('receiving-map', { incomingPackageId: vapes[0]?.id ?? '', productId: vapeProduct.id }))).toEqual({ mapped: 5 });
    // The guided form: a weighed flower sold by the gram; a product sold per unit would not match Metrc's grams.
    const wrong = await counter.core.send('receiving-create-product', {
      incomingPackageId: flower[0]?.id ?? '',
      name: 'Gelato (bulk)',
      brand: 'House',
      category: 'flower',
      sellingMode: 'each',
      priceCents: 1200,
      netWeightMg: 1000,
      thcMg: 220,
    });
    expect(!wrong.ok && wrong.error.code).toBe('RECEIVING_UNIT_MISMATCH');
    const created = await ok(
      counter.core.send('receiving-create-product', {
        incomingPackageId: flower[0]?.id ?? '',
        name: 'Gelato (bulk)',
        brand: 'House',
        category: 'flower',
        sellingMode: 'weight',
        priceCents: 1200,
        netWeightMg: 1000,
        thcMg: 220,
      }),
    );
    expect(created.mapped).toBe(15);

    // One partial (400 g of 453.6 g), one rejection, the rest in full.
    const partial = await ok(counter.core.send('receiving-receive', { incomingPackageId: flower[0]?.id ?? '', quantity: 400_000 }));
    expect(partial).toMatchObject({ status: 'received', receivedQuantity: 400_000 });
    const rejected = await ok(counter.core.send('receiving-reject', { incomingPackageId: vapes[0]?.id ?? '', reason: 'Seal broken on arrival' }));
    expect(rejected).toMatchObject({ status: 'rejected', rejectionReason: 'Seal broken on arrival' });
    const tooMuch = await counter.core.send('receiving-receive', { incomingPackageId: flower[1]?.id ?? '', quantity: 453_601 });
    expect(!tooMuch.ok && tooMuch.error.code).toBe('RECEIVING_MORE_THAN_SHIPPED');
    for (const pkg of [...gummies, ...flower.slice(1), ...vapes.slice(1)]) await ok(counter.core.send('receiving-receive', { incomingPackageId: pkg.id }));
    const twice = await counter.core.send('receiving-receive', { incomingPackageId: gummies[0]?.id ?? '' });
    expect(!twice.ok && twice.error.code).toBe('INCOMING_PACKAGE_DECIDED');

    // In stock under their Metrc tags and ids; the rejected one is not.
    const stock = counter.database.sqlite
      .prepare("SELECT tag, unit, quantity_on_hand AS quantity, metrc_id AS metrcId, status FROM packages WHERE tag LIKE '1A4000099%' ORDER BY tag")
      .all() as Array<{ tag: string; unit: string; quantity: number; metrcId: number | null; status: string }>;
    expect(stock).toHaveLength(39);
    expect(stock.every((p) => p.metrcId !== null && p.status === 'active')).toBe(true);
    expect(stock.find((p) => p.tag === tag(2, 0))).toMatchObject({ unit: 'mg', quantity: 400_000 });
    expect(stock.find((p) => p.tag === tag(2, 1))).toMatchObject({ unit: 'mg', quantity: 453_600 });
    expect(stock.find((p) => p.tag === tag(1, 3))).toMatchObject({ unit: 'each', quantity: 12 });
    expect(stock.some((p) => p.tag === tag(3, 0))).toBe(false);
    expect(await manifests('open')).toEqual([]);

    // California expects the receipt recorded in Metrc: one outbox item per completed manifest, with the partial and the rejection.
    const acks = metrcOutboxRows(counter.database.sqlite).filter((r) => r.kind === 'transfer.receive');
    expect(acks).toHaveLength(3);
    const payloads = counter.database.sqlite.prepare("SELECT payload FROM outbox WHERE kind = 'transfer.receive'").all() as Array<{ payload: string }>;
    const flowerAck = payloads
      .map((p) => JSON.parse(p.payload) as { manifestNumber: string; packages: Array<{ packageTag: string; acceptedQuantity: string; rejected: boolean }> })
      .find((p) => p.manifestNumber === '0001977402');
    expect(flowerAck?.packages.find((p) => p.packageTag === tag(2, 0))).toMatchObject({ acceptedQuantity: '400', rejected: false });

    // Downloading again: nothing new, nothing changed (decisions, stock, outbox, audit).
    const before = snapshot();
    const again = await ok(counter.core.send('receiving-download', { days: 1 }));
    expect(again).toMatchObject({ manifestsAdded: 0, packagesAdded: 0, manifestsSeen: 3, packagesSeen: 40 });
    expect(snapshot()).toEqual(before);

    // The Metrc lane hands the receipt to staff with what to enter (no API records it): parked, with the manifest's to-do.
    const dispatcher = testMetrcDispatcher(counter.database.db, metrc.url);
    await dispatcher.drain('metrc', 5_000, false);
    const parked = metrcOutboxRows(counter.database.sqlite).filter((r) => r.kind === 'transfer.receive');
    expect(parked.map((r) => r.status)).toEqual(['dead', 'dead', 'dead']);
    expect(parked.map((r) => r.error).join('\n')).toContain(`${tag(2, 0)}: receive 400 of 453.6 Grams`);
    expect(parked.map((r) => r.error).join('\n')).toContain(`${tag(3, 0)}: reject (Seal broken on arrival)`);
  });

  it('waits out a 429 (Retry-After) and a 500 while downloading, and writes nothing when Metrc keeps failing', async () => {
    connect();
    const by = { keys: testPiiKeys, storeId: DEMO_STORE_ID, staffId: 'staff-demo-manager', terminalId: counter.core.terminalId, now: new Date() };
    metrc.failNextGets([{ status: 429, retryAfter: '1' }, { status: 500 }]);
    const got = await downloadManifests(counter.database.db, by, { days: 1, retryDelaysMs: [20, 20] });
    expect(got).toMatchObject({ manifestsAdded: 3, packagesAdded: 40 });
    expect(metrc.stats.faultsInjected).toBe(2);

    counter.database.sqlite.exec('DELETE FROM incoming_packages; DELETE FROM incoming_manifests;');
    metrc.failNextGets([{ status: 500 }, { status: 500 }, { status: 500 }]);
    await expect(downloadManifests(counter.database.db, by, { days: 1, retryDelaysMs: [20, 20] })).rejects.toMatchObject({ code: 'METRC_SERVER_ERROR' });
    expect(counter.database.sqlite.prepare('SELECT count(*) AS n FROM incoming_manifests').get()).toEqual({ n: 0 });
  });

  it('reads the v1 shapes (bare arrays, delivery/{id}/packages)', async () => {
    connect('v1');
    const got = await ok(counter.core.send('receiving-download', { days: 1 }));
    expect(got).toMatchObject({ manifestsAdded: 3, packagesAdded: 40, pagesRead: 5 });
  });

  it('refuses without a Metrc connection, writing nothing', async () => {
    const refused = await counter.core.send('receiving-download', {});
    expect(!refused.ok && refused.error.code).toBe('METRC_NOT_SET_UP');
  });
});
