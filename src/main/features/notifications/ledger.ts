import { asc, eq } from 'drizzle-orm';
import {
  interpretInbound,
  normalisePhone,
  type ConsentEntry,
  type ConsentKind,
  type ConsentSource,
  type InboundMeaning,
} from '../../../shared/domain/notifications/consent';
import { AppError } from '../../../shared/errors';
import type { RegisterDb } from '../../platform/db/open';
import { smsConsentEntries } from '../../platform/db/schema';
import { writeTransaction, type RegisterTx } from '../../platform/db/transaction';
import { encryptField, lookupHash, type PiiKeys } from '../../platform/security/pii-crypto';

const PHONE_COLUMN = 'sms_consent_entries.phone_sealed';
const LOOKUP_COLUMN = 'sms.phone';

/**
 * A phone number as stored and compared: E.164. US numbers may be written
 * nationally (10 digits, or 11 starting with 1) — "212-555-0142" and
 * "+1 (212) 555-0142" are one number, so a STOP from either stops both.
 */
export function phoneOf(raw: string): string {
  const plain = normalisePhone(raw.trim());
  const digits = plain.replace(/^\+/, '');
  const phone = plain.startsWith('+')
    ? `+${digits}`
    : digits.length === 10
      ? `+1${digits}`
      : digits.length === 11 && digits.startsWith('1')
        ? `+${digits}`
        : '';
  if (!/^\+[1-9]\d{9,14}$/.test(phone))
    throw new AppError('SMS_PHONE_INVALID', `“${raw}” is not a phone number a text can go to: write it with its country code (+1 …).`);
  return phone;
}

/** The keyed hash every table finds a number by (the number itself is only ever stored sealed). */
export const phoneLookup = (keys: PiiKeys, phone: string): string => lookupHash(keys.lookup, LOOKUP_COLUMN, phoneOf(phone));

/** `recordedBy`: the staff member who took a consent at the counter. */
export type LedgerInput =
  | {
      readonly action: 'grant';
      readonly kind: ConsentKind;
      readonly written: boolean;
      readonly source: ConsentSource;
      readonly proof: string;
      readonly recordedBy?: string;
    }
  | { readonly action: 'revoke'; readonly kind: ConsentKind; readonly source: ConsentSource; readonly proof: string; readonly recordedBy?: string }
  | { readonly action: 'stop' | 'start'; readonly source: 'sms_keyword'; readonly proof: string };

/** Appends one entry to the number's consent ledger (nothing is ever changed or removed). */
export function recordConsent(db: RegisterDb | RegisterTx, keys: PiiKeys, rawPhone: string, entry: LedgerInput, at: Date): void {
  const phone = phoneOf(rawPhone);
  if (entry.proof.trim() === '') throw new AppError('SMS_CONSENT_PROOF', 'Record the proof of consent (the form, the message or the call it came from).');
  db.insert(smsConsentEntries)
    .values({
      phoneLookup: phoneLookup(keys, phone),
      phoneSealed: encryptField(keys.encryption, PHONE_COLUMN, phone),
      action: entry.action,
      kind: entry.action === 'grant' || entry.action === 'revoke' ? entry.kind : null,
      written: entry.action === 'grant' ? entry.written : false,
      source: entry.source,
      at,
      proof: entry.proof.trim(),
      recordedBy: entry.action === 'grant' || entry.action === 'revoke' ? (entry.recordedBy ?? null) : null,
    })
    .run();
}

/** The number's ledger, oldest first, in the shape the send decision reads. */
export function ledgerOf(db: RegisterDb | RegisterTx, keys: PiiKeys, rawPhone: string): ConsentEntry[] {
  const phone = phoneOf(rawPhone);
  return db
    .select()
    .from(smsConsentEntries)
    .where(eq(smsConsentEntries.phoneLookup, phoneLookup(keys, phone)))
    .orderBy(asc(smsConsentEntries.id))
    .all()
    .map((row): ConsentEntry => {
      const base = { phone, at: row.at, proof: row.proof };
      if (row.action === 'stop' || row.action === 'start') return { ...base, action: row.action, source: 'sms_keyword' };
      const kind = row.kind ?? 'transactional';
      return row.action === 'grant'
        ? { ...base, action: 'grant', kind, written: row.written, source: row.source }
        : { ...base, action: 'revoke', kind, source: row.source };
    });
}

/**
 * A text the customer sent in (from the provider): STOP, START and HELP by
 * their words, alone on the message. STOP and START go in the ledger with
 * the provider's message id as proof; anything else is not consent.
 */
export function takeInbound(db: RegisterDb, keys: PiiKeys, input: InboundText): InboundMeaning {
  return writeTransaction(db, (tx) => takeInboundIn(tx, keys, input));
}

export interface InboundText {
  readonly from: string;
  readonly text: string;
  readonly messageId: string;
  readonly at: Date;
}

/** takeInbound inside the caller's transaction (the relay's texts feed moves its cursor in the same one). */
export function takeInboundIn(tx: RegisterTx, keys: PiiKeys, input: InboundText): InboundMeaning {
  const meaning = interpretInbound(input.text);
  if (meaning === 'stop' || meaning === 'start')
    recordConsent(tx, keys, input.from, { action: meaning, source: 'sms_keyword', proof: `inbound ${input.messageId}` }, input.at);
  return meaning;
}
