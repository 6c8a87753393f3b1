import { and, eq, inArray, notLike, or } from 'drizzle-orm';
import { customerNameTokens, customers } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { writeTransaction, type RegisterTx } from '../../platform/db/transaction';
import type { PiiKeys } from '../../platform/security/pii-crypto';
import { nameTokens, normalizeName, openCustomerPii, sealCustomerPii, searchToken, type CustomerPii } from './customer-pii';

type Reader = RegisterDb | RegisterTx;
export type NewCustomer = Omit<typeof customers.$inferInsert, 'firstName' | 'lastName' | 'dateOfBirth'> & CustomerPii;

/** Writes a customer with their name and birth date sealed, and the name's blind index. */
export function insertCustomer(tx: RegisterTx, keys: PiiKeys, customer: NewCustomer): void {
  tx.insert(customers)
    .values({ ...customer, ...sealCustomerPii(keys, customer) })
    .run();
  indexName(tx, keys, customer.id, customer.firstName, customer.lastName);
}

/**
 * The counter's name search: candidates by the blind index of the search's
 * prefix (first or last name), then decrypted, checked against the whole
 * search text, and sorted by last then first name.
 */
export function searchCustomersByName(db: Reader, keys: PiiKeys, storeId: string, text: string, limit: number) {
  const wanted = normalizeName(text);
  const ids = db
    .select({ id: customerNameTokens.customerId })
    .from(customerNameTokens)
    .where(eq(customerNameTokens.token, searchToken(keys, text)))
    .all();
  if (ids.length === 0 || wanted === '') return [];
  const rows = db
    .select()
    .from(customers)
    .where(and(eq(customers.storeId, storeId), inArray(customers.id, [...new Set(ids.map((r) => r.id))])))
    .all();
  return rows
    .map((row) => ({ row, pii: openCustomerPii(keys, row) }))
    .filter(({ pii }) => normalizeName(pii.lastName).startsWith(wanted) || normalizeName(pii.firstName).startsWith(wanted))
    .sort((a, b) => a.pii.lastName.localeCompare(b.pii.lastName) || a.pii.firstName.localeCompare(b.pii.firstName))
    .slice(0, limit);
}

/**
 * Start-up: customers an older build wrote with their name and birth date
 * in clear are sealed and indexed, in one transaction. Idempotent.
 */
export function sealLegacyCustomers(db: RegisterDb, keys: PiiKeys): { sealed: number } {
  return writeTransaction(db, (tx) => {
    const clear = tx
      .select()
      .from(customers)
      .where(or(notLike(customers.firstName, 'v_:%'), notLike(customers.lastName, 'v_:%'), notLike(customers.dateOfBirth, 'v_:%')))
      .all();
    for (const row of clear) {
      const pii = openCustomerPii(keys, row);
      tx.update(customers).set(sealCustomerPii(keys, pii)).where(eq(customers.id, row.id)).run();
      tx.delete(customerNameTokens).where(eq(customerNameTokens.customerId, row.id)).run();
      indexName(tx, keys, row.id, pii.firstName, pii.lastName);
    }
    return { sealed: clear.length };
  });
}

/** The name's blind index made again from the record as it now stands (its name changed at another register). */
export function reindexCustomerName(tx: RegisterTx, keys: PiiKeys, customerId: string): void {
  const row = tx.select().from(customers).where(eq(customers.id, customerId)).get();
  tx.delete(customerNameTokens).where(eq(customerNameTokens.customerId, customerId)).run();
  if (row === undefined || row.mergedInto !== null) return;
  const pii = openCustomerPii(keys, row);
  indexName(tx, keys, customerId, pii.firstName, pii.lastName);
}

function indexName(tx: RegisterTx, keys: PiiKeys, customerId: string, firstName: string, lastName: string): void {
  for (const token of nameTokens(keys, firstName, lastName)) tx.insert(customerNameTokens).values({ customerId, token }).run();
}
