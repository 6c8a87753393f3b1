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
  /** Sellable stock across packages: units, or milligrams for weight-based products. */
  available: z.number().int().nonnegative(),
  sellablePackages: z.number().int().nonnegative(),
});
export type CatalogItem = z.infer<typeof catalogItem>;

export const catalogCommands = {
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
    output: z.object({ total: z.number().int().nonnegative(), items: z.array(catalogItem) }),
  }),
};
