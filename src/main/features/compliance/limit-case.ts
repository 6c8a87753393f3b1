import { z } from 'zod';
import { customerType, productCategory } from '../../../shared/contract/values';

const item = z
  .object({
    category: productCategory,
    /** Cannabis net weight of one unit, mg. */
    netWeightMg: z.number().int().nonnegative(),
    /** Total THC of one unit, mg. */
    thcMg: z.number().int().nonnegative(),
    quantity: z.number().int().positive(),
  })
  .strict();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD');

/** The case file of `check-limits`, exactly as documented in the README. */
export const limitCase = z
  .object({
    state: z.string().regex(/^[A-Z]{2}$/, 'A two-letter state code'),
    customerType,
    resident: z.boolean(),
    saleTime: z.iso.datetime({ offset: true }),
    timeZone: z.string().min(1),
    dateOfBirth: date,
    idExpiry: date,
    medicalExpiry: date.nullable(),
    priorPurchases: z.array(item.extend({ time: z.iso.datetime({ offset: true }) })),
    cart: z.array(item),
  })
  .strict();
export type LimitCaseFile = z.infer<typeof limitCase>;
