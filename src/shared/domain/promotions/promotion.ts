import { z } from 'zod';
import { productCategory } from '../../contract/values';

/** Which units a promotion looks at; an empty scope means every product. */
const scope = z
  .object({
    categories: z.array(productCategory).optional(),
    brands: z.array(z.string()).optional(),
    productIds: z.array(z.string()).optional(),
  })
  .strict();

const kind = z.discriminatedUnion('type', [
  /** Basis points off each unit in scope (1000 = 10 %). */
  z.object({ type: z.literal('percent_off'), bp: z.number().int().min(1).max(10_000) }).strict(),
  /** Cents off each unit in scope. */
  z.object({ type: z.literal('amount_off'), cents: z.number().int().positive() }).strict(),
  /** Each unit in scope sells for this price (if lower). */
  z.object({ type: z.literal('fixed_price'), cents: z.number().int().nonnegative() }).strict(),
  /** For every `buy` units, `get` more (the cheapest) at `bp` off; repeats. */
  z
    .object({ type: z.literal('buy_x_get_y'), buy: z.number().int().positive(), get: z.number().int().positive(), bp: z.number().int().min(1).max(10_000) })
    .strict(),
  /** One unit from each component scope together for `cents`; repeats while components last. */
  z.object({ type: z.literal('bundle'), components: z.array(scope).min(2).max(6), cents: z.number().int().nonnegative() }).strict(),
]);

/**
 * A promotion as stored in the database (`promotions.definition`), checked
 * by this schema when loaded: the register never runs a promotion it cannot
 * read.
 */
export const promotionDefinition = z
  .object({
    priority: z.number().int().default(0),
    /** Exclusive promotions never combine with any other on the same sale. */
    exclusive: z.boolean().default(false),
    startsAt: z.iso.datetime({ offset: true }).optional(),
    endsAt: z.iso.datetime({ offset: true }).optional(),
    /** Store-local ISO weekdays, 1 = Monday … 7 = Sunday. */
    daysOfWeek: z.array(z.number().int().min(1).max(7)).optional(),
    /** Store-local time window, e.g. happy hour 16:00–18:00 (end exclusive). */
    timeOfDay: z.object({ from: z.string().regex(/^\d{2}:\d{2}$/), to: z.string().regex(/^\d{2}:\d{2}$/) }).optional(),
    /** Customer groups it is for: `medical`, `veteran`, `senior`, `loyalty:gold` … */
    customerGroups: z.array(z.string()).optional(),
    /** Total sales it may apply to. */
    usageLimit: z.number().int().positive().optional(),
    scope: scope.default({}),
    kind,
  })
  .strict();

export type PromotionDefinition = z.infer<typeof promotionDefinition>;
export type PromotionScope = z.infer<typeof scope>;

export interface Promotion extends PromotionDefinition {
  readonly id: string;
  readonly name: string;
}
