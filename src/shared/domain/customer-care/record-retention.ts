/**
 * How long the store keeps the records it writes about customers (issue
 * #22): interaction notes now; quality incidents are kept with the money
 * records they lead to (credits, returns) and are not purged.
 *
 * California: "Records must be kept for at least seven years from the date
 * of creation, unless a shorter time is specified", including "all other
 * documents prepared or executed by an owner or their employees … in
 * connection with the licensed commercial cannabis business" — a note a
 * budtender writes is such a document. Kept that long, and then deleted:
 * the least that serves. Other states: the same seven years, marked to
 * verify (the stricter reading for keeping; a state with a shorter rule
 * would let notes go sooner).
 */
export interface RecordRetention {
  readonly years: number;
  readonly citation: string;
  /** The rule's effective date as cited (YYYY-MM-DD). */
  readonly effective: string;
  /** True where the period is our stricter default, not a rule read for that state. */
  readonly verify: boolean;
}

const CALIFORNIA: RecordRetention = {
  years: 7,
  citation: 'Cal. Code Regs. tit. 4, § 15037(a), (a)(6) (general record retention: at least seven years from creation)',
  effective: '2021-09-27',
  verify: false,
};

const DEFAULT: RecordRetention = {
  years: 7,
  citation: 'Default: seven years, as Cal. Code Regs. tit. 4, § 15037(a); ⚠ verify against this state’s own record-retention rule',
  effective: '2021-09-27',
  verify: true,
};

export function customerRecordRetention(state: string): RecordRetention {
  return state.toUpperCase() === 'CA' ? CALIFORNIA : DEFAULT;
}

/** Records written before this instant have been kept their full period. */
export function retentionCutoff(now: Date, rule: RecordRetention): Date {
  const cutoff = new Date(now.getTime());
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - rule.years);
  return cutoff;
}
