import Database from 'better-sqlite3';
import { findMigrationsFolder } from '../../src/main/platform/config/paths';
import { createCore } from '../../src/main/core/create-core';
import { openDatabase } from '../../src/main/platform/db/open';
import { benchPiiKeys } from '../generate';
import { historySku, historyTag, historyUpc, type HistorySize } from '../generate-history';
import { seededRandom } from '../../src/shared/random';
import type { Figure } from '../result';
import { summarize, timeMsAsync } from '../stats';
import { copyToScratch } from '../scratch';
import { signInBudtender } from '../session';

/**
 * Figure 1: one scan, end to end through the core (validation, IMMEDIATE
 * transaction, barcode parsing, FIFO package pick with holds, cart view
 * priced with the store's promotions), on the store with history: its
 * active limited promotion counted over hundreds of thousands of promoted
 * lines, a manager's discount on one past cart in ten.
 */
export async function scanToCart(history: { path: string; size: HistorySize }, scans: number): Promise<Figure> {
  const size = history.size;
  const path = copyToScratch(history.path, 'scan');
  const database = openDatabase({ path, migrationsFolder: findMigrationsFolder() });
  const core = createCore({ database, piiKeys: benchPiiKeys });
  await signInBudtender(core);
  const random = seededRandom(7);
  const samples: number[] = [];
  let cartId = '';
  let refused = 0;
  for (let i = 0; i < scans; i += 1) {
    if (i % 8 === 0) {
      const opened = await core.send('cart-open', {});
      if (!opened.ok) throw new Error(opened.error.message);
      cartId = opened.value.cartId;
    }
    const index = Math.floor(random() * size.products);
    const kind = i % 3;
    const code = kind === 0 ? historyUpc(index) : kind === 1 ? historyTag(Math.floor(random() * size.packages)) : historySku(index);
    let ok = true;
    samples.push(
      await timeMsAsync(async () => {
        ok = (await core.send('cart-scan', { cartId, code })).ok;
      }),
    );
    if (!ok) refused += 1; // empty/held/untested packages answer with a reason: still a measured scan
  }
  database.close();
  return {
    id: 'scan_to_cart',
    title: 'Scan to cart (UPC, tag or SKU → package → cart view)',
    unit: 'ms',
    ...summarize(samples),
    dataSize: { products: size.products, packages: size.packages, historicalSales: size.sales, promotedLines: promotedLines(path) },
    extra: { refusedScans: refused },
    goal: { metric: 'p99', kind: 'at most', limit: 5 },
  };
}

/** Past sale lines the store's promotions applied to: what the usage count once read on every scan. */
export function promotedLines(path: string): number {
  const database = new Database(path, { readonly: true });
  try {
    return (database.prepare('SELECT count(*) AS n FROM sale_discounts WHERE promotion_id IS NOT NULL').get() as { n: number }).n;
  } finally {
    database.close();
  }
}
