import { and, asc, eq } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import type { RegisterDb } from '../../platform/db/open';
import { customers, preferenceOptions } from '../../platform/db/schema';
import type { RegisterTx } from '../../platform/db/transaction';
import { decryptField, encryptField, type PiiKeys } from '../../platform/security/pii-crypto';
import { PII_COLUMNS } from '../customers/pii';

/**
 * A customer's preferred product categories and effects (issue #22), chosen
 * from the store's managed list (like the note tags: a manager adds, renames
 * or retires an option; the counter only picks). The choice is sealed on the
 * customer's record: an effect such as "sleep" or "pain relief" can say
 * something about their health, and nothing searches by it.
 */
const COLUMN = PII_COLUMNS.preferences;
export const MAX_PREFERENCES = 5;

type Reader = RegisterDb | RegisterTx;

export interface PreferenceOption {
  readonly key: string;
  readonly kind: 'category' | 'effect';
  readonly label: string;
  readonly active: boolean;
}

export function preferenceOptionsOf(db: Reader, storeId: string, includeRetired: boolean): PreferenceOption[] {
  return db
    .select({ key: preferenceOptions.key, kind: preferenceOptions.kind, label: preferenceOptions.label, active: preferenceOptions.active })
    .from(preferenceOptions)
    .where(and(eq(preferenceOptions.storeId, storeId), includeRetired ? undefined : eq(preferenceOptions.active, true)))
    .orderBy(asc(preferenceOptions.kind), asc(preferenceOptions.label))
    .all();
}

/** Replaces the customer's preferences: every key must be an active option of the store (checked before anything is written). */
export function writePreferences(tx: RegisterTx, keys: PiiKeys, storeId: string, customerId: string, chosen: readonly string[]): string[] {
  const unique = [...new Set(chosen)];
  const active = new Set(preferenceOptionsOf(tx, storeId, false).map((o) => o.key));
  const unknown = unique.filter((key) => !active.has(key));
  if (unknown.length > 0)
    throw new AppError('CUSTOMER_PREFERENCE_UNKNOWN', `Not on the store’s list of preferences (or retired): ${unknown.join(', ')}. Pick from the list.`);
  if (unique.length > MAX_PREFERENCES) throw new AppError('CUSTOMER_PREFERENCES_TOO_MANY', `Keep it short: at most ${MAX_PREFERENCES} preferences.`);
  tx.update(customers)
    .set({ preferences: sealPreferences(keys, unique) })
    .where(eq(customers.id, customerId))
    .run();
  return unique;
}

/** The chosen option keys as the record keeps them: sealed, or null for none. */
export function sealPreferences(keys: PiiKeys, chosen: readonly string[]): string | null {
  return chosen.length === 0 ? null : encryptField(keys.encryption, COLUMN, JSON.stringify(chosen));
}

/** The chosen option keys, opened. */
export function openPreferences(keys: PiiKeys, sealed: string): string[] {
  return JSON.parse(decryptField(keys.encryption, COLUMN, sealed)) as string[];
}

/** The customer's preferences with their labels (an option retired since still shows, marked by `active`). */
export function preferencesOf(db: Reader, keys: PiiKeys, storeId: string, sealed: string | null): PreferenceOption[] {
  if (sealed === null) return [];
  const chosen = openPreferences(keys, sealed);
  const options = new Map(preferenceOptionsOf(db, storeId, true).map((o) => [o.key, o]));
  return chosen.map((key) => options.get(key) ?? { key, kind: 'category', label: key, active: false });
}
