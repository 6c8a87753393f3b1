import { findMigrationsFolder } from '../../src/main/platform/config/paths';
import { createCore } from '../../src/main/core/create-core';
import { openDatabase } from '../../src/main/platform/db/open';
import { benchPiiKeys, benchSku, benchTag, benchUpc, catalogDatabase, type CatalogSize } from '../generate';
import { seededRandom } from '../../src/shared/random';
import type { Figure } from '../result';
import { summarize, timeMsAsync } from '../stats';
import { copyToScratch } from '../scratch';
import { signInBudtender } from '../session';

/**
 * Figure 1: one scan, end to end through the core (validation, IMMEDIATE
 * transaction, barcode parsing, FIFO package pick with holds, cart view).
 */
export async function scanToCart(size: CatalogSize, scans: number): Promise<Figure> {
  const path = copyToScratch(catalogDatabase(size), 'scan');
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
    const code = kind === 0 ? benchUpc(index) : kind === 1 ? benchTag(Math.floor(random() * size.packages)) : benchSku(index);
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
    dataSize: { products: size.products, packages: size.packages },
    extra: { refusedScans: refused },
  };
}
