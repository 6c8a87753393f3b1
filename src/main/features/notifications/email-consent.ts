import { desc, eq } from 'drizzle-orm';
import { emailSearchForm } from '../../../shared/domain/customers/contact-details';
import type { ConsentSource } from '../../../shared/domain/notifications/consent';
import { AppError } from '../../../shared/errors';
import type { RegisterDb } from '../../platform/db/open';
import { emailConsentEntries } from '../../platform/db/schema';
import type { RegisterTx } from '../../platform/db/transaction';
import { encryptField, lookupHash, type PiiKeys } from '../../platform/security/pii-crypto';

const ADDRESS_COLUMN = 'email_consent_entries.email_sealed';
const LOOKUP_COLUMN = 'email.address';

/**
 * Consent to marketing email (issue #22): a ledger like the SMS one, smaller
 * because email has no keywords — a grant or a revocation, the latest wins.
 * Nothing sends email yet; the ledger is what a sender will read.
 */
export const emailLookup = (keys: PiiKeys, email: string): string => lookupHash(keys.lookup, LOOKUP_COLUMN, emailSearchForm(email));

export interface EmailConsentInput {
  readonly action: 'grant' | 'revoke';
  readonly source: ConsentSource;
  readonly proof: string;
  readonly recordedBy?: string;
}

/** Appends one entry to the address's ledger (nothing is ever changed or removed). */
export function recordEmailConsent(db: RegisterDb | RegisterTx, keys: PiiKeys, email: string, entry: EmailConsentInput, at: Date): void {
  const address = emailSearchForm(email);
  if (entry.proof.trim() === '') throw new AppError('EMAIL_CONSENT_PROOF', 'Record the proof of consent (the form, the message or the call it came from).');
  db.insert(emailConsentEntries)
    .values({
      emailLookup: emailLookup(keys, address),
      emailSealed: encryptField(keys.encryption, ADDRESS_COLUMN, address),
      action: entry.action,
      source: entry.source,
      at,
      proof: entry.proof.trim(),
      recordedBy: entry.recordedBy ?? null,
    })
    .run();
}

/** Whether the address's latest entry is a grant. */
export function hasEmailConsent(db: RegisterDb | RegisterTx, keys: PiiKeys, email: string): boolean {
  const latest = db
    .select({ action: emailConsentEntries.action })
    .from(emailConsentEntries)
    .where(eq(emailConsentEntries.emailLookup, emailLookup(keys, email)))
    .orderBy(desc(emailConsentEntries.id))
    .limit(1)
    .get();
  return latest?.action === 'grant';
}
