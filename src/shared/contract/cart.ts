import { z } from 'zod';
import { staffRoles } from '../permissions';
import { command } from './command';
import { approvalGrantRef } from './approval';
import { cents, counterText, customerType, productCategory } from './values';

const id = z.string().min(1).max(64);

export const cartLineView = z.object({
  lineId: z.string(),
  lineNumber: z.number().int().positive(),
  productId: z.string(),
  name: z.string(),
  brand: z.string(),
  category: productCategory,
  packageTag: z.string(),
  sellingMode: z.enum(['each', 'weight']),
  /** Units, or milligrams for weighed goods. */
  quantity: z.number().int().positive(),
  /** Per unit, or per gram. */
  unitPriceCents: cents,
});

export const cartTotals = z.object({
  subtotalCents: cents,
  discountCents: cents,
  taxCents: cents,
  totalCents: cents,
  taxes: z.array(z.object({ taxId: z.string(), name: z.string(), amountCents: cents })),
  discounts: z.array(z.object({ name: z.string(), amountCents: cents })),
});

export const cartView = z.object({
  cartId: z.string(),
  /** Priced as the sale would be now; null while the store has no tax table. */
  totals: cartTotals.nullable(),
  status: z.enum(['open', 'parked', 'completed', 'abandoned']),
  parkedLabel: z.string().nullable(),
  customerId: z.string().nullable(),
  customerType,
  lines: z.array(cartLineView),
  /** An online order the platform charged (issue #21): the sale takes it as a prepaid tender; absent or null otherwise. */
  prepaid: z.object({ amountCents: z.number().int().positive(), reference: z.string() }).nullable().optional(),
});
export type CartView = z.infer<typeof cartView>;

/** An exact amount in a limit's unit (mg or units): num/den in lowest terms, never a float. */
const exactAmount = z.object({ num: z.number().int(), den: z.number().int().positive() });

export const cartLimits = z.object({
  /** Whether the checked-in customer's earlier purchases in each period are counted; false: this cart alone (no ID checked yet). */
  customerCounted: z.boolean(),
  buckets: z.array(
    z.object({
      ruleId: z.string(),
      /** flower, concentrate, edible, … or total. */
      bucket: z.string(),
      unit: z.enum(['mg', 'units']),
      period: z.union([z.literal('transaction'), z.literal('calendar_day'), z.object({ rollingDays: z.number().int().positive() })]),
      limit: z.number().int().nonnegative(),
      prior: exactAmount,
      cart: exactAmount,
      /** The sale gate's own verdict on this cart. */
      over: z.boolean(),
    }),
  ),
});
export type CartLimits = z.infer<typeof cartLimits>;

/** A medical patient's allotment held by the state (MI, CO…), as the cart stands against it; null where the state holds none or the cart is not a patient's. */
export const cartStateAllotment = z.object({
  allotment: z
    .object({
      /** Asked of the state just now, or (offline) its last answer on file. */
      source: z.enum(['online', 'last_known']),
      checkedAt: z.string().nullable(),
      note: z.string().nullable(),
      /** False: the state says the registration is not active. */
      active: z.boolean().nullable(),
      buckets: z.array(
        z.object({
          bucket: z.enum(['flower', 'concentrate', 'infused']),
          allowedMg: z.number().int().nonnegative(),
          availableMg: z.number().int().nonnegative(),
          cartMg: z.number().int().nonnegative(),
          /** This store's sales the state has not acknowledged yet, taken off what it says is left. */
          unknownToStateMg: z.number().int().nonnegative(),
          over: z.boolean(),
        }),
      ),
    })
    .nullable(),
});
export type CartStateAllotment = z.infer<typeof cartStateAllotment>;

const cartRef = z.object({ cartId: id }).strict();

export const cartCommands = {
  'cart-open': command({ access: 'sale.ring', summary: 'Start a new cart at this terminal.', writes: true, input: z.object({}).strict(), output: cartView }),
  'cart-current': command({
    access: 'sale.ring',
    summary:
      'The cart left open at this terminal by the person signed in (a reload, a restart): restored on screen instead of holding stock unseen; null when there is none. Idle carts past the store setting are released first.',
    writes: true,
    input: z.object({}).strict(),
    output: z.object({ cart: cartView.nullable() }),
  }),
  'cart-get': command({ access: 'sale.ring', summary: 'One cart with its lines.', writes: false, input: cartRef, output: cartView }),
  'cart-limits': command({
    access: 'sale.ring',
    summary:
      'The cart’s live purchase-limit meter, one entry per limit bucket: earlier purchases in the period and what the cart adds, exactly, by the sale gate’s own engine.',
    writes: false,
    input: cartRef,
    output: cartLimits,
  }),
  'cart-state-allotment': command({
    access: 'sale.ring',
    summary:
      'For a medical patient (or caregiver) where the state holds the allotment: what the state says is left per bucket and what the cart takes, by the sale gate’s own state check (asked now, or offline the last answer, kept on the patient).',
    // The state's answer is kept on the patient, as at a sale.
    writes: true,
    input: cartRef,
    output: cartStateAllotment,
  }),
  'cart-store-credit': command({
    access: 'sale.ring',
    summary: 'The store credit the cart’s customer holds (0 with no customer), to pay with at the pay area.',
    writes: false,
    input: cartRef,
    output: z.object({ balanceCents: cents }),
  }),
  'cart-scan': command({
    access: 'sale.ring',
    summary: 'Add whatever the scanner read (UPC/EAN, GS1-128, Metrc tag or SKU) to the cart.',
    writes: true,
    input: z
      .object({
        cartId: id,
        code: z.string().min(1, 'Nothing was scanned').max(512, 'That scan is too long to be a product barcode'),
        quantity: z.number().int().positive().max(1000).optional(),
        weightMg: z.number().int().positive().max(1_000_000, 'A weighed sale is limited to 1 kg').optional(),
      })
      .strict(),
    output: cartView,
  }),
  'cart-set-quantity': command({
    access: 'sale.ring',
    summary: 'Change a line’s quantity (units, or milligrams for weighed goods).',
    writes: true,
    input: z.object({ cartId: id, lineId: id, quantity: z.number().int().positive().max(1_000_000) }).strict(),
    output: cartView,
  }),
  'cart-remove-line': command({
    access: 'sale.ring',
    summary: 'Remove a line.',
    writes: true,
    input: z.object({ cartId: id, lineId: id }).strict(),
    output: cartView,
  }),
  'cart-park': command({
    access: 'sale.ring',
    summary: 'Park the cart (its items stay held) to serve someone else.',
    writes: true,
    input: z.object({ cartId: id, label: counterText(40) }).strict(),
    output: cartView,
  }),
  'cart-resume': command({ access: 'sale.ring', summary: 'Resume a parked cart.', writes: true, input: cartRef, output: cartView }),
  'cart-list-parked': command({
    access: 'sale.ring',
    summary: 'Parked carts at this terminal.',
    writes: false,
    input: z.object({}).strict(),
    output: z.object({ items: z.array(z.object({ cartId: z.string(), label: z.string(), lines: z.number().int(), updatedAt: z.string() })) }),
  }),
  'cart-manual-discount': command({
    access: 'discount.manual',
    summary: 'A manual discount on the order or one line, with a reason; a budtender needs a manager’s approval.',
    writes: true,
    input: z
      .object({
        cartId: id,
        lineId: id.optional(),
        kind: z.enum(['percent', 'amount']),
        /** Basis points for percent (1000 = 10 %), cents for amount. */
        value: z.number().int().positive().max(1_000_000),
        reasonCode: z.enum(['promotion_failed', 'damaged', 'customer_service', 'other']),
        reason: counterText(200),
        approval: approvalGrantRef.optional(),
      })
      .strict(),
    output: cartView,
  }),
  'cart-attach-customer': command({
    access: 'sale.ring',
    summary: 'Attach a checked-in customer to the cart (or detach with null).',
    writes: true,
    input: z.object({ cartId: id, customerId: id.nullable() }).strict(),
    output: cartView,
  }),
  'discount-ceilings-get': command({
    access: 'settings.edit',
    summary: 'How large a manual discount each role may give or approve (percent in basis points, amount in cents).',
    writes: false,
    input: z.object({}).strict(),
    output: z.object({ ceilings: z.array(z.object({ role: z.enum(staffRoles), percentBp: z.number().int(), amountCents: cents })) }),
  }),
  'discount-ceilings-set': command({
    access: 'settings.edit',
    summary: 'Set one role’s manual-discount ceiling (audited).',
    writes: true,
    input: z
      .object({ role: z.enum(staffRoles), percentBp: z.number().int().min(0).max(10_000), amountCents: z.number().int().min(0).max(10_000_000) })
      .strict(),
    output: z.object({ role: z.enum(staffRoles), percentBp: z.number().int(), amountCents: cents }),
  }),
  'carts-held': command({
    access: 'sale.ring',
    summary: 'Open and parked carts at this till that hold stock (idle ones past the store setting are released first).',
    writes: true,
    input: z.object({}).strict(),
    output: z.object({
      items: z.array(
        z.object({
          cartId: z.string(),
          status: z.enum(['open', 'parked']),
          label: z.string().nullable(),
          lines: z.number().int(),
          units: z.number().int(),
          updatedAt: z.string(),
        }),
      ),
    }),
  }),
  'cart-release': command({
    access: 'sale.ring',
    summary: 'Let a cart go (the customer left): its stock holds are released; audited with the reason.',
    writes: true,
    input: z.object({ cartId: id, reason: counterText(200) }).strict(),
    output: z.object({ cartId: z.string() }),
  }),
};
