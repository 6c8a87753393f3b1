import { AppError } from '../../../shared/errors';
import type { RegisterDb } from '../../platform/db/open';
import type { RegisterTx } from '../../platform/db/transaction';
import type { PiiKeys } from '../../platform/security/pii-crypto';
import { hasEmailConsent, recordEmailConsent } from '../notifications/email-consent';

/** Consent to marketing email taken at the counter: an entry in the address's email consent ledger, source `counter`, with who took it. */
export function recordCounterEmailConsent(
  tx: RegisterTx,
  keys: PiiKeys,
  email: string | null,
  consent: { readonly action: 'grant' | 'revoke'; readonly proof: string; readonly staffId: string },
  at: Date,
): void {
  if (email === null) throw new AppError('CUSTOMER_EMAIL_MISSING', 'Add the customer’s email address first: an email opt-in belongs to an address.');
  recordEmailConsent(tx, keys, email, { action: consent.action, source: 'counter', proof: consent.proof, recordedBy: consent.staffId }, at);
}

export const emailOptInOf = (db: RegisterDb | RegisterTx, keys: PiiKeys, email: string | null): boolean => email !== null && hasEmailConsent(db, keys, email);
