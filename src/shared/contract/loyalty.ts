import { z } from 'zod';
import { command } from './command';
import { isServiceAddress } from './sync';

/** Loyalty (issue #22): a customer's points and tier, and points redeemed on a cart. */

const tierView = z.object({ name: z.string(), minLifetimePoints: z.number().int(), multiplierBp: z.number().int() });
const exclusionView = z.object({ state: z.string(), citation: z.string(), summary: z.string(), verify: z.boolean() });

export const customerLoyaltyView = z.object({
  customerId: z.string(),
  /** Points (a point redeems for one cent). */
  balance: z.number().int(),
  lifetimePoints: z.number().int(),
  tier: tierView,
  /** The latest ledger entries, newest first. */
  entries: z.array(z.object({ kind: z.string(), points: z.number().int(), saleId: z.string(), at: z.string() })),
});

export const cartLoyaltyView = z.object({
  cartId: z.string(),
  /** Null: no customer on the cart, so no points. */
  customerId: z.string().nullable(),
  balance: z.number().int(),
  tier: tierView.nullable(),
  /** Points asked for on this cart, and how many apply now (a cent each, before tax). */
  redeemPoints: z.number().int(),
  appliedPoints: z.number().int(),
  /** Why the points asked for do not apply now, or null. */
  problem: z.string().nullable(),
  /** What this cart would earn if completed now. */
  earnPoints: z.number().int(),
  minimumRedemptionPoints: z.number().int(),
  /** The state rule limiting rewards to non-cannabis goods, if the store's state has one. */
  exclusion: exclusionView.nullable(),
});
export type CartLoyaltyView = z.infer<typeof cartLoyaltyView>;

const customerRef = z.object({ customerId: z.string().min(1).max(64) }).strict();

export const loyaltyCommands = {
  'loyalty-feed-settings-get': command({
    access: 'credentials.edit',
    summary: 'Whether the external loyalty platform’s feed (Alpine IQ) is set up: its address and whether it is on; never the key.',
    writes: false,
    input: z.object({}).strict(),
    output: z.object({ configured: z.boolean(), baseUrl: z.string().nullable(), enabled: z.boolean() }),
  }),
  'loyalty-feed-settings-set': command({
    access: 'credentials.edit',
    summary: 'Set the loyalty platform’s POS feed address and API key (stored encrypted) and restart delivery with them.',
    writes: true,
    input: z
      .object({
        baseUrl: z.string().trim().max(300).refine(isServiceAddress, 'Enter the address starting with https:// (http:// only for localhost or 127.0.0.1).'),
        apiKey: z.string().min(8).max(200),
        enabled: z.boolean(),
      })
      .strict(),
    output: z.object({ configured: z.literal(true) }),
  }),
  'customer-loyalty': command({
    access: 'sale.ring',
    summary: 'A customer’s points balance, tier and latest entries.',
    writes: false,
    input: customerRef,
    output: customerLoyaltyView,
  }),
  'cart-loyalty': command({
    access: 'sale.ring',
    summary: 'The cart’s customer’s points, what the cart earns, and the points redeemed on it.',
    writes: false,
    input: z.object({ cartId: z.string().min(1).max(64) }).strict(),
    output: cartLoyaltyView,
  }),
  'cart-loyalty-redeem': command({
    access: 'sale.ring',
    summary: 'Redeem points on the cart as a discount before tax (0 removes them); charged when the sale completes.',
    writes: true,
    input: z.object({ cartId: z.string().min(1).max(64), points: z.number().int().min(0).max(10_000_000) }).strict(),
    output: cartLoyaltyView,
  }),
};
