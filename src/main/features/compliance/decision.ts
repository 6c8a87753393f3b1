import type { RegisterTx } from '../../platform/db/transaction';
import type { SaleLineInput } from '../../../shared/domain/pricing/sale-line';
import type { SaleSubject } from './sale-subject';
import type { Violation } from '../../../shared/domain/compliance/violation';

/** The compliance decision recorded on the sale; a refusal throws a typed error naming category and amount. */
export interface ComplianceDecision {
  readonly allowed: boolean;
  readonly rulePack: string;
  readonly verifiedOnline: boolean;
  /** How the state's check was made, when one applies: online now, or offline from the last known answer. */
  readonly stateVerification?: { readonly source: 'online' | 'last_known'; readonly checkedAt: string | null; readonly note?: string } | null;
  readonly violations: readonly Violation[];
  /** Whose limits the sale used (the ledger's person): handed to the ledger, never stored on the sale. */
  readonly holder?: { readonly personKey: string | null; readonly customerId: string | null } | null;
}

export type CheckCompliance = (tx: RegisterTx, lines: readonly SaleLineInput[], subject: SaleSubject) => ComplianceDecision;
