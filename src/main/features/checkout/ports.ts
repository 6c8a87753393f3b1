import type { CustomerType } from '../../../shared/contract/values';
import type { StateCheck } from '../compliance/state-allotment';
import type { RegisterDb } from '../../platform/db/open';
import type { RegisterTx } from '../../platform/db/transaction';
import type { PricedSale, SaleLineInput } from '../../../shared/domain/pricing/sale-line';

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
