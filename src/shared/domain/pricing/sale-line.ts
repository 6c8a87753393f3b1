/**
 * A sale line as pricing and the limits see it, and what pricing makes of it.
 * Plain data: the terminal, the store server and the CLI price the same way.
 */
import type { ProductCategory } from '../../contract/values';

/** A cart line as the pricing engine and the compliance gate see it. */
export interface SaleLineInput {
  readonly lineId: string;
  readonly lineNumber: number;
  readonly productId: string;
  readonly name: string;
  readonly brand: string;
  readonly category: ProductCategory;
  readonly sellingMode: 'each' | 'weight';
  readonly packageTag: string;
  readonly packageUnit: 'each' | 'mg';
  /** Units, or milligrams for weighed goods. */
  readonly quantity: number;
  /** Per unit, or per gram. */
  readonly unitPriceCents: number;
  /** Per unit (per gram for weighed goods): for purchase limits. */
  readonly netWeightMg: number;
  readonly thcMg: number;
  /** THC by weight in basis points of a percent (3500 = 35 %), where known directly (lab result); else derived from `thcMg` / `netWeightMg`. */
  readonly thcPotencyBp?: number | null;
}

export interface PricedLineResult {
  readonly lineId: string;
  readonly grossCents: number;
  readonly discountCents: number;
  readonly netCents: number;
  readonly taxCents: number;
  /** The part of `taxCents` already inside the price (inclusive taxes): not added to the total. */
  readonly includedTaxCents: number;
  readonly totalCents: number;
  readonly discounts: ReadonlyArray<{
    readonly source: 'promotion' | 'manual' | 'loyalty';
    readonly promotionId?: string | undefined;
    readonly name: string;
    readonly amountCents: number;
  }>;
  /** Each tax with the figures it was computed from (rate, base, source) where the pricing engine knows them. */
  readonly taxes: ReadonlyArray<{
    readonly taxId: string;
    readonly name: string;
    readonly amountCents: number;
    readonly rateBp?: number;
    readonly baseCents?: number;
    readonly included?: boolean;
    readonly citation?: string;
    readonly verify?: boolean;
  }>;
}

export interface PricedSale {
  readonly lines: readonly PricedLineResult[];
  readonly subtotalCents: number;
  readonly discountCents: number;
  readonly taxCents: number;
  readonly totalCents: number;
}
