import { eq, sql } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { appendAudit } from '../../platform/audit/log';
import { customerNameTokens, customers } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import type { RegisterTx } from '../../platform/db/transaction';
import type { PiiKeys } from '../../platform/security/pii-crypto';
import { openCustomerPii } from './customer-pii';

/**
 * Every table that names a customer by `customer_id`: a merge moves each
 * row of the duplicate to the record that is kept. A table added later with
 * such a column must be named here (test/main/features/customers/merge.test.ts
 * compares this list with the database's own).
 */
export const CUSTOMER_HISTORY_TABLES = [
  'sales',
  'carts',
  'id_verifications',
  'compliance_flags',
  'limit_ledger',
  'customer_notes',
  'cart_loyalty_redemptions',
  'loyalty_ledger',
  'quality_incidents',
  'store_credits',
] as const;

export interface CustomerMerge {
  readonly keepId: string;
  readonly mergeId: string;
  readonly reason: string;
  readonly staffId: string;
  readonly terminalId: string;
  readonly now: Date;
}

/**
 * A manager merges a duplicate record into the one kept, in one
 * transaction: the duplicate's sales, limits, ID checks, points, notes,
 * incidents and credits become the kept record's, so its limits and its
 * loyalty count everything the person did under either. The duplicate stays
 * on file, marked merged and out of search. Refused when the two records
 * cannot be one person (different birth dates, IDs or patients) or are of
 * different kinds. Audited; every sale that moved is sealed again as it now
 * stands (platform/audit/sale-seal.ts).
 */
export function mergeCustomers(tx: RegisterTx, keys: PiiKeys, merge: CustomerMerge): { keptId: string; mergedId: string; moved: Record<string, number> } {
  if (merge.keepId === merge.mergeId) throw new AppError('CUSTOMER_MERGE_SAME', 'Pick two different records: a record cannot be merged into itself.');
  const keep = liveCustomer(tx, merge.keepId);
  const duplicate = liveCustomer(tx, merge.mergeId);
  if (keep.storeId !== duplicate.storeId) throw new AppError('CUSTOMER_NOT_FOUND', 'Both records must be customers of this store.');
  if (keep.customerType !== duplicate.customerType) {
    throw new AppError(
      'CUSTOMER_MERGE_TYPES_DIFFER',
      `One record is ${keep.customerType} and the other ${duplicate.customerType}: change the duplicate's type first, or keep both.`,
    );
  }
  const differs = (a: string | null, b: string | null) => a !== null && b !== null && a !== b;
  const keptPii = openCustomerPii(keys, keep);
  const duplicatePii = openCustomerPii(keys, duplicate);
  if (
    keptPii.dateOfBirth !== duplicatePii.dateOfBirth ||
    differs(keep.personKey, duplicate.personKey) ||
    differs(keep.caregiverForId, duplicate.caregiverForId)
  ) {
    throw new AppError(
      'CUSTOMER_MERGE_DIFFERENT_PEOPLE',
      'These records are two people (their birth dates, checked IDs or patients differ): they cannot be merged.',
    );
  }

  const moved = moveCustomerHistory(tx, keep, duplicate, { at: merge.now, staffId: merge.staffId, terminalId: merge.terminalId, reason: merge.reason });

  return { keptId: keep.id, mergedId: duplicate.id, moved };
}

/**
 * The merge itself, once it is known to be one person: every row of the
 * duplicate's history becomes the kept record's, its person key and contact
 * details go with it where the kept record has none, and the duplicate is
 * marked merged and out of search; audited, with every sale that moved
 * sealed again as it now stands. Shared by a merge made here and one made
 * at another register of the store (store-link reads it back).
 */
export function moveCustomerHistory(
  tx: RegisterTx,
  keep: typeof customers.$inferSelect,
  duplicate: typeof customers.$inferSelect,
  merge: { readonly at: Date; readonly staffId: string | null; readonly terminalId: string | null; readonly reason: string },
): Record<string, number> {
  const moved: Record<string, number> = {};
  const movedSales = tx.all<{ id: string }>(sql`SELECT id FROM sales WHERE customer_id = ${duplicate.id}`).map((r) => r.id);
  for (const table of CUSTOMER_HISTORY_TABLES) {
    moved[table] = tx.run(sql`UPDATE ${sql.identifier(table)} SET customer_id = ${keep.id} WHERE customer_id = ${duplicate.id}`).changes;
  }
  moved['caregivers'] = tx.update(customers).set({ caregiverForId: keep.id }).where(eq(customers.caregiverForId, duplicate.id)).run().changes;
  // The person behind the duplicate's ID checks is the kept record's person now.
  if (keep.personKey === null && duplicate.personKey !== null)
    tx.update(customers).set({ personKey: duplicate.personKey }).where(eq(customers.id, keep.id)).run();
  // Contact details: the kept record takes the duplicate's phone or email where it has none (the sealed value and its
  // lookup move as they are — same column, same keys); the duplicate keeps no copy, since nothing reads it any more.
  const contact = {
    ...(keep.phone === null && duplicate.phone !== null ? { phone: duplicate.phone, phoneLookup: duplicate.phoneLookup } : {}),
    ...(keep.email === null && duplicate.email !== null ? { email: duplicate.email, emailLookup: duplicate.emailLookup } : {}),
  };
  // Preferences likewise: the kept record's own choice stands; it takes the duplicate's only when it has none.
  const preferences = keep.preferences === null && duplicate.preferences !== null ? { preferences: duplicate.preferences } : {};
  Object.assign(contact, preferences);
  if (Object.keys(contact).length > 0) tx.update(customers).set(contact).where(eq(customers.id, keep.id)).run();
  moved['contact_details'] = (contact.phone === undefined ? 0 : 1) + (contact.email === undefined ? 0 : 1);
  tx.update(customers).set({ phone: null, phoneLookup: null, email: null, emailLookup: null, preferences: null }).where(eq(customers.id, duplicate.id)).run();
  tx.delete(customerNameTokens).where(eq(customerNameTokens.customerId, duplicate.id)).run();
  tx.update(customers).set({ mergedInto: keep.id }).where(eq(customers.id, duplicate.id)).run();

  const audit = { at: merge.at, staffId: merge.staffId, terminalId: merge.terminalId };
  // Ids and counts only: the log carries no names.
  appendAudit(tx, {
    ...audit,
    action: 'customer.merge',
    entityType: 'customer',
    entityId: keep.id,
    before: { mergedId: duplicate.id },
    after: { keptId: keep.id, reason: merge.reason, moved },
  });
  for (const saleId of movedSales) {
    appendAudit(tx, { ...audit, action: 'sale.customer_merged', entityType: 'sale', entityId: saleId, after: { from: duplicate.id, to: keep.id } });
  }
  return moved;
}

/** A customer record still in use (not itself merged away). */
export function liveCustomer(tx: RegisterDb | RegisterTx, id: string): typeof customers.$inferSelect {
  const row = tx.select().from(customers).where(eq(customers.id, id)).get();
  if (row === undefined) throw new AppError('CUSTOMER_NOT_FOUND', 'That customer is not in this store.');
  if (row.mergedInto !== null) throw new AppError('CUSTOMER_MERGED', 'That record was merged into another already: search for the customer again.');
  return row;
}
