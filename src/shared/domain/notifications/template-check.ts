/**
 * The seam for the medical-claim checker (issue #21): templates for
 * customer texts must be checked for medical claims ("cures", "treats",
 * "prevents" a disease) before they can be saved. The checker itself is
 * built on the `care` branch; this layer only requires one and refuses to
 * save a template without its approval. Nothing here decides what a claim is.
 */
export type MedicalClaimVerdict = { readonly ok: true } | { readonly ok: false; readonly findings: readonly string[] };

export interface MedicalClaimChecker {
  check(text: string): MedicalClaimVerdict;
}

export interface MessageTemplate {
  readonly id: string;
  readonly text: string;
  readonly kind: 'transactional' | 'marketing';
}

/** A template may be saved only with the checker's approval; the findings are the words to show the person. */
export function templateSavable(template: MessageTemplate, checker: MedicalClaimChecker): MedicalClaimVerdict {
  return checker.check(template.text);
}
