import { join } from 'node:path';
import { storeOrderTables } from '../../src/main/features/online-orders/store-orders';
import { expect } from 'vitest';
import { createCore, type Core } from '../../src/main/core/create-core';
import { openDatabase, type RegisterDatabase } from '../../src/main/platform/db/open';
import { DEMO_STORE_ID, seedDemoStore } from '../../src/main/features/demo/seed';
import { saveMetrcSettings } from '../../src/main/features/sync/metrc-settings';
import { testMetrcCredentials } from './metrc-lane';
import { derivePiiKeys, type PiiKeys } from '../../src/main/platform/security/pii-crypto';
import { deriveAuditKey, type AuditKey } from '../../src/main/platform/audit/audit-key';
import { StoreConnection } from '../../src/main/features/store-link/store-connection';
import { SyncService } from '../../src/main/features/sync/service';
import { StoreLane } from '../../src/main/features/store-link/store-lane';
import { MetrcHandover } from '../../src/main/features/store-link/metrc-handover';
import { createPairingCode } from '../../src/store-server/features/pairing';
import type { StoreServer } from '../../src/store-server/app';
import type { CommandInput } from '../../src/shared/contract';
import { signIn } from './session';
import { migrationsFolder, tempDir } from './temp-db';
import { value } from './result';

/**
 * A register of a store with a server, as the app assembles one: its own
 * SQLite file and its own keys (each register's keychain differs), the
 * store connection, the sync engine with the store lane, paired through the
 * real exchange (at `address`: the server, or a fault proxy before it).
 */
export interface StoreRegister {
  readonly name: string;
  readonly core: Core;
  readonly database: RegisterDatabase;
  readonly link: StoreConnection;
  readonly sync: SyncService;
  readonly keys: PiiKeys;
  /** Its audit chain's key (a restart opens its file with it). */
  readonly auditKey: AuditKey;
  /** Pairs it (done at start unless `paired: false`). */
  pair(): Promise<void>;
  close(): Promise<void>;
}

export async function storeRegister(
  store: StoreServer,
  options: { name: string; keyByte: number; address?: string; state?: string; timeZone?: string; paired?: boolean; metrcUrl?: string },
): Promise<StoreRegister> {
  const dir = tempDir();
  const keys = derivePiiKeys(Buffer.alloc(32, options.keyByte));
  // Its audit chain keyed as the app keys it, from the same master key as its data keys.
  const auditKey = deriveAuditKey(Buffer.alloc(32, options.keyByte));
  const database = openDatabase({ path: join(dir.path, 'register.sqlite'), migrationsFolder, auditKey });
  seedDemoStore(database.db, keys, new Date('2026-11-24T17:00:00Z'));
  if (options.state !== undefined) database.sqlite.prepare('UPDATE stores SET state = ?, time_zone = ?').run(options.state, options.timeZone ?? 'UTC');
  // Sale numbers are per register: give each its own prefix, as set-up does.
  database.sqlite.prepare('UPDATE terminals SET sale_number_prefix = ?').run(options.name.replace(/\W/g, '').slice(-4).toUpperCase());
  // Every register of the store reports to the same (fake) Metrc under the store's licence.
  if (options.metrcUrl !== undefined)
    saveMetrcSettings(
      database.db,
      keys,
      DEMO_STORE_ID,
      { baseUrl: options.metrcUrl, apiVersion: 'v2', enabled: true, ...testMetrcCredentials },
      null,
      new Date(),
    );
  // As the app wires it (core/app-start.ts): the read path also brings the store's online orders.
  const link = new StoreConnection(database.db, keys, { tables: storeOrderTables });
  const sync = new SyncService({
    db: database.db,
    keys,
    storeId: DEMO_STORE_ID,
    traceabilityHandover: () => (link.client() === null ? null : new MetrcHandover(link, keys)),
    moreLanes: () => (link.client() === null ? [] : [new StoreLane(link, { db: database.db, keys })]),
    tuning: { idlePollMs: 50, retry: { initialDelayMs: 100, maxDelayMs: 1_000 }, breaker: { halfOpenAfterMs: 200, maxHalfOpenAfterMs: 1_000 } },
  });
  const core = createCore({ piiKeys: keys, database, idleLockMs: 86_400_000, storeLink: link, sync });
  // An admin pairs the register (system credentials); a manager sells.
  const pair = async () => {
    value(await core.send('session-sign-out', {}));
    await signIn(core, 'admin');
    const { code } = await createPairingCode(store.database.db, new Date());
    const paired = value(await core.send('store-link-pair', { address: options.address ?? store.url, code, name: options.name }));
    expect(paired.fingerprint).toBe(store.fingerprint);
    value(await core.send('session-sign-out', {}));
    await signIn(core, 'manager');
    await link.renew();
  };
  await signIn(core, 'manager');
  value(await core.send('drawer-open', { count: { '2000': 50 } }));
  if (options.paired !== false) await pair();
  return {
    pair,
    name: options.name,
    core,
    database,
    link,
    sync,
    keys,
    auditKey,
    close: async () => {
      await sync.stop();
      await link.stop();
      database.close();
      dir.cleanup();
    },
  };
}

export function packageTagOf(r: StoreRegister, product: string): string {
  const row = r.database.sqlite
    .prepare('SELECT k.tag FROM packages k JOIN products p ON p.id = k.product_id WHERE p.name = ? AND k.quantity_on_hand > 0 ORDER BY k.packaged_date LIMIT 1')
    .get(product) as { tag: string } | undefined;
  if (row === undefined) throw new Error(`no stock of ${product}`);
  return row.tag;
}

export type TypedId = NonNullable<CommandInput<'customer-check-in'>['id']>;

/** One counter sale: a cart, the product scanned, the customer's ID typed, paid in cash. */
export async function sellTo(r: StoreRegister, id: TypedId, product: string) {
  const { cartId } = value(await r.core.send('cart-open', {}));
  value(await r.core.send('cart-scan', { cartId, code: packageTagOf(r, product), quantity: 1 }));
  value(await r.core.send('customer-check-in', { cartId, saleType: 'adult', method: 'manual', id }));
  const result = await r.core.send('sale-complete', { cartId, tenders: [{ tender: 'cash', tenderedCents: 500_000 }] });
  // A refused cart is abandoned, as the budtender would.
  if (!result.ok) await r.core.send('cart-release', { cartId, reason: 'Refused at payment' });
  return result;
}

export async function until(check: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
