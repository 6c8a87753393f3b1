/** Why a sale or a check-in is refused: the rule, the figures, and words for the budtender. */
export interface Violation {
  readonly code:
    | 'UNDERAGE'
    | 'ID_EXPIRED'
    | 'ID_EXPIRY_MISSING'
    | 'ID_DATES_INVALID'
    | 'MEDICAL_EXPIRED'
    | 'CAREGIVER_CARD_EXPIRED'
    | 'SALE_TYPE_NOT_OFFERED'
    | 'LIMIT_EXCEEDED';
  readonly category: string;
  readonly limit: number;
  readonly attempted: number;
  readonly unit: string;
  /** For a limit: what was left before this cart, in `unit`. */
  readonly remaining?: number;
  readonly rule: string;
  readonly message: string;
}
