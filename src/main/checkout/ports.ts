import type { CustomerType } from '../../shared/contract/values';
import type { StateCheck } from '../compliance-gate/state-allotment';
import type { ProductCategory } from '../../shared/contract/values';
import type { RegisterDb } from '../db/open';
import type { RegisterTx } from '../db/transaction';

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
    readonly source: 'promotion' | 'manual';
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

export interface SaleSubject {
  readonly storeId: string;
  readonly timeZone: string;
  readonly state: string;
  readonly customerId: string | null;
  readonly customerType: CustomerType;
  /** An anonymous adult-use customer's accepted ID check, when there is no customer record. */
  readonly idVerificationId?: string | null;
  /** The state system's view of a medical patient (asked now, or the last answer when offline). */
  readonly stateCheck?: StateCheck | null;
  readonly at: Date;
}

/** Prices a cart: promotions, manual discounts, taxes. Pure: reads nothing but what it is given and the transaction. */
export type PriceSale = (tx: RegisterDb | RegisterTx, lines: readonly SaleLineInput[], subject: SaleSubject & { readonly cartId: string }) => PricedSale;

/** The compliance decision recorded on the sale; a refusal throws a typed error naming category and amount. */
export interface ComplianceDecision {
  readonly allowed: boolean;
  readonly rulePack: string;
  readonly verifiedOnline: boolean;
  /** How the state's check was made, when one applies: online now, or offline from the last known answer. */
  readonly stateVerification?: { readonly source: 'online' | 'last_known'; readonly checkedAt: string | null; readonly note?: string } | null;
  readonly violations: readonly unknown[];
  /** Whose limits the sale used (the ledger's person): handed to the ledger, never stored on the sale. */
  readonly holder?: { readonly personKey: string | null; readonly customerId: string | null } | null;
}

export type CheckCompliance = (tx: RegisterTx, lines: readonly SaleLineInput[], subject: SaleSubject) => ComplianceDecision;
