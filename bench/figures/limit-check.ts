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
 * that customer's real purchases, so today's history is non-empty. Eight
 * checks in ten are adult-use; one is a medical patient's own, one a
 * caregiver buying against their patient's allotment (the patient's history
 * and card are read too), each with a card in date.
 */
export function limitCheck(path: string, size: HistorySize, checks: number): Figure {
  const database = openDatabase({ path, migrationsFolder: findMigrationsFolder() });
  const random = seededRandom(5);
  const pickSale = database.sqlite.prepare('SELECT customer_id AS customerId, completed_at AS at FROM sales WHERE customer_id = ? LIMIT 1');
  // Every sale has today's accepted ID check: the one the counter made when the customer arrived (written outside the timing).
  const checkIn = database.sqlite.prepare(
    "INSERT OR REPLACE INTO id_verifications (id, store_id, customer_id, sale_type, method, verified_by, verified_at, outcome, issuer, person_key, resident) VALUES (?, ?, ?, ?, 'scanned', 'staff-demo-budtender', ?, 'accepted', 'CA', ?, 1)",
  );
  const gate = complianceGate(derivePiiKeys(Buffer.alloc(32, 7)));
  // The history's medical patients (every tenth customer) hold cards in date, and each has a caregiver (outside the timing).
  const patients = Math.ceil(size.customers / 10);
  const caregiverId = (patient: number) => `bench-caregiver-${patient}`;
  database.sqlite.transaction(() => {
    database.sqlite.prepare("UPDATE customers SET medical_expiry = '2031-01-01' WHERE customer_type = 'medical'").run();
    const addCaregiver = database.sqlite.prepare(
      "INSERT OR IGNORE INTO customers (id, store_id, customer_type, first_name, last_name, date_of_birth, resident, groups, created_at, medical_expiry, caregiver_for_id) VALUES (?, ?, 'caregiver', 'Bench', 'Caregiver', '1975-03-03', 1, '[]', 0, '2031-01-01', ?)",
    );
    for (let p = 0; p < patients; p += 1) addCaregiver.run(caregiverId(p), DEMO_STORE_ID, benchCustomerId(p * 10));
  })();
  const samples: number[] = [];
  const byKind = { adult: [] as number[], medical: [] as number[], caregiver: [] as number[] };
  const blocked = { adult: 0, medical: 0, caregiver: 0 };
  for (let i = 0; i < checks; i += 1) {
    const kind = i % 10 === 8 ? 'medical' : i % 10 === 9 ? 'caregiver' : 'adult';
    const patient = Math.floor(random() * patients);
    // The history's own customer whose purchase day the check runs on: the patient for medical and caregiver checks.
    const historyCustomer = kind === 'adult' ? benchCustomerId(Math.floor(random() * size.customers)) : benchCustomerId(patient * 10);
    const customerId = kind === 'caregiver' ? caregiverId(patient) : historyCustomer;
    const sale = pickSale.get(historyCustomer) as { customerId: string; at: number } | undefined;
    const at = new Date(sale?.at ?? Date.parse('2026-06-15T19:00:00Z'));
    const idVerificationId = `bench-check-${i}`;
    checkIn.run(idVerificationId, DEMO_STORE_ID, customerId, kind === 'adult' ? 'adult_use' : 'medical', at.getTime(), `bench-person-${customerId}`);
    const elapsed = timeMs(() => {
      const decision = database.db.transaction((tx) =>
        gate(tx, cart, { storeId: DEMO_STORE_ID, timeZone: 'America/Los_Angeles', state: 'CA', customerId, customerType: kind, idVerificationId, at }),
      );
      if (!decision.allowed) blocked[kind] += 1;
    });
    samples.push(elapsed);
    byKind[kind].push(elapsed);
  }
  database.close();
  return {
    id: 'limit_check',
    title: 'Purchase-limit and age check (today’s history at every terminal + cart; adult, medical, caregiver)',
    unit: 'ms',
    ...summarize(samples),
    dataSize: { historicalSales: size.sales, customers: size.customers, caregivers: patients },
    extra: {
      medicalP99Ms: summarize(byKind.medical).p99,
      caregiverP99Ms: summarize(byKind.caregiver).p99,
      blockedAdult: blocked.adult,
      blockedMedical: blocked.medical,
      blockedCaregiver: blocked.caregiver,
    },
    goal: { metric: 'p99', kind: 'at most', limit: 2 },
  };
}
