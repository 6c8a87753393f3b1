import { and, eq, isNull } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { BUILT_IN_CLAIM_RULES, describeClaims, findMedicalClaims, storedClaimRule, type ClaimRule } from '../../../shared/domain/customer-care/medical-claims';
import { claimRuleAdditions } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import type { RegisterTx } from '../../platform/db/transaction';

/** The built-in medical-claim rules plus the ones this store's compliance officer added (not retired). */
export function claimRulesOfStore(db: RegisterDb | RegisterTx, storeId: string): ClaimRule[] {
  const added = db
    .select()
    .from(claimRuleAdditions)
    .where(and(eq(claimRuleAdditions.storeId, storeId), isNull(claimRuleAdditions.retiredAt)))
    .all();
  return [...BUILT_IN_CLAIM_RULES, ...added.map(storedClaimRule)];
}

/**
 * Customer-facing text is refused while it makes a medical claim: the refusal
 * names every offending phrase and the rule's source, so whoever wrote it can
 * rephrase (describe cannabinoids and terpenes, never effects on a disease).
 */
export function requireNoMedicalClaim(db: RegisterDb | RegisterTx, storeId: string, text: string, what: string): void {
  const findings = findMedicalClaims(text, claimRulesOfStore(db, storeId));
  if (findings.length === 0) return;
  throw new AppError(
    'MEDICAL_CLAIM',
    `${what} makes a medical claim and cannot be saved: ${describeClaims(findings)}. Describe the product, not an effect on a condition.`,
    {
      phrases: findings.map((f) => f.phrase),
      rules: findings.map((f) => f.ruleId),
    },
  );
}
