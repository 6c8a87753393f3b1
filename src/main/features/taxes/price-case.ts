import { z } from 'zod';
import { productCategory } from '../../../shared/contract/values';
import { localTaxes } from '../../../shared/domain/taxes/local-taxes';

/** One cart line of a `price-cart` case: what the pricing engine needs of a product. */
const caseLine = z
  .object({
    category: productCategory,
    /** Per unit, or per gram when `weighedMg` is given. */
    unitPriceCents: z.number().int().nonnegative(),
    quantity: z.number().int().positive(),
    /** Sold by weight: the milligrams on the scale (`quantity` must then be 1). */
    weighedMg: z.number().int().positive().optional(),
    /** THC by weight, basis points of a percent (3500 = 35 %): where a tax depends on potency (IL). */
    thcPotencyBp: z.number().int().min(0).max(10_000).optional(),
    /** Total THC of one unit, mg, with its cannabis net weight: potency is derived from them when `thcPotencyBp` is absent. */
    thcMg: z.number().int().nonnegative().optional(),
    netWeightMg: z.number().int().nonnegative().optional(),
    /** A line discount: percent in basis points, or an amount in cents. */
    discount: z
      .object({ kind: z.enum(['percent', 'amount']), value: z.number().int().nonnegative() })
      .strict()
      .optional(),
  })
  .strict();

/** The case file of `price-cart`, exactly as documented in the README. */
export const priceCase = z
  .object({
    state: z.string().regex(/^[A-Z]{2}$/, 'A two-letter state code'),
    saleType: z.enum(['adult', 'medical']),
    saleTime: z.iso.datetime({ offset: true }),
    timeZone: z.string().min(1),
    localTaxes: localTaxes.default([]),
    lines: z.array(caseLine).min(1),
    /** Whole-order discounts, shared across lines by their net. */
    orderDiscounts: z.array(z.object({ kind: z.enum(['percent', 'amount']), value: z.number().int().nonnegative() }).strict()).default([]),
  })
  .strict();
export type PriceCaseFile = z.infer<typeof priceCase>;
