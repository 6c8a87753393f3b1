import { eq, sql } from 'drizzle-orm';
import type { RegisterDb } from '../../platform/db/open';
import { preparedOnce } from '../../platform/db/prepared';
import { customers } from '../../platform/db/schema';
import type { RegisterTx } from '../../platform/db/transaction';

/**
 * Whose medical registration a purchase is made under: a patient's own, or
 * for a caregiver the patient they buy for. Null for an adult-use customer,
 * an unknown id, or a caregiver with no patient on file.
 */
export function patientIdFor(db: RegisterDb | RegisterTx, customerId: string): string | null {
  const customer = typeOfCustomer(db).get({ customerId });
  if (customer === undefined || customer.type === 'adult') return null;
  return customer.type === 'caregiver' ? customer.patientId : customerId;
}

// Asked by every sale to a known customer: prepared once per connection (issue #18).
const typeOfCustomer = preparedOnce((db) =>
  db
    .select({ type: customers.customerType, patientId: customers.caregiverForId })
    .from(customers)
    .where(eq(customers.id, sql.placeholder('customerId')))
    .prepare(),
);
