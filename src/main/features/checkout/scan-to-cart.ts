import { and, eq, sql } from 'drizzle-orm';
import { parseProductCode, type ProductCode } from '../../../shared/barcode/product-code';
import { AppError } from '../../../shared/errors';
import { packages, products } from '../../platform/db/schema';
import type { RegisterTx } from '../../platform/db/transaction';
import { preparedOnce } from '../../platform/db/prepared';
import { heldElsewhere, heldInCart, pickPackageFifo } from './stock';
import { holdOnProduct, holdRefusal, requireNotHeld } from '../quality/holds';

type Product = typeof products.$inferSelect;

export interface ResolvedScan {
  readonly product: Product;
  readonly packageTag: string;
  /** Units, or milligrams for weight packages. */
  readonly quantity: number;
}

export interface ScanRequest {
  readonly storeId: string;
  readonly cartId: string;
  readonly code: string;
  /** Units for packaged goods (default 1). */
  readonly quantity?: number | undefined;
  /** Required for weight-based products: from the scale or typed. */
  readonly weightMg?: number | undefined;
}

/**
 * The one entry point for whatever a scanner produced: a UPC/EAN, a GS1-128,
 * a 24-character Metrc package tag or an internal SKU, resolved to a product
 * and a concrete package with enough stock for this cart.
 */
export function resolveScan(tx: RegisterTx, request: ScanRequest): ResolvedScan {
  const code = parseProductCode(request.code);
  if (code.kind === 'package_tag') return resolveTag(tx, request, code.tag);
  const product = findProduct(tx, request.storeId, code);
  const quantity = wantedQuantity(product, request);
  const pick = pickPackageFifo(tx, product.id, quantity, request.cartId);
  if (pick === null) {
    // Nothing sellable because of a quality hold: say so, with its reason, rather than "out of stock".
    const held = holdOnProduct(tx, product.id);
    if (held !== null) throw holdRefusal(held.tag, held.hold);
    throw new AppError(
      'OUT_OF_STOCK',
      `${product.name} has no sellable package with ${describe(product, quantity)} left — check the shelf and the packages' status.`,
      {
        productId: product.id,
      },
    );
  }
  return { product, packageTag: pick.tag, quantity };
}

function findProduct(tx: RegisterTx, storeId: string, code: Exclude<ProductCode, { kind: 'package_tag' }>): Product {
  const product = code.kind === 'gtin' ? productByUpc(tx).get({ storeId, upc: code.gtin }) : productBySku(tx).get({ storeId, sku: code.sku });
  if (product === undefined) {
    throw code.kind === 'gtin'
      ? new AppError('UPC_UNKNOWN', `No product in this store has UPC ${code.gtin} — check the label or type the SKU.`)
      : new AppError('SKU_UNKNOWN', `No product in this store has SKU "${code.sku}" — check the code or search by name.`);
  }
  if (!product.active) throw new AppError('PRODUCT_INACTIVE', `${product.name} is not on sale at the moment.`);
  return product;
}

/** A tag names one exact package: it must be sellable and hold enough. */
function resolveTag(tx: RegisterTx, request: ScanRequest, tag: string): ResolvedScan {
  const row = packageByTag(tx).get({ tag, storeId: request.storeId });
  const short = `${tag.slice(0, 3)}…${tag.slice(-6)}`;
  if (row === undefined) throw new AppError('PACKAGE_NOT_IN_STORE', `Tag ${short} is not in this store's inventory.`, { tag });
  const { pkg, product } = row;
  switch (pkg.status) {
    case 'on_hold':
      throw new AppError('PACKAGE_ON_HOLD', `Package ${short} is on hold and cannot be sold — set it aside for a manager.`, { tag });
    case 'recalled':
      throw new AppError('PACKAGE_RECALLED', `Package ${short} is recalled — do not sell it; set it aside for a manager.`, { tag });
    case 'finished':
      throw new AppError('PACKAGE_EMPTY', `Package ${short} is finished (empty) in inventory.`, { tag });
    case 'active':
      break;
  }
  if (pkg.labTestingState !== 'TestPassed' && pkg.labTestingState !== 'NotRequired') {
    throw new AppError('PACKAGE_UNTESTED', `Package ${short} has not passed lab testing (${pkg.labTestingState}) and cannot be sold.`, { tag });
  }
  requireNotHeld(tx, tag);
  const quantity = wantedQuantity(product, request);
  const available = pkg.quantityOnHand - heldElsewhere(tx, tag, request.cartId) - heldInCart(tx, tag, request.cartId);
  if (available < quantity) {
    throw new AppError('NOT_ENOUGH_STOCK', `Package ${short} has only ${describe(product, Math.max(available, 0))} left for this cart.`, { tag, available });
  }
  return { product, packageTag: tag, quantity };
}

function wantedQuantity(product: Product, request: ScanRequest): number {
  if (product.sellingMode === 'weight') {
    if (request.weightMg === undefined || request.weightMg <= 0) {
      throw new AppError('WEIGHT_REQUIRED', `${product.name} is sold by weight — weigh it (or type the weight) before adding it.`, { productId: product.id });
    }
    return request.weightMg;
  }
  return request.quantity ?? 1;
}

function describe(product: Product, quantity: number): string {
  return product.sellingMode === 'weight' ? `${(quantity / 1000).toFixed(3)} g` : `${quantity} unit${quantity === 1 ? '' : 's'}`;
}

// A scan's look-ups, prepared once per connection (issue #18).
const p = sql.placeholder;

const productByUpc = preparedOnce((db) =>
  db
    .select()
    .from(products)
    .where(and(eq(products.storeId, p('storeId')), eq(products.upc, p('upc'))))
    .prepare(),
);

const productBySku = preparedOnce((db) =>
  db
    .select()
    .from(products)
    .where(and(eq(products.storeId, p('storeId')), eq(products.sku, p('sku'))))
    .prepare(),
);

const packageByTag = preparedOnce((db) =>
  db
    .select({ pkg: packages, product: products })
    .from(packages)
    .innerJoin(products, eq(products.id, packages.productId))
    .where(and(eq(packages.tag, p('tag')), eq(packages.storeId, p('storeId'))))
    .prepare(),
);
