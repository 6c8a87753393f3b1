/**
 * The quality-incident SOP as data (issue #22): the steps each category of
 * incident needs before it can be resolved, in order. Staff record what the
 * customer reported; they give no medical advice — for a reported adverse
 * reaction the step is to refer the customer to a healthcare provider or
 * poison control, and to check whether the state requires a report.
 */

export const qualityCategories = ['hardware_failure', 'mislabel', 'contamination_suspicion', 'adverse_reaction_reported'] as const;
export type QualityCategory = (typeof qualityCategories)[number];

export interface SopStep {
  readonly step: string;
  readonly label: string;
}

const COMMON: readonly SopStep[] = [
  { step: 'customer_words_recorded', label: 'Record what the customer reports, in their words' },
  { step: 'package_identified', label: 'Identify the package tag and batch (scan it)' },
  { step: 'product_secured', label: 'Take the product back and set it aside, labelled with the incident number' },
];

export const SOP_STEPS: Readonly<Record<QualityCategory, readonly SopStep[]>> = {
  hardware_failure: [...COMMON, { step: 'hardware_tested', label: 'Test the hardware on a known-good battery or device' }],
  mislabel: [
    ...COMMON,
    { step: 'label_compared', label: 'Compare the label with the certificate of analysis and the Metrc package' },
    { step: 'batch_hold_decided', label: 'Decide on a hold for the batch (manager)' },
  ],
  contamination_suspicion: [
    ...COMMON,
    { step: 'batch_hold_decided', label: 'Decide on a hold for the batch (manager)' },
    { step: 'supplier_notified', label: 'Notify the supplier / licensed manufacturer' },
  ],
  adverse_reaction_reported: [
    ...COMMON,
    { step: 'referred_to_healthcare', label: 'Refer the customer to a healthcare provider or poison control — give no medical advice' },
    { step: 'batch_hold_decided', label: 'Decide on a hold for the batch (manager)' },
    { step: 'state_reporting_checked', label: 'Check whether the state requires an adverse-event report (⚠ verify per state)' },
  ],
};

export function stepsFor(category: QualityCategory): readonly SopStep[] {
  return SOP_STEPS[category];
}

/** Steps still to do before the incident can be resolved. */
export function pendingSteps(category: QualityCategory, done: readonly string[]): SopStep[] {
  return SOP_STEPS[category].filter((s) => !done.includes(s.step));
}
