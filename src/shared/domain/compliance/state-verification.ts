/**
 * Where a medical patient's standing and allotment live in the state's
 * system, so the register must ask before a medical sale (and, offline,
 * uses the last known answer and says so). Data with sources, like the
 * limit rules.
 */
export interface StateVerificationRule {
  readonly state: string;
  readonly patientStatus: boolean;
  readonly citation: string;
  readonly verify: boolean;
}

const rules: readonly StateVerificationRule[] = [
  {
    state: 'MI',
    patientStatus: true,
    citation: 'Mich. Admin. Code R 420.505, R 420.506 — verify the patient’s registry status in the statewide monitoring system before a sale',
    verify: true,
  },
  {
    state: 'CO',
    patientStatus: true,
    citation:
      'C.R.S. 44-10-501(1)(b); 1 CCR 212-3 — medical sales checked against the patient’s allotment in the tracking system (outage safe harbour in 501(1)(b)(II))',
    verify: true,
  },
];

export function patientStatusRequired(state: string): StateVerificationRule | null {
  return rules.find((r) => r.state === state.toUpperCase() && r.patientStatus) ?? null;
}
