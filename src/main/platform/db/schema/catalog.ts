import { sql, type SQL } from 'drizzle-orm';
import { sqliteTable, text, integer, index, uniqueIndex, blob, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { productCategories } from '../../../../shared/contract/values';
import { stores } from './store';

export { productCategories };

/**
 * How a product is sold: `each` (a packaged unit, price per unit) or `weight`
 * (bulk, weighed at the counter, price per gram; quantities in milligrams).
 */
export const sellingModes = ['each', 'weight'] as const;

/**
 * What a typed word is looked for in (features/catalog/search.ts): name,
 * brand, strain and SKU, lower-cased (ASCII, as LIKE folds case) and joined
 * by line breaks, which a typed word never holds. An expression, indexed by
 * `products_search_idx` (store, active, name, id, this, UPC, category; in
 * migrations/0030_product_search_index.sql): the search must write exactly
 * this for SQLite to read it from the index rather than from every product
 * row (a generated column's index is not read alone, and the test
 * test/main/features/catalog/search-plan.test.ts holds the two together).
 */
export function productSearchText(columns: {
  readonly name: AnySQLiteColumn;
  readonly brand: AnySQLiteColumn;
  readonly strain: AnySQLiteColumn;
  readonly sku: AnySQLiteColumn;
}): SQL {
  return sql`lower(${columns.name} || char(10) || ${columns.brand} || char(10) || coalesce(${columns.strain}, '') || char(10) || ${columns.sku})`;
}

/** The picture formats a product image may be (what Chromium draws; no SVG: a picture, not a document). */
export const productImageTypes = ['image/png', 'image/jpeg', 'image/webp'] as const;

/**
 * A product's picture, held by the register itself and served to the
 * counter through its own commands: the counter never loads one from the internet.
 */
export const productImages = sqliteTable('product_images', {
  id: text('id').primaryKey(),
  storeId: text('store_id')
    .notNull()
    .references(() => stores.id, { onDelete: 'restrict' }),
  mimeType: text('mime_type', { enum: productImageTypes }).notNull(),
  data: blob('data', { mode: 'buffer' }).notNull(),
  createdAt: text('created_at').notNull(),
});

export const products = sqliteTable(
  'products',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'restrict' }),
    sku: text('sku').notNull(),
    /** GTIN as printed (UPC-A 12 or EAN-13 digits), check digit included. */
    upc: text('upc'),
    name: text('name').notNull(),
    brand: text('brand').notNull(),
    strain: text('strain'),
    category: text('category', { enum: productCategories }).notNull(),
    sellingMode: text('selling_mode', { enum: sellingModes }).notNull(),
    /** Cents per unit (`each`) or per gram (`weight`). */
    priceCents: integer('price_cents').notNull(),
    /** Cannabis net weight of one unit, for purchase limits (0 for accessories; 1000 per gram for `weight`). */
    netWeightMg: integer('net_weight_mg').notNull(),
    /** Total THC of one unit in mg (per gram for `weight`). */
    thcMg: integer('thc_mg').notNull(),
    cbdMg: integer('cbd_mg').notNull().default(0),
    /** Potency in basis points (2315 = 23.15 %) as printed on the certificate of analysis. */
    thcPercentBp: integer('thc_percent_bp'),
    cbdPercentBp: integer('cbd_percent_bp'),
    coaLabName: text('coa_lab_name'),
    coaBatchNumber: text('coa_batch_number'),
    coaTestedOn: text('coa_tested_on'),
    coaUrl: text('coa_url'),
    /** Pieces in one unit (10 gummies in a pack), for the dose per piece; null when it is not sold in pieces. */
    piecesPerUnit: integer('pieces_per_unit'),
    /** Its picture, when the catalog has one. */
    imageId: text('image_id').references(() => productImages.id, { onDelete: 'set null' }),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [
    uniqueIndex('products_store_sku_unique').on(t.storeId, t.sku),
    index('products_upc_idx').on(t.upc),
    index('products_name_idx').on(t.name),
    // products_search_idx, over productSearchText, is hand-written SQL (migrations/0030_product_search_index.sql): drizzle-kit splits an expression at its commas.
  ],
);

export const packageStatuses = ['active', 'on_hold', 'recalled', 'finished'] as const;
export const labTestingStates = ['TestPassed', 'NotSubmitted', 'TestFailed', 'SubmittedForTesting', 'NotRequired'] as const;
/** Unit of the package's quantity: count of units, or milligrams for bulk weight. */
export const packageUnits = ['each', 'mg'] as const;

/** A Metrc package: the traceable container every sale line draws from. */
export const packages = sqliteTable(
  'packages',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'restrict' }),
    /** 24-character Metrc package tag, e.g. 1A4000312660000000012345. */
    tag: text('tag').notNull(),
    productId: text('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'restrict' }),
    unit: text('unit', { enum: packageUnits }).notNull(),
    /** On hand, in `unit` (count or mg). Moved only by deltas, never overwritten. */
    quantityOnHand: integer('quantity_on_hand').notNull(),
    packagedDate: text('packaged_date').notNull(),
    labTestingState: text('lab_testing_state', { enum: labTestingStates }).notNull(),
    status: text('status', { enum: packageStatuses }).notNull(),
    /** Metrc's own Id once known (from the active-packages download). */
    metrcId: integer('metrc_id'),
    /** The production batch the package came from (Metrc's ProductionBatchNumber); null: the product's certificate batch stands for it. */
    productionBatch: text('production_batch'),
  },
  (t) => [uniqueIndex('packages_tag_unique').on(t.tag), index('packages_product_idx').on(t.productId, t.packagedDate)],
);
