import { hasConsent, isStopped, type ConsentKind } from '../../../shared/domain/notifications/consent';
import { AppError } from '../../../shared/errors';
import type { RegisterDb } from '../../platform/db/open';
import type { RegisterTx } from '../../platform/db/transaction';
import type { PiiKeys } from '../../platform/security/pii-crypto';
import { ledgerOf, recordConsent } from '../notifications/ledger';

/**
 * A customer's text opt-ins are the SMS consent ledger's entries for their
 * phone (issue #21's ledger, append-only): the counter adds a grant or a
 * revocation with source `counter`, the proof the customer gave and the
 * staff member who took it. What may be sent is decided from the whole
 * ledger as for any number — a STOP texted from the phone outranks
 * anything recorded here.
 */
export interface SmsOptIns {
  readonly transactional: boolean;
  readonly marketing: boolean;
  /** The number texted STOP last: nothing is sent until it texts START. */
  readonly stopped: boolean;
}

export interface CounterConsent {
  readonly action: 'grant' | 'revoke';
  readonly kind: ConsentKind;
  /** The customer signed (the paper form or the screen) — marketing texts need consent in writing. */
  readonly written: boolean;
  readonly proof: string;
  readonly staffId: string;
}

export function recordCounterConsent(tx: RegisterTx, keys: PiiKeys, phone: string | null, consent: CounterConsent, at: Date): void {
  if (phone === null) throw new AppError('CUSTOMER_PHONE_MISSING', 'Add the customer’s phone number first: a text opt-in belongs to a number.');
  // The ledger would record an unwritten marketing grant and never act on it; at the counter that is a mistake to say out loud.
  if (consent.action === 'grant' && consent.kind === 'marketing' && !consent.written) {
    throw new AppError(
      'CUSTOMER_MARKETING_CONSENT_UNWRITTEN',
      'Marketing texts need the customer’s written consent: have them sign the opt-in form and record its number as proof.',
    );
  }
  const proof = consent.proof.trim();
  const entry =
    consent.action === 'grant'
      ? { action: 'grant' as const, kind: consent.kind, written: consent.written, source: 'counter' as const, proof, recordedBy: consent.staffId }
      : { action: 'revoke' as const, kind: consent.kind, source: 'counter' as const, proof, recordedBy: consent.staffId };
  recordConsent(tx, keys, phone, entry, at);
}

export function smsOptInsOf(db: RegisterDb | RegisterTx, keys: PiiKeys, phone: string | null): SmsOptIns {
  if (phone === null) return { transactional: false, marketing: false, stopped: false };
  const ledger = ledgerOf(db, keys, phone);
  return {
    transactional: hasConsent(ledger, phone, 'transactional'),
    marketing: hasConsent(ledger, phone, 'marketing'),
    stopped: isStopped(ledger, phone),
  };
}
