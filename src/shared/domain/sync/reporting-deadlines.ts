/**
 * How soon a sale must be in the state's traceability system, per state:
 * data with its source, not code. Pure (shared/domain): the sync status, the
 * opening readiness check and, later, the store server read the same table. `verify` marks entries a compliance
 * officer must confirm against the regulator's current text before go-live.
 */
export interface ReportingDeadline {
  readonly state: string;
  /** Hours after the sale. */
  readonly hours: number;
  readonly citation: string;
  readonly verify: boolean;
}

const HOUR = 1;
// "Real time" has no number in most rules; an hour is where an outage stops being a blip and staff should know.
const REAL_TIME = HOUR;

const deadlines: readonly ReportingDeadline[] = [
  { state: 'CA', hours: 24, citation: 'Cal. Code Regs. tit. 4, § 15049.2 — record in track and trace within 24 hours', verify: true },
  {
    state: 'MI',
    hours: REAL_TIME,
    citation: 'Mich. Admin. Code R 420.506 — record sales in the statewide monitoring system (after an outage: within 24 h of restoration)',
    verify: true,
  },
  { state: 'CO', hours: REAL_TIME, citation: 'C.R.S. 44-10-501; 1 CCR 212-3 — real-time entry (upload as soon as practical after an outage)', verify: true },
  { state: 'MA', hours: REAL_TIME, citation: '935 CMR 500.105(8) — real-time inventory and sales tracking', verify: true },
  { state: 'OR', hours: REAL_TIME, citation: 'OAR 845-025-7540 — each sale reported to CTS', verify: true },
  { state: 'MD', hours: REAL_TIME, citation: 'COMAR 14.17 — real-time reporting (vendor list)', verify: true },
  { state: 'MO', hours: REAL_TIME, citation: '19 CSR 100-1 — real-time reporting (vendor list)', verify: true },
  { state: 'MT', hours: REAL_TIME, citation: 'ARM 42.39 — real-time reporting (vendor list)', verify: true },
];

/** A state without an entry gets one business day, the most common rule. */
const fallback = (state: string): ReportingDeadline => ({ state, hours: 24, citation: 'No state-specific rule on file: one day assumed', verify: true });

export function reportingDeadlineFor(state: string): ReportingDeadline {
  return deadlines.find((d) => d.state === state.toUpperCase()) ?? fallback(state.toUpperCase());
}

export type DeadlineRisk = 'ok' | 'at_risk' | 'overdue';

/** At risk once three quarters of the allowed time has gone by (so a 24 h rule warns at 18 h). */
export function deadlineRisk(deadline: ReportingDeadline, oldestPendingAt: Date | null, now: Date): DeadlineRisk {
  if (oldestPendingAt === null) return 'ok';
  const ageHours = (now.getTime() - oldestPendingAt.getTime()) / 3_600_000;
  if (ageHours >= deadline.hours) return 'overdue';
  return ageHours >= deadline.hours * 0.75 ? 'at_risk' : 'ok';
}
