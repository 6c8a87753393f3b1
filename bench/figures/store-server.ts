import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { startStoreServer } from '../../src/store-server/app';
import { createPairingCode } from '../../src/store-server/features/pairing';
import { writeStoreSetting } from '../../src/store-server/features/store-settings';
import { pairWithStoreServer, StoreClient } from '../../src/main/features/store-link/store-client';
import { StoreLane } from '../../src/main/features/store-link/store-lane';
import { storeNotLinked } from '../../src/main/features/store-link/store-connection';
import { reserveResponseSchema, type StoreCommand } from '../../src/shared/contract/store-server';
import type { OutboxItem } from '../../src/shared/sync/lane';
import { startTestPostgres } from '../../test/support/postgres';
import { migrationsFolder, tempDir } from '../../test/support/temp-db';
import { openDatabase } from '../../src/main/platform/db/open';
import { benchPiiKeys } from '../generate';
import { storeMigrations } from '../../test/store-server/support';
import type { Figure } from '../result';
import { summarize, timeMsAsync } from '../stats';

const REGISTERS = 4;

/**
 * Issue #20's figures, on loopback against a throwaway PostgreSQL: the
 * reserve round trip a register waits for before payment (4 registers
 * reserving at once), the sales per second the store server records, and
 * how fast a register's store lane drains a backlog after an outage.
 */
export async function storeServerFigures(reservesPerRegister: number, backlog: number): Promise<Figure[]> {
  const pg = await startTestPostgres();
  const dir = tempDir('greentill-bench-store-');
  const store = await startStoreServer({
    databaseUrl: await pg.createDatabase('bench_store'),
    dataDir: dir.path,
    migrationsFolder: storeMigrations,
    host: '127.0.0.1',
    port: 0,
  });
  try {
    await writeStoreSetting(store.database.db, 'store', { state: 'CO', timeZone: 'America/Denver', licence: 'BENCH' }, new Date());
    const clients: StoreClient[] = [];
    for (let i = 0; i < REGISTERS; i++) {
      const { code } = await createPairingCode(store.database.db, new Date());
      clients.push(new StoreClient(await pairWithStoreServer(store.url, code, `Bench ${i + 1}`)));
    }
    const reserve = await reserveRoundTrip(clients, reservesPerRegister);
    const sales = await salesPerSecond(clients, Math.max(200, reservesPerRegister));
    const drain = await laneDrain(clients[0]!, backlog);
    for (const c of clients) c.close();
    return [reserve, sales, drain];
  } finally {
    await store.close();
    pg.stop();
    dir.cleanup();
  }
}

async function reserveRoundTrip(clients: StoreClient[], perRegister: number): Promise<Figure> {
  const samples: number[] = [];
  const people = Array.from({ length: 200 }, () => `person-${randomUUID()}`);
  // Warm the connections (TLS handshakes are not the round trip a register waits for at the counter).
  for (const c of clients) await c.call('GET', '/v1/health', undefined, z.unknown());
  await Promise.all(
    clients.map(async (client, r) => {
      for (let n = 0; n < perRegister; n++) {
        const personKey = people[(n * 7 + r) % people.length]!;
        samples.push(
          await timeMsAsync(() =>
            client.call(
              'POST',
              '/v1/reservations',
              {
                saleId: randomUUID(),
                personKey,
                customerType: 'adult',
                resident: true,
                dateOfBirth: null,
                at: new Date().toISOString(),
                cart: [{ category: 'concentrate', netWeightMg: 500, thcMg: 0, quantity: 1 }],
              },
              reserveResponseSchema,
            ),
          ),
        );
      }
    }),
  );
  return {
    id: 'store-reserve-round-trip',
    title: 'store server: limit hold round trip (4 registers at once)',
    unit: 'ms',
    ...summarize(samples),
    dataSize: { registers: clients.length, people: people.length },
    goal: { metric: 'p99', kind: 'at most', limit: 20 },
  };
}

function saleCommand(n: number): StoreCommand {
  const saleId = randomUUID();
  const at = new Date().toISOString();
  return {
    type: 'sale.recorded',
    key: `sale:${saleId}`,
    saleId,
    reservationKey: null,
    at,
    businessDay: at.slice(0, 10),
    totalCents: 4_000,
    configVersion: 1,
    isolated: false,
    personKey: `person-bench-${String(n % 500).padStart(8, '0')}`,
    customerType: 'adult',
    resident: true,
    ledger: [{ lineId: 'l1', kind: 'sale', at, businessDay: at.slice(0, 10), category: 'flower', netWeightMg: 3_500, thcMg: 0, quantity: 1 }],
    stock: [{ key: `sale:${saleId}:l1`, packageLabel: `1A40000000000000000${String(n % 1000).padStart(5, '0')}`, delta: -1, reason: 'sale' }],
  };
}

async function salesPerSecond(clients: StoreClient[], perRegister: number): Promise<Figure> {
  const applied = z.object({ applied: z.boolean() });
  const start = process.hrtime.bigint();
  await Promise.all(
    clients.map(async (client, r) => {
      for (let n = 0; n < perRegister; n++) await client.call('POST', '/v1/commands', saleCommand(r * perRegister + n), applied);
    }),
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const total = clients.length * perRegister;
  return {
    id: 'store-sales-per-second',
    title: 'store server: sales recorded per second (4 registers sending)',
    unit: 'sales/s',
    dataSize: { sales: total },
    extra: { salesPerSecond: Math.round(total / seconds) },
  };
}

async function laneDrain(client: StoreClient, backlog: number): Promise<Figure> {
  const link = { ...storeNotLinked, client: () => client };
  // The drained items are sales; the lane's register database (read only for customers' rows) is a fresh one.
  const register = openDatabase({ path: join(tempDir().path, 'lane.sqlite'), migrationsFolder });
  const lane = new StoreLane(link, { db: register.db, keys: benchPiiKeys });
  const items: OutboxItem[] = Array.from({ length: backlog }, (_, i) => ({
    id: i + 1,
    kind: 'store.command',
    aggregateId: `s${i}`,
    payload: saleCommand(i),
    attempts: 1,
    firstAttemptAt: null,
    createdAt: new Date(),
    dependencyExternalIds: null,
    dependencyPayload: null,
    earlier: [],
  }));
  const ms = await timeMsAsync(async () => {
    for (let i = 0; i < items.length; i += lane.batchSize) {
      const outcomes = await lane.deliver(items.slice(i, i + lane.batchSize));
      if ([...outcomes.values()].some((o) => o.status !== 'done')) throw new Error('the store lane did not deliver the backlog');
    }
  });
  register.close();
  return {
    id: 'store-lane-drain',
    title: 'store lane: a queued backlog drained after an outage',
    unit: 'items/s',
    dataSize: { queued: backlog },
    extra: { itemsPerSecond: Math.round((backlog * 1000) / ms), seconds: Math.round(ms / 100) / 10 },
    // Issue #20: 1,000 queued sales drain in under a minute.
    goal: { metric: 'itemsPerSecond', kind: 'at least', limit: Math.ceil(1000 / 60) },
  };
}
