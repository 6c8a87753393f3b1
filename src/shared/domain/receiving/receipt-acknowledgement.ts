/**
 * Whether the state expects a delivery's receipt to be recorded in Metrc by
 * the receiving licensee, per state: data with its source, not code.
 *
 * In every Metrc state a transfer's packages join the recipient's inventory
 * only once the recipient receives (accepts, partly accepts or rejects) them
 * in Metrc; the rules below also put a time on it. No Metrc API call for
 * receiving a licensed incoming transfer was found in the per-state
 * documentation we hold (docs/metrc, ../shared/reference/metrc.md), so
 * `apiPath` is null everywhere: the register queues the acknowledgement in
 * the outbox and the Metrc lane hands it to staff (Sync screen) with the
 * exact quantities to enter on the Metrc site. `verify` marks what a
 * compliance officer must confirm against the regulator's current text.
 */
export interface ReceiptAcknowledgementRule {
  readonly state: string;
  readonly required: boolean;
  /** Hours after the delivery arrives, where the rule gives one. */
  readonly withinHours: number | null;
  /** The Metrc API path that records the receipt, once one is confirmed for the state. */
  readonly apiPath: string | null;
  readonly citation: string;
  readonly verify: boolean;
}

const rules: readonly ReceiptAcknowledgementRule[] = [
  {
    state: 'CA',
    required: true,
    withinHours: 24,
    apiPath: null,
    citation: 'Cal. Code Regs. tit. 4, § 15048.5 / § 15049 — record receipt of transferred goods in the track and trace system ⚠ verify section and time',
    verify: true,
  },
  {
    state: 'CO',
    required: true,
    withinHours: null,
    apiPath: null,
    citation: '1 CCR 212-3, Rule 3-805 (inventory tracking) — transfers received in the inventory tracking system ⚠ verify rule number',
    verify: true,
  },
  {
    state: 'MI',
    required: true,
    withinHours: 24,
    apiPath: null,
    citation: 'Mich. Admin. Code R 420.206 — transfers accepted or rejected in the statewide monitoring system ⚠ verify',
    verify: true,
  },
  {
    state: 'MA',
    required: true,
    withinHours: null,
    apiPath: null,
    citation: '935 CMR 500.105(8) — real-time inventory tracking, receipts included ⚠ verify',
    verify: true,
  },
  {
    state: 'OR',
    required: true,
    withinHours: 24,
    apiPath: null,
    citation: 'OAR 845-025-7560 — receiving licensee records receipt in CTS ⚠ verify time',
    verify: true,
  },
];

/** A Metrc state without an entry: receipt is recorded in Metrc (that is how packages reach the recipient), time not on file. */
const fallback = (state: string): ReceiptAcknowledgementRule => ({
  state,
  required: true,
  withinHours: null,
  apiPath: null,
  citation: 'No state-specific rule on file: Metrc moves packages to the recipient only once received there ⚠ verify',
  verify: true,
});

export function receiptAcknowledgementFor(state: string): ReceiptAcknowledgementRule {
  const code = state.toUpperCase();
  return rules.find((r) => r.state === code) ?? fallback(code);
}
