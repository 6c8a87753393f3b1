import { eq, sql } from 'drizzle-orm';
import type { RegisterDb } from '../../platform/db/open';
import { preparedOnce } from '../../platform/db/prepared';
import { carts, customers } from '../../platform/db/schema';
import { openMedicalRegistration } from '../customers/pii';
import { patientIdFor } from '../customers/patient';
import type { PiiKeys } from '../../platform/security/pii-crypto';
import type { PatientStatus } from '../sync/metrc/patient-status';
import type { SyncMonitor } from '../sync/monitor';
import { saleSubject } from './sale-subject';
import type { StateCheck } from './state-allotment';
import { patientStatusRequired } from '../../../shared/domain/compliance/state-verification';

/**
 * Before a medical sale in a state that holds patients' allotments, ask the
 * state (through the sync engine's Metrc connection, cached a minute). The
 * answer is kept on the customer; offline, the last kept answer is used and
 * the sale is marked verified offline. Runs before the sale's transaction:
 * no network inside a transaction.
 */
export async function stateCheckForCart(
  db: RegisterDb,
  keys: PiiKeys,
  sync: SyncMonitor,
  request: { readonly cartId: string; readonly terminalId: string; readonly now: Date },
): Promise<StateCheck | null> {
  const cart = cartBuyer(db).get({ cartId: request.cartId });
  if (cart === undefined || cart.customerId === null || cart.customerType === 'adult') return null;
  const { state } = saleSubject(db, request.terminalId, cart.customerId, cart.customerType, request.now);
  if (patientStatusRequired(state) === null) return null;
  // A caregiver buys against their patient's allotment: ask about the patient.
  const patientId = patientIdFor(db, cart.customerId);
  if (patientId === null) return null;
  const customer = db
    .select({ sealed: customers.medicalRegistration, status: customers.stateStatus, at: customers.stateStatusAt })
    .from(customers)
    .where(eq(customers.id, patientId))
    .get();
  if (customer?.sealed == null) return null;
  const answer = await sync.patientStatus(openMedicalRegistration(keys, customer.sealed));
  if (answer.online) {
    db.update(customers).set({ stateStatus: answer.status, stateStatusAt: request.now }).where(eq(customers.id, patientId)).run();
    return { source: 'online', status: answer.status, at: request.now };
  }
  return { source: 'last_known', status: (customer.status as PatientStatus | null) ?? null, at: customer.at, reason: answer.reason };
}

// Every sale asks first, adult-use ones too: prepared once per connection (issue #18: built per call it cost a sale 35 µs).
const cartBuyer = preparedOnce((db) =>
  db
    .select({ customerId: carts.customerId, customerType: carts.customerType })
    .from(carts)
    .where(eq(carts.id, sql.placeholder('cartId')))
    .prepare(),
);
