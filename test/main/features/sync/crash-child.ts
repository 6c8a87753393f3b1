/**
 * The crash test's victim: a register that rings sales and delivers them to
 * Metrc at the same time, until it is killed. Prints `SALE <id>` once a sale
 * is committed (the customer has their receipt: the sale is acknowledged).
 */
import { createCore } from '../../../../src/main/core/create-core';
import { openDatabase } from '../../../../src/main/platform/db/open';
import { findMigrationsFolder } from '../../../../src/main/platform/config/paths';
import { simulateSales } from '../../../../src/main/core/simulate-sales';
import { DEMO_STAFF } from '../../../../src/main/features/demo/seed';
import { Dispatcher } from '../../../../src/main/features/sync/dispatcher';
import { metrcLane } from '../../../../src/main/features/sync/metrc-lane';
import { testMetrcCredentials } from '../../../support/metrc-lane';
import { testAuditKey, testPiiKeys } from '../../../support/temp-db';

const [dbPath, metrcUrl, seed] = process.argv.slice(2);
const database = openDatabase({ path: dbPath ?? '', migrationsFolder: findMigrationsFolder(), auditKey: testAuditKey });
const core = createCore({ piiKeys: testPiiKeys, database });
const lane = metrcLane({ baseUrl: metrcUrl ?? '', apiVersion: 'v2', timeoutMs: 2_000, ...testMetrcCredentials }, testPiiKeys);
const dispatcher = new Dispatcher({
  db: database.db,
  adapters: [lane],
  retry: { initialDelayMs: 5, maxDelayMs: 100 },
  breaker: { halfOpenAfterMs: 20, maxHalfOpenAfterMs: 100 },
  idlePollMs: 5,
});
dispatcher.start();
// Signed in before READY, so no kill lands inside a PIN check: a check cut short counts as a wrong PIN (on purpose: killing the
// register must not be a way to try PINs for free), and enough of them would lock the manager out of the rest of the test.
const manager = DEMO_STAFF.find((s) => s.role === 'manager');
const signedIn = await core.send('session-sign-in', { staffId: manager?.id ?? '', pin: manager?.pin ?? '' });
if (!signedIn.ok) throw new Error(`${signedIn.error.code}: ${signedIn.error.message}`);
process.stdout.write('READY\n');
await simulateSales(core, database.db, { count: 1_000_000, seed: Number(seed ?? '1'), onSale: (id) => process.stdout.write(`SALE ${id}\n`) });
