import type { ProductCategory } from '../../contract/values';

/** One purchased item as the purchase-limit check counts it (the case-file shape). */
export interface LimitItem {
  readonly category: ProductCategory;
  /** Cannabis net weight of one unit. */
  readonly netWeightMg: number;
  /** Total THC of one unit. */
  readonly thcMg: number;
  /** Negative for a void of an earlier sale's line. */
  readonly quantity: number;
}

/** An earlier purchase: when (the writing register's clock) and on which store-local day. */
export interface PriorPurchase extends LimitItem {
  readonly time: Date;
  /** The store's calendar day it was made on; absent, the day of `time` in the store's zone. */
  readonly day?: string;
}

/**
 * How far ahead of this register's clock another register's (or this
 * one's, before a correction) purchase may be stamped and still count in a
 * rolling window or across the end of the store day: registers' clocks
 * drift, and a purchase must never drop out of a limit because its minute
 * is "in the future".
 */
export const CLOCK_SKEW_TOLERANCE_MS = 15 * 60_000;

/**
 * Weighed goods carry per-gram figures and a quantity in mg: turn them into
 * one item of the weighed amount, rounding THC up (never in the customer's favour).
 */
export function limitItem(row: { category: ProductCategory; sellingMode: 'each' | 'weight'; netWeightMg: number; thcMg: number; quantity: number }): LimitItem {
  if (row.sellingMode === 'each') return { category: row.category, netWeightMg: row.netWeightMg, thcMg: row.thcMg, quantity: row.quantity };
  return {
    category: row.category,
    netWeightMg: Math.ceil((row.netWeightMg * row.quantity) / 1000),
    thcMg: Math.ceil((row.thcMg * row.quantity) / 1000),
    quantity: 1,
  };
}
