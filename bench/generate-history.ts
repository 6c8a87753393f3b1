import { existsSync, statSync } from 'node:fs';
import { DateTime } from 'luxon';
import { join } from 'node:path';
import { DEMO_STORE_ID, DEMO_TERMINAL_ID } from '../src/main/features/demo/seed';
import { GENESIS_HASH } from '../src/main/platform/audit/log';
import type { RegisterDatabase } from '../src/main/platform/db/open';
import { benchTag, benchUpc, buildAtomically, dataDir, GENERATOR_VERSION, type CatalogSize } from './generate';
import { seededRandom } from '../src/shared/random';

export interface HistorySize extends CatalogSize {
  readonly customers: number;
  readonly sales: number;
}

/**
 * A store with years of history: customers, sales with lines, payments,
 * discounts (an active limited promotion on a quarter of the lines, a
 * manager's discount on one sale in ten, on its cart), outbox rows
 * (delivered) and audit entries — the shape a busy register's file takes.
 * Cached per size and seed.
 */
export function historyDatabase(size: HistorySize, seed = 99): { path: string; bytes: number } {
  const path = join(dataDir, `history-v${GENERATOR_VERSION}-${size.products}-${size.packages}-${size.customers}-${size.sales}-${seed}.sqlite`);
  if (!existsSync(path)) buildAtomically(path, (database) => fillHistory(database, size, seed));
  return { path, bytes: statSync(path).size };
}

export const benchCustomerId = (index: number): string => `bc-${index}`;
/** A history product's SKU and UPC, and a history package's tag. */
export const historySku = (product: number): string => `HS-${product}`;
export const historyUpc = (product: number): string => benchUpc(product);
export const historyTag = (pkg: number): string => benchTag(10_000_000 + pkg);
/** The store's active promotion with a usage limit: every priced cart reads its count, every sale of flower moves it. */
export const HISTORY_PROMOTION = {
  id: 'bench-promo-flower',
  name: 'Flower: 10 % off (first million sales)',
  definition: { usageLimit: 1_000_000_000, scope: { categories: ['flower'] }, kind: { type: 'percent_off', bp: 1_000 } },
} as const;

function fillHistory({ sqlite }: RegisterDatabase, size: HistorySize, seed: number): void {
  const random = seededRandom(seed);
  const insertProduct = sqlite.prepare(
    `INSERT INTO products (id, store_id, sku, upc, name, brand, strain, category, selling_mode, price_cents, net_weight_mg, thc_mg, cbd_mg, active)
     VALUES (?, ?, ?, ?, ?, 'Brand', NULL, ?, 'each', ?, ?, ?, 0, 1)`,
  );
  const insertPackage = sqlite.prepare(
    `INSERT INTO packages (id, store_id, tag, product_id, unit, quantity_on_hand, packaged_date, lab_testing_state, status) VALUES (?, ?, ?, ?, 'each', 1000, '2026-01-01', 'TestPassed', 'active')`,
  );
  const insertCustomer = sqlite.prepare(
    `INSERT INTO customers (id, store_id, customer_type, first_name, last_name, date_of_birth, resident, groups, created_at) VALUES (?, ?, ?, 'Bench', ?, '1980-01-01', 1, '[]', 0)`,
  );
  const insertSale = sqlite.prepare(
    `INSERT INTO sales (id, store_id, terminal_id, sale_number, staff_id, customer_id, customer_type, status, subtotal_cents, discount_cents, tax_cents, total_cents, compliance_decision, completed_at, made_offline)
     VALUES (?, ?, ?, ?, 'staff-demo-budtender', ?, 'adult', 'completed', ?, ?, ?, ?, ?, ?, 0)`,
  );
  const insertLine = sqlite.prepare(
    `INSERT INTO sale_lines (id, sale_id, line_number, product_id, package_tag, quantity, unit_price_cents, gross_cents, discount_cents, tax_cents, net_cents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertDiscount = sqlite.prepare(
    `INSERT INTO sale_discounts (id, sale_id, line_number, source, promotion_id, name, amount_cents, approved_by, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertCart = sqlite.prepare(
    `INSERT INTO carts (id, terminal_id, staff_id, customer_id, customer_type, status, created_at, updated_at) VALUES (?, ?, 'staff-demo-budtender', ?, 'adult', 'completed', ?, ?)`,
  );
  const insertCartDiscount = sqlite.prepare(
    `INSERT INTO cart_manual_discounts (id, cart_id, kind, value, cart_line_id, reason, reason_code, approved_by, created_at) VALUES (?, ?, 'amount', ?, NULL, 'Regular customer', 'loyalty', 'staff-demo-manager', ?)`,
  );
  const insertPayment = sqlite.prepare(
    `INSERT INTO payments (id, sale_id, direction, tender, amount_cents, tendered_cents, change_cents, reference, created_at) VALUES (?, ?, 'payment', ?, ?, ?, ?, ?, ?)`,
  );
  const insertOutbox = sqlite.prepare(
    `INSERT INTO outbox (destination, kind, aggregate_id, payload, status, attempts, next_attempt_at, created_at, updated_at, external_ids) VALUES ('metrc', 'receipt.create', ?, ?, 'done', 1, ?, ?, ?, ?)`,
  );
  // What the purchase limits read: one store-day ledger row per sale line (the customer's; day in the store's zone).
  const insertLedger = sqlite.prepare(
    `INSERT INTO limit_ledger (store_id, person_key, customer_id, sale_id, line_id, kind, at, business_day, category, net_weight_mg, thc_mg, quantity) VALUES (?, NULL, ?, ?, ?, 'sale', ?, ?, ?, ?, ?, 1)`,
  );
  const insertAudit = sqlite.prepare(
    `INSERT INTO audit_log (seq, at, staff_id, terminal_id, action, entity_type, entity_id, before, after, prev_hash, hash) VALUES (?, ?, 'staff-demo-budtender', ?, 'sale.complete', 'sale', ?, NULL, ?, ?, ?)`,
  );
  const categories = ['flower', 'preroll', 'vape', 'concentrate', 'edible'] as const;
  // Flower and pre-rolls weigh 1–7 g; a concentrate or a vape cartridge 0.5–1 g, as on a real shelf.
  const netWeightOf = (product: number) => {
    const category = categories[product % categories.length];
    return category === 'concentrate' || category === 'vape' ? 500 + (product % 2) * 500 : 1000 + (product % 7) * 1000;
  };
  const start = Date.parse('2024-01-01T16:00:00Z');
  const span = Date.parse('2026-11-01T00:00:00Z') - start;
  const firstAuditSeq = (sqlite.prepare('SELECT coalesce(max(seq), 0) AS n FROM audit_log').get() as { n: number }).n + 1;

  sqlite.transaction(() => {
    sqlite
      .prepare('INSERT INTO promotions (id, store_id, name, definition, active, created_at) VALUES (?, ?, ?, ?, 1, ?)')
      .run(HISTORY_PROMOTION.id, DEMO_STORE_ID, HISTORY_PROMOTION.name, JSON.stringify(HISTORY_PROMOTION.definition), start);
    for (let i = 0; i < size.products; i += 1) {
      insertProduct.run(
        `hp-${i}`,
        DEMO_STORE_ID,
        historySku(i),
        historyUpc(i),
        `History product ${i}`,
        categories[i % categories.length],
        1000 + (i % 50) * 100,
        netWeightOf(i),
        (i % 9) * 100,
      );
    }
    for (let p = 0; p < size.packages; p += 1) insertPackage.run(`hk-${p}`, DEMO_STORE_ID, historyTag(p), `hp-${p % size.products}`);
    for (let c = 0; c < size.customers; c += 1) insertCustomer.run(benchCustomerId(c), DEMO_STORE_ID, c % 10 === 0 ? 'medical' : 'adult', `Customer ${c}`);
  })();

  // Sales in chunks of 20,000 per transaction, each checkpointed (the register's connection leaves that to idle moments), keep the WAL bounded while generating.
  for (let chunk = 0; chunk < size.sales; chunk += 20_000) {
    if (chunk > 0) sqlite.pragma('wal_checkpoint(PASSIVE)');
    sqlite.transaction(() => {
      for (let s = chunk; s < Math.min(size.sales, chunk + 20_000); s += 1) {
        const saleId = `hs-${s}`;
        const at = start + Math.floor((s / size.sales) * span) + Math.floor(random() * 3_600_000);
        const lines = 1 + Math.floor(random() * 3);
        const picked = Array.from({ length: lines }, () => Math.floor(random() * size.products));
        const priceOf = (product: number) => 1000 + (product % 50) * 100;
        // The limited promotion takes 10 % off every flower line; one sale in ten also carries a manager's $1 off, on its first line.
        const promoted = (product: number) => categories[product % categories.length] === 'flower';
        const manual = s % 10 === 0 ? 100 : 0;
        const lineDiscount = (product: number, index: number) => (promoted(product) ? priceOf(product) / 10 : 0) + (index === 0 ? manual : 0);
        const subtotal = picked.reduce((sum, product) => sum + priceOf(product), 0);
        const discount = picked.reduce((sum, product, index) => sum + lineDiscount(product, index), 0);
        const tax = Math.round((subtotal - discount) * 0.25);
        const customer = random() < 0.7 ? benchCustomerId(Math.floor(random() * size.customers)) : null;
        insertSale.run(
          saleId,
          DEMO_STORE_ID,
          DEMO_TERMINAL_ID,
          `C1-${s + 1}`,
          customer,
          subtotal,
          discount,
          tax,
          subtotal - discount + tax,
          JSON.stringify({ allowed: true, rules: 'CA@2026-01-01', verifiedOnline: true }),
          at,
        );
        const day = DateTime.fromMillis(at, { zone: 'America/Los_Angeles' }).toISODate() ?? '';
        picked.forEach((product, index) => {
          const price = priceOf(product);
          const off = lineDiscount(product, index);
          insertLine.run(
            `${saleId}-${index + 1}`,
            saleId,
            index + 1,
            `hp-${product}`,
            historyTag(product % size.packages),
            1,
            price,
            price,
            off,
            Math.round((price - off) * 0.25),
            price - off,
          );
          if (promoted(product))
            insertDiscount.run(
              `${saleId}-${index + 1}-p`,
              saleId,
              index + 1,
              'promotion',
              HISTORY_PROMOTION.id,
              HISTORY_PROMOTION.name,
              price / 10,
              null,
              null,
            );
          if (index === 0 && manual > 0) {
            insertCart.run(`hc-${s}`, DEMO_TERMINAL_ID, customer, at, at);
            insertCartDiscount.run(`hcd-${s}`, `hc-${s}`, manual, at);
            insertDiscount.run(
              `${saleId}-1-m`,
              saleId,
              1,
              'manual',
              null,
              'Manual discount: Regular customer',
              manual,
              'staff-demo-manager',
              'Regular customer',
            );
          }
          if (customer !== null)
            insertLedger.run(
              DEMO_STORE_ID,
              customer,
              saleId,
              `${saleId}-${index + 1}`,
              at,
              day,
              categories[product % categories.length],
              netWeightOf(product),
              (product % 9) * 100,
            );
        });
        const cash = random() < 0.6;
        const total = subtotal - discount + tax;
        insertPayment.run(
          `${saleId}-p`,
          saleId,
          cash ? 'cash' : 'debit',
          total,
          cash ? Math.ceil(total / 2000) * 2000 : total,
          cash ? Math.ceil(total / 2000) * 2000 - total : 0,
          cash ? null : `AUTH${s}`,
          at,
        );
        // A delivered Metrc receipt body, as the outbox keeps it: the bulk of a real file.
        const receipt = {
          SalesDateTime: new Date(at).toISOString().replace('Z', ''),
          SalesCustomerType: 'Consumer',
          ExternalReceiptNumber: saleId,
          IdentificationMethod: 'DriversLicense',
          Transactions: picked.map((product, index) => ({
            PackageLabel: historyTag(product % size.packages),
            Quantity: 1,
            UnitOfMeasure: 'Each',
            TotalAmount: (priceOf(product) - lineDiscount(product, index)) / 100,
            Price: priceOf(product) / 100,
            DiscountAmount: lineDiscount(product, index) / 100,
            ExciseTax: ((1000 + (product % 50) * 100) * 0.15) / 100,
            SalesTax: ((1000 + (product % 50) * 100) * 0.1025) / 100,
            UnitThcContent: (product % 9) * 100,
            UnitThcContentUnitOfMeasure: 'Milligrams',
          })),
        };
        insertOutbox.run(saleId, JSON.stringify(receipt), at, at, at, JSON.stringify({ metrcReceiptId: 100_000 + s }));
        // Synthetic hashes: this history is for size and speed, not for verify-audit.
        insertAudit.run(
          firstAuditSeq + s,
          at,
          DEMO_TERMINAL_ID,
          saleId,
          JSON.stringify({
            saleNumber: `C1-${s + 1}`,
            totalCents: total,
            taxCents: tax,
            lines: picked,
            tender: cash ? 'cash' : 'debit',
            customerId: customer,
            compliance: { allowed: true, rules: 'CA@2026-01-01' },
          }),
          GENESIS_HASH,
          GENESIS_HASH,
        );
      }
    })();
  }
  // The promotion's counter, as the register keeps it in each sale's transaction (promotion_usage, migration 0018).
  sqlite
    .prepare(
      'INSERT INTO promotion_usage (promotion_id, sales) SELECT promotion_id, count(DISTINCT sale_id) FROM sale_discounts WHERE promotion_id = ? GROUP BY promotion_id',
    )
    .run(HISTORY_PROMOTION.id);
}
