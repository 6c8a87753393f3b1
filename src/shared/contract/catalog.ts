import { z } from 'zod';
import { command } from './command';
import { cents, milligrams, productCategory } from './values';

export const catalogItem = z.object({
  productId: z.string(),
  sku: z.string(),
  upc: z.string().nullable(),
  name: z.string(),
  brand: z.string(),
  strain: z.string().nullable(),
  category: productCategory,
  sellingMode: z.enum(['each', 'weight']),
  /** Per unit, or per gram for weight-based products. */
  priceCents: cents,
  netWeightMg: milligrams,
  thcPercentBp: z.number().int().nullable(),
  /** Total THC of one unit in whole mg (per gram for weight-based products). */
  thcMg: milligrams,
  /** Pieces in one unit (10 gummies in a pack), for the dose per piece; null when not sold in pieces. */
  piecesPerUnit: z.number().int().positive().nullable(),
  /** The product's picture (served by `catalog-product-image`), or null: none. */
  imageId: z.string().nullable(),
  /** Sellable stock across packages: units, or milligrams for weight-based products. */
  available: z.number().int().nonnegative(),
  sellablePackages: z.number().int().nonnegative(),
});
export type CatalogItem = z.infer<typeof catalogItem>;

/** A product as the register's own search index holds it: the catalog row plus what to find it by. */
export const catalogIndexItem = catalogItem.extend({
  /** Metrc tags of its sellable packages, so a budtender can find a product by (the end of) a tag. */
  packageTags: z.array(z.string()),
});
export type CatalogIndexItem = z.infer<typeof catalogIndexItem>;

/** The most products one `catalog-index` answer carries: 50,000 products arrive in ten pages. */
export const CATALOG_INDEX_PAGE_MAX = 5000;

export const catalogCommands = {
  'catalog-product-image': command({
    access: 'signed_in',
    // Fetched as rows scroll into view: not the budtender's activity.
    passive: true,
    summary: "A product's picture, held by the register (never loaded from the internet), as base64 with its type.",
    writes: false,
    input: z.object({ imageId: z.string().min(1).max(64) }).strict(),
    output: z.object({ mimeType: z.enum(['image/png', 'image/jpeg', 'image/webp']), base64: z.string() }),
  }),
  'catalog-search': command({
    access: 'signed_in',
    summary: 'Products matching a text (name, brand, strain, SKU, UPC), optionally in one category.',
    writes: false,
    input: z
      .object({
        text: z.string().trim().max(100, 'Search text is limited to 100 characters').default(''),
        category: productCategory.optional(),
        limit: z.number().int().min(1).max(200).default(50),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
    // `total` stops at the count cap (1,000): `more` says there are more matches than that.
    output: z.object({ total: z.number().int().nonnegative(), more: z.boolean(), items: z.array(catalogItem) }),
  }),
  'catalog-index': command({
    access: 'signed_in',
    // Loaded in the background after sign-in and after a sale: not the budtender's activity.
    passive: true,
    summary:
      'Every active product of the store with its stock and sellable package tags, a page at a time in SKU order, for the register to search as the budtender types; or only the products named.',
    writes: false,
    input: z
      .object({
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(CATALOG_INDEX_PAGE_MAX).default(CATALOG_INDEX_PAGE_MAX),
        /** Only these products (e.g. the lines of a sale just completed, to refresh their stock). */
        productIds: z.array(z.string().min(1).max(64)).min(1).max(500).optional(),
      })
      .strict(),
    output: z.object({ total: z.number().int().nonnegative(), items: z.array(catalogIndexItem) }),
  }),
};
