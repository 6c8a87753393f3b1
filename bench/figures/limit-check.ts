import { findMigrationsFolder } from '../../src/main/platform/config/paths';
import { openDatabase } from '../../src/main/platform/db/open';
import { DEMO_STORE_ID } from '../../src/main/features/demo/seed';
import { complianceGate } from '../../src/main/features/compliance/gate';
import { derivePiiKeys } from '../../src/main/platform/security/pii-crypto';
import type { SaleLineInput } from '../../src/shared/domain/pricing/sale-line';
import { benchCustomerId, type HistorySize } from '../generate-history';
import { seededRandom } from '../../src/shared/random';
import type { Figure } from '../result';
import { summarize, timeMs } from '../stats';

const cart: SaleLineInput[] = [
  {
    lineId: 'l1',
    lineNumber: 1,
    productId: 'hp-0',
    name: 'Flower',
    brand: 'b',
    category: 'flower',
    sellingMode: 'each',
    packageTag: 't',
    packageUnit: 'each',
    quantity: 2,
    unitPriceCents: 3_500,
    netWeightMg: 3_500,
    thcMg: 700,
  },
  {
    lineId: 'l2',
    lineNumber: 2,
    productId: 'hp-3',
    name: 'Vape',
    brand: 'b',
    category: 'vape',
    sellingMode: 'each',
    packageTag: 't',
    packageUnit: 'each',
    quantity: 1,
    unitPriceCents: 3_000,
    netWeightMg: 500,
    thcMg: 420,
  },
];

/**
 * Figure 3: the purchase-limit and age check a sale runs, for a customer
 * with history, against a database of many sales: on the day of one of
 * that customer's real purchases, so today's history is non-empty.
 */
export function limitCheck(path: string, size: HistorySize, checks: number): Figure {
  const database = openDatabase({ path, migrationsFolder: findMigrationsFolder() });
  const random = seededRandom(5);
  const pickSale = database.sqlite.prepare('SELECT customer_id AS customerId, completed_at AS at FROM sales WHERE customer_id = ? LIMIT 1');
  // Every sale has today's accepted ID check: the one the counter made when the customer arrived (written outside the timing).
  const checkIn = database.sqlite.prepare(
    "INSERT OR REPLACE INTO id_verifications (id, store_id, customer_id, sale_type, method, verified_by, verified_at, outcome, issuer, person_key, resident) VALUES (?, ?, ?, 'adult_use', 'scanned', 'staff-demo-budtender', ?, 'accepted', 'CA', ?, 1)",
  );
  const gate = complianceGate(derivePiiKeys(Buffer.alloc(32, 7)));
  const samples: number[] = [];
  let blocked = 0;
  for (let i = 0; i < checks; i += 1) {
    const customerId = benchCustomerId(Math.floor(random() * size.customers));
    const sale = pickSale.get(customerId) as { customerId: string; at: number } | undefined;
    const at = new Date(sale?.at ?? Date.parse('2026-06-15T19:00:00Z'));
    const idVerificationId = `bench-check-${i}`;
    checkIn.run(idVerificationId, DEMO_STORE_ID, customerId, at.getTime(), `bench-person-${customerId}`);
    samples.push(
      timeMs(() => {
        const decision = database.db.transaction((tx) =>
          gate(tx, cart, { storeId: DEMO_STORE_ID, timeZone: 'America/Los_Angeles', state: 'CA', customerId, customerType: 'adult', idVerificationId, at }),
        );
        if (!decision.allowed) blocked += 1;
      }),
    );
  }
  database.close();
  return {
    id: 'limit_check',
    title: 'Purchase-limit and age check (today’s history at every terminal + cart)',
    unit: 'ms',
    ...summarize(samples),
    dataSize: { historicalSales: size.sales, customers: size.customers },
    extra: { blockedChecks: blocked },
    goal: { metric: 'p99', kind: 'at most', limit: 2 },
  };
}
